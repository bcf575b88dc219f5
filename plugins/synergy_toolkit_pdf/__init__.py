"""The Wellness Toolkit: a tagged PDF rendered from Markdown.

The toolkit's Markdown (content/toolkit/, outside the blog and the pages) is
read once per build. Its sections (title, anchor, one-sentence description)
reach the templates as TOOLKIT, so the landing page's list of contents comes
from the same source as the PDF. The PDF is rendered with WeasyPrint only when
its source, its print templates and styles, or the settings printed in it
change; otherwise the cached render is copied into the output.

With a second core, the toolkit is read and its PDF rendered (or found in the
cache) in a worker process started at `initialized`, while Pelican reads and
writes the site; its log records come back to the build's report. Its text
goes to the context's DOCUMENT_TEXT, which site search indexes the PDF by.

Settings: TOOLKIT_SOURCE, TOOLKIT_PDF_SAVE_AS, TOOLKIT_PRINT_PATH (settings.py).
Signals: `initialized` (settings; the worker starts), `all_generators_finalized`
(take the worker's result, or do the work then, and set TOOLKIT before any page
is written).
"""

from .plugin import register  # noqa: F401
