"""`invoke signups PATH.csv [--apply]`: bring offline signups into the Mailchimp audience.

A dry run (the default) reads the file and the audience and prints how many
people would be new, updated, unchanged or rejected; it writes nothing. A file
that cannot be read as a whole (table.py) is refused before anything is read
from Mailchimp. --apply writes the plan (plan.py) in bulk (writing.py), so
write calls grow with N/500 and a second run of the same file writes nothing.

Every run ends with the accounting (accounting.py): each data line of the file
is new, updated, unchanged, rejected, to retry or a repeated address, and the
terms must add up. Files written back, in private/ (never in git):

- signups-retry/<name>.retry.csv: people Mailchimp did not confirm (an error,
  the network gone), with the reason; running it, or the file again, finishes;
- signups-rejected/<name>.rejected.csv: rows that cannot be used as they are,
  and addresses Mailchimp refuses for good, with the reason for each;
- signups-refused.json: those refusals (refused.py), so they are not re-sent.
Both CSV files are safe to open in a spreadsheet (safe_csv.py).
"""

import datetime as dt
from pathlib import Path

from .. import clock
from ..mailchimp import connect
from ..mailchimp import settings as mailchimp_settings
from . import safe_csv, signup_file
from .accounting import account, check
from .audience import audience_members, static_segments
from .plan import plan
from .refused import RefusedAddresses
from .writing import apply

RETRY_COLUMNS = (*signup_file.COLUMNS, "reason")
REJECTED_COLUMNS = (*signup_file.COLUMNS, "line", "reason")
COME_BACK = "they can come back only by signing up through the form on the website"


def _stem(source):
    stem = Path(source).name
    for suffix in (".csv", ".retry"):
        stem = stem[:-len(suffix)] if stem.endswith(suffix) else stem
    return stem


def retry_path(source, private):
    return Path(private) / "signups-retry" / f"{_stem(source)}.retry.csv"


def rejected_path(source, private):
    return Path(private) / "signups-rejected" / f"{_stem(source)}.rejected.csv"


def run(path, *, apply_changes, mc, list_id, root, private, out=print, now=None, zone=dt.UTC):
    """The whole command; returns the exit status (0: done, 1: rows rejected or left to do).

    now (default: the real time) and zone (the practice's time zone) judge consented_at.
    """
    signup_file.refuse_public_places(path, root)
    source = signup_file.read(path, now=now or dt.datetime.now(zone), zone=zone)
    refused = RefusedAddresses(private, list_id)
    members = audience_members(mc, list_id, source.people)
    the_plan = plan(source.people, members, static_segments(mc, list_id), refused)
    _print_plan(out, source, the_plan)
    planned = account(source, the_plan.places())
    check(planned, path, "nothing was written")
    if not apply_changes:
        out("Dry run: nothing was written. Run again with --apply to write these changes.")
        out(planned.line())
        return 1 if source.rejected or the_plan.refused else 0

    outcome = apply(mc, list_id, the_plan)
    out(f"Applied: {outcome.members_written} members written, {outcome.tags_added} tags added.")
    today = (now or dt.datetime.now(zone)).date().isoformat()
    for person, reason in outcome.refused.values():
        refused.add(person.email, reason, today)
        out(f"    {path}: line {person.line}: Mailchimp refuses {person.email}: {reason} -- {COME_BACK}")
    refused.save()
    rejected = _write_rejected(out, path, private, source, the_plan, outcome)
    unconfirmed = _write_retry(out, path, private, outcome)
    final = account(source, outcome.places(the_plan))
    out(final.line())
    check(final, path, "the changes above were written")
    if not (rejected or unconfirmed):
        out("Done: every valid row is in the audience.")
    return 1 if rejected or unconfirmed else 0


def _print_plan(out, source, the_plan):
    notes = [f"{source.repeated} repeated addresses counted once"] if source.repeated else []
    notes += [f"{source.empty_lines} empty lines skipped"] if source.empty_lines else []
    out(f"{source.path}: {source.data_lines} data lines, {len(source.people)} people"
        + (f" ({'; '.join(notes)})" if notes else ""))
    if source.ignored_columns:
        out(f"  columns not used: {', '.join(source.ignored_columns)}")
    left = len(the_plan.left_alone)
    refused = len(the_plan.refused)
    out(f"  new:       {len(the_plan.new)}")
    out(f"  updated:   {len(the_plan.updated)}")
    out(f"  unchanged: {len(the_plan.unchanged) + left}"
        + (f" ({left} unsubscribed earlier and left alone)" if left else ""))
    out(f"  rejected:  {len(source.rejected) + refused}"
        + (f" ({refused} refused by Mailchimp earlier)" if refused else ""))
    for row in source.rejected:
        out(f"    {source.path}: line {row.line}: {row.message}")
    for person, reason in the_plan.refused:
        out(f"    {source.path}: line {person.line}: Mailchimp refuses {person.email}: {reason} "
            f"-- {COME_BACK}")


def _write_rejected(out, path, private, source, the_plan, outcome):
    rows = [[*row.values, row.line, row.message] for row in source.rejected]
    rows += [[*person.values(), person.line, f"Mailchimp refuses this address: {reason} -- {COME_BACK}"]
             for person, reason in the_plan.refused + list(outcome.refused.values())]
    target = rejected_path(path, private)
    if not rows:
        if target.exists() and target.resolve() != Path(path).resolve():
            target.unlink()
        return 0
    rows.sort(key=lambda row: row[len(signup_file.COLUMNS)])
    safe_csv.write(target, REJECTED_COLUMNS, rows)
    out(f"{len(rows)} rejected rows were written to {target} with the reason for each "
        f"-- correct those you can there, then run `invoke signups {target} --apply`")
    return len(rows)


def _write_retry(out, path, private, outcome):
    retry = retry_path(path, private)
    if not outcome.unconfirmed:
        if retry.exists():
            retry.unlink()
        return 0
    safe_csv.write(retry, RETRY_COLUMNS,
                   [[*person.values(), reason] for person, reason in outcome.unconfirmed.values()])
    reasons = {}
    for _, reason in outcome.unconfirmed.values():
        reasons[reason] = reasons.get(reason, 0) + 1
    out(f"{len(outcome.unconfirmed)} people not confirmed by Mailchimp were written to {retry} "
        f"-- run `invoke signups {retry} --apply` (or this file again) to finish:")
    for reason, count in reasons.items():
        out(f"    {count} x {reason}")
    return len(outcome.unconfirmed)


def main(path, *, root, apply_changes=False, settings=None):
    """Entry point for `invoke signups`: reads pelicanconf.py, the key from MAILCHIMP_API_KEY.

    A file that cannot be used, a missing key or Mailchimp's refusal raise a
    SynergyError for the task's boundary to print. consented_at is judged by
    the build clock (synergy.clock) in the site's TIMEZONE.
    """
    root = Path(root)
    if settings is None:
        from pelican.settings import read_settings

        settings = read_settings(str(root / "pelicanconf.py"))
    list_id = mailchimp_settings.read(settings)["MAILCHIMP_AUDIENCE_ID"]
    with connect(settings) as mc:
        return run(path, apply_changes=apply_changes, mc=mc, list_id=list_id, root=root,
                   private=root / "private", now=clock.now(settings), zone=clock.timezone(settings))
