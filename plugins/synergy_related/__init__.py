"""Related posts: for each article, the posts sharing the most tags with it, newest first among equals.

The official pelican-related-posts plugin ranks by shared tags but breaks ties by
the order in which it meets posts tag by tag, not by date, so an old post can
push out a newer one with as many tags in common. This ranks by
(shared tags, date) and keeps RELATED_POSTS_MAX (default 3), in
`article.related_posts` as the official plugin names it.

Signals: `initialized` (the setting), `article_generator_finalized` (the ranking).
"""

from .ranking import register  # noqa: F401
