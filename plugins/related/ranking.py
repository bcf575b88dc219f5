"""Rank each article's related posts at build time, from Pelican's own tag data."""

import sys

from pelican import signals

DEFAULT_MAX = 3

_limit = DEFAULT_MAX


class RelatedPostsSettingsError(ValueError):
    """RELATED_POSTS_MAX is not a whole number of posts."""

    def __str__(self):
        return f"RELATED_POSTS_MAX must be a whole number of posts (0 or more) -- got {self.args[0]!r}"


def check_settings(pelican):
    """At `initialized`: read RELATED_POSTS_MAX once and refuse a value that cannot work."""
    global _limit
    value = pelican.settings.get("RELATED_POSTS_MAX", DEFAULT_MAX)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        # SystemExit passes through Pelican's catch-all: one line, no traceback.
        print(f"settings: {RelatedPostsSettingsError(value)}", file=sys.stderr)
        sys.exit(1)
    _limit = value


def related_to(article, articles, limit):
    """The posts sharing at least one tag with `article`: most shared tags first, then newest."""
    tags = set(getattr(article, "tags", None) or ())
    if not tags:
        return []
    scored = []
    for other in articles:
        if other is article:
            continue
        shared = len(tags & set(getattr(other, "tags", None) or ()))
        if shared:
            scored.append((shared, other.date, other))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [other for _shared, _date, other in scored[:limit]]


def add_related_posts(generator):
    """At `article_generator_finalized`: set `related_posts` on every published article."""
    for article in generator.articles:
        article.related_posts = related_to(article, generator.articles, _limit)


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(add_related_posts)
