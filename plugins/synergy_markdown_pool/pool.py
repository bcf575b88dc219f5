"""The pool of workers converting Markdown, and the results the build takes from it."""

import copy
import hashlib
import json
import logging

from markdown import Markdown
from markdown.extensions import Extension
from pelican.readers import MarkdownReader

from synergy import worker

logger = logging.getLogger(__name__)

# Files handed to a worker at a time: fewer round trips, and the pool stays busy to the end.
CHUNK = 4

_markdown_config = None
_markdown = None


def markdown_config(settings):
    """The Markdown(**config) Pelican's reader would use with these settings (it adds extensions)."""
    reader = MarkdownReader(dict(settings, MARKDOWN=copy.deepcopy(settings["MARKDOWN"])))
    return reader.settings["MARKDOWN"]


def config_key(config):
    """The same text for equal configurations, whichever copy of them it is given."""
    return json.dumps(config, sort_keys=True, default=_described)


def _described(value):
    # An extension given as an object (the placeholders' one) is known by its class and
    # its plain data: its repr holds its address, which differs in every copy of the
    # settings, and every file would then be parsed again in the build process.
    if isinstance(value, Extension):
        data = {name: item for name, item in vars(value).items() if name != "md"}
        return [type(value).__module__, type(value).__qualname__, data]
    return repr(value)


def _start_worker(config):
    global _markdown_config, _markdown
    _markdown_config = config
    _markdown = None


def _converter():
    """The worker's Markdown, made once and reset for each file (as Python-Markdown allows)."""
    global _markdown
    if _markdown is None:
        _markdown = Markdown(**_markdown_config)
    else:
        _markdown.reset()
    return _markdown


def convert(path):
    """In a worker: (path, sha1 of the bytes, html, metadata lines, log records) of one file."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        with worker.kept_records() as records:
            md = _converter()
            # As pelican_open reads it: UTF-8, a byte-order mark dropped.
            html = md.convert(data.decode("utf-8-sig"))
            meta = dict(getattr(md, "Meta", {}))
        return path, hashlib.sha1(data).hexdigest(), html, meta, records
    except Exception:  # the build parses the file itself, and reports what is wrong with it
        return path, None, None, None, []


class Pool:
    """Every file's conversion under way in the workers; `take()` waits for one."""

    def __init__(self, settings, paths, processes):
        config = markdown_config(settings)
        self.key = config_key(config)
        self.waiting = set(paths)
        self.done = {}
        self.pool = worker.context().Pool(processes, initializer=_start_worker, initargs=(config,))
        self.results = self.pool.imap_unordered(convert, sorted(paths), chunksize=CHUNK)

    def take(self, path, settings):
        """(html, metadata lines, log records) for path, or None when the build must parse it."""
        if path not in self.waiting:
            return None
        self.waiting.discard(path)
        while path not in self.done:
            try:
                got = next(self.results)
            except StopIteration:
                return None
            self.done[got[0]] = got[1:]
        digest, html, meta, records = self.done.pop(path)
        if digest is None or config_key(settings["MARKDOWN"]) != self.key:
            return None
        with open(path, "rb") as handle:
            if hashlib.sha1(handle.read()).hexdigest() != digest:
                return None  # changed since the worker read it
        return html, meta, records

    def close(self):
        self.pool.terminate()
        self.pool.join()
