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

Discovery lives here too, for everyone: the generator, sending and pulling all
find issue files with `issue_files()`, and the commands read their metadata
with `read_issues()`, exactly as the build reads it.
"""

import fnmatch
import hashlib
import os

from pelican.contents import Content
from pelican.readers import Readers

from synergy import clock
from synergy.metadata import first, read_file_fields
from synergy.paths import shown_in
from synergy.words import is_yes

from . import config
from .config import DEFAULTS


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
        # Markup(text), not Markup(str(text)): a preview that is plain text escapes itself first.
        return Markup(text).striptags()

    @property
    def lists_recent_posts(self):
        return is_yes(self.metadata.get("recent_posts", ""))

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
    slug = first(read_file_fields(path, limit=8192), "slug")
    return not (slug and slug.value)


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


def issue_files(settings):
    """Every issue file under NEWSLETTER_PATHS, as paths relative to PATH, in name order."""
    options = config.settings_of(settings)
    extensions = Readers(settings).extensions
    root = settings["PATH"]
    found = []
    for folder in options["NEWSLETTER_PATHS"]:
        for dirpath, dirs, files in os.walk(os.path.join(root, folder)):
            dirs[:] = sorted(d for d in dirs if not _ignored(d, settings))
            for name in files:
                if os.path.splitext(name)[1][1:] in extensions and not _ignored(name, settings):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(found)


def _ignored(name, settings):
    return any(fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES", []))


def read_issues(settings):
    """Each issue's metadata, read as the build reads it: (issues by date, problems)."""
    readers = Readers(settings)
    issues, problems = [], []
    for rel in issue_files(settings):
        path = os.path.join(settings["PATH"], rel)
        shown = shown_in(path, settings)
        if missing_slug(path):
            problems.append(f"{shown}: slug: missing -- add a line 'Slug: ...'")
            continue
        try:
            issue = readers.read_file(base_path=settings["PATH"], path=rel,
                                      content_class=Issue, context={})
        except Exception as error:  # the build reports the details; name the file here
            problems.append(f"{shown}: could not be read ({error})")
            continue
        if not issue.is_valid():
            problems.append(f"{shown}: not a valid issue -- run `invoke build` to see why")
            continue
        issues.append(issue)
    slugs = [issue.slug for issue in issues]
    for issue in issues:
        if slugs.count(issue.slug) > 1:
            problems.append(f"{shown_in(issue.source_path, settings)}: slug '{issue.slug}' "
                            "is used by another issue -- each issue needs its own slug")
    issues = [issue for issue in issues if slugs.count(issue.slug) == 1]
    return sorted(issues, key=lambda issue: issue.date), problems
