"""A Pagefind index fed while the site is written, finished when the build ends.

Pagefind runs in a process of its own. Fed each batch of pages as soon as
Pelican has written them, it reads and indexes them on the second core while
Pelican writes the rest; at the end only the last batch, the extra records and
the writing of the index remain. Its Python API is asynchronous: an event loop
in a thread of its own talks to it, so the build (and the live preview's own
event loop) never waits on it until `finish()`.
"""

import asyncio
import shutil
import tempfile
import threading
from pathlib import Path

from .pages import only_these
from .records import write_records

# Pages sent to Pagefind at a time: one message each, and Pagefind reads the files itself.
BATCH = 100

# Pagefind writes every UI it ships; /search/ uses the default one (pagefind-ui.*),
# so the others would only be deployed, never loaded.
UNUSED_BUNDLE_FILES = (
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class Session:
    def __init__(self, output, config, language):
        self.output = Path(output)
        self.config = config
        self.index_folder = self.output / config["output"]
        self.language = language
        self.pending = []
        self.added = set()
        self.closed = False
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="pagefind", daemon=True)
        self.thread.start()
        self.jobs = [self._submit(self._start())]

    def _submit(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    async def _start(self):
        # Imported here: a build with SEARCH_INDEX off (the live preview after its first build) never loads it.
        from pagefind.index import PagefindIndex

        self.lock = asyncio.Lock()
        self.index = await PagefindIndex({
            "output_path": str(self.index_folder),
            "exclude_selectors": self.config["ignore_selectors"],
            "force_language": self.language,
        }).__aenter__()

    async def _add(self, folder, glob=None):
        await asyncio.wrap_future(self.jobs[0])
        async with self.lock:
            await self.index.add_directory(str(folder), glob=glob)

    def add(self, rel_paths):
        """Pages (paths in the output folder) for the index; sent a batch at a time."""
        for rel in rel_paths:
            if rel not in self.added:
                self.added.add(rel)
                self.pending.append(rel)
        if len(self.pending) >= BATCH:
            self._flush()

    def _flush(self):
        if self.pending:
            self.jobs.append(self._submit(self._add(self.output, only_these(self.pending))))
            self.pending = []

    async def _finish(self, records):
        await asyncio.gather(*(asyncio.wrap_future(job) for job in self.jobs[1:]))
        if records:
            with tempfile.TemporaryDirectory(prefix="search-records-") as scratch:
                write_records(scratch, records)
                await self._add(scratch)
        # A fresh folder: Pagefind's file names are content hashes, so an old index left
        # in place would only grow.
        shutil.rmtree(self.index_folder, ignore_errors=True)
        self.closed = True
        await self.index.__aexit__(None, None, None)   # writes the index, then ends Pagefind

    def finish(self, records):
        """Send what is left and the extra records, write the index; raises what Pagefind raised."""
        self._flush()
        try:
            self.jobs[0].result()
            self._submit(self._finish(records)).result()
        finally:
            self.close()
        for name in UNUSED_BUNDLE_FILES:
            (self.index_folder / name).unlink(missing_ok=True)

    def close(self):
        """Stop the loop, and Pagefind without writing when the index was not finished."""
        if not self.loop.is_running():
            return
        index = getattr(self, "index", None)
        if index is not None and not self.closed:
            self.closed = True
            self._submit(index.__aexit__(RuntimeError, None, None)).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)
