"""Pelican hooks: check the settings once (and write them back), then add the newsletter's generator."""

from pelican import signals

from synergy.plugin import connect

from . import config
from .generator import NewsletterGenerator


def check_settings(pelican):
    """At `initialized`: a wrong newsletter setting stops the build with one line."""
    pelican.settings.update(config.settings_of(pelican.settings))


def get_generators(pelican):
    return NewsletterGenerator


def register():
    connect(signals.initialized, check_settings)
    connect(signals.get_generators, get_generators)
