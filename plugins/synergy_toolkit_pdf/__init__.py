"""The Wellness Toolkit: a tagged PDF rendered from Markdown.

The toolkit's Markdown (content/toolkit/, outside the blog and the pages) is
read once per build. Its sections (title, anchor, one-sentence description)
reach the templates as TOOLKIT, so the landing page's list of contents comes
from the same source as the PDF. The PDF is rendered with WeasyPrint only when
its source, its print templates and styles, or the settings printed in it
change; otherwise the cached render is copied into the output.

Settings: TOOLKIT_SOURCE, TOOLKIT_PDF_SAVE_AS, TOOLKIT_PRINT_PATH (settings.py).
Signals: `initialized` (settings), `all_generators_finalized` (read the toolkit,
render or reuse the PDF, and set TOOLKIT before any page is written).
"""

from .plugin import register  # noqa: F401
