"""Site search: a Pagefind index of the built site, written at the end of every build.

Templates mark what may be found (data-pagefind-body) and how it can be filtered
(data-pagefind-filter). On top of the pages, each FAQ answer becomes its own
result linking to its anchor, and each listed PDF (the Wellness Toolkit) becomes
a result holding the PDF's text. The index and Pagefind's UI go to
output/pagefind/, served from our own origin; only the /search/ page loads them.

Settings: SEARCH_* (settings.py). Signals: `initialized` (settings),
`finalized` (the index, over every file other plugins have written by then:
they write during generation or at `all_generators_finalized`).
"""

from .indexer import register  # noqa: F401
