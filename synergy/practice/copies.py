"""A practice detail typed into a content file, where its placeholder belongs.

A typed-in copy of the booking page or the email address goes stale the day
the practice changes it, so the content lint refuses one and names the
placeholder that replaces it. Values too short to be told from ordinary words
are not looked for.
"""

import re
from typing import NamedTuple

from ..metadata import read_fields
from .check import placeholder_values

SHORTEST = 6
WHAT = {"booking": "the booking URL", "email": "the practice's email address",
        "phone": "the practice's phone number", "postal_address": "the practice's postal address"}
# Metadata a clinician's name may rightly fill (a post's byline).
BYLINES = ("author", "authors")


class Watched(NamedTuple):
    what: str           # "the booking URL"
    pattern: re.Pattern
    placeholder: str    # "{booking}"
    is_name: bool = False


class Copy(NamedTuple):
    line: int
    what: str
    value: str
    placeholder: str


def _address(url):
    """A URL as it may be typed: with or without its scheme, www. or trailing slash."""
    bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return re.compile(rf"(?:https?://)?(?:www\.)?{re.escape(bare)}/?", re.IGNORECASE)


def _phone(number):
    digits = re.sub(r"\D", "", number).removeprefix("1")
    return re.compile(r"\D{0,3}".join(digits)) if len(digits) == 10 else None


def _words(text):
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()), re.IGNORECASE)


def watched(settings):
    """What to look for: the practice's details and its clinicians' names and license numbers."""
    details = settings.get("PRACTICE") or {}
    values = placeholder_values(details)
    found = []
    for name, value in values.items():
        if len(value) < SHORTEST:
            continue
        if name == "phone":
            pattern = _phone(value)
        elif name in ("email", "postal_address"):
            pattern = _words(value)
        else:
            pattern = _address(value)
        if pattern is not None:
            what = WHAT.get(name, f"the address of the practice's {name} profile")
            found.append(Watched(what, pattern, "{" + name + "}"))
    for key, person in (settings.get("CLINICIANS") or {}).items():
        placeholder = "{clinician:" + key + "}"
        if len(person.get("name", "")) >= SHORTEST:
            found.append(Watched(f"the name of clinician '{key}'", _words(person["name"]), placeholder,
                                 is_name=True))
        if len(person.get("license_number", "")) >= SHORTEST:
            found.append(Watched(f"the license number of clinician '{key}'", _words(person["license_number"]),
                                 placeholder))
    return found


def find(text, watch):
    """Each typed-in copy in a content file's text: (line, what, value as typed, placeholder)."""
    bylines = {field.line for field in read_fields(text) if field.name in BYLINES}
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for item in watch:
            if item.is_name and number in bylines:
                continue
            match = item.pattern.search(line)
            if match:
                found.append(Copy(number, item.what, match.group(0), item.placeholder))
    return found

