"""What goes out: each issue as the sender needs it, with the email the build rendered.

The emails sent are the ones a build rendered:
output/email-preview/<slug>/email.html and email.txt of a publishconf.py build.
"""

import os
from datetime import timedelta

from synergy import clock
from synergy.errors import SettingsError
from synergy.mailchimp import settings as mailchimp_settings
from synergy.paths import project_root, shown_in

from . import config
from .issues import (
    content_hash,
    email_choice,
    identity,
    is_due,
    issue_id_line,
    read_issues,
    send_time,
    why_not_due,
    write_issue_id,
)
from .ledger import Ledger
from .sending import Outgoing, Sender


def _too_old(issue, settings, options):
    oldest = clock.now(settings) - timedelta(days=options["NEWSLETTER_SEND_WITHIN_DAYS"])
    if issue.date >= oldest:
        return ""
    return (f"dated {issue.date:%Y-%m-%d}, more than {options['NEWSLETTER_SEND_WITHIN_DAYS']} "
            "days ago: too late to email (it stays on the web archive; to send it, date it today)")


def outgoing(settings, output_path):
    """(Outgoing records, problems) for every issue, with its email when it may be sent."""
    options = config.settings_of(settings)
    issues, problems = read_issues(settings)
    records = []
    for issue in issues:
        shown = shown_in(issue.source_path, settings)
        email, problem = email_choice(issue.source_path)
        if problem:
            problems.append(f"{shown}: {problem}")
        folder = os.path.join(output_path, options["NEWSLETTER_PREVIEW_SAVE_AS"].format(slug=issue.slug))
        due, why_not = is_due(issue, settings), why_not_due(issue, settings)
        stale = _too_old(issue, settings, options) if due and not issue.sent_from_mailchimp else ""
        key = identity(issue)
        records.append(Outgoing(
            slug=issue.slug, title=str(issue.title), subject=str(issue.email_subject),
            preview=str(issue.preheader), date=issue.date, status=issue.status, source=shown,
            content_hash=content_hash(issue.source_path), email_folder=folder,
            due=due, why_not=why_not, mailchimp_id=str(issue.metadata.get("mailchimp_id", "")),
            key=key, email=email, stale=stale,
            send_at=send_time(issue, settings, options["NEWSLETTER_SEND_TIME"]),
            stamp=_stamper(issue.source_path, key),
        ))
    return records, problems


def _stamper(path, key):
    """Write the issue's identity into its file, once (issues.py, "Identity")."""
    def stamp():
        return not issue_id_line(path) and write_issue_id(path, key)
    return stamp


def ledger_for(settings):
    path = config.settings_of(settings)["NEWSLETTER_LEDGER"]
    root = project_root(settings)
    if not os.path.isabs(path):
        path = os.path.join(root, path)
    shown = os.path.relpath(path, root)
    return Ledger(path, shown=path if shown.startswith("..") else shown)


def sender_for(settings, mc, **overrides):
    options = config.settings_of(settings)
    mailchimp = mailchimp_settings.read(settings)
    arguments = dict(
        ledger=ledger_for(settings),
        list_id=mailchimp["MAILCHIMP_AUDIENCE_ID"],
        from_name=mailchimp["MAILCHIMP_FROM_NAME"],
        reply_to=mailchimp["MAILCHIMP_REPLY_TO"],
        test_emails=mailchimp["MAILCHIMP_TEST_EMAILS"],
        lead_minutes=options["NEWSLETTER_SCHEDULE_LEAD_MINUTES"],
        send_immediately=options["NEWSLETTER_SEND_IMMEDIATELY"],
        settle_seconds=float(options["NEWSLETTER_SETTLE_SECONDS"]),
        now=lambda: clock.now(settings),
    )
    arguments.update(overrides)
    return Sender(mc, **arguments)


def run(settings, output_path, *, send=False, mc=None, waiting=None, sender=None,
        **sender_options):
    """One pass over the issues: a plan (dry run) or the sends. Returns (outcomes, problems).

    A --send run holds the ledger's lock throughout, so a second run on this
    machine waits (calling `waiting` once) and then finds the work done. A
    ledger that cannot be read stops the run before anything is sent.
    """
    if send and mc is None:
        raise ValueError("a --send run needs a Mailchimp connection")
    if send and not mailchimp_settings.read(settings)["MAILCHIMP_TEST_EMAILS"]:
        raise SettingsError("MAILCHIMP_TEST_EMAILS", "empty",
                            "name at least one editor to receive each test email")
    sender = sender or sender_for(settings, mc, **sender_options)
    if not send:
        sender.ledger.entries()
        records, problems = outgoing(settings, output_path)
        return [sender.plan(record) for record in records], problems
    with sender.ledger.locked(waiting=waiting):
        sender.ledger.entries()
        records, problems = outgoing(settings, output_path)
        return [sender.send(record) for record in records], problems
