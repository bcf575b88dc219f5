"""What goes out: each issue as the sender needs it, with the email the build rendered.

The emails sent are the ones a build rendered:
output/email-preview/<slug>/email.html and email.txt of a publishconf.py build.
"""

import os
from datetime import timedelta

from synergy import clock
from synergy.errors import SettingsError
from synergy.mailchimp import settings as mailchimp_settings
from synergy.paths import shown_in

from . import config
from .issues import content_hash, is_due, read_issues, why_not_due
from .ledger import Ledger
from .sending import Outgoing, Sender


def _too_old(issue, settings, options):
    oldest = clock.now(settings) - timedelta(days=options["NEWSLETTER_SEND_WITHIN_DAYS"])
    if issue.date >= oldest:
        return ""
    return (f"dated {issue.date:%Y-%m-%d}, more than {options['NEWSLETTER_SEND_WITHIN_DAYS']} "
            "days ago: too late to email (it stays on the web archive; to send it, date it today)")


def outgoing(settings, output_path):
    """(Outgoing records, problems) for every issue, with its email when it is due."""
    options = config.settings_of(settings)
    issues, problems = read_issues(settings)
    records = []
    for issue in issues:
        shown = shown_in(issue.source_path, settings)
        folder = os.path.join(output_path, options["NEWSLETTER_PREVIEW_SAVE_AS"].format(slug=issue.slug))
        due, why_not = is_due(issue, settings), why_not_due(issue, settings)
        if due and not issue.sent_from_mailchimp:
            why_not = _too_old(issue, settings, options)
            due = not why_not
        html = text = ""
        if due and not issue.sent_from_mailchimp:
            try:
                html, text = (_read(os.path.join(folder, name)) for name in ("email.html", "email.txt"))
            except FileNotFoundError:
                problems.append(f"{shown}: no rendered email in {folder} -- build the site first")
                continue
        records.append(Outgoing(
            slug=issue.slug, title=str(issue.title), subject=str(issue.email_subject),
            preview=str(issue.preheader), date=issue.date, status=issue.status, source=shown,
            content_hash=content_hash(issue.source_path), html=html, text=text,
            due=due, why_not=why_not, mailchimp_id=str(issue.metadata.get("mailchimp_id", "")),
        ))
    return records, problems


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def ledger_for(settings):
    path = config.settings_of(settings)["NEWSLETTER_LEDGER"]
    if not os.path.isabs(path):
        path = os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), path)
    return Ledger(path)


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
    )
    arguments.update(overrides)
    return Sender(mc, **arguments)


def run(settings, output_path, *, send=False, mc=None, **sender_options):
    """One pass over the issues: a plan (dry run) or the sends. Returns (outcomes, problems)."""
    records, problems = outgoing(settings, output_path)
    if send and mc is None:
        raise ValueError("a --send run needs a Mailchimp connection")
    if send and not mailchimp_settings.read(settings)["MAILCHIMP_TEST_EMAILS"]:
        raise SettingsError("MAILCHIMP_TEST_EMAILS", "empty",
                            "name at least one editor to receive each test email")
    sender = sender_for(settings, mc, **sender_options)
    outcomes = [sender.send(record) if send else sender.plan(record) for record in records]
    return outcomes, problems
