"""Pelican's warnings, rewritten as `file: what is wrong -- what to do`.

The words come from the one catalogue, synergy/catalogue.py: where Pelican finds
a mistake the content rules also find (a date it cannot read, a line given
twice, a link to no file), the line is the rules' own, word for word, so a
mistake reported by both is printed once. RULES map one of Pelican's log
messages to a catalogue entry. Anything unknown is still reported in Pelican's
words (with the file when one could be found), so no problem is ever hidden.
"""

import os
import re
from typing import NamedTuple

from synergy.catalogue import counted, text
from synergy.metadata import read_file_fields
from synergy.paths import shown

# Problems that would crash Pelican later: reported even in a lenient build.
FATAL = {"content.slug_taken"}


def _say(ref, **values):
    """(the catalogue entry filled in, its ref)"""
    return text(ref, **values), ref


def _field_holding(path, value):
    """The metadata field whose value is `value` (Pelican's date error names none)."""
    for field in read_file_fields(path):
        if field.value == value:
            return field.name
    return "date"


def _unreadable(match, error, path, rest):
    if isinstance(error, UnicodeDecodeError):
        return _say("content.not_utf8")
    first = str(error).strip().splitlines()[0] if error and str(error).strip() else ""
    date = re.search(r"^'(?P<value>.*)' is not a valid date", first)
    if date:
        return _say("content.not_a_date", field=_field_holding(path, date["value"]), value=date["value"])
    if not first:
        first = type(error).__name__ if error else "unknown error"
    return _say("build.unreadable", error=first)


# (pattern on the first line of Pelican's message,
#  function(match, error, absolute path of the file or None, the other files
#  the message names) -> (text, ref))
RULES = [
    (
        re.compile(r"^Could not process (?P<file>\S+)"),
        _unreadable,
    ),
    (
        re.compile(r"^Unable to find '(?P<target>[^']*)', skipping url replacement"),
        lambda m, e, f, rest: _say("content.missing_link", target=m["target"]),
    ),
    (
        re.compile(r"^Replacement Indicator '(?P<kind>[^']*)' not recognized in '(?P<target>[^']*)'"),
        lambda m, e, f, rest: _say("content.unknown_link_kind", kind=m["kind"], target=m["target"]),
    ),
    (
        re.compile(r"^Skipping (?P<file>\S+): could not find information about '(?P<field>\w+)'"),
        lambda m, e, f, rest: _say("content.missing", field=m["field"],
                                   label=m["field"][:1].upper() + m["field"][1:]),
    ),
    (
        re.compile(r"^Unknown status '(?P<status>[^']*)'(?: for file (?P<file>\S+?),)?"),
        lambda m, e, f, rest: _say("content.unknown_status", value=m["status"]),
    ),
    (
        re.compile(r"^Empty alt attribute for image (?P<image>\S+) in (?P<file>\S+)"),
        lambda m, e, f, rest: _say("content.empty_alt", image=m["image"]),
    ),
    (
        re.compile(r"^\{filename\} used for linking to static content (?P<target>\S+)"),
        lambda m, e, f, rest: _say("content.filename_for_static", target=m["target"]),
    ),
    (
        re.compile(r"^Duplicate definition of `(?P<field>[^`]+)` for (?P<file>\S+?)\.? Using"),
        lambda m, e, f, rest: _say("content.given_twice", field=m["field"]),
    ),
    (
        re.compile(r'^There are \d+ (?:original \(not translated\) )?items '
                   r'"?with slug "(?P<slug>[^"]*)"'),
        lambda m, e, f, rest: _say("content.slug_taken", value=m["slug"], other=rest),
    ),
]


class Problem(NamedTuple):
    key: str     # the catalogue entry ("stated": a plugin's own line)
    where: str   # the file as the editor knows it, or "build"
    text: str    # what is wrong -- what to do

    @property
    def line(self):
        return f"{self.where}: {self.text}"


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
            # content rules do) and the others are named in the message.
            named = match.groupdict().get("file") or (listed[-1] if listed else source)
            where = relative(named, content_root) or "build"
            others = ", ".join(relative(path, content_root) for path in listed[:-1])
            words, key = advice(match, error, _absolute(named, content_root), others)
            return Problem(key, where, words)
    named = source or file_in(message)
    where = relative(named, content_root) or "build"
    return Problem("build.pelican_says", where, text("build.pelican_says", message=first_line))


def file_in(message):
    """A content file named anywhere in a message ("... in file content/blog/x.md: ...")."""
    found = re.search(r"(\S+\.(?:md|markdown|html|rst))\b", message)
    return found.group(1).rstrip(".,:;") if found else None


def stated(words, source, content_root):
    """A problem a plugin worded itself (synergy.problems.report), about its file."""
    return Problem("stated", relative(source, content_root) or "build", words)


def _problems(count):
    return counted(count, "problem").split(" ", 1)[1]


def summary(count):
    return text("build.summary", count=count, problems=_problems(count))


def preview_summary(count):
    return text("build.preview_summary", count=count, problems=_problems(count))
