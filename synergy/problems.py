"""Reporting a content mistake: one log record that carries the file it is about.

    problems.report(logger, settings, content.source_path, "FAQ section ... -- add ...")

logs at ERROR with the file in the record itself (`extra={"source_path": ...}`,
as Pelican's own records carry their extras), so whoever collects the records
(the strict plugin, or Pelican's console) names the file without guessing.
Pelican's own messages do not carry a file; code that knows which file is being
processed says so around the work:

    with problems.about(article.source_path):
        html = article.content          # Pelican's link warnings land on this file

and `source_of(record)` finds the file of any record: its own, else the one
being processed when it was logged.

A warning the editor should see but that stops no build (a review more than 12
months old) is logged at WARNING with `advice` set in the record; whoever
collects the records ranks it at NOTICE, below any warning that fails a strict
build. `said()` logs a catalogue message (synergy.catalogue) either way, as its
severity asks.
"""

import contextlib
import contextvars
import logging

from .paths import shown_in

EXTRA = "source_path"
PROBLEM = "problem"

ADVICE = "advice"
# The rank of advice among log levels: above INFO, below any WARNING.
NOTICE = 25

_current = contextvars.ContextVar("synergy_current_source", default=None)


@contextlib.contextmanager
def about(source_path):
    """Records logged inside this block without a file of their own are about source_path."""
    token = _current.set(source_path)
    try:
        yield
    finally:
        _current.reset(token)


def current():
    """The file being processed now, or None."""
    return _current.get()


def source_of(record):
    """The file a log record is about: its own `source_path`, else the one being processed."""
    return getattr(record, EXTRA, None) or current()


def report(logger, settings, source_path, problem, *, level=logging.ERROR, advice=False):
    """Log `problem` ("what is wrong -- what to do") about one content file.

    The message starts with the file as the editor knows it (content/blog/x.md),
    so it reads the same on Pelican's console as in a strict build's report; the
    record also carries the file and the bare problem as extras.
    """
    where = shown_in(source_path, settings) if source_path else "build"
    logger.log(level, "%s: %s", where, problem,
               extra={EXTRA: source_path, PROBLEM: problem, ADVICE: advice})


def said(logger, settings, source_path, message):
    """Log a synergy.catalogue.Said about one file: an error, or a warning that stops nothing."""
    if message.is_warning:
        report(logger, settings, source_path, message.text, level=logging.WARNING, advice=True)
    else:
        report(logger, settings, source_path, message.text)
