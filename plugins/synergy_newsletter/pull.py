"""`invoke newsletter --pull`: issues sent from Mailchimp become files in content/newsletter/.

For each sent campaign of the audience that no issue file stands for (neither
by its marker nor by a Mailchimp_id line), write an HTML issue an editor can
review in git: published, dated when it was sent, with its Mailchimp archive
link, its body sanitized (sanitize.py). The ledger records it as sent, so it is
never sent again.
"""

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from markupsafe import escape
from pelican.utils import slugify

from synergy.mailchimp.pages import every
from synergy.paths import shown_in

from . import config
from .issues import content_hash, read_issues
from .sanitize import clean_campaign_html
from .sending import slug_of

FIELDS = ",".join([
    "campaigns.id", "campaigns.status", "campaigns.send_time", "campaigns.archive_url",
    "campaigns.long_archive_url", "campaigns.settings.title", "campaigns.settings.subject_line",
    "campaigns.settings.preview_text", "total_items",
])


def sent_campaigns(mc, list_id):
    return list(every(mc, "/campaigns", "campaigns", {
        "list_id": list_id, "status": "sent", "sort_field": "send_time", "sort_dir": "ASC",
        "fields": FIELDS}))


def pull_campaigns(settings, mc, ledger):
    """Write the missing issues; yields one line per campaign written."""
    options = config.settings_of(settings)
    issues, _ = read_issues(settings)
    known_ids = {str(issue.metadata.get("mailchimp_id", "")) for issue in issues}
    slugs = {issue.slug for issue in issues}
    folder = os.path.join(settings["PATH"], options["NEWSLETTER_PATHS"][0])
    os.makedirs(folder, exist_ok=True)
    written = 0
    for campaign in sent_campaigns(mc, settings["MAILCHIMP_AUDIENCE_ID"]):
        if campaign["id"] in known_ids or slug_of(campaign) in slugs:
            continue
        content = mc.get(f"/campaigns/{campaign['id']}/content", {"fields": "html,archive_html"})
        body = clean_campaign_html(content.get("archive_html") or content.get("html") or "")
        site_zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
        sent = _when(campaign.get("send_time")).astimezone(site_zone)
        settings_ = campaign.get("settings") or {}
        subject = settings_.get("subject_line") or settings_.get("title") or "Newsletter"
        slug = _unique(f"{sent:%Y-%m}-{slugify(subject)}"[:80].rstrip("-"), slugs)
        slugs.add(slug)
        path = os.path.join(folder, f"{slug}.html")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(_issue_file(campaign, subject, slug, sent, body))
        ledger.record(slug, campaign_id=campaign["id"], state="sent",
                      content_hash=content_hash(path), source=shown_in(path, settings),
                      send_time=campaign.get("send_time") or None)
        written += 1
        yield (f"{shown_in(path, settings)}: imported campaign {campaign['id']} ({subject}) "
               "-- review it, then commit it")
    if not written:
        yield "Nothing to pull: every sent campaign already has an issue in the content."


def _when(text):
    try:
        return datetime.fromisoformat((text or "").replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)


def _unique(slug, taken):
    candidate, number = slug or "issue", 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _issue_file(campaign, subject, slug, sent, body):
    settings_ = campaign.get("settings") or {}
    meta = {
        "date": sent.strftime("%Y-%m-%d %H:%M"),
        "slug": slug,
        "status": "published",
        "subject": subject,
        "summary": settings_.get("preview_text") or "",
        "mailchimp_id": campaign["id"],
        "archive_url": campaign.get("long_archive_url") or campaign.get("archive_url") or "",
    }
    lines = [
        "<html>",
        "<head>",
        f"<title>{escape(subject)}</title>",
        *(f'<meta name="{name}" content="{escape(value)}">'
          for name, value in meta.items() if value),
        "</head>",
        "<body>",
        body,
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)
