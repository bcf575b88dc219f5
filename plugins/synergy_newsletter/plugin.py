"""Pelican hooks: check the settings once (and write them back), then add the newsletter's generator."""

from pelican import signals

from synergy import boundary

from . import config
from .generator import NewsletterGenerator


def check_settings(pelican):
    """At `initialized`: a wrong newsletter setting stops the build with one line."""
    pelican.settings.update(config.settings_of(pelican.settings))


def get_generators(pelican):
    return NewsletterGenerator


def register():
    boundary.install()
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
