"""Estimate each article's reading time from its text, once, at build time."""

import math
import re

from markupsafe import Markup
from pelican import signals

from synergy import settings
from synergy.plugin import connect

DEFAULTS = {"READING_TIME_WPM": 200}

_wpm = DEFAULTS["READING_TIME_WPM"]


def check_settings(pelican):
    """At `initialized`: read READING_TIME_WPM once; a reading speed must be at least 1."""
    global _wpm
    _wpm = settings.whole_number_setting(pelican.settings, "READING_TIME_WPM", 200, minimum=1)


def word_count(html):
    return len(re.findall(r"\w+(?:['’-]\w+)*", Markup(html).striptags()))


def minutes(html, wpm):
    return max(1, math.ceil(word_count(html) / wpm))


def add_reading_time(generator):
    """At `article_generator_finalized`: set `reading_time` (minutes) on every article."""
    for article in generator.articles:
        article.reading_time = minutes(article._content, _wpm)


def register():
    connect(signals.initialized, check_settings)
    connect(signals.article_generator_finalized, add_reading_time)
