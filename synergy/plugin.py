"""Connecting a plugin's receivers, with the error boundary in place.

    from pelican import signals
    from synergy.plugin import connect

    def register():
        connect(signals.initialized, check_settings)
        connect(signals.content_object_init, rewrite)

Each call connects the receivers to the signal, in the order given, and makes
sure Pelican's catch-all prints a SynergyError as its one line (see
synergy.boundary), whichever plugins a site enables.
"""

from . import boundary


def connect(signal, *receivers):
    boundary.install()
    for receiver in receivers:
        signal.connect(receiver)


# Where the generators keep what a build publishes (the newsletter's generator keeps `issues`).
PUBLISHED = ("articles", "translations", "pages", "hidden_pages", "hidden_translations", "issues")


def published(generators):
    """Every article, page and newsletter issue the build publishes; drafts are left out."""
    for generator in generators:
        for name in PUBLISHED:
            yield from getattr(generator, name, None) or ()
