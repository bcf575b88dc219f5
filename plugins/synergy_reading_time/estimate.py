"""Estimate each article's reading time from its text, once, at build time."""

import math
import re

from markupsafe import Markup
from pelican import signals

from synergy import boundary, settings

DEFAULTS = {"READING_TIME_WPM": 200}

_wpm = DEFAULTS["READING_TIME_WPM"]


def check_settings(pelican):
    """At `initialized`: read READING_TIME_WPM once and refuse a value that cannot work."""
    global _wpm
    values = settings.resolve(pelican.settings, DEFAULTS)
    _wpm = settings.whole_number(values, "READING_TIME_WPM", minimum=1, example=200)
    pelican.settings.update(values)


def word_count(html):
    return len(re.findall(r"\w+(?:['’-]\w+)*", Markup(html).striptags()))


def minutes(html, wpm):
    return max(1, math.ceil(word_count(html) / wpm))


def add_reading_time(generator):
    """At `article_generator_finalized`: set `reading_time` (minutes) on every article."""
    for article in generator.articles:
        article.reading_time = minutes(article._content, _wpm)


def register():
    boundary.install()
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(add_reading_time)
