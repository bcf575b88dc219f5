"""Where the project's errors are caught: one line on stderr, exit status 1.

Two doors lead into the code, and each has one boundary:

- a Pelican build (`pelican ...`, `invoke build`, the tests' builds): Pelican's
  own main() catches any exception and logs it as CRITICAL with its traceback.
  `install()` puts a filter on Pelican's logger that sees that record first: a
  SynergyError is printed as its one line and the process exits 1, before
  Pelican prints anything. Every plugin calls `install()` in its `register()`,
  so the filter is there whichever plugins a site enables, in any order.
- a task (tasks.py): `guard()` around the task's body does the same.

Anything that is not a SynergyError is a bug and keeps its traceback.
"""

import contextlib
import logging
import sys

from .errors import SynergyError

PELICAN_LOGGER = "pelican"


def exit_with(error, stream=None):
    """Print the error's one line and leave with status 1."""
    print(error.line(), file=stream or sys.stderr, flush=True)
    raise SystemExit(1)


class _OneLine(logging.Filter):
    """On Pelican's logger: its catch-all's record of a SynergyError becomes the error's line."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, SynergyError):
            exit_with(error)
        return True


def install():
    """Make Pelican's catch-all print our errors as one line (idempotent)."""
    logger = logging.getLogger(PELICAN_LOGGER)
    if not any(isinstance(existing, _OneLine) for existing in logger.filters):
        logger.addFilter(_OneLine())


@contextlib.contextmanager
def guard(stream=None):
    """Around a task's body: a SynergyError ends it with one line and exit status 1."""
    try:
        yield
    except SynergyError as error:
        exit_with(error, stream)
