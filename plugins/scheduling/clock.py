"""The build clock: one answer to "what time is it?" for the whole build."""

import datetime
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .messages import say

SETTING = "BUILD_NOW"
ENVIRONMENT = "SITE_BUILD_NOW"


class BuildClockError(ValueError):
    """The configured build clock cannot be read."""


def timezone(settings):
    name = (settings or {}).get("TIMEZONE") or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BuildClockError(say("unknown_timezone", value=name)) from error


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
            raise BuildClockError(say("not_a_date", name=source, value=text)) from None
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
