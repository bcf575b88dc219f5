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

Signal: `generator_init` (the filter).
"""

from .cut import register  # noqa: F401
