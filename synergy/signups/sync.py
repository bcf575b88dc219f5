"""`invoke signups PATH.csv [--apply]`: bring offline signups into the Mailchimp audience.

A dry run (the default) reads the audience and prints how many people would be
new, updated, unchanged or rejected; it writes nothing. --apply writes:

- members with batch subscribe (POST /lists/{id}, at most 500 a call,
  update_existing). A new person is "pending" (Mailchimp sends the double
  opt-in email) unless the row has consented_at, then "subscribed". An
  existing member keeps their status (a consented_at row confirms a pending
  one); people who unsubscribed are left alone.
- tags in bulk: a tag is a static segment, created when missing, and
  POST /lists/{id}/segments/{segment_id} adds up to 500 addresses a call.

So write calls grow with N/500, and a second run of the same file writes
nothing. Rows Mailchimp did not confirm (an error, a refusal, the network gone)
go to a retry file in private/ with the reason; running again finishes the job.
"""

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AnswerLost, MailchimpError
from ..mailchimp import connect
from ..mailchimp import settings as mailchimp_settings
from ..mailchimp.pages import PAGE, every
from . import signup_file

BATCH = 500           # Mailchimp's limit for batch subscribe and segment changes
LEFT_ALONE = {"unsubscribed", "cleaned", "archived"}


@dataclass
class Change:
    person: signup_file.Signup
    status: str = ""              # the status to send, "" when the member needs no write
    merge_fields: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)   # tags the member still lacks


@dataclass
class Plan:
    new: list = field(default_factory=list)        # [Change]
    updated: list = field(default_factory=list)    # [Change]
    unchanged: list = field(default_factory=list)  # [Signup]
    left_alone: list = field(default_factory=list)  # [Signup]: they unsubscribed
    segments: dict = field(default_factory=dict)   # tag name -> segment id


# --- reading the audience ------------------------------------------------------------

def audience_members(mc, list_id, people):
    """{lower-cased email: member} for the people in the file, read with as few calls as possible."""
    fields = "members.email_address,members.status,members.merge_fields,members.tags,total_items"
    first = mc.get(f"/lists/{list_id}/members", {"count": PAGE, "offset": 0, "fields": fields})
    total = first.get("total_items", 0)
    wanted = {p.key for p in people}
    if math.ceil(total / PAGE) > len(wanted):
        # A large audience and a short file: look each person up instead of paging.
        found = {}
        for person in people:
            try:
                member = mc.get(f"/lists/{list_id}/members/{_hash(person.email)}",
                                {"fields": "email_address,status,merge_fields,tags"})
            except MailchimpError as error:
                if error.status != 404:
                    raise
                continue
            found[person.key] = member
        return found
    members = first.get("members", [])
    if total > PAGE:
        members += every(mc, f"/lists/{list_id}/members", "members", {"fields": fields}, offset=PAGE)
    return {m["email_address"].lower(): m for m in members if m["email_address"].lower() in wanted}


def static_segments(mc, list_id):
    """{name: id} of the audience's tags (static segments)."""
    return {s["name"]: s["id"] for s in every(mc, f"/lists/{list_id}/segments", "segments", {
        "type": "static", "fields": "segments.id,segments.name,total_items"})}


def _hash(email):
    """Mailchimp's subscriber_hash: the md5 of the lower-cased address."""
    return hashlib.md5(email.lower().encode("utf-8")).hexdigest()


# --- deciding -----------------------------------------------------------------------

def plan(people, members, segments):
    """What each person needs, compared with what Mailchimp holds."""
    result = Plan(segments=dict(segments))
    for person in people:
        names = {tag: value for tag, value in (("FNAME", person.first_name), ("LNAME", person.last_name))
                 if value}
        member = members.get(person.key)
        if member is None:
            status = "subscribed" if person.consented_at else "pending"
            result.new.append(Change(person, status, names, list(person.tags)))
            continue
        if member.get("status") in LEFT_ALONE:
            result.left_alone.append(person)
            continue
        current = member.get("merge_fields") or {}
        changed_names = {k: v for k, v in names.items() if current.get(k) != v}
        status = member.get("status", "")
        upgrade = status == "pending" and bool(person.consented_at)
        have = {t.get("name") for t in member.get("tags") or []}
        missing = [t for t in person.tags if t not in have]
        if not (changed_names or upgrade or missing):
            result.unchanged.append(person)
            continue
        needs_write = bool(changed_names or upgrade)
        result.updated.append(Change(person, ("subscribed" if upgrade else status) if needs_write else "",
                                     changed_names, missing))
    return result


# --- writing ------------------------------------------------------------------------

class Outcome:
    def __init__(self):
        self.unconfirmed = {}   # key -> (Signup, reason)
        self.members_written = 0
        self.tags_added = 0

    def fail(self, person, reason):
        self.unconfirmed.setdefault(person.key, (person, reason))


def apply(mc, list_id, the_plan):
    """Write the plan; returns an Outcome listing the people Mailchimp did not confirm."""
    outcome = Outcome()
    writes = [c for c in the_plan.new + the_plan.updated if c.status]
    _write_members(mc, list_id, writes, outcome)
    _write_tags(mc, list_id, the_plan, outcome)
    return outcome


def _write_members(mc, list_id, changes, outcome):
    for start in range(0, len(changes), BATCH):
        chunk = changes[start:start + BATCH]
        body = {"members": [_member_body(c) for c in chunk], "update_existing": True}
        try:
            # Upserting the same members again changes nothing: safe to retry.
            answer = mc.post(f"/lists/{list_id}", body, idempotent=True)
        except MailchimpError as error:
            for change in changes[start:]:
                outcome.fail(change.person, f"not confirmed by Mailchimp: {_reason(error)}")
            return
        confirmed = {m.get("email_address", "").lower()
                     for m in answer.get("new_members", []) + answer.get("updated_members", [])}
        refused = {e.get("email_address", "").lower(): e.get("error") or e.get("field_message") or "refused"
                   for e in answer.get("errors", [])}
        for change in chunk:
            key = change.person.key
            if key in refused:
                outcome.fail(change.person, f"refused by Mailchimp: {refused[key]}")
            elif key not in confirmed:
                outcome.fail(change.person, "not confirmed by Mailchimp: missing from its answer")
            else:
                outcome.members_written += 1


def _member_body(change):
    body = {"email_address": change.person.email, "status": change.status}
    if change.merge_fields:
        body["merge_fields"] = change.merge_fields
    return body


def _write_tags(mc, list_id, the_plan, outcome):
    wanted = {}
    for change in the_plan.new + the_plan.updated:
        if change.person.key in outcome.unconfirmed:
            continue  # the member itself is not there: the retry will tag them
        for tag in change.tags:
            wanted.setdefault(tag, []).append(change.person)
    for tag, people in wanted.items():
        try:
            segment_id, already = _segment(mc, list_id, tag, the_plan.segments, people[:BATCH])
        except MailchimpError as error:
            for person in people:
                outcome.fail(person, f"tag {tag!r} not added: {_reason(error)}")
            continue
        todo = [p for p in people if p.key not in already]
        outcome.tags_added += len(people) - len(todo)
        for start in range(0, len(todo), BATCH):
            chunk = todo[start:start + BATCH]
            try:
                answer = mc.post(f"/lists/{list_id}/segments/{segment_id}",
                                 {"members_to_add": [p.email for p in chunk]}, idempotent=True)
            except MailchimpError as error:
                for person in todo[start:]:
                    outcome.fail(person, f"tag {tag!r} not added: {_reason(error)}")
                break
            refused = {}
            for error in answer.get("errors", []):
                for email in error.get("email_addresses", []):
                    refused[email.lower()] = error.get("error", "refused")
            for person in chunk:
                if person.key in refused:
                    outcome.fail(person, f"tag {tag!r} not added: {refused[person.key]}")
                else:
                    outcome.tags_added += 1


def _segment(mc, list_id, tag, segments, first_people):
    """(segment id, lower-cased addresses already added) for a tag, creating it when missing.

    A new tag is created with its first people in the same call. Creating is not
    repeatable: when the answer is lost, look the tag up before trying again.
    """
    if tag in segments:
        return segments[tag], set()
    body = {"name": tag, "static_segment": [p.email for p in first_people]}
    try:
        created = mc.post(f"/lists/{list_id}/segments", body, creates=True)
    except AnswerLost:
        segments.update(static_segments(mc, list_id))
        if tag in segments:
            return segments[tag], set()  # it was made; add everyone again (adding is repeatable)
        created = mc.post(f"/lists/{list_id}/segments", body, creates=True)
    segments[tag] = created["id"]
    return created["id"], {p.key for p in first_people}


def _reason(error):
    text = str(error)
    return text.replace("\n", " ")[:300]


# --- the command ----------------------------------------------------------------------

def retry_path(source, private):
    stem = Path(source).name
    for suffix in (".csv", ".retry"):
        stem = stem[:-len(suffix)] if stem.endswith(suffix) else stem
    return Path(private) / "signups-retry" / f"{stem}.retry.csv"


def run(path, *, apply_changes, mc, list_id, root, private, out=print):
    """The whole command; returns the exit status (0: done, 1: rows left to do or rejected)."""
    signup_file.refuse_public_places(path, root)
    source = signup_file.read(path)
    out(f"{path}: {len(source.people)} people in {len(source.people) + source.duplicates} rows"
        + (f" ({source.duplicates} repeated addresses counted once)" if source.duplicates else ""))
    if source.ignored_columns:
        out(f"  columns not used: {', '.join(source.ignored_columns)}")
    members = audience_members(mc, list_id, source.people)
    the_plan = plan(source.people, members, static_segments(mc, list_id))
    out(f"  new:       {len(the_plan.new)}")
    out(f"  updated:   {len(the_plan.updated)}")
    out(f"  unchanged: {len(the_plan.unchanged) + len(the_plan.left_alone)}"
        + (f" ({len(the_plan.left_alone)} unsubscribed earlier and left alone)" if the_plan.left_alone else ""))
    out(f"  rejected:  {len(source.rejected)}")
    for line, message in source.rejected:
        out(f"    {path}: line {line}: {message}")
    if not apply_changes:
        out("Dry run: nothing was written. Run again with --apply to write these changes.")
        return 1 if source.rejected else 0

    outcome = apply(mc, list_id, the_plan)
    retry = retry_path(path, private)
    out(f"Applied: {outcome.members_written} members written, {outcome.tags_added} tags added.")
    if outcome.unconfirmed:
        signup_file.write_retry(retry, list(outcome.unconfirmed.values()))
        reasons = {}
        for _, reason in outcome.unconfirmed.values():
            reasons[reason] = reasons.get(reason, 0) + 1
        out(f"{len(outcome.unconfirmed)} people not confirmed by Mailchimp were written to {retry} "
            f"-- run `invoke signups {retry} --apply` (or this file again) to finish:")
        for reason, count in reasons.items():
            out(f"    {count} x {reason}")
        return 1
    if retry.exists():
        retry.unlink()
    out("Done: every valid row is in the audience.")
    return 1 if source.rejected else 0


def main(path, *, root, apply_changes=False, settings=None):
    """Entry point for `invoke signups`: reads pelicanconf.py, the key from MAILCHIMP_API_KEY.

    A file that cannot be used, a missing key or Mailchimp's refusal raise a
    SynergyError for the task's boundary to print.
    """
    root = Path(root)
    if settings is None:
        from pelican.settings import read_settings

        settings = read_settings(str(root / "pelicanconf.py"))
    list_id = mailchimp_settings.read(settings)["MAILCHIMP_AUDIENCE_ID"]
    with connect(settings) as mc:
        return run(path, apply_changes=apply_changes, mc=mc, list_id=list_id, root=root,
                   private=root / "private")
