"""The newsletter's settings: defaults, and one clear error when one is wrong.

Every setting can be given in pelicanconf.py; those marked (env) can also come
from an environment variable of the same name, so a deploy needs no file edit.
"""

import os
from urllib.parse import urlparse

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
    "NEWSLETTER_SCHEDULE_LEAD_MINUTES": 30,  # (env)
    "NEWSLETTER_SEND_IMMEDIATELY": False,  # (env)
    # An issue dated longer ago than this is too stale to email (it stays on the
    # web archive): a first deploy, or a lost ledger, never mails a backlog.
    "NEWSLETTER_SEND_WITHIN_DAYS": 30,
    # Seconds to wait after creating a campaign before checking for a twin made
    # by an overlapping run: more than Mailchimp's one-second create_time grain.
    "NEWSLETTER_SETTLE_SECONDS": 2.0,
}

_ENV = ("NEWSLETTER_SITEURL", "NEWSLETTER_SCHEDULE_LEAD_MINUTES", "NEWSLETTER_SEND_IMMEDIATELY")
_TRUE = ("1", "true", "yes", "on")


class NewsletterConfigError(ValueError):
    """A newsletter setting is wrong; the message names it and says what to do."""


def settings_of(settings):
    """The newsletter settings: defaults, then pelicanconf, then the environment."""
    merged = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    for key in _ENV:
        value = os.environ.get(key, "").strip()
        if value:
            merged[key] = value
    merged["NEWSLETTER_SEND_IMMEDIATELY"] = (
        str(merged["NEWSLETTER_SEND_IMMEDIATELY"]).strip().lower() in _TRUE
    )
    try:
        merged["NEWSLETTER_SCHEDULE_LEAD_MINUTES"] = int(merged["NEWSLETTER_SCHEDULE_LEAD_MINUTES"])
    except (TypeError, ValueError):
        raise NewsletterConfigError(
            f"NEWSLETTER_SCHEDULE_LEAD_MINUTES: {merged['NEWSLETTER_SCHEDULE_LEAD_MINUTES']!r} "
            "is not a whole number -- give the minutes, for example 30"
        ) from None
    try:
        merged["NEWSLETTER_SEND_WITHIN_DAYS"] = int(merged["NEWSLETTER_SEND_WITHIN_DAYS"])
    except (TypeError, ValueError):
        raise NewsletterConfigError(
            f"NEWSLETTER_SEND_WITHIN_DAYS: {merged['NEWSLETTER_SEND_WITHIN_DAYS']!r} "
            "is not a whole number -- give the days, for example 30"
        ) from None
    merged["NEWSLETTER_SITEURL"] = email_siteurl(settings, merged["NEWSLETTER_SITEURL"])
    validate(settings, merged)
    return merged


def email_siteurl(settings, configured):
    for candidate in (configured, settings.get("SITEURL", ""), settings.get("FEED_DOMAIN", "")):
        if candidate and urlparse(candidate).scheme in ("http", "https"):
            return candidate.rstrip("/")
    if configured:
        return configured
    return ""


def validate(settings, merged):
    siteurl = merged["NEWSLETTER_SITEURL"]
    parsed = urlparse(siteurl)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise NewsletterConfigError(
            f"NEWSLETTER_SITEURL: {siteurl!r} is not an absolute URL -- emails need full links; "
            "set it (or SITEURL) to e.g. https://www.synergyintegrativehealth.com"
        )
    if merged["NEWSLETTER_SCHEDULE_LEAD_MINUTES"] < 0:
        raise NewsletterConfigError(
            "NEWSLETTER_SCHEDULE_LEAD_MINUTES: must not be negative -- give e.g. 30"
        )
    paths = merged["NEWSLETTER_PATHS"]
    if isinstance(paths, str) or not all(isinstance(p, str) and p for p in paths):
        raise NewsletterConfigError(
            f"NEWSLETTER_PATHS: {paths!r} -- give a list of folders inside content/, "
            "e.g. ['newsletter']"
        )
    others = set(settings.get("ARTICLE_PATHS", [])) | set(settings.get("PAGE_PATHS", []))
    clash = [p for p in paths if p in others or p == ""]
    if clash:
        raise NewsletterConfigError(
            f"NEWSLETTER_PATHS: {clash[0]!r} is also read as blog articles or pages -- "
            "keep newsletter issues in their own folder"
        )
    for key in ("NEWSLETTER_ISSUE_URL", "NEWSLETTER_ISSUE_SAVE_AS", "NEWSLETTER_PREVIEW_SAVE_AS"):
        if "{slug}" not in str(merged[key]):
            raise NewsletterConfigError(f"{key}: {merged[key]!r} must contain {{slug}}")
