"""The build clock: one answer to "what time is it?" for the whole build.

"Now" is the setting BUILD_NOW, else the environment variable SITE_BUILD_NOW
(an ISO date or datetime, read in the site's TIMEZONE when it carries no
offset), else the real time. Scheduled posts, newsletter issues and the content
lint all ask `now(settings)`, so tests can move time for all of them at once.
"""

import datetime
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import catalogue
from .errors import SettingsError

SETTING = "BUILD_NOW"
ENVIRONMENT = "SITE_BUILD_NOW"



class BuildClockError(SettingsError):
    """The configured build clock cannot be read."""


def _error(key, name, value):
    """The clock's SettingsError, in the words of synergy/catalogue.py (clock.<key>)."""
    return BuildClockError(name, *catalogue.parts(f"clock.{key}", value=value))


def timezone(settings):
    name = (settings or {}).get("TIMEZONE") or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise _error("unknown_timezone", "TIMEZONE", name) from None


def parse(value, tz, source):
    """An aware datetime from an ISO date or datetime; a bare date means its midnight."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        text = str(value).strip()
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise _error("not_a_date", source, text) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def now(settings=None):
    """The build's "now", aware, in the site's timezone.

    settings: Pelican's settings (or any mapping with TIMEZONE and BUILD_NOW);
    without them the environment and the real clock decide.
    """
    settings = settings or {}
    tz = timezone(settings)
    if settings.get(SETTING):
        return parse(settings[SETTING], tz, SETTING).astimezone(tz)
    if os.environ.get(ENVIRONMENT, "").strip():
        return parse(os.environ[ENVIRONMENT], tz, ENVIRONMENT).astimezone(tz)
    return datetime.datetime.now(tz)
