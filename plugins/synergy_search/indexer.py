"""Build the Pagefind index over the finished output, as the build's last step."""

import asyncio
import logging
import shutil
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from synergy.plugin import connect

from . import settings as search_settings
from .answers import Answers
from .documents import document_text
from .pages import only_these, searchable_pages
from .records import write_records

log = logging.getLogger(__name__)

# Pagefind writes every UI it ships; /search/ uses the default one (pagefind-ui.*),
# so the others would only be deployed, never loaded.
UNUSED_BUNDLE_FILES = (
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)

# A context key other plugins may fill: {output-relative path of a document: its text}.
# The toolkit plugin gives the toolkit's text from its Markdown, so the PDF it has
# just rendered need not be read back.
DOCUMENT_TEXT = "DOCUMENT_TEXT"

_settings = None
_answers = None
_context = None


def check_settings(pelican):
    """At `initialized`: read the settings once, so a wrong one stops the build before it starts."""
    global _settings, _answers, _context
    _settings = search_settings.read(pelican.settings)
    _answers = Answers(pelican.settings["OUTPUT_PATH"])
    _context = None


def note_page(path, context):
    """At `content_written`: keep the FAQ answers of the page just written."""
    if _answers is not None and context:
        _answers.page_written(path, context)


def keep_context(generators):
    """At `all_generators_finalized`: the shared context, read at the end for DOCUMENT_TEXT."""
    global _context
    _context = generators[0].context if generators else None


def _folder_size(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


async def _write(output, config, pages, records, language):
    # Imported here: a build with SEARCH_INDEX off (the live preview after its first build) never loads it.
    from pagefind.index import PagefindIndex

    index_folder = output / config["output"]
    # A fresh folder: Pagefind's file names are content hashes, so an old
    # index left in place would only grow.
    shutil.rmtree(index_folder, ignore_errors=True)
    # Leaving the block writes the index to output_path (nothing is written if indexing failed).
    async with PagefindIndex({
        "output_path": str(index_folder),
        "exclude_selectors": config["ignore_selectors"],
        "force_language": language,
    }) as index:
        if pages:
            # Pagefind reads the files itself: far quicker than sending each one over its pipe.
            await index.add_directory(str(output), glob=only_these(rel for rel, _html in pages))
        if records:
            with tempfile.TemporaryDirectory(prefix="search-records-") as scratch:
                write_records(scratch, records)
                await index.add_directory(scratch)
    for name in UNUSED_BUNDLE_FILES:
        (index_folder / name).unlink(missing_ok=True)


def _run(coroutine):
    """asyncio.run, also when the caller (livereload's server) already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    outcome = {}

    def worker():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the calling thread
            outcome["error"] = error

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _documents(output, config, cache_dir, given):
    found = []
    for doc in config["documents"]:
        path = output / doc["path"]
        if doc["path"] in given:
            found.append({**doc, "text": " ".join(str(given[doc["path"]]).split())})
            continue
        if not path.exists():
            # Another plugin writes it; a build without that plugin simply has nothing to index.
            log.info("Search: %s was not built, so it is not indexed", doc["path"])
            continue
        text, _cached = document_text(path, cache_dir)
        found.append({**doc, "text": text})
    return found


def write_index(pelican):
    """At `finalized`: index every page marked searchable, each FAQ answer and each listed PDF."""
    config = _settings or search_settings.read(pelican.settings)
    if not config["index"]:
        return
    started = time.perf_counter()
    output = Path(pelican.settings["OUTPUT_PATH"])
    cache_dir = Path(pelican.settings.get("CACHE_PATH", "cache")) / "search-documents"
    pages = list(searchable_pages(output, config["exclude"]))
    answers = _answers.of(rel for rel, _html in pages) if (_answers and config["faq"]) else []
    given = (_context or {}).get(DOCUMENT_TEXT) or {}
    documents = _documents(output, config, cache_dir, given)
    language = pelican.settings.get("DEFAULT_LANG", "en")
    # Pagefind's UI puts its base URL before page results only; these links carry it themselves.
    site_path = urlsplit(pelican.settings.get("SITEURL", "")).path.rstrip("/")
    records = [
        {"url": site_path + a["url"], "title": a["question"], "text": a["answer"], "kind": "FAQ",
         "page_title": a["page_title"], "language": language}
        for a in answers
    ] + [
        {"url": f"{site_path}/{d['path']}", "title": d["title"], "text": d["text"], "kind": d["kind"],
         "language": language}
        for d in documents
    ]
    _run(_write(output, config, pages, records, language))
    log.info(
        "Search: indexed %d pages, %d FAQ answers and %d documents in %.2f s (%d KB in %s/)",
        len(pages), len(answers), len(documents), time.perf_counter() - started,
        _folder_size(output / config["output"]) // 1024, config["output"],
    )


def register():
    connect(signals.initialized, check_settings)
    connect(signals.content_written, note_page)
    connect(signals.all_generators_finalized, keep_context)
    connect(signals.finalized, write_index)
