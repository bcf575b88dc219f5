"""Scheduled posts: publication follows the build's clock, not the machine's.

An article dated after "now" is held back as a draft and published by the first
build after its date. "Now" is the build clock: the setting BUILD_NOW, else the
environment variable SITE_BUILD_NOW (an ISO date or datetime, read in the site's
TIMEZONE when it carries no offset), else the real time. Tests move the clock;
the daily deploy uses the real one.

The clock itself is synergy.clock: other code asks it with
`synergy.clock.now(settings)`.

Signals: `initialized` (a clock that cannot be read stops the build in one
line), `article_generator_pretaxonomy` (publish what is due, hold the rest).
"""

from .publication import register  # noqa: F401
