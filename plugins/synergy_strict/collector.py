"""Collect every problem of a build and print each as one plain line, last of all."""

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
    """A logging handler that remembers NOTICE and above as editor-friendly lines.

    A line said twice (by Pelican and by the content rules, in the same words)
    is kept once, at the graver of its two levels.
    """

    def __init__(self, content_root, strict):
        super().__init__(level=problems.NOTICE)
        self.content_root = content_root
        self.strict = strict
        self.report_only = False
        self.levels = {}      # Problem -> level, in the order first seen

    def emit(self, record):
        source = problems.source_of(record) or ""
        stated = getattr(record, problems.PROBLEM, None)
        if stated is not None:
            problem = messages.stated(stated, source, self.content_root)
        else:
            # Logged inside an `except` block, the exception being handled is the cause.
            error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
            problem = messages.explain(record.getMessage(), source, error, self.content_root)
        level = problems.NOTICE if getattr(record, problems.ADVICE, False) else record.levelno
        self.levels[problem] = max(self.levels.get(problem, 0), level)
        if record.levelno >= logging.CRITICAL:
            # The build is ending in a traceback: show what was found before it.
            self.print_lines(sys.stderr)

    @property
    def problems(self):
        return list(self.levels)

    @property
    def threshold(self):
        """The level from which a problem fails the build: any warning in a strict build."""
        return logging.WARNING if self.strict else logging.ERROR

    def failing(self):
        return [problem for problem, level in self.levels.items() if level >= self.threshold]

    def fatal(self):
        return [problem for problem in self.levels if problem.key in messages.FATAL]

    def lines(self):
        """Every problem as printed: files in name order, the build's own last."""
        ordered = sorted(self.levels.items(), key=lambda item: (item[0].where == "build", item[0].where))
        return [problem.line if level >= self.threshold
                else f"{problem.where}: warning: {problem.text}"
                for problem, level in ordered]

    def print_lines(self, stream):
        for line in self.lines():
            print(line, file=stream)
        self.levels = {}


class Quiet(logging.Filter):
    """On Pelican's console while the collector is listening: its lines come at the end."""

    def filter(self, record):
        return not (problems.NOTICE <= record.levelno < logging.CRITICAL)


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
    """At `initialized`: start collecting problems, and report after everyone else."""
    global _collector
    uninstall()
    values = settings.resolve(pelican.settings, DEFAULTS)
    strict = settings.yes_or_no(values, "STRICT_BUILD")
    settings.yes_or_no(values, "STRICT_REPORT")
    pelican.settings.update(values)
    if strict:
        # A file read from the content cache does not repeat Pelican's own
        # warnings, so a strict build reads every file afresh (it still writes
        # the cache). The content rules run on every file in every build.
        pelican.settings["LOAD_CONTENT_CACHE"] = False
    _collector = ProblemCollector(os.path.abspath(pelican.settings.get("PATH", "content")),
                                  strict=strict)
    _collector.report_only = values["STRICT_REPORT"]
    root = logging.getLogger()
    for handler in root.handlers:
        handler.addFilter(_QUIET)
    root.addHandler(_collector)
    # Every plugin has connected its receivers by now: connected again, the
    # report comes after all other `finalized` receivers, so a problem any of
    # them logs is in it.
    signals.finalized.disconnect(report)
    signals.finalized.connect(report)


_QUIET = Quiet()


def uninstall():
    global _collector
    root = logging.getLogger()
    for handler in root.handlers:
        handler.removeFilter(_QUIET)
    if _collector is not None:
        root.removeHandler(_collector)
        _collector = None


def _fail(collector, found):
    collector.print_lines(sys.stderr)
    print(messages.summary(len(found)), file=sys.stderr)
    # SystemExit passes through Pelican's catch-all, so the editor sees these
    # lines and a non-zero exit, not a traceback.
    sys.exit(1)


def check_before_writing(generators):
    """At `all_generators_finalized`: stop before any page is written over another."""
    collector = _collector
    if collector is None:
        return
    fatal = collector.fatal()
    if fatal:
        uninstall()
        if not collector.strict:
            collector.levels = {problem: collector.levels[problem] for problem in fatal}
        _fail(collector, collector.failing() or fatal)


def report(pelican):
    """At `finalized`, last: every problem on its own line; a failure fails the build.

    Any error fails every build, after the good pages are written; a strict build
    fails on any warning too. With STRICT_REPORT (the live preview) the lines are
    printed and the build carries on.
    """
    collector = _collector
    uninstall()
    if collector is None or not collector.levels:
        return
    failing = collector.failing()
    if failing and not collector.report_only:
        _fail(collector, failing)
    collector.print_lines(sys.stderr)
    if failing:
        print(messages.preview_summary(len(failing)), file=sys.stderr)


def get_writer(pelican):
    return MarkingWriter


def register():
    connect(signals.initialized, install)
    connect(signals.get_writer, get_writer)
    connect(signals.all_generators_finalized, check_before_writing)
    connect(signals.finalized, report)
