"""What time it is, for deciding whether an issue's date has come.

The site's build clock (plugins/scheduling: BUILD_NOW or SITE_BUILD_NOW) decides,
so issues go live and out on the same clock as scheduled blog posts, and tests
can move time. Everything in the newsletter asks this one function.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

try:
    from scheduling import now as build_now
except ImportError:  # the scheduling plugin is not on the path
    build_now = None


def now(settings):
    if build_now is not None:
        return build_now(settings)
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
