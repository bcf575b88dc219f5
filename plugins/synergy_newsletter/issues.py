"""A newsletter issue: one Markdown (or imported HTML) file in content/newsletter/.

Metadata an issue carries:
    Title, Date, Slug          required; the slug names the issue's web page
    Subject                    the email subject (default: the title)
    Preview                    the preheader shown after the subject (default: the summary)
    Status                     draft or published (default: draft, so nothing
                               goes out by accident)
    Email: yes                 the practice's approval to email it; without it a
                               published issue is on the website only
    Issue_id                   written by the first send (see "Identity" below)
    Summary                    for the archive and the feed
    Recent_posts: yes          list the blog posts published since the previous issue
    Mailchimp_id, Archive_url  set on issues pulled from Mailchimp: already sent

When: an issue appears on the website from the first build on the day of its
Date (in TIMEZONE), and its email is scheduled for the Date's time, or for
NEWSLETTER_SEND_TIME when the Date has no time. The page is up before the email
that links to it, with a nightly deploy that runs just after midnight.

Identity: an issue must stay the same issue when an editor renames its file,
changes its slug, title, date or text, so the email never goes out twice. So
its identity is its `Issue_id:` line, and before that line exists, its slug.
The first send writes `Issue_id: <the slug at that moment>` into the file's
metadata (and the command commits it with the ledger); from then on the file
can be renamed and its slug changed freely. The campaign's marker in Mailchimp
and the ledger's key are that id. Two files with one id (a sent issue copied to
start a new one) stop with a line asking to delete the copied line; a new issue
whose slug is another file's id is told to choose another slug.

Discovery lives here too, for everyone: the generator, sending and pulling all
find issue files with `issue_files()`, and the commands read their metadata
with `read_issues()`, exactly as the build reads it.
"""

import fnmatch
import hashlib
import os
import re
from datetime import datetime, time

from pelican.contents import Content
from pelican.readers import Readers

from synergy import clock
from synergy.cache import write_atomically
from synergy.metadata import FENCE, KEY, first, read_file_fields
from synergy.paths import shown_in
from synergy.words import is_yes, yes_or_no

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
    """Published and its day has come (in TIMEZONE): the issues on the website and sent.

    By the day, not the hour: the page goes up with the first build of the day,
    ahead of the email scheduled for the Date's time that links to it.
    """
    today = clock.now(settings).date()
    return issue.status == "published" and _local(issue.date, settings).date() <= today


def why_not_due(issue, settings):
    if issue.status != "published":
        return f"status is {issue.status}"
    if not is_due(issue, settings):
        return f"dated in the future ({issue.date:%Y-%m-%d %H:%M})"
    return ""


def _local(moment, settings):
    zone = clock.timezone(settings)
    return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)


def email_choice(path):
    """(True or False, '') from the file's `Email:` line, or (False, problem) when it is
    neither yes nor no. No line is no: an issue is emailed only when approved."""
    field = first(read_file_fields(path, limit=8192), "email")
    if field is None:
        return False, ""
    choice = yes_or_no(field.value)
    if choice is None:
        return False, (f"email: '{field.value}' is not yes or no -- write 'Email: yes' to "
                       "email the issue, or remove the line to keep it on the website only")
    return choice, ""


def issue_id_line(path):
    """The file's `Issue_id:` value, or '' when it has none."""
    field = first(read_file_fields(path, limit=8192), "issue_id")
    return field.value.strip() if field else ""


def identity(issue):
    """What the issue is known by in the ledger and Mailchimp: its Issue_id, else its slug."""
    return str(issue.metadata.get("issue_id") or "").strip() or issue.slug


def send_time(issue, settings, default_time):
    """When the email should go out, aware: the Date's time, or default_time ("HH:MM")
    on the Date's day when the Date line gives no time."""
    local = _local(issue.date, settings)
    field = first(read_file_fields(issue.source_path, limit=8192), "date")
    if field is not None and not _HAS_TIME.search(field.value):
        hour, minute = (int(part) for part in default_time.split(":"))
        local = datetime.combine(local.date(), time(hour, minute), tzinfo=local.tzinfo)
    return local


_HAS_TIME = re.compile(r"\d[T ]\d{1,2}:\d{2}")
# Lines that say how the issue is handled, not what readers read: changing them
# is not an edit of the issue.
_BOOKKEEPING = ("slug", "issue_id", "email", "status", "date")


def content_hash(source_path):
    """The hash of the issue as readers get it: its text and metadata as the editor wrote
    them, without the lines that only say how it is handled (slug, date, status...).

    A change of template does not change it; an edit to the issue does.
    """
    with open(source_path, "rb") as handle:
        lines = handle.read().replace(b"\r\n", b"\n").split(b"\n")
    kept, in_header = [], True
    for line in lines:
        if in_header and not line.strip():
            in_header = False
        if in_header:
            match = KEY.match(line.decode("utf-8", "replace"))
            if match and match["key"].lower() in _BOOKKEEPING:
                continue
        kept.append(line)
    return "sha256:" + hashlib.sha256(b"\n".join(kept)).hexdigest()


def write_issue_id(path, value):
    """Add `Issue_id: value` to a Markdown issue's metadata; True when the file changed.

    It goes after the last metadata line, in the file's own line endings. Other
    formats (imported HTML issues, never sent from here) are left alone.
    """
    if not str(path).lower().endswith((".md", ".markdown")) or issue_id_line(path):
        return False
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    start = 1 if lines and FENCE.match(lines[0]) else 0
    end = next((number for number, line in enumerate(lines) if number >= start
                and (not line.strip() or FENCE.match(line))), len(lines))
    lines.insert(end, f"Issue_id: {value}")
    write_atomically(path, newline.join(lines))
    return True


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
    clashing = _identity_clashes(issues, settings, problems)
    issues = [issue for issue in issues if issue not in clashing]
    return sorted(issues, key=lambda issue: issue.date), problems


def _identity_clashes(issues, settings, problems):
    """Issues that would share one identity, each with a line saying what to do."""
    by_id = {}
    for issue in issues:
        by_id.setdefault(identity(issue), []).append(issue)
    clashing = []
    for key, group in by_id.items():
        if len(group) < 2:
            continue
        named = [issue for issue in group if issue.metadata.get("issue_id")]
        # One file carries the id: it is the issue, the others must move aside.
        clashing.extend(group if len(named) != 1 else
                        [issue for issue in group if issue not in named])
        for issue in group:
            others = ", ".join(shown_in(other.source_path, settings) for other in group
                               if other is not issue)
            shown = shown_in(issue.source_path, settings)
            if not issue.metadata.get("issue_id"):
                problems.append(f"{shown}: slug: '{key}' is the Issue_id of {others}, an issue "
                                "already sent -- give this issue another slug")
            elif len(named) > 1:
                problems.append(f"{shown}: issue_id: '{key}' is also in {others} -- delete the "
                                "Issue_id line from the new issue (copied from a sent one); "
                                "each issue gets its own at its first send")
    return clashing
