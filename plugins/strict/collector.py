"""Collect every warning and error of a build and turn each into one plain line."""

import logging
import os
import re
import sys

from pelican import signals
from pelican.contents import Content

from . import messages

_collector = None


class ProblemCollector(logging.Handler):
    """A logging handler that remembers WARNING and above as editor-friendly lines."""

    def __init__(self, content_root, strict):
        super().__init__(level=logging.WARNING)
        self.content_root = content_root
        self.strict = strict
        self.report_only = False
        self.problems = []

    def emit(self, record):
        # The handler runs inside the logging call, so the content being processed
        # and the exception being handled are still on the stack: that is how a
        # line can name the file even when Pelican's own message does not.
        source = _source_on_stack() or ""
        error = sys.exc_info()[1]
        problem = messages.explain(record.getMessage(), source, error, self.content_root)
        if problem not in self.problems:
            self.problems.append(problem)

    def fatal(self):
        return [problem for problem in self.problems if problem.key in messages.FATAL]


def _source_on_stack():
    frame = sys._getframe(1)
    while frame is not None:
        local = frame.f_locals
        owner = local.get("self")
        if isinstance(owner, Content) and getattr(owner, "source_path", None):
            return owner.source_path
        for name in ("source_path", "path"):
            value = local.get(name)
            if isinstance(value, str) and re.search(r"\.(md|markdown|html|rst)$", value):
                return value
        frame = frame.f_back
    return None


def _content_root(settings):
    return os.path.abspath(settings.get("PATH", "content"))


def install(pelican):
    """At `initialized`: start collecting problems.

    Every build collects, so a mistake that would crash Pelican (two files with
    one slug) is reported as a line in any build; only a strict build fails on
    the rest.
    """
    global _collector
    uninstall()
    strict = bool(pelican.settings.get("STRICT_BUILD"))
    if strict:
        # A file read from the content cache does not repeat its warnings, so
        # a strict build reads every file afresh (it still writes the cache).
        pelican.settings["LOAD_CONTENT_CACHE"] = False
    _collector = ProblemCollector(_content_root(pelican.settings), strict=strict)
    _collector.report_only = bool(pelican.settings.get("STRICT_REPORT"))
    logging.getLogger().addHandler(_collector)


def uninstall():
    global _collector
    if _collector is not None:
        logging.getLogger().removeHandler(_collector)
        _collector = None


def _fail(problems):
    for problem in problems:
        print(problem.line, file=sys.stderr)
    print(messages.summary(len(problems)), file=sys.stderr)
    # SystemExit passes through Pelican's catch-all, so the editor sees these
    # lines and a non-zero exit, not a traceback.
    sys.exit(1)


def check_before_writing(generators):
    """At `all_generators_finalized`: stop before any page is written over another."""
    collector = _collector
    if collector is None:
        return
    if collector.fatal():
        uninstall()
        _fail(collector.problems if collector.strict else collector.fatal())


def report(pelican):
    """At `finalized`: print each problem on its own line and fail a strict build.

    With STRICT_REPORT (the live preview sets it) a lenient build prints the
    same lines and carries on, so the editor sees them as they save.
    """
    collector = _collector
    uninstall()
    if collector is None or not collector.problems:
        return
    if collector.strict:
        _fail(collector.problems)
    if collector.report_only:
        for problem in collector.problems:
            print(problem.line, file=sys.stderr)
        print(messages.preview_summary(len(collector.problems)), file=sys.stderr)


def register():
    signals.initialized.connect(install)
    signals.all_generators_finalized.connect(check_before_writing)
    signals.finalized.connect(report)
