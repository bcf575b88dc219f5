"""`invoke newsletter`: what each issue needs, and (with --send) doing it once.

Without --send nothing is written to Mailchimp: each issue gets one line saying
what a --send run would do. With --send and MAILCHIMP_API_KEY set, every
published issue whose date has come (within NEWSLETTER_SEND_WITHIN_DAYS) and
that has not gone out is created as a
campaign, given its content, tested and scheduled (campaigns.py explains why
that happens exactly once). The emails sent are the ones the build rendered:
output/email-preview/<slug>/email.html and email.txt of a publishconf.py build.
"""

import fnmatch
import os
import subprocess
import sys
import tempfile
from datetime import timedelta

from pelican.readers import Readers

from . import clock, config
from .campaigns import Outgoing, Sender
from .issues import Issue, content_hash, is_due, missing_slug, why_not_due
from .ledger import Ledger


def issue_files(settings):
    """Every issue file under NEWSLETTER_PATHS, as paths relative to PATH."""
    options = config.settings_of(settings)
    readers = Readers(settings)
    root = settings["PATH"]
    found = []
    for folder in options["NEWSLETTER_PATHS"]:
        for dirpath, dirs, files in os.walk(os.path.join(root, folder)):
            dirs[:] = [d for d in dirs if not _ignored(d, settings)]
            for name in files:
                ext = os.path.splitext(name)[1][1:]
                if ext in readers.extensions and not _ignored(name, settings):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(found)


def _ignored(name, settings):
    return any(fnmatch.fnmatch(name, pattern) for pattern in settings.get("IGNORE_FILES", []))


def read_issues(settings):
    """Each issue's metadata, read as the build reads it; (issues, problems)."""
    readers = Readers(settings)
    issues, problems = [], []
    for rel in issue_files(settings):
        path = os.path.join(settings["PATH"], rel)
        if missing_slug(path):
            problems.append(f"{_shown(path, settings)}: slug: missing -- add a line 'Slug: ...'")
            continue
        try:
            issue = readers.read_file(base_path=settings["PATH"], path=rel,
                                      content_class=Issue, context={})
        except Exception as error:  # the build reports the details; name the file here
            problems.append(f"{_shown(path, settings)}: could not be read ({error})")
            continue
        if not issue.is_valid():
            problems.append(f"{_shown(path, settings)}: not a valid issue "
                            "-- run `invoke build` to see why")
            continue
        issues.append(issue)
    slugs = [issue.slug for issue in issues]
    for issue in issues:
        if slugs.count(issue.slug) > 1:
            problems.append(f"{_shown(issue.source_path, settings)}: slug '{issue.slug}' "
                            "is used by another issue -- each issue needs its own slug")
    issues = [issue for issue in issues if slugs.count(issue.slug) == 1]
    return sorted(issues, key=lambda issue: issue.date), problems


def _shown(path, settings):
    base = os.path.dirname(os.path.abspath(settings["PATH"]))
    return os.path.relpath(os.path.abspath(path), base)


def outgoing(settings, output_path):
    """Issues as the sender needs them, with the email the build rendered."""
    options = config.settings_of(settings)
    issues, problems = read_issues(settings)
    records = []
    for issue in issues:
        folder = options["NEWSLETTER_PREVIEW_SAVE_AS"].format(slug=issue.slug)
        html_path = os.path.join(output_path, folder, "email.html")
        text_path = os.path.join(output_path, folder, "email.txt")
        due, why_not = is_due(issue, settings), why_not_due(issue, settings)
        if due and not issue.sent_from_mailchimp:
            oldest = clock.now(settings) - timedelta(days=options["NEWSLETTER_SEND_WITHIN_DAYS"])
            if issue.date < oldest:
                due, why_not = False, (
                    f"dated {issue.date:%Y-%m-%d}, more than "
                    f"{options['NEWSLETTER_SEND_WITHIN_DAYS']} days ago: too late to email "
                    "(it stays on the web archive; to send it, date it today)")
        html = text = ""
        if due and not issue.sent_from_mailchimp:
            if not (os.path.exists(html_path) and os.path.exists(text_path)):
                problems.append(f"{_shown(issue.source_path, settings)}: no rendered email in "
                                f"{os.path.join(output_path, folder)} -- build the site first")
                continue
            with open(html_path, encoding="utf-8") as handle:
                html = handle.read()
            with open(text_path, encoding="utf-8") as handle:
                text = handle.read()
        records.append(Outgoing(
            slug=issue.slug, title=str(issue.title), subject=str(issue.email_subject),
            preview=str(issue.preheader), date=issue.date, status=issue.status,
            source=_shown(issue.source_path, settings),
            content_hash=content_hash(issue.source_path), html=html, text=text,
            due=due, why_not=why_not,
            mailchimp_id=str(issue.metadata.get("mailchimp_id", "")),
        ))
    return records, problems


def ledger_for(settings):
    options = config.settings_of(settings)
    path = options["NEWSLETTER_LEDGER"]
    if not os.path.isabs(path):
        path = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), path)
    return Ledger(path)


def sender_for(settings, mc, **overrides):
    options = config.settings_of(settings)
    arguments = dict(
        ledger=ledger_for(settings),
        list_id=settings["MAILCHIMP_AUDIENCE_ID"],
        from_name=settings["MAILCHIMP_FROM_NAME"],
        reply_to=settings["MAILCHIMP_REPLY_TO"],
        test_emails=settings.get("MAILCHIMP_TEST_EMAILS", []),
        lead_minutes=options["NEWSLETTER_SCHEDULE_LEAD_MINUTES"],
        send_immediately=options["NEWSLETTER_SEND_IMMEDIATELY"],
        settle_seconds=float(options["NEWSLETTER_SETTLE_SECONDS"]),
    )
    arguments.update(overrides)
    return Sender(mc, **arguments)


def run(settings, output_path, *, send=False, mc=None, **sender_options):
    """One pass over the issues: a plan (dry run) or the sends. Returns (outcomes, problems)."""
    records, problems = outgoing(settings, output_path)
    if send and mc is None:
        raise ValueError("a --send run needs a Mailchimp connection")
    if send and not settings.get("MAILCHIMP_TEST_EMAILS"):
        raise config.NewsletterConfigError(
            "MAILCHIMP_TEST_EMAILS: empty -- name at least one editor to receive each test email")
    sender = sender_for(settings, mc, **sender_options)
    outcomes = [sender.send(record) if send else sender.plan(record) for record in records]
    return outcomes, problems


def build(settings_file, content_path, output_path, cache_path):
    """A publish build into output_path, in its own process, as `invoke publish` makes it."""
    command = [sys.executable, "-m", "pelican", content_path, "-o", output_path,
               "-s", settings_file, "-e", f'CACHE_PATH="{cache_path}"']
    return subprocess.run(command, capture_output=True, text=True)


def main(root, *, settings_file, send=False, pull=False, output="", commit=True, out=print):
    """The task's body; returns the exit status."""
    from pelican.settings import read_settings

    from mailchimp_sync.client import MailchimpConfigError, MailchimpError, connect

    settings = read_settings(os.path.join(root, settings_file))
    try:
        config.settings_of(settings)
        if pull:
            from .pull import pull_campaigns

            with connect(settings) as mc:
                for line in pull_campaigns(settings, mc, ledger_for(settings)):
                    out(line)
            return 0
        has_key = bool(os.environ.get("MAILCHIMP_API_KEY", "").strip())
        mc = connect(settings) if (send or has_key) else None
    except (MailchimpConfigError, config.NewsletterConfigError, MailchimpError) as error:
        out(f"newsletter: {error}")
        return 1
    with tempfile.TemporaryDirectory(prefix="newsletter-") as temp:
        if not output:
            output = os.path.join(temp, "output")
            built = build(os.path.join(root, settings_file), settings["PATH"], output,
                          os.path.join(temp, "cache"))
            if built.returncode != 0:
                out(built.stderr.strip())
                out("newsletter: the site does not build, so nothing was sent "
                    "-- fix the lines above")
                return 1
        try:
            outcomes, problems = run(settings, output, send=send, mc=mc)
        except config.NewsletterConfigError as error:
            out(f"newsletter: {error}")
            return 1
        finally:
            if mc is not None:
                mc.close()
    for line in problems:
        out(line)
    if not send:
        out("Dry run: nothing was written to Mailchimp. `invoke newsletter --send` does this:")
    for outcome in outcomes:
        out(outcome.line())
    if send and commit:
        _commit_ledger(root, ledger_for(settings).path, out)
    failed = problems or any(outcome.failed for outcome in outcomes)
    return 1 if failed else 0


def _commit_ledger(root, path, out):
    changed = subprocess.run(["git", "status", "--porcelain", "--", path], cwd=root,
                             capture_output=True, text=True)
    if changed.returncode != 0 or not changed.stdout.strip():
        return
    subprocess.run(["git", "add", "--", path], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Record the newsletter campaigns just created",
                    "--", path], cwd=root, check=True)
    out(f"Committed {os.path.relpath(path, root)}: push it so the next run starts from it.")


__all__ = ["main", "run", "outgoing", "read_issues", "sender_for", "build"]
