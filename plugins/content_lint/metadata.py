"""Read the metadata lines at the top of a Markdown file, as Pelican's reader does.

Python-Markdown's meta extension: `Key: value` lines from the first line up to
the first blank line (or the first line that is not metadata); an indented line
continues the value above it.
"""

import re
from typing import NamedTuple

KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)$")
FENCE = re.compile(r"^-{3}\s*$")


class Field(NamedTuple):
    name: str      # lower case, as Pelican names it
    label: str     # as the editor wrote it
    value: str
    line: int      # 1-based


def read_fields(text):
    """[Field, ...] in the order written (duplicates kept)."""
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
