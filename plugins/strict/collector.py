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

    def __init__(self, content_root):
        super().__init__(level=logging.WARNING)
        self.content_root = content_root
        self.problems = []

    def emit(self, record):
        # The handler runs inside the logging call, so the content being processed
        # and the exception being handled are still on the stack: that is how a
        # line can name the file even when Pelican's own message does not.
        source = _source_on_stack() or ""
        error = sys.exc_info()[1]
        line = messages.explain(record.getMessage(), source, error, self.content_root)
        if line not in self.problems:
            self.problems.append(line)


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
    """At `initialized`: start collecting when the settings ask for a strict build."""
    global _collector
    uninstall()
    if not pelican.settings.get("STRICT_BUILD"):
        return
    _collector = ProblemCollector(_content_root(pelican.settings))
    logging.getLogger().addHandler(_collector)


def uninstall():
    global _collector
    if _collector is not None:
        logging.getLogger().removeHandler(_collector)
        _collector = None


def report(pelican):
    """At `finalized`: print each problem on its own line and fail the build."""
    collector = _collector
    uninstall()
    if collector is None or not collector.problems:
        return
    for line in collector.problems:
        print(line, file=sys.stderr)
    count = len(collector.problems)
    print(
        f"Build failed: {count} problem{'s' if count != 1 else ''} to fix (see EDITING.md).",
        file=sys.stderr,
    )
    # SystemExit passes through Pelican's catch-all, so the editor sees these
    # lines and a non-zero exit, not a traceback.
    sys.exit(1)


def register():
    signals.initialized.connect(install)
    signals.finalized.connect(report)
