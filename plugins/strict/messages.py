"""Pelican's warnings, rewritten as `file: what is wrong -- what to do`.

Each rule matches one of Pelican's own log messages. Anything unknown is still
reported (with the file when one could be found), so no problem is ever hidden.
"""

import os
import re

# (pattern on Pelican's message, function(match, error) -> "problem -- fix")
RULES = [
    (
        re.compile(r"^Could not process (?P<file>\S+)"),
        lambda m, e: _unreadable(e),
    ),
    (
        re.compile(r"^Unable to find '(?P<target>[^']*)', skipping url replacement"),
        lambda m, e: (
            f"link to '{m['target']}' points at no file "
            "-- check the file name and folder after {filename} (or {static} for images)"
        ),
    ),
    (
        re.compile(r"^Skipping .*: could not find information about '(?P<field>\w+)'"),
        lambda m, e: (
            f"{m['field']}: missing -- add a line '{m['field'].capitalize()}: ...' "
            "to the metadata at the top of the file"
        ),
    ),
    (
        re.compile(r"^Unknown status '(?P<status>[^']*)'"),
        lambda m, e: (
            f"status: '{m['status']}' is not a status "
            "-- use 'Status: draft' or 'Status: published'"
        ),
    ),
    (
        re.compile(r"^Empty alt attribute for image (?P<image>\S+)"),
        lambda m, e: (
            f"image '{m['image']}' has no description "
            "-- write what it shows inside the brackets: ![A calm waiting room](...)"
        ),
    ),
    (
        re.compile(r"^\{filename\} used for linking to static content (?P<target>\S+)"),
        lambda m, e: (
            f"link to '{m['target']}' uses {{filename}} for an image or file "
            "-- write {static} instead"
        ),
    ),
    (
        re.compile(r"^Duplicate definition of `(?P<field>[^`]+)`"),
        lambda m, e: f"{m['field']}: given twice -- keep one line for it",
    ),
]


def _unreadable(error):
    text = str(error) if error else ""
    date = re.search(r"^'(?P<value>.*)' is not a valid date", text)
    if date:
        return (
            f"date: '{date['value']}' is not a date "
            "-- write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2026-03-14"
        )
    if text:
        return f"could not be read ({text}) -- check the metadata lines at the top of the file"
    return "could not be read -- check the metadata lines at the top of the file"


def relative(path, content_root):
    if not path:
        return ""
    absolute = os.path.abspath(path if os.path.isabs(path) else os.path.join(content_root, path))
    base = os.path.dirname(content_root)
    rel = os.path.relpath(absolute, base)
    return absolute if rel.startswith("..") else rel


def explain(message, source, error, content_root):
    """One line for one logged problem."""
    first_line = message.strip().splitlines()[0] if message.strip() else message
    for pattern, advice in RULES:
        match = pattern.search(first_line)
        if match:
            named = match.groupdict().get("file") or source
            where = relative(named, content_root) or "build"
            return f"{where}: {advice(match, error)}"
    where = relative(source, content_root) or "build"
    return f"{where}: {first_line}"
