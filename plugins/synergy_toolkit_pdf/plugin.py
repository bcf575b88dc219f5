"""Signal receivers: check the settings, then read the toolkit, reuse or render its PDF, publish it."""

import logging
import os
import shutil
from types import SimpleNamespace

import jinja2
from pelican import signals

from synergy import problems
from synergy.cache import digest
from synergy.errors import ContentError
from synergy.plugin import connect
from synergy.practice import clinicians

from . import settings as toolkit_settings
from .cache import RenderCache
from .render import PDF_OPTIONS, build_html, print_files, render_pdf, site_colours
from .source import read_toolkit

logger = logging.getLogger(__name__)

_config = None


def initialize(pelican):
    """At `initialized`: read and check the toolkit's settings."""
    global _config
    _config = toolkit_settings.read(pelican.settings)


def publish_toolkit(generators):
    """After every generator has read its content, before any page is written.

    The PDF is in place, and TOOLKIT is in the shared template context, by the
    time the landing page is rendered.
    """
    generator = generators[0]
    settings, context = generator.settings, generator.context
    config = _config or toolkit_settings.read(settings)
    context["TOOLKIT"] = None
    try:
        toolkit = read_toolkit(config.source, settings)
        if toolkit.reviewer:
            # `Reviewer:` names a clinician by key; the PDF names them as a review line does.
            toolkit.reviewer = clinicians.byline(clinicians.find(settings, toolkit.reviewer))
    except ContentError as error:
        problems.report(logger, settings, config.source, str(error))
        return

    try:
        html = build_html(toolkit, config.print_path, _print_values(settings))
    except jinja2.TemplateError as error:
        template = os.path.join(config.print_path, getattr(error, "name", None) or "toolkit.html")
        line = getattr(error, "lineno", None)
        logger.error("%s%s: %s -- fix the print template", template, f":{line}" if line else "", error)
        return
    key = _fingerprint(html, config.print_path)
    cache = RenderCache(config.cache_dir)
    cached = cache.lookup(key)
    if cached:
        logger.info("Toolkit PDF unchanged: reused the cached render (%s)", key[:12])
    else:
        try:
            pdf, pages, seconds = render_pdf(html, config.print_path)
        except Exception as error:  # WeasyPrint's errors vary; the editor needs the file and the cause
            problems.report(logger, settings, config.source, f"the PDF could not be rendered ({error}) "
                            "-- check the toolkit's Markdown and theme/print/")
            return
        cached = cache.store(key, pdf, seconds, pages)
        logger.info("Toolkit PDF rendered in %.2f s: %d pages, %d KB", seconds, pages, len(pdf) // 1024)

    target = os.path.join(generator.output_path, config.save_as)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(cached, target)
    record = cache.record()
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
