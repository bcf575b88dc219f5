"""Pelican hooks: check the settings once, then add the newsletter's generator."""

import sys

from pelican import signals

from . import config
from .generator import NewsletterGenerator


def check_settings(pelican):
    """At `initialized`: a wrong newsletter setting stops the build with one line."""
    try:
        config.settings_of(pelican.settings)
    except config.NewsletterConfigError as error:
        print(f"pelicanconf.py: {error}", file=sys.stderr)
        sys.exit(1)


def get_generators(pelican):
    return NewsletterGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.get_generators.connect(get_generators)
