"""A page's HTML cut into its introduction and its `##` sections, for templates that lay them out.

The home page is written as plain Markdown (content/pages/home.md): the text
before the first level-2 heading is its introduction, each `##` section becomes
a card, and the last section is the call to action. Rather than the template
cutting HTML apart as text, it asks this plugin's `sections` filter:

    {% set intro, sections = page.content | sections %}

`intro` is the HTML before the first <h2>; each of `sections` has `heading`
(the <h2> element itself, id included), `body` (the HTML up to the next <h2>)
and `has_links`. The filter reads the page's finished content (links replaced,
FAQ rewritten), so it does not depend on any other plugin's order.

The `outline` filter gives a long page's level-2 headings (id and words) for its
"On this page" list, and nothing for a short page (outline.py; settings
OUTLINE_MIN_WORDS, 400, and OUTLINE_MIN_SECTIONS, 3).

Signals: `initialized` (the outline's settings), `generator_init` (the filters).
"""

from .cut import register  # noqa: F401
