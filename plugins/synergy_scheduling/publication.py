"""Decide, with the build clock, which articles are published and which wait.

Pelican's own WITH_FUTURE_DATES check compares dates with the machine's clock
while each article is read, and no signal comes after it per article. So once
every article is read (article_generator_pretaxonomy, before tags, categories,
feeds and archives are made) this module sorts them again by the build clock:
an article with an explicit `Status: draft` stays a draft; any other article is
held as a draft until its date has come, then published (or kept hidden when it
says `Status: hidden`).
"""

import datetime

from pelican import signals
from pelican.utils import order_content, process_translations

from synergy.clock import now
from synergy.plugin import connect


def check_settings(pelican):
    """At `initialized`: a clock that cannot be read stops the build with one line."""
    now(pelican.settings)


def _is_due(article, moment):
    date = getattr(article, "date", None)
    if date is None or date == datetime.datetime.max.replace(tzinfo=date.tzinfo):
        return False
    if date.tzinfo is None:
        moment = moment.replace(tzinfo=None)
    return date <= moment


def _wanted_status(article, moment):
    written = str(article.metadata.get("status", "")).strip().lower()
    if written == "draft":
        return "draft"
    if not _is_due(article, moment):
        return "draft"
    return "hidden" if written == "hidden" else "published"


def reschedule(generator):
    """At `article_generator_pretaxonomy`: publish what is due, hold back what is not."""
    settings = generator.settings
    if settings.get("WITH_FUTURE_DATES", True):
        return
    moment = now(settings)
    pool = [*generator.articles, *generator.translations,
            *generator.hidden_articles, *generator.hidden_translations,
            *generator.drafts, *generator.drafts_translations]
    by_status = {"published": [], "hidden": [], "draft": []}
    for article in pool:
        article.status = _wanted_status(article, moment)
        by_status[article.status].append(article)

    def ordered(articles):
        origs, translations = process_translations(
            articles, translation_id=settings["ARTICLE_TRANSLATION_ID"])
        return order_content(origs, settings["ARTICLE_ORDER_BY"]), translations

    generator.articles, generator.translations = ordered(by_status["published"])
    generator.hidden_articles, generator.hidden_translations = ordered(by_status["hidden"])
    generator.drafts, generator.drafts_translations = ordered(by_status["draft"])


def register():
    connect(signals.initialized, check_settings)
    connect(signals.article_generator_pretaxonomy, reschedule)
