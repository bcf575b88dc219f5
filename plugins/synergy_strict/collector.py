"""Collect every warning and error of a build and turn each into one plain line."""

import logging
import os
import sys

from pelican import signals
from pelican.contents import Content
from pelican.writers import Writer

from synergy import problems, settings
from synergy.plugin import connect

from . import messages

DEFAULTS = {"STRICT_BUILD": False, "STRICT_REPORT": False}

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
        source = problems.source_of(record) or ""
        stated = getattr(record, problems.PROBLEM, None)
        if stated is not None:
            problem = messages.stated(stated, source, self.content_root)
        else:
            # Logged inside an `except` block, the exception being handled is the cause.
            error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
            problem = messages.explain(record.getMessage(), source, error, self.content_root)
        if problem not in self.problems:
            self.problems.append(problem)

    def fatal(self):
        return [problem for problem in self.problems if problem.key in messages.FATAL]


class MarkingWriter(Writer):
    """Pelican's writer, saying which source file each page is rendered from.

    Pelican replaces {filename} links when a page's content is first rendered,
    and its warnings name only the link; rendered inside `problems.about()`,
    they name the file they are in.
    """

    def _add_item_to_the_feed(self, feed, item):
        # A feed renders each post's content again (with the feed's absolute links).
        with problems.about(getattr(item, "source_path", None)):
            return super()._add_item_to_the_feed(feed, item)

    def write_file(self, name, template, context, *args, **kwargs):
        source = next((value.source_path for value in kwargs.values()
                       if isinstance(value, Content) and getattr(value, "source_path", None)),
                      None)
        if source is None:
            return super().write_file(name, template, context, *args, **kwargs)
        with problems.about(source):
            return super().write_file(name, template, context, *args, **kwargs)


def install(pelican):
    """At `initialized`: start collecting problems, and report after everyone else.

    Every build collects, so a mistake that would crash Pelican (two files with
    one slug) is reported as a line in any build; only a strict build fails on
    the rest.
    """
    global _collector
    uninstall()
    values = settings.resolve(pelican.settings, DEFAULTS)
    strict = settings.yes_or_no(values, "STRICT_BUILD")
    settings.yes_or_no(values, "STRICT_REPORT")
    pelican.settings.update(values)
    if strict:
        # A file read from the content cache does not repeat its warnings, so
        # a strict build reads every file afresh (it still writes the cache).
        pelican.settings["LOAD_CONTENT_CACHE"] = False
    _collector = ProblemCollector(os.path.abspath(pelican.settings.get("PATH", "content")),
                                  strict=strict)
    _collector.report_only = values["STRICT_REPORT"]
    logging.getLogger().addHandler(_collector)
    # Every plugin has connected its receivers by now: connected again, the
    # report comes after all other `finalized` receivers, so a problem any of
    # them logs is in it.
    signals.finalized.disconnect(report)
    signals.finalized.connect(report)


def uninstall():
    global _collector
    if _collector is not None:
        logging.getLogger().removeHandler(_collector)
        _collector = None


def _fail(found):
    for problem in found:
        print(problem.line, file=sys.stderr)
    print(messages.summary(len(found)), file=sys.stderr)
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
    """At `finalized`, last: print each problem on its own line and fail a strict build.

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


def get_writer(pelican):
    return MarkingWriter


def register():
    connect(signals.initialized, install)
    connect(signals.get_writer, get_writer)
    connect(signals.all_generators_finalized, check_before_writing)
    connect(signals.finalized, report)
