"""Signal receivers: check the settings, then read the toolkit, reuse or render its PDF, publish it."""

import logging
import os
import pickle
import shutil
from concurrent.futures import ProcessPoolExecutor
from types import SimpleNamespace

import jinja2
from pelican import signals

from synergy import problems, worker
from synergy.cache import digest
from synergy.errors import ContentError
from synergy.plugin import connect
from synergy.practice import clinicians

from . import settings as toolkit_settings
from .cache import RenderCache
from .render import PDF_OPTIONS, build_html, print_files, render_pdf, site_colours
from .source import read_toolkit, searchable_text

logger = logging.getLogger(__name__)

_config = None
_pending = None


def initialize(pelican):
    """At `initialized`: read and check the toolkit's settings, and start on the toolkit.

    On a machine with a second core the toolkit is read and its PDF rendered (or
    found in the cache) in a worker process while Pelican reads and writes the
    site; `publish_toolkit` takes the result.
    """
    global _config, _pending
    _config = toolkit_settings.read(pelican.settings)
    _pending = None
    if worker.cores() > 1:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=worker.context())
        # Pickled here, not by the pool's feeder thread: later `initialized` receivers
        # still add settings, and a dict changing while another thread pickles it breaks.
        work = pickle.dumps((dict(pelican.settings), _config))
        _pending = (pool, pool.submit(_prepare_pickled, work))


def prepare(settings, config):
    """The toolkit read, its PDF rendered or reused: (outcome, the log records of the work)."""
    with worker.kept_records() as records:
        outcome = _outcome(settings, config)
    return outcome, records


def _prepare_pickled(work):
    return prepare(*pickle.loads(work))


def _outcome(settings, config):
    """{'toolkit', 'pdf'} (the cached PDF's path), or {'problem'} ({'template_error'}) saying what failed."""
    try:
        toolkit = read_toolkit(config.source, settings)
        if toolkit.reviewer:
            # `Reviewer:` names a clinician by key; the PDF names them as a review line does.
            toolkit.reviewer = clinicians.byline(clinicians.find(settings, toolkit.reviewer))
    except ContentError as error:
        return {"problem": str(error)}
    try:
        html = build_html(toolkit, config.print_path, _print_values(settings))
    except jinja2.TemplateError as error:
        template = os.path.join(config.print_path, getattr(error, "name", None) or "toolkit.html")
        line = getattr(error, "lineno", None)
        return {"template_error": f"{template}{f':{line}' if line else ''}: {error} -- fix the print template"}
    key = _fingerprint(html, config.print_path)
    cache = RenderCache(config.cache_dir)
    cached = cache.lookup(key)
    if cached:
        logger.info("Toolkit PDF unchanged: reused the cached render (%s)", key[:12])
    else:
        try:
            pdf, pages, seconds = render_pdf(html, config.print_path)
        except Exception as error:  # WeasyPrint's errors vary; the editor needs the file and the cause
            return {"problem": f"the PDF could not be rendered ({error}) "
                               "-- check the toolkit's Markdown and theme/print/"}
        cached = cache.store(key, pdf, seconds, pages)
        logger.info("Toolkit PDF rendered in %.2f s: %d pages, %d KB", seconds, pages, len(pdf) // 1024)
    return {"toolkit": toolkit, "pdf": cached}


def _take_outcome(settings, config):
    global _pending
    if _pending is None:
        return prepare(settings, config)
    pool, future = _pending
    _pending = None
    try:
        return future.result()
    finally:
        pool.shutdown(wait=False)


def publish_toolkit(generators):
    """After every generator has read its content, before any page is written.

    The PDF is in place, and TOOLKIT is in the shared template context, by the
    time the landing page is rendered.
    """
    generator = generators[0]
    settings, context = generator.settings, generator.context
    config = _config or toolkit_settings.read(settings)
    context["TOOLKIT"] = None
    outcome, records = _take_outcome(settings, config)
    worker.replay(records, config.source)
    if "template_error" in outcome:
        logger.error("%s", outcome["template_error"])
        return
    if "problem" in outcome:
        problems.report(logger, settings, config.source, outcome["problem"])
        return
    toolkit, cached = outcome["toolkit"], outcome["pdf"]
    target = os.path.join(generator.output_path, config.save_as)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(cached, target)
    record = RenderCache(config.cache_dir).record()
    # Site search indexes the PDF by these words (its DOCUMENT_TEXT), not by reading the PDF back.
    context.setdefault("DOCUMENT_TEXT", {})[config.save_as] = searchable_text(toolkit)
    context["TOOLKIT"] = SimpleNamespace(
        **vars(toolkit),
        pdf_url=config.save_as,
        pdf_bytes=record.get("bytes", os.path.getsize(target)),
        pdf_pages=record.get("pages"),
        pdf_size=f"{max(1, round(os.path.getsize(target) / 1024))} KB",
    )


def _fingerprint(html, print_path):
    # The print document already holds everything from the source and the settings;
    # the styles and the renderer's version are what else can change the PDF.
    import importlib.metadata

    parts = [("document", html), ("options", repr(sorted(PDF_OPTIONS.items())))]
    parts.append(("weasyprint", importlib.metadata.version("weasyprint")))
    parts += [(f"print/{name}", data) for name, data in print_files(print_path)]
    return digest(parts)


def _print_values(settings):
    return {
        "site_name": settings.get("SITENAME", ""),
        "author": settings.get("AUTHOR") or settings.get("SITENAME", ""),
        "lang": settings.get("DEFAULT_LANG", "en"),
        "crisis": settings.get("CRISIS_LINE") or {},
        "practice": settings.get("PRACTICE") or {},
        "licensure": settings.get("LICENSURE_NOTICE", ""),
        "colours": site_colours(settings["THEME"]),
    }


def register():
    connect(signals.initialized, initialize)
    connect(signals.all_generators_finalized, publish_toolkit)
