"""Cut a page's HTML at its level-2 headings."""

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from markupsafe import Markup
from pelican import signals

from synergy.plugin import connect

from .outline import check_settings, outline


@dataclass(frozen=True)
class Section:
    heading: Markup     # the <h2> element, with its attributes
    body: Markup        # everything after it, up to the next <h2>
    has_links: bool


def sections(html):
    """(introduction HTML, [Section, ...]) of a page's HTML."""
    soup = BeautifulSoup(str(html or ""), "html.parser")
    intro, found, current = [], [], None
    for node in list(soup.contents):
        if isinstance(node, Tag) and node.name == "h2":
            current = (node, [])
            found.append(current)
        elif current is None:
            intro.append(node)
        else:
            current[1].append(node)
    return Markup("".join(map(str, intro)).strip()), [
        Section(Markup(str(heading)), Markup("".join(map(str, body)).strip()),
                any(isinstance(node, Tag) and (node.name == "a" or node.find("a") is not None)
                    for node in body))
        for heading, body in found
    ]


def add_filter(generator):
    """At `generator_init`: templates get `sections` and `outline`."""
    generator.env.filters["sections"] = sections
    generator.env.filters["outline"] = outline


def register():
    connect(signals.initialized, check_settings)
    connect(signals.generator_init, add_filter)
