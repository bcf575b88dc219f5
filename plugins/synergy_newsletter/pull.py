"""`invoke newsletter --pull`: issues sent from Mailchimp become files in content/newsletter/.

For each sent campaign of the audience that no issue file stands for (neither
by its marker nor by a Mailchimp_id line), write an HTML issue an editor can
review in git: published, dated when it was sent, with its Mailchimp archive
link. What comes from Mailchimp is outside input, and is treated so:

- subject, preview text and title are plain text (campaign_text.py), written
  escaped, and shown as text by the build;
- the body is cleaned (sanitize.py) and its images are brought onto the site
  (pull_images.py) into content/images/newsletter/<slug>/;
- the file, the slug and the image folder share one ASCII slug, made unique.

Each campaign is imported whole or not at all: its images are written to a
temporary folder that is then moved into place, then the issue file is written
atomically. A campaign that fails (Mailchimp's error, nothing left of its body,
a file that cannot be written) is reported in one line, whatever it had written
is removed, and the others go on. The ledger records each imported issue as
sent, so it is never sent again.
"""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from markupsafe import escape

from synergy.cache import write_atomically
from synergy.errors import MailchimpError
from synergy.mailchimp.pages import every
from synergy.paths import shown_in

from . import campaign_text, config, pull_images
from .issues import content_hash, identity, read_issues
from .sanitize import clean_campaign_html
from .sending import slug_of

IMAGES = "images/newsletter"   # below the content folder (a STATIC_PATHS folder)
FIELDS = ",".join([
    "campaigns.id", "campaigns.status", "campaigns.send_time", "campaigns.archive_url",
    "campaigns.long_archive_url", "campaigns.settings.title", "campaigns.settings.subject_line",
    "campaigns.settings.preview_text", "total_items",
])


class Line(str):
    """A line of the pull's report; `failed` when a campaign could not be imported."""
    failed = False


class Failure(Line):
    failed = True


class Unusable(Exception):
    """A campaign that cannot become an issue: the message says why."""


@dataclass
class Prepared:
    campaign: dict
    slug: str
    subject: str
    text: str                                   # the issue file
    images: dict = field(default_factory=dict)  # file name -> bytes
    notes: list = field(default_factory=list)


def sent_campaigns(mc, list_id):
    return list(every(mc, "/campaigns", "campaigns", {
        "list_id": list_id, "status": "sent", "sort_field": "send_time", "sort_dir": "ASC",
        "fields": FIELDS}))


def pull_campaigns(settings, mc, ledger, pool=None):
    """Write the missing issues; yields one Line per campaign written, note or failure."""
    options = config.settings_of(settings)
    issues, _ = read_issues(settings)
    known_ids = {str(issue.metadata.get("mailchimp_id", "")) for issue in issues}
    # A campaign the site sent is known by the marker of its issue's identity (the
    # Issue_id line, which outlives a renamed file and slug) or by the ledger.
    known_ids |= {str(entry.get("campaign_id", "")) for entry in ledger.entries().values()}
    identities = {identity(issue) for issue in issues}
    slugs = {issue.slug for issue in issues}
    folder = os.path.join(settings["PATH"], options["NEWSLETTER_PATHS"][0])
    images = os.path.join(settings["PATH"], IMAGES)
    taken = slugs | _names_in(folder) | _names_in(images)
    pool = pool or pull_images.session()
    written = failed = 0
    for campaign in sent_campaigns(mc, settings["MAILCHIMP_AUDIENCE_ID"]):
        if campaign["id"] in known_ids or slug_of(campaign) in identities | slugs:
            continue
        subject = _subject(campaign)
        try:
            prepared = _prepare(campaign, subject, mc, settings, pool, taken)
            path = _write(prepared, folder, images)
        except (MailchimpError, Unusable, OSError) as error:
            failed += 1
            yield Failure(f"campaign {campaign['id']} ({subject}): not imported: {_one_line(error)} "
                          "-- nothing of it was written; the other campaigns were imported; "
                          "run `invoke newsletter --pull` again once this is fixed")
            continue
        taken.add(prepared.slug)
        shown = shown_in(path, settings)
        ledger.record(prepared.slug, campaign_id=campaign["id"], state="sent",
                      content_hash=content_hash(path), source=shown,
                      send_time=campaign.get("send_time") or None)
        written += 1
        for note in prepared.notes:
            yield Line(f"{shown}: {note} -- add it by hand to content/{IMAGES}/{prepared.slug}/ "
                       "if the issue needs it")
        yield Line(f"{shown}: imported campaign {campaign['id']} ({subject}) -- review it, then commit it")
    if not written and not failed:
        yield Line("Nothing to pull: every sent campaign already has an issue in the content.")


def _names_in(folder):
    try:
        return {os.path.splitext(name)[0] for name in os.listdir(folder)}
    except FileNotFoundError:
        return set()


def _subject(campaign):
    found = campaign.get("settings") or {}
    return (campaign_text.plain(found.get("subject_line")) or campaign_text.plain(found.get("title"))
            or "Newsletter")


def _one_line(error):
    return " ".join(str(error).split())[:300]


def _prepare(campaign, subject, mc, settings, pool, taken):
    content = mc.get(f"/campaigns/{campaign['id']}/content", {"fields": "html,archive_html"})
    body = clean_campaign_html(content.get("archive_html") or content.get("html") or "")
    sent = _when(campaign.get("send_time")).astimezone(ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    slug = campaign_text.unique(f"{sent:%Y-%m}-{campaign_text.slug(subject) or 'issue'}", taken)
    body, images, notes = pull_images.bring_images(body, f"{{static}}/{IMAGES}/{slug}", pool)
    soup = BeautifulSoup(body, "html.parser")
    if not soup.get_text(strip=True) and not images:
        raise Unusable("nothing is left of its body once scripts, tracking and personal links are "
                       "taken out; copy what it said into a new issue by hand")
    remote = [img.get("src") for img in soup.find_all("img") if not img.get("src", "").startswith("{static}/")]
    if remote:  # bring_images leaves none; a page that loads from Mailchimp must never be written
        raise Unusable(f"image {remote[0]} would load from another host")
    return Prepared(campaign, slug, subject, _issue_file(campaign, subject, slug, sent, body),
                    images, notes)


def _write(prepared, folder, images):
    """Write the images (moved into place whole), then the issue file; undo the images on failure."""
    path = os.path.join(folder, f"{prepared.slug}.html")
    target = os.path.join(images, prepared.slug)
    if prepared.images:
        os.makedirs(images, exist_ok=True)
        staged = tempfile.mkdtemp(prefix=f".{prepared.slug}-", dir=images)
        try:
            for name, data in prepared.images.items():
                with open(os.path.join(staged, name), "wb") as handle:
                    handle.write(data)
            os.rename(staged, target)
        except OSError:
            shutil.rmtree(staged, ignore_errors=True)
            raise
    try:
        os.makedirs(folder, exist_ok=True)
        write_atomically(path, prepared.text)
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return path


def _when(text):
    try:
        return datetime.fromisoformat((text or "").replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(UTC)


def _issue_file(campaign, subject, slug, sent, body):
    found = campaign.get("settings") or {}
    archive = campaign.get("long_archive_url") or campaign.get("archive_url") or ""
    meta = {
        "date": sent.strftime("%Y-%m-%d %H:%M"),
        "slug": slug,
        "status": "published",
        "subject": subject,
        "summary": campaign_text.plain(found.get("preview_text")),
        "mailchimp_id": campaign["id"],
        "archive_url": archive if urlsplit(archive).scheme in ("http", "https") else "",
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
