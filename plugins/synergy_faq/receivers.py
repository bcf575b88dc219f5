"""Pelican signal receivers: settings, the rewrite of each page, and problem reports."""

import logging

from pelican import signals
from pelican.contents import Article, Page

from synergy import problems, settings
from synergy.errors import FaqError
from synergy.plugin import connect

from . import cache as cache_file
from . import schema
from .sections import transform

logger = logging.getLogger(__name__)

DEFAULTS = {
    "FAQ_CLASS": "faq",
    "FAQ_LINK_TEXT": "Link to this answer",
}


def check_settings(pelican):
    """At `initialized`: fill in defaults and refuse settings that cannot work."""
    values = settings.resolve(pelican.settings, DEFAULTS)
    for name, example in DEFAULTS.items():
        settings.text(values, name, example=example)
    pelican.settings.update(values)


def rewrite(content):
    """At `content_object_init`: widgets in the HTML, FAQPage on the object.

    Pelican's content cache keeps the reader's HTML, not these objects, so this
    runs for every file on every build; the rewrite itself is kept by cache.py,
    so a rebuild with the content cache parses only pages whose HTML changed.
    A problem is kept on the object too and reported on every build.
    """
    content.faq = []
    content.faq_jsonld = None
    content.faq_problem = None
    if not isinstance(content, (Article, Page)) or not content._content:
        return
    css_class = content.settings["FAQ_CLASS"]
    if css_class not in content._content:
        return
    link_text = content.settings["FAQ_LINK_TEXT"]
    cache = _rewrite_cache(content.settings)

    def make():
        try:
            return cache_file.encode(*transform(content._content, css_class=css_class,
                                                link_text=link_text))
        except FaqError as error:
            return {"problem": str(error)}

    entry = cache.get_or_make(cache_file.key(content._content, css_class, link_text), make)
    if "problem" in entry:
        content.faq_problem = entry["problem"]
        return
    html, sections = cache_file.decode(entry)
    if not sections:
        return
    content._content = html
    content.faq = [q for section in sections for q in section.questions]
    content.faq_jsonld = schema.faq_page(sections, _absolute_url(content))


_cache = None


def _rewrite_cache(settings_):
    # Made at the first page, after every `initialized` receiver has settled the cache settings.
    global _cache
    if _cache is None:
        _cache = cache_file.rewrite_cache(settings_)
    return _cache


def start_build(pelican):
    """At `initialized`: each build (the live preview runs many in one process) starts its own cache."""
    global _cache
    _cache = None


def save_cache(pelican):
    """At `finalized`: keep this build's rewrites for the next one."""
    global _cache
    if _cache is not None:
        _cache.save()
    _cache = None


def _absolute_url(content):
    return f"{content.settings.get('SITEURL', '')}/{content.url}"


def report_problems(generators):
    """At `all_generators_finalized`: one error line per malformed FAQ."""
    for generator in generators:
        for content in _contents(generator):
            if getattr(content, "faq_problem", None):
                problems.report(logger, content.settings, content.source_path, content.faq_problem)


def _contents(generator):
    # Drafts are left out: an unfinished draft must not stop the site from building.
    for name in ("articles", "translations", "pages", "hidden_pages", "hidden_translations"):
        yield from getattr(generator, name, None) or ()


def register():
    connect(signals.initialized, check_settings, start_build)
    connect(signals.content_object_init, rewrite)
    connect(signals.finalized, save_cache)
    connect(signals.all_generators_finalized, report_problems)
