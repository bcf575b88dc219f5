"""Pelican signal receivers: the data checked and facts filled, then each page's sources, box and approval."""

import logging

from pelican import signals
from pelican.contents import Page

from synergy import catalogue, placeholders, problems, settings
from synergy.clinical import data, facts, pages
from synergy.errors import ContentError
from synergy.plugin import connect, published
from synergy.practice import clinicians

logger = logging.getLogger(__name__)

DEFAULTS = {"SOURCES": {}, "FACTS": {}, "APPROVALS": []}
NAMESPACE = "fact:"

_filling = placeholders.Filling("facts")


def check_settings(pelican):
    """At `initialized`: sources, facts and approvals checked; {fact:key} filled from here on."""
    config = pelican.settings
    settings.resolve(config, DEFAULTS)
    data.check(config)
    _filling.start(config, facts.placeholder_values(config["FACTS"], config.get("MARKDOWN")))



def find_unknown_facts(content):
    """At `content_object_init`: a {fact:key} nobody fills, kept to report for published content."""
    html = getattr(content, "_content", None) or ""
    left = placeholders.unfilled(html, lambda name: name.startswith(NAMESPACE))
    known = ", ".join(sorted(key.removeprefix(NAMESPACE) for key in _filling.values or {}))
    content.fact_problems = [catalogue.text("clinical.unknown_fact", key=name.removeprefix(NAMESPACE), known=known)
                             for name in left]
    if left:
        content._content = placeholders.disarm(html, left)


def describe(generators):
    """At `all_generators_finalized`: each published page's sources, crisis box, note and approval."""
    for content in published(generators):
        for problem in [*getattr(content, "fact_problems", ()), *_describe(content)]:
            problems.report(logger, content.settings, content.source_path, problem)


def _describe(content):
    config = content.settings
    meta = content.metadata
    clinical = pages.is_clinical(meta.get("clinical"), meta.get("category"), meta.get("tags") or ())
    found = []
    keys = [key.strip() for key in str(meta.get("sources") or "").split(",") if key.strip()]
    unknown = [key for key in keys if key not in config["SOURCES"]]
    if unknown:
        found.append(catalogue.text("clinical.unknown_source", keys=", ".join(unknown),
                                    known=", ".join(sorted(config["SOURCES"]))))
    content.sources = [{"key": key, **config["SOURCES"][key]} for key in keys if key in config["SOURCES"]]
    if clinical and not keys:
        found.append(catalogue.text("clinical.sources_missing"))
    if clinical:
        found += _fact_sources(content, keys)
    # Articles and newsletter issues are all about health; a page only when clinical.
    article = not isinstance(content, Page)
    content.crisis_box = pages.wants_crisis_box(meta.get("crisis_box"), clinical, content._content, article)
    content.not_medical_advice = clinical or article
    content.approved_by = None
    if meta.get("approved_by"):
        try:
            content.approved_by = clinicians.find(config, meta["approved_by"], field="Approved_by")
        except ContentError as error:
            found.append(str(error))
    return found


def _fact_sources(content, keys):
    """A clinical page stating a fact cites what the fact rests on."""
    try:
        with open(content.source_path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return []
    found = []
    for key in facts.used(text):
        missing = [source for source in content.settings["FACTS"].get(key, {}).get("sources", ()) if source not in keys]
        if missing:
            found.append(catalogue.text("clinical.fact_not_cited", key=key, sources=", ".join(missing),
                                        them="it" if len(missing) == 1 else "them"))
    return found


def register():
    connect(signals.initialized, check_settings)
    connect(signals.content_object_init, find_unknown_facts)
    connect(signals.all_generators_finalized, describe)
    _filling.connect()
