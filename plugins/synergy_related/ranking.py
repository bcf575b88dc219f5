"""Rank each article's related posts at build time, from Pelican's own tag data."""

import heapq

from pelican import signals

from synergy import settings
from synergy.plugin import connect

DEFAULTS = {"RELATED_POSTS_MAX": 3}

_limit = DEFAULTS["RELATED_POSTS_MAX"]


def check_settings(pelican):
    """At `initialized`: read RELATED_POSTS_MAX once (0 turns related posts off)."""
    global _limit
    _limit = settings.whole_number_setting(pelican.settings, "RELATED_POSTS_MAX", 3)


def related_to(article, articles, limit):
    """The posts sharing at least one tag with `article`: most shared tags first, then newest."""
    return _TagIndex(articles).related(article, limit)


class _TagIndex:
    """Which articles carry each tag, so ranking one article visits only the posts it shares a tag with.

    Comparing every pair of articles made a 1,000-post site spend seconds here.
    """

    def __init__(self, articles):
        self.articles = list(articles)
        self.tags = [set(getattr(a, "tags", None) or ()) for a in self.articles]
        self.position = {id(a): n for n, a in enumerate(self.articles)}
        # Each article's date as its rank among the dates: comparing whole numbers is far
        # quicker than comparing dates, and equal dates keep equal ranks.
        dates = {date: rank for rank, date in enumerate(sorted({a.date for a in self.articles}))}
        self.recency = [dates[a.date] for a in self.articles]
        self.by_tag = {}
        for number, tags in enumerate(self.tags):
            for tag in tags:
                self.by_tag.setdefault(tag, []).append(number)

    def related(self, article, limit):
        own = self.position.get(id(article))
        tags = self.tags[own] if own is not None else set(getattr(article, "tags", None) or ())
        shared = {}
        for tag in tags:
            for number in self.by_tag.get(tag, ()):
                if number != own:
                    shared[number] = shared.get(number, 0) + 1
        # Equal (shared tags, date) keep the articles' own order: nlargest is a stable
        # sorted(..., reverse=True)[:limit] over the positions, taken in ascending order.
        recency = self.recency
        return [self.articles[n] for n in heapq.nlargest(
            limit, sorted(shared), key=lambda n: (shared[n], recency[n]))]


def add_related_posts(generator):
    """At `article_generator_finalized`: set `related_posts` on every published article."""
    index = _TagIndex(generator.articles)
    for article in generator.articles:
        article.related_posts = index.related(article, _limit)


def register():
    connect(signals.initialized, check_settings)
    connect(signals.article_generator_finalized, add_related_posts)
