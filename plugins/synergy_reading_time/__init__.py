"""Reading time: `article.reading_time`, whole minutes (at least 1) at READING_TIME_WPM words a minute.

pelican-readtime 0.2.1 counts the words of the raw HTML (markup included) and
rounds down, so a short post reads "0 minutes"; this counts the visible words
and rounds up.

Signals: `initialized` (the setting), `article_generator_finalized` (the estimate).
"""

from .estimate import register  # noqa: F401
