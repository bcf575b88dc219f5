"""The toolkit's Markdown, read with the site's own Markdown settings and cut into sections.

Each level-2 heading opens a section. Its first paragraph is the section's
one-sentence description: it opens the section in the PDF and describes it on
the landing page, so it is written once. Checklist items written `- [ ] ...`
become items with a real checkbox glyph.
"""

import copy
import os
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from pelican.readers import MarkdownReader

from synergy import catalogue
from synergy.errors import ToolkitError

CHECKBOX = re.compile(r"^\s*\[( |x|X)\]\s+")
GLYPHS = {" ": "\u2610", "x": "\u2611", "X": "\u2611"}  # ☐ ☑


@dataclass
class Section:
    number: int
    title: str
    anchor: str
    description: str
    html: str


@dataclass
class Toolkit:
    source_path: str
    title: str
    subtitle: str
    summary: str
    reviewer: str
    last_reviewed: str
    intro_html: str
    sections: list = field(default_factory=list)


def _text(node):
    return " ".join(node.get_text(" ").split())


def _plain(html):
    return _text(BeautifulSoup(html or "", "html.parser"))


def read_toolkit(path, settings):
    """Parse the toolkit source at path."""
    if not os.path.isfile(path):
        raise ToolkitError(catalogue.text("toolkit.not_found"))
    # The reader adds extensions to the MARKDOWN dict it is given; keep the site's intact.
    reader = MarkdownReader(dict(settings, MARKDOWN=copy.deepcopy(settings["MARKDOWN"])))
    html, metadata = reader.read(path)
    title = _plain(str(metadata.get("title", "")))
    if not title:
        raise ToolkitError(catalogue.text("content.missing", field="title", label="Title"))

    soup = BeautifulSoup(html, "html.parser")
    _make_checkboxes(soup)
    intro, sections = [], []
    current = None
    for node in list(soup.children):
        if isinstance(node, Tag) and node.name == "h2":
            current = {"heading": node, "body": []}
            sections.append(current)
        elif current is None:
            intro.append(node)
        else:
            current["body"].append(node)
    if not sections:
        raise ToolkitError(catalogue.text("toolkit.no_sections"))
    return Toolkit(
        source_path=path,
        title=title,
        subtitle=_plain(str(metadata.get("subtitle", ""))),
        summary=_plain(str(metadata.get("summary", ""))),
        reviewer=_plain(str(metadata.get("reviewer", ""))),
        last_reviewed=str(metadata.get("last_reviewed", "")).strip(),
        intro_html="".join(str(n) for n in intro).strip(),
        sections=[_section(i, s) for i, s in enumerate(sections, start=1)],
    )


def _section(number, raw):
    heading = raw["heading"]
    title = _text(heading)
    anchor = heading.get("id") or f"section-{number}"
    heading["id"] = anchor
    body = [n for n in raw["body"] if not (isinstance(n, NavigableString) and not n.strip())]
    lead = body[0] if body else None
    if not (isinstance(lead, Tag) and lead.name == "p"):
        raise ToolkitError(catalogue.text("toolkit.section_without_paragraph", title=title))
    lead["class"] = lead.get("class", []) + ["lead"]
    return Section(
        number=number,
        title=title,
        anchor=anchor,
        description=_text(lead),
        html="".join(str(n) for n in body),
    )


def _make_checkboxes(soup):
    for item in soup.find_all("li"):
        first = item.contents[0] if item.contents else None
        if not isinstance(first, NavigableString):
            continue
        match = CHECKBOX.match(first)
        if not match:
            continue
        first.replace_with(NavigableString(first[match.end():]))
        glyph = soup.new_tag("span", attrs={"class": "box"})
        glyph.string = GLYPHS[match.group(1)]
        item.insert(0, glyph)
        item.insert(1, NavigableString(" "))
        item["class"] = item.get("class", []) + ["check"]
        parent = item.parent
        if "checklist" not in parent.get("class", []):
            parent["class"] = parent.get("class", []) + ["checklist"]
