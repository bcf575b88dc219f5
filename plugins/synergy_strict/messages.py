"""Pelican's warnings, rewritten as `file: what is wrong -- what to do`.

MESSAGES is the catalogue of every line a strict build can print (EDITING.md
lists each one with its fix, and a test keeps the two in step). RULES map one of
Pelican's own log messages to a catalogue entry. Anything unknown is still
reported in Pelican's words (with the file when one could be found), so no
problem is ever hidden.
"""

import os
import re
from typing import NamedTuple

from synergy.metadata import read_file_fields
from synergy.paths import shown

# Every line but the last is prefixed with the file it is about: "{file}: ".
MESSAGES = {
    "not_a_date": (
        "{field}: '{value}' is not a date "
        "-- write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2026-03-14"
    ),
    "not_utf8": (
        "could not be read: it is not saved as UTF-8 text "
        "-- save it again as UTF-8 (GitHub's editor always does)"
    ),
    "unreadable": "could not be read ({error}) -- check the metadata lines at the top of the file",
    "missing_link": (
        "link to '{target}' points at no file "
        "-- check the file name and folder after {{filename}} (or {{static}} for images)"
    ),
    "unknown_link_kind": (
        "link '{target}' starts with an unknown '{{{kind}}}' "
        "-- write {{filename}} for a page or post, {{static}} for an image or file"
    ),
    "missing_field": (
        "{field}: missing -- add a line '{label}: ...' to the metadata at the top of the file"
    ),
    "unknown_status": (
        "status: '{value}' is not a status -- use 'Status: draft' or 'Status: published'"
    ),
    "empty_alt": (
        "image '{image}' has no description "
        "-- write what it shows inside the brackets: ![A calm waiting room](...)"
    ),
    "filename_for_static": (
        "link to '{target}' uses {{filename}} for an image or file -- write {{static}} instead"
    ),
    "given_twice": "{field}: given twice -- keep one line for it",
    "slug_taken": (
        "slug: '{value}' is also used by {other} -- give one of them a different 'Slug:'"
    ),
    "pelican_says": "{message}",
}

# Problems that would crash Pelican later: reported even in a lenient build.
FATAL = {"slug_taken"}

SUMMARY = "Build failed: {count} {problems} to fix (see EDITING.md)."
# The live preview's last line: it shows the site anyway.
PREVIEW_SUMMARY = "{count} {problems} to fix (see EDITING.md); the preview shows the rest."


def _say(key, **values):
    """(the catalogue entry filled in, its key)"""
    return MESSAGES[key].format(**values), key


def _field_holding(path, value):
    """The metadata field whose value is `value` (Pelican's date error names none)."""
    for field in read_file_fields(path):
        if field.value == value:
            return field.name
    return "date"


def _unreadable(match, error, path, rest):
    if isinstance(error, UnicodeDecodeError):
        return _say("not_utf8")
    text = str(error).strip().splitlines()[0] if error and str(error).strip() else ""
    date = re.search(r"^'(?P<value>.*)' is not a valid date", text)
    if date:
        return _say("not_a_date", field=_field_holding(path, date["value"]), value=date["value"])
    if not text:
        text = type(error).__name__ if error else "unknown error"
    return _say("unreadable", error=text)


# (pattern on the first line of Pelican's message,
#  function(match, error, absolute path of the file or None, the other files
#  the message names) -> (text, key))
RULES = [
    (
        re.compile(r"^Could not process (?P<file>\S+)"),
        _unreadable,
    ),
    (
        re.compile(r"^Unable to find '(?P<target>[^']*)', skipping url replacement"),
        lambda m, e, f, rest: _say("missing_link", target=m["target"]),
    ),
    (
        re.compile(r"^Replacement Indicator '(?P<kind>[^']*)' not recognized in '(?P<target>[^']*)'"),
        lambda m, e, f, rest: _say("unknown_link_kind", kind=m["kind"], target=m["target"]),
    ),
    (
        re.compile(r"^Skipping (?P<file>\S+): could not find information about '(?P<field>\w+)'"),
        lambda m, e, f, rest: _say("missing_field", field=m["field"], label=m["field"].capitalize()),
    ),
    (
        re.compile(r"^Unknown status '(?P<status>[^']*)'(?: for file (?P<file>\S+?),)?"),
        lambda m, e, f, rest: _say("unknown_status", value=m["status"]),
    ),
    (
        re.compile(r"^Empty alt attribute for image (?P<image>\S+) in (?P<file>\S+)"),
        lambda m, e, f, rest: _say("empty_alt", image=m["image"]),
    ),
    (
        re.compile(r"^\{filename\} used for linking to static content (?P<target>\S+)"),
        lambda m, e, f, rest: _say("filename_for_static", target=m["target"]),
    ),
    (
        re.compile(r"^Duplicate definition of `(?P<field>[^`]+)` for (?P<file>\S+?)\.? Using"),
        lambda m, e, f, rest: _say("given_twice", field=m["field"]),
    ),
    (
        re.compile(r'^There are \d+ (?:original \(not translated\) )?items '
                   r'"?with slug "(?P<slug>[^"]*)"'),
        lambda m, e, f, rest: _say("slug_taken", value=m["slug"], other=rest),
    ),
]


class Problem(NamedTuple):
    key: str    # the MESSAGES entry
    line: str   # what the editor reads


def _absolute(path, content_root):
    if not path:
        return None
    return path if os.path.isabs(path) else os.path.join(content_root, path)


def relative(path, content_root):
    return shown(path, content_root)


def _named_in(lines):
    """Content files named on lines of their own in a message (Pelican lists them so)."""
    return sorted(line.strip() for line in lines
                  if re.search(r"\.(md|markdown|html|rst)$", line.strip()))


def explain(message, source, error, content_root):
    """One Problem for one logged message."""
    lines = message.strip().splitlines() or [message]
    first_line = lines[0]
    for pattern, advice in RULES:
        match = pattern.search(first_line)
        if match:
            listed = _named_in(lines[1:])
            # Of several files, the last in name order is reported (as the
            # content lint does) and the others are named in the message.
            named = match.groupdict().get("file") or (listed[-1] if listed else source)
            where = relative(named, content_root) or "build"
            others = ", ".join(relative(path, content_root) for path in listed[:-1])
            text, key = advice(match, error, _absolute(named, content_root), others)
            return Problem(key, f"{where}: {text}")
    named = source or _file_in(message)
    where = relative(named, content_root) or "build"
    return Problem("pelican_says", f"{where}: {_say('pelican_says', message=first_line)[0]}")


def _file_in(message):
    """A content file named anywhere in a message ("... in file content/blog/x.md: ...")."""
    found = re.search(r"(\S+\.(?:md|markdown|html|rst))\b", message)
    return found.group(1).rstrip(".,:;") if found else None


def stated(text, source, content_root):
    """A problem a plugin worded itself (synergy.problems.report), about its file.

    Its wording is the plugin's own catalogue's (EDITING.md lists those too).
    """
    where = relative(source, content_root) or "build"
    return Problem("stated", f"{where}: {text}")


def summary(count):
    return SUMMARY.format(count=count, problems="problem" if count == 1 else "problems")


def preview_summary(count):
    return PREVIEW_SUMMARY.format(count=count, problems="problem" if count == 1 else "problems")
