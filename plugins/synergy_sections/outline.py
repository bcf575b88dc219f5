"""A long page's outline: the id and words of each level-2 heading, for an "On this page" list.

Markdown's toc extension gives every heading an id, so the list links to the
headings the page already has. A short page gets no list: it would only repeat
what the reader sees on one screen. What counts as long is two settings:
OUTLINE_MIN_WORDS and OUTLINE_MIN_SECTIONS, read once at `initialized`.

The page's HTML is read with regular expressions rather than a parser: the
filter runs for every page of every build, and the headings Markdown writes are
regular (`<h2 id="...">words</h2>`).
"""

import re
from dataclasses import dataclass

from markupsafe import Markup

from synergy import settings

DEFAULTS = {"OUTLINE_MIN_WORDS": 400, "OUTLINE_MIN_SECTIONS": 3}

H2 = re.compile(r"<h2\b([^>]*)>(.*?)</h2\s*>", re.S | re.I)
ID = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""", re.S)

_limits = dict(DEFAULTS)


@dataclass(frozen=True)
class Heading:
    id: str
    text: str


def check_settings(pelican):
    """At `initialized`: how long a page must be, in words and sections, to get an outline."""
    values = settings.resolve(pelican.settings, DEFAULTS)
    settings.whole_number(values, "OUTLINE_MIN_WORDS", minimum=0, example=400)
    settings.whole_number(values, "OUTLINE_MIN_SECTIONS", minimum=1, example=3)
    pelican.settings.update(values)
    _limits.update(values)


def headings(html):
    """Every level-2 heading that has an id, in order."""
    found = []
    for attributes, inner in H2.findall(str(html or "")):
        name = ID.search(attributes)
        text = " ".join(Markup(inner).striptags().split())
        if name and text:
            found.append(Heading(Markup(name.group(2)).unescape(), text))
    return found


def outline(html, min_words=None, min_sections=None):
    """The headings of a long page; [] for a short one."""
    min_words = _limits["OUTLINE_MIN_WORDS"] if min_words is None else min_words
    min_sections = _limits["OUTLINE_MIN_SECTIONS"] if min_sections is None else min_sections
    found = headings(html)
    if len(found) < min_sections:
        return []
    if len(Markup(str(html or "")).striptags().split()) < min_words:
        return []
    return found
