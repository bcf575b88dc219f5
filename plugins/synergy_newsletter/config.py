"""The newsletter's settings: defaults, and one clear error when one is wrong.

Every setting can be given in pelicanconf.py; those marked (env) can also come
from an environment variable of the same name, so a deploy needs no file edit.
At `initialized` the resolved values are written back, so templates read
NEWSLETTER_INDEX_URL and the others without defaults of their own.
"""

import re
from urllib.parse import urlparse

from synergy import settings as checks
from synergy.errors import SettingsError

DEFAULTS = {
    # Where the issues are, relative to PATH (content/).
    "NEWSLETTER_PATHS": ["newsletter"],
    "NEWSLETTER_ISSUE_URL": "newsletter/{slug}/",
    "NEWSLETTER_ISSUE_SAVE_AS": "newsletter/{slug}/index.html",
    "NEWSLETTER_INDEX_URL": "newsletter/",
    "NEWSLETTER_INDEX_SAVE_AS": "newsletter/index.html",
    "NEWSLETTER_FEED_ATOM": "newsletter/feed.atom.xml",
    # The email preview place: not linked, not in the sitemap, not indexed.
    "NEWSLETTER_PREVIEW_SAVE_AS": "email-preview/{slug}/",
    # Absolute base for the email's links (env). Empty: SITEURL when it is
    # absolute (publishconf.py), else FEED_DOMAIN (development).
    "NEWSLETTER_SITEURL": "",
    # Gmail clips a message whose HTML is larger than about 102 KB.
    "NEWSLETTER_EMAIL_MAX_BYTES": 102 * 1024,
    "NEWSLETTER_RECENT_POSTS_MAX": 6,
    "NEWSLETTER_EMAIL_THEME": "email",  # folder inside THEME
    # Sending (read by `invoke newsletter --send`, never by the build).
    "NEWSLETTER_LEDGER": "data/newsletter-ledger.json",
    # When an issue whose Date has no time is emailed, on its day, in TIMEZONE (env).
    "NEWSLETTER_SEND_TIME": "08:00",
    # A campaign is scheduled at least this far ahead of the run (Mailchimp refuses
    # a time in the past), on the next quarter hour (env).
    "NEWSLETTER_SCHEDULE_LEAD_MINUTES": 5,
    # For accounts that may not schedule (Mailchimp's Free plan): the first run at
    # or after an issue's send time sends it at once (env).
    "NEWSLETTER_SEND_IMMEDIATELY": False,
    # An issue dated longer ago than this is too stale to email (it stays on the
    # web archive): a first deploy, or a lost ledger, never mails a backlog.
    "NEWSLETTER_SEND_WITHIN_DAYS": 30,
    # Seconds to wait after creating a campaign before checking for a twin made
    # by an overlapping run: more than Mailchimp's one-second create_time grain.
    "NEWSLETTER_SETTLE_SECONDS": 2.0,
}

_ENV = ("NEWSLETTER_SITEURL", "NEWSLETTER_SEND_TIME", "NEWSLETTER_SCHEDULE_LEAD_MINUTES",
        "NEWSLETTER_SEND_IMMEDIATELY")


def settings_of(settings):
    """The newsletter settings: defaults, then pelicanconf, then the environment.

    An empty environment variable counts as unset. SettingsError names a wrong one.
    """
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key in _ENV:
        merged[key] = checks.environment(key, merged[key])
    checks.yes_or_no(merged, "NEWSLETTER_SEND_IMMEDIATELY")
    checks.whole_number(merged, "NEWSLETTER_SCHEDULE_LEAD_MINUTES", minimum=0, example=30)
    checks.whole_number(merged, "NEWSLETTER_SEND_WITHIN_DAYS", minimum=0, example=30)
    checks.whole_number(merged, "NEWSLETTER_RECENT_POSTS_MAX", minimum=0, example=6)
    checks.whole_number(merged, "NEWSLETTER_EMAIL_MAX_BYTES", minimum=1, example=102 * 1024)
    checks.number(merged, "NEWSLETTER_SETTLE_SECONDS", minimum=0, example=2.0)
    send_time = str(merged["NEWSLETTER_SEND_TIME"]).strip()
    if not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", send_time):
        raise SettingsError("NEWSLETTER_SEND_TIME", f"{merged['NEWSLETTER_SEND_TIME']!r} is not a time",
                            "write a 24-hour time HH:MM, such as 08:00")
    merged["NEWSLETTER_SEND_TIME"] = send_time
    merged["NEWSLETTER_SITEURL"] = email_siteurl(settings, merged["NEWSLETTER_SITEURL"])
    validate(settings, merged)
    return merged


def email_siteurl(settings, configured):
    """NEWSLETTER_SITEURL as given (checked by validate), else the first absolute site URL."""
    if str(configured or "").strip():
        return str(configured).strip().rstrip("/")
    for candidate in (settings.get("SITEURL", ""), settings.get("FEED_DOMAIN", "")):
        if candidate and urlparse(candidate).scheme in ("http", "https"):
            return candidate.rstrip("/")
    return ""


def validate(settings, merged):
    checks.absolute_url(merged, "NEWSLETTER_SITEURL", example="https://www.synergyintegrativehealth.com")
    paths = merged["NEWSLETTER_PATHS"]
    if isinstance(paths, str) or not isinstance(paths, (list, tuple)) or not paths or not all(
            isinstance(p, str) and p.strip("/") for p in paths):
        raise SettingsError("NEWSLETTER_PATHS", f"{paths!r} is not a list of folders",
                            "give a list of folders inside content/, e.g. ['newsletter']")
    others = set(settings.get("ARTICLE_PATHS", [])) | set(settings.get("PAGE_PATHS", []))
    clash = [p for p in paths if p in others]
    if clash:
        raise SettingsError("NEWSLETTER_PATHS", f"{clash[0]!r} is also read as blog articles or pages",
                            "keep newsletter issues in their own folder")
    for key in ("NEWSLETTER_ISSUE_URL", "NEWSLETTER_ISSUE_SAVE_AS", "NEWSLETTER_PREVIEW_SAVE_AS"):
        if "{slug}" not in str(merged[key]):
            raise SettingsError(key, f"{merged[key]!r} has no {{slug}}",
                                "put {slug} where each issue's own name goes, e.g. 'newsletter/{slug}/'")
    for key in ("NEWSLETTER_INDEX_URL", "NEWSLETTER_INDEX_SAVE_AS", "NEWSLETTER_FEED_ATOM",
                "NEWSLETTER_LEDGER", "NEWSLETTER_EMAIL_THEME"):
        if not isinstance(merged[key], str):
            raise SettingsError(key, f"{merged[key]!r} is not a path", f"give a path such as {DEFAULTS[key]!r}")
