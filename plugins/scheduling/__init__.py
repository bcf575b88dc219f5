"""Scheduled posts: publication follows the build's clock, not the machine's.

An article dated after "now" is held back as a draft and published by the first
build after its date. "Now" is the build clock: the setting BUILD_NOW, else the
environment variable SITE_BUILD_NOW (an ISO date or datetime, read in the site's
TIMEZONE when it carries no offset), else the real time. Tests move the clock;
the daily deploy uses the real one.

Other code asks the same clock with `scheduling.now(settings)`.
"""

from .clock import BuildClockError, now  # noqa: F401
from .publication import register  # noqa: F401
