"""A newsletter issue: one Markdown (or imported HTML) file in content/newsletter/.

Metadata an issue carries:
    Title, Date, Slug          required; the slug names the issue's web page and
                               its Mailchimp campaign, so it must never change
    Subject                    the email subject (default: the title)
    Preview                    the preheader shown after the subject (default: the summary)
    Status                     draft or published (default: draft, so nothing
                               goes out by accident)
    Summary                    for the archive and the feed
    Recent_posts: yes          list the blog posts published since the previous issue
    Mailchimp_id, Archive_url  set on issues pulled from Mailchimp: already sent
"""

import hashlib
import os

from pelican.contents import Content

from . import clock
from .config import DEFAULTS

YES = ("yes", "true", "1", "on")


class Issue(Content):
    mandatory_properties = ("title", "date", "slug")
    allowed_statuses = ("published", "draft")
    default_status = "draft"
    default_template = "newsletter_issue"

    def _expand_settings(self, key, klass=None):
        # Issue URLs come from NEWSLETTER_ISSUE_URL / _SAVE_AS, not ISSUE_URL.
        name = f"NEWSLETTER_ISSUE_{key.upper()}"
        pattern = self.settings.get(name, DEFAULTS[name])
        return str(pattern).format(**self.url_format)

    @property
    def email_subject(self):
        return self.metadata.get("subject") or self.title

    @property
    def preheader(self):
        from markupsafe import Markup

        text = self.metadata.get("preview") or self.metadata.get("summary") or ""
        return Markup(str(text)).striptags()

    @property
    def lists_recent_posts(self):
        return str(self.metadata.get("recent_posts", "")).strip().lower() in YES

    @property
    def sent_from_mailchimp(self):
        """Pulled from Mailchimp's archive: it went out before the site sent issues."""
        return bool(self.metadata.get("mailchimp_id"))


def is_due(issue, settings):
    """Published and its date has come: the only issues that are published or sent."""
    return issue.status == "published" and issue.date <= clock.now(settings)


def why_not_due(issue, settings):
    if issue.status != "published":
        return f"status is {issue.status}"
    if issue.date > clock.now(settings):
        return f"dated in the future ({issue.date:%Y-%m-%d %H:%M})"
    return ""


def content_hash(source_path):
    """The hash of the issue's file as the editor wrote it (metadata and text).

    A change of template does not change it; an edit to the issue does.
    """
    with open(source_path, "rb") as handle:
        data = handle.read().replace(b"\r\n", b"\n")
    return "sha256:" + hashlib.sha256(data).hexdigest()


def missing_slug(path):
    """True when the file has no explicit Slug line: a slug made from the title
    would change with the title and give Mailchimp a second campaign."""
    with open(path, encoding="utf-8") as handle:
        head = handle.read(4096)
    if path.endswith((".html", ".htm")):
        return 'name="slug"' not in head.lower()
    for line in head.splitlines():
        if not line.strip():
            break
        if line.lower().startswith("slug:") and line.split(":", 1)[1].strip():
            return False
    return True


def previous_issue(issue, issues):
    earlier = [other for other in issues if other.date < issue.date]
    return max(earlier, key=lambda other: other.date) if earlier else None


def recent_posts(issue, issues, articles, limit):
    """Blog posts dated after the previous issue and no later than this one."""
    if not issue.lists_recent_posts:
        return []
    previous = previous_issue(issue, issues)
    chosen = [
        article for article in articles
        if article.date <= issue.date and (previous is None or article.date > previous.date)
    ]
    chosen.sort(key=lambda article: article.date, reverse=True)
    return chosen[:limit]


def relative_source(issue, content_root):
    return os.path.relpath(issue.source_path, os.path.dirname(os.path.abspath(content_root)))
