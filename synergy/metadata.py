"""The metadata lines at the top of a Markdown file, read as Pelican's reader reads them.

Python-Markdown's meta extension: `Key: value` lines from the first line up to
the first blank line (or the first line that is not metadata); an indented line
continues the value above it. Every part of the project that looks at an
editor's metadata without building (the lint, the newsletter, messages that
point at a line) reads it here.
"""

import re
from typing import NamedTuple

KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
FENCE = re.compile(r"^-{3}\s*$")
HTML_META = re.compile(r"""<meta\s+name=["'](?P<key>[^"']+)["']\s+content=["'](?P<value>[^"']*)["']""",
                       re.IGNORECASE)


class Field(NamedTuple):
    name: str      # lower case, as Pelican names it
    label: str     # as the editor wrote it
    value: str
    line: int      # 1-based


def read_fields(text):
    """[Field, ...] of a Markdown file's text, in the order written (duplicates kept)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and FENCE.match(lines[0]):
        lines = lines[1:]
        offset = 2
    else:
        offset = 1
    fields = []
    for number, line in enumerate(lines, start=offset):
        if not line.strip() or FENCE.match(line):
            break
        key = KEY.match(line)
        if key:
            fields.append(Field(key["key"].lower(), key["key"], key["value"].strip(), number))
            continue
        more = CONTINUATION.match(line)
        if more and fields:
            last = fields[-1]
            fields[-1] = last._replace(value=f"{last.value} {more['value'].strip()}".strip())
            continue
        break
    return fields


def read_html_fields(text):
    """[Field, ...] of an HTML content file's <meta name=... content=...> tags."""
    fields = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        for match in HTML_META.finditer(line):
            fields.append(Field(match["key"].lower(), match["key"], match["value"].strip(), number))
    return fields


def read_file_fields(path, limit=None):
    """The fields of a content file by its kind (.html/.htm or Markdown); [] if unreadable."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read() if limit is None else handle.read(limit)
    except (OSError, UnicodeDecodeError):
        return []
    if str(path).lower().endswith((".html", ".htm")):
        return read_html_fields(text)
    return read_fields(text)


def first(fields, name):
    """The first field called name (lower case), or None."""
    return next((field for field in fields if field.name == name), None)
