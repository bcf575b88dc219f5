"""Estimate each article's reading time from its text, once, at build time."""

import math
import re
import sys

from markupsafe import Markup
from pelican import signals

DEFAULT_WPM = 200

_wpm = DEFAULT_WPM


class ReadingTimeSettingsError(ValueError):
    """READING_TIME_WPM is not a positive number of words a minute."""

    def __str__(self):
        return f"READING_TIME_WPM must be a positive whole number of words a minute -- got {self.args[0]!r}"


def check_settings(pelican):
    """At `initialized`: read READING_TIME_WPM once and refuse a value that cannot work."""
    global _wpm
    value = pelican.settings.get("READING_TIME_WPM", DEFAULT_WPM)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        # SystemExit passes through Pelican's catch-all: one line, no traceback.
        print(f"settings: {ReadingTimeSettingsError(value)}", file=sys.stderr)
        sys.exit(1)
    _wpm = value


def word_count(html):
    return len(re.findall(r"\w+(?:['’-]\w+)*", Markup(html).striptags()))


def minutes(html, wpm):
    return max(1, math.ceil(word_count(html) / wpm))


def add_reading_time(generator):
    """At `article_generator_finalized`: set `reading_time` (minutes) on every article."""
    for article in generator.articles:
        article.reading_time = minutes(article._content, _wpm)


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(add_reading_time)
