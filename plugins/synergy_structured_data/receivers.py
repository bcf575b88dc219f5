"""Pelican signal receivers: settings, the `jsonld` filter, and each page's JSON-LD."""

import logging

from pelican import signals
from pelican.contents import Article

from synergy import problems
from synergy.errors import ContentError
from synergy.plugin import connect
from synergy.practice import check

from . import review, schema
from .filters import jsonld

logger = logging.getLogger(__name__)


def check_settings(pelican):
    """At `initialized`: the practice's details must be usable; build its item once."""
    settings = pelican.settings
    check.practice(settings)
    # Templates see settings, so the practice's JSON-LD is a setting computed here.
    settings["PRACTICE_JSONLD"] = schema.practice(settings)


def add_filter(generator):
    """At `generator_init`: templates get `jsonld`."""
    generator.env.filters["jsonld"] = jsonld


def describe(generators):
    """At `all_generators_finalized`: health metadata checked, JSON-LD attached.

    Runs on every build (cached or not), so a bad date always fails a strict build.
    """
    for generator in generators:
        for content, kind in _contents(generator):
            _describe(content, kind)


def _describe(content, kind):
    settings = content.settings
    found = []

    def attempt(read, fallback):
        try:
            return read(content)
        except ContentError as error:
            found.append(str(error))
            return fallback

    clinical = attempt(review.is_clinical, False)
    reviewer = attempt(review.reviewer, None)
    reviewed_on = attempt(review.last_reviewed, None)
    content.is_clinical = clinical
    content.is_health = bool(clinical or review.names_a_reviewer(content))
    content.reviewed_by = reviewer
    content.last_reviewed_date = reviewed_on
    content.next_review_date = review.next_review(reviewed_on) if reviewed_on else None
    content.structured_data = schema.item_for(
        content, settings, kind=kind, health=content.is_health,
        reviewer=reviewer, last_reviewed=reviewed_on,
    )
    for problem in found:
        problems.report(logger, settings, content.source_path, problem)


def _contents(generator):
    # Drafts are never published, so they are neither described nor checked.
    for name, kind in (("articles", "article"), ("translations", None), ("pages", "page"),
                       ("hidden_pages", "page"), ("hidden_translations", None)):
        for content in getattr(generator, name, None) or ():
            yield content, kind or ("article" if isinstance(content, Article) else "page")


def register():
    connect(signals.initialized, check_settings)
    connect(signals.generator_init, add_filter)
    connect(signals.all_generators_finalized, describe)
