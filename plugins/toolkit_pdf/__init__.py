"""The Wellness Toolkit: a tagged PDF rendered from Markdown, and the signup form's settings.

The toolkit's Markdown (content/toolkit/, outside the blog and the pages) is
read once per build. Its sections (title, anchor, one-sentence description)
reach the templates as TOOLKIT, so the landing page's list of contents comes
from the same source as the PDF. The PDF is rendered with WeasyPrint only when
its source, its print templates and styles, or the settings printed in it
change; otherwise the cached render is copied into the output.

The Mailchimp form settings are checked at `initialized`: they become
SIGNUP_FORM for the signup partial and widen the Content-Security-Policy by
exactly the list-manage origin the form posts to.
"""

from .plugin import register  # noqa: F401
