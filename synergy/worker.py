"""Work done in another process while the build goes on, with its log records brought back.

A build has two cores and Pelican uses one. Parsing Markdown and rendering the
toolkit PDF can run in forked worker processes (they inherit the settings and
the imported modules, so a worker starts in milliseconds). What a worker logs
(Markdown's and Pelican's warnings, a plugin's problems) must still reach the
build's report: the worker keeps its records (`kept_records()`), sends them
back with its result as plain dicts, and the build process logs them again
(`replay()`), about the file they came from, so a strict build sees every one.

    with kept_records() as records:
        result = work()
    return result, records          # in the worker

    replay(records, source_path)    # in the build, when the result is used
"""

import contextlib
import logging
import multiprocessing
import os

from pelican.log import FilteredMessage

from . import problems

# Extras a record carries that the build's report reads (synergy.problems).
EXTRAS = (problems.EXTRA, problems.PROBLEM, problems.ADVICE)


def context():
    """The multiprocessing context for workers: fork where there is one (a worker starts at once)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def cores():
    """How many processes can run at once on this machine for this build."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Keeper(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        # Only what the build's report or console could show; a dict pickles whatever the args were.
        if record.levelno < logging.INFO:
            return
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message = f"{message}: {record.exc_info[1]}"
        kept = {"name": record.name, "levelno": record.levelno, "levelname": record.levelname,
                "msg": message, "pathname": record.pathname, "lineno": record.lineno,
                "funcName": record.funcName}
        for extra in EXTRAS:
            if hasattr(record, extra):
                kept[extra] = getattr(record, extra)
        self.records.append(kept)


@contextlib.contextmanager
def kept_records():
    """In a worker: every record logged in the block is kept (and not shown), as plain dicts."""
    root = logging.getLogger()
    keeper = _Keeper()
    saved_handlers, saved_level = root.handlers[:], root.level
    root.handlers[:] = [keeper]
    root.setLevel(logging.INFO)
    try:
        yield keeper.records
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)


def replay(records, source_path=None):
    """In the build: log a worker's records again, about source_path when they name no file."""
    if not records:
        return
    with problems.about(source_path):
        for kept in records:
            record = logging.makeLogRecord({**kept, "args": None})
            logger = logging.getLogger(record.name)
            if logger.isEnabledFor(record.levelno):
                try:
                    logger.handle(record)
                except FilteredMessage:  # Pelican's logger drops a repeated message, as it would have
                    pass
