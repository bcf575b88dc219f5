"""Site search: a Pagefind index of the built site, written at the end of every build.

Pagefind is fed each batch of pages as soon as Pelican has written them
(session.py), so it indexes on the second core while Pelican writes the rest;
the build's end sends the last pages (and any HTML page not written by
Pelican's writer), the records below, and writes the index.

Templates mark what may be found (data-pagefind-body) and how it can be filtered
(data-pagefind-filter). On top of the pages, each FAQ answer becomes its own
result linking to its anchor (from the FAQ plugin's `faq` list on the page's
content object, kept as each page is written), and each listed PDF becomes a
result holding its text: the text a plugin gave for it in the context's
DOCUMENT_TEXT (the toolkit plugin gives the toolkit's, from its Markdown), else
the PDF's own text, read with pypdf once per version of the file. The index and Pagefind's UI go to
output/pagefind/, served from our own origin; only the /search/ page loads them.

Settings: SEARCH_* (settings.py). Signals: `initialized` (settings),
`content_written` (each page to Pagefind, and its FAQ answers), `all_generators_finalized` (the
shared context, for DOCUMENT_TEXT), `finalized` (the index, over every file other plugins have written by then:
they write during generation or at `all_generators_finalized`).
"""

from .indexer import register  # noqa: F401
