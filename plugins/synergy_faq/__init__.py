"""FAQ sections written in plain Markdown become disclosure widgets and FAQPage JSON-LD.

An FAQ section is a heading with the class ``faq`` (``## Questions {.faq}``);
every heading one level below it is a question, and its answer is everything up
to the next question or the end of the section. See EDITING.md.

Settings: FAQ_CLASS ("faq"), FAQ_LINK_TEXT ("Link to this answer"). Signals:
`initialized` (settings), `content_object_init` (the rewrite),
`all_generators_finalized` (one line per malformed FAQ), `finalized` (the
rewrite cache saved).
"""

from .receivers import register  # noqa: F401
