"""The Pagefind index: fed each page as Pelican writes it, finished as the build's last step."""

import logging
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from synergy.plugin import connect

from . import settings as search_settings
from .answers import Answers
from .documents import document_text
from .pages import BODY_MARK, excluded, searchable_pages
from .session import Session

log = logging.getLogger(__name__)

# A context key other plugins may fill: {output-relative path of a document: its text}.
# The toolkit plugin gives the toolkit's text from its Markdown, so the PDF it has
# just rendered need not be read back.
DOCUMENT_TEXT = "DOCUMENT_TEXT"

_settings = None
_answers = None
_context = None
_session = None


def check_settings(pelican):
    """At `initialized`: read the settings once, so a wrong one stops the build before it starts."""
    global _settings, _answers, _context
    _settings = search_settings.read(pelican.settings)
    _answers = Answers(pelican.settings["OUTPUT_PATH"])
    _context = None
    _stop_session()


def _stop_session():
    global _session
    if _session is not None:
        _session.close()
        _session = None


def note_page(path, context):
    """At `content_written`: keep the page's FAQ answers, and hand an HTML page to Pagefind."""
    global _session
    if _answers is None or _settings is None:
        return
    if context:
        _answers.page_written(path, context)
    if not _settings["index"] or not str(path).endswith(".html"):
        return
    rel = os.path.relpath(os.path.abspath(path), _answers.output_path).replace(os.sep, "/")
    if excluded(rel, _settings["exclude"]):
        return
    if not _marked_page(path):
        return  # lists, tags, the search page: Pagefind would read them only to leave them out
    if _session is None:
        _session = Session(_answers.output_path, _settings, context.get("DEFAULT_LANG", "en") if context else "en")
    _session.add([rel])


def _marked_page(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return BODY_MARK in handle.read()
    except OSError:
        return False


def keep_context(generators):
    """At `all_generators_finalized`: the shared context, read at the end for DOCUMENT_TEXT."""
    global _context
    _context = generators[0].context if generators else None


def _folder_size(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


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


def _marked(output, pages):
    """The pages (of those given) marked searchable, in name order: their FAQ answers are results."""
    for rel in sorted(pages):
        try:
            html = (output / rel).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if BODY_MARK in html:
            yield rel


def write_index(pelican):
    """At `finalized`: index every page marked searchable, each FAQ answer and each listed PDF."""
    config = _settings or search_settings.read(pelican.settings)
    if not config["index"]:
        return
    global _session
    started = time.perf_counter()
    output = Path(pelican.settings["OUTPUT_PATH"])
    cache_dir = Path(pelican.settings.get("CACHE_PATH", "cache")) / "search-documents"
    language = pelican.settings.get("DEFAULT_LANG", "en")
    session, _session = _session or Session(output, config, language), None
    # Pages Pelican's writer did not write (static HTML files, a plugin's own): read for the mark.
    session.add(rel for rel, _html in searchable_pages(output, config["exclude"], skip=session.added))
    answers = _answers.of(_marked(output, _answers.by_page)) if (_answers and config["faq"]) else []
    given = (_context or {}).get(DOCUMENT_TEXT) or {}
    documents = _documents(output, config, cache_dir, given)
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
    session.finish(records)
    log.info(
        "Search: indexed %d pages, %d FAQ answers and %d documents; %.2f s at the end (%d KB in %s/)",
        len(session.added), len(answers), len(documents), time.perf_counter() - started,
        _folder_size(output / config["output"]) // 1024, config["output"],
    )


def register():
    connect(signals.initialized, check_settings)
    connect(signals.content_written, note_page)
    connect(signals.all_generators_finalized, keep_context)
    connect(signals.finalized, write_index)
