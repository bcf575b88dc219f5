"""Signal receivers: start the pool when a build will read many files afresh, swap the reader."""

import fnmatch
import os

from pelican import signals
from pelican.readers import MarkdownReader

from synergy import worker
from synergy.cache import reads_cache
from synergy.plugin import connect

from .pool import Pool
from .reader import reader_class

# Fewer files than this to read afresh are parsed in the build process: starting workers costs more.
FEWEST = 16

_pool = None
_started = False


def new_build(pelican):
    """At `initialized`: nothing of the last build's pool (the live preview builds many times)."""
    global _started
    stop()
    _started = False


def markdown_files(settings):
    """Every Markdown file of the content folder that Pelican could read, by absolute path."""
    root = os.path.abspath(settings.get("PATH", "content"))
    ignores = settings.get("IGNORE_FILES") or []
    extensions = tuple(f".{e}" for e in MarkdownReader.file_extensions)
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = [d for d in dirs if not any(fnmatch.fnmatch(d, i) for i in ignores)]
        found += [os.path.join(folder, f) for f in files
                  if f.endswith(extensions) and not any(fnmatch.fnmatch(f, i) for i in ignores)]
    return found


def to_read(settings, paths):
    """The files this build will parse: all of them, unless it loads a content cache, when only
    those changed since the cache was written (Pelican compares each file's time with it)."""
    if not reads_cache(settings):
        return paths
    cache = settings.get("CACHE_PATH", "cache")
    try:
        written = min(os.path.getmtime(os.path.join(cache, name)) for name in os.listdir(cache)
                      if name.endswith("-Readers"))
    except (OSError, ValueError):  # no content cache yet
        return paths
    return [p for p in paths if os.path.getmtime(p) >= written]


def use_pool(readers):
    """At `readers_init`: the first one of a build starts the pool; every one gets the reader."""
    global _pool, _started
    settings = readers.settings
    if not _started:
        _started = True
        paths = to_read(settings, markdown_files(settings)) if worker.cores() > 1 else []
        if len(paths) >= FEWEST:
            _pool = Pool(settings, paths, worker.cores())
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = PooledReader


def _take(path, settings):
    return _pool.take(path, settings) if _pool is not None else None


PooledReader = reader_class(_take)


def stop(*_args):
    global _pool
    if _pool is not None:
        _pool.close()
        _pool = None


def register():
    connect(signals.initialized, new_build)
    connect(signals.readers_init, use_pool)
    connect(signals.all_generators_finalized, stop)
    connect(signals.finalized, stop)
