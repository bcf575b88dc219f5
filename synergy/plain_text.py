"""A line of metadata (a title, a summary, a subject) as text: shown as written, escaped once.

`Text` is a str holding the text itself, so code that treats it as a string
(the email's subject line, a JSON-LD headline, a slug) gets the words; HTML
code that escapes it (`escape()`, `Markup()`, Jinja's `|e`, an autoescaping
template, Pelican's feed writer) gets them escaped exactly once, through
`__html__`. Character references are read as the characters they name, as in
the body's Markdown (`Caf&eacute;` is "Café", `Tom &amp; Jerry` "Tom & Jerry");
tags are not markup here: `<b>bold</b>` shows as those eleven characters.
"""

import html
import re

from markupsafe import Markup, escape

TAG = re.compile(r"</?[A-Za-z!][^<>]*>")


class Text(str):
    """Plain text that knows its HTML form."""

    def __html__(self):
        return escape(str.__str__(self))


def as_text(value):
    """The Text of a metadata value as the editor wrote it (a list is joined with spaces)."""
    if isinstance(value, Text):
        return value
    if isinstance(value, (list, tuple)):
        value = " ".join(str(part) for part in value)
    return Text(" ".join(html.unescape(str(value)).split()))


def as_paragraph(value):
    """A summary's HTML: its text escaped, in one paragraph, as Markdown would have made it."""
    return Markup("<p>{}</p>").format(as_text(value))


def holds_markup(value):
    """True when a value as written contains something shaped like an HTML tag."""
    text = " ".join(value) if isinstance(value, (list, tuple)) else str(value)
    return bool(TAG.search(text))
