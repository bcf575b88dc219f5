"""Writing a Plan to Mailchimp in bulk, and knowing for each person whether it happened.

- Members go by batch subscribe (POST /lists/{id}, at most 500 a call). A batch
  that sends no email (status "subscribed") is safe to repeat, so the client
  retries it. A batch that sends each person the confirmation email (status
  "pending") is never repeated blindly: when its answer is lost, the audience
  is read again and only the people not there yet are posted again, so nobody
  gets the email twice. New people go with update_existing false, so someone
  who joined through the form meanwhile is not overwritten.
- A pending member's new name is PATCHed on its own (no status, no email).
- Tags: a tag is a static segment, created when missing (its name compared
  whatever the case), and POST /lists/{id}/segments/{segment_id} adds up to 500
  addresses a call.

Mailchimp answers a batch with per-member errors. Those that say the address
will never be taken (refused.is_permanent) are refusals; anything else, and any
call that failed, leaves the person "to retry" with the reason.
"""

from ..errors import AnswerLost, MailchimpError
from .audience import audience_members, static_segments, subscriber_hash
from .refused import is_permanent

BATCH = 500           # Mailchimp's limit for batch subscribe and segment changes


class Outcome:
    def __init__(self):
        self.unconfirmed = {}   # key -> (Signup, reason): to retry
        self.refused = {}       # key -> (Signup, Mailchimp's reason): never to be sent again
        self.members_written = 0
        self.tags_added = 0

    def fail(self, person, reason):
        if person.key not in self.refused:
            self.unconfirmed.setdefault(person.key, (person, reason))

    def refuse(self, person, reason):
        self.unconfirmed.pop(person.key, None)
        self.refused[person.key] = (person, reason)

    def settled(self, person):
        return person.key in self.unconfirmed or person.key in self.refused

    def places(self, plan):
        """Where each person ends up after the writes (accounting.py)."""
        places = plan.places()
        for key in self.unconfirmed:
            places[key] = "to retry"
        for key in self.refused:
            places[key] = "rejected"
        return places


def apply(mc, list_id, plan):
    """Write the plan; the Outcome says who was not confirmed, and who was refused."""
    outcome = Outcome()
    changes = plan.new + plan.updated
    quiet = [c for c in changes if c.status and not c.sends_email]
    _write_members(mc, list_id, quiet, outcome, update_existing=True)
    for new in (True, False):
        emailing = [c for c in changes if c.sends_email and c.new is new]
        _write_members(mc, list_id, emailing, outcome, update_existing=not new)
    _patch_names(mc, list_id, [c for c in changes if c.patch_names], outcome)
    _write_tags(mc, list_id, plan, outcome)
    return outcome


def _write_members(mc, list_id, changes, outcome, *, update_existing):
    for start in range(0, len(changes), BATCH):
        chunk = changes[start:start + BATCH]
        try:
            answer = _post(mc, list_id, chunk, update_existing)
        except MailchimpError as error:
            for change in changes[start:]:
                outcome.fail(change.person, f"not confirmed by Mailchimp: {_reason(error)}")
            return
        _read_answer(answer, chunk, outcome)


def _body(chunk, update_existing):
    return {"members": [_member(c) for c in chunk], "update_existing": update_existing}


def _member(change):
    body = {"email_address": change.person.email, "status": change.status}
    if change.merge_fields:
        body["merge_fields"] = change.merge_fields
    if change.timestamp_opt:
        body["timestamp_opt"] = change.timestamp_opt
    return body


def _post(mc, list_id, chunk, update_existing):
    path = f"/lists/{list_id}"
    if not chunk[0].sends_email:
        # Upserting the same subscribed members again changes nothing: safe to retry.
        return mc.post(path, _body(chunk, update_existing), idempotent=True)
    try:
        return mc.post(path, _body(chunk, update_existing), creates=True)
    except AnswerLost:
        # Mailchimp may have added them and emailed each one: look before posting again.
        found = audience_members(mc, list_id, [c.person for c in chunk])
        arrived = [found[c.person.key] for c in chunk if found.get(c.person.key, {}).get("status")
                   in ("pending", "subscribed")]
        rest = [c for c in chunk if c.person.key not in {m["email_address"].lower() for m in arrived}]
        answer = {"new_members": arrived, "updated_members": [], "errors": []}
        if rest:
            again = mc.post(path, _body(rest, update_existing), creates=True)
            for name in answer:
                answer[name] += again.get(name, [])
        return answer


def _read_answer(answer, chunk, outcome):
    confirmed = {m.get("email_address", "").lower()
                 for m in answer.get("new_members", []) + answer.get("updated_members", [])}
    errors = {e.get("email_address", "").lower(): e for e in answer.get("errors", [])}
    for change in chunk:
        error = errors.get(change.person.key)
        if error is not None:
            text = error.get("error") or error.get("field_message") or "refused"
            if is_permanent(text):
                outcome.refuse(change.person, text)
            elif error.get("error_code") == "ERROR_CONTACT_EXISTS":
                outcome.fail(change.person, "joined the audience while this ran: run again to update them")
            else:
                outcome.fail(change.person, f"refused by Mailchimp: {text}")
        elif change.person.key not in confirmed:
            outcome.fail(change.person, "not confirmed by Mailchimp: missing from its answer")
        else:
            outcome.members_written += 1


def _patch_names(mc, list_id, changes, outcome):
    for change in changes:
        try:
            mc.patch(f"/lists/{list_id}/members/{subscriber_hash(change.person.email)}",
                     {"merge_fields": change.merge_fields})
        except MailchimpError as error:
            outcome.fail(change.person, f"name not updated: {_reason(error)}")
            continue
        outcome.members_written += 1


def _write_tags(mc, list_id, plan, outcome):
    wanted = {}   # lower-cased tag -> (name as first written, [people])
    for change in plan.new + plan.updated:
        if outcome.settled(change.person):
            continue  # not in the audience (yet): the retry will tag them
        for tag in change.tags:
            wanted.setdefault(tag.lower(), (tag, []))[1].append(change.person)
    for name, people in wanted.values():
        try:
            segment_id, already = _segment(mc, list_id, name, plan.segments, people[:BATCH])
        except MailchimpError as error:
            for person in people:
                outcome.fail(person, f"tag {name!r} not added: {_reason(error)}")
            continue
        todo = [p for p in people if p.key not in already]
        outcome.tags_added += len(people) - len(todo)
        _add_to_segment(mc, list_id, name, segment_id, todo, outcome)


def _add_to_segment(mc, list_id, name, segment_id, people, outcome):
    for start in range(0, len(people), BATCH):
        chunk = people[start:start + BATCH]
        try:
            answer = mc.post(f"/lists/{list_id}/segments/{segment_id}",
                             {"members_to_add": [p.email for p in chunk]}, idempotent=True)
        except MailchimpError as error:
            for person in people[start:]:
                outcome.fail(person, f"tag {name!r} not added: {_reason(error)}")
            return
        refused = {}
        for error in answer.get("errors", []):
            for email in error.get("email_addresses", []):
                refused[email.lower()] = error.get("error", "refused")
        for person in chunk:
            if person.key in refused:
                outcome.fail(person, f"tag {name!r} not added: {refused[person.key]}")
            else:
                outcome.tags_added += 1


def _segment(mc, list_id, name, segments, first_people):
    """(segment id, lower-cased addresses already added) for a tag, creating it when missing.

    A new tag is created with its first people in the same call. Creating is not
    repeatable: when the answer is lost, look the tag up before trying again.
    """
    if name.lower() in segments:
        return segments[name.lower()][1], set()
    body = {"name": name, "static_segment": [p.email for p in first_people]}
    try:
        created = mc.post(f"/lists/{list_id}/segments", body, creates=True)
    except AnswerLost:
        segments.update(static_segments(mc, list_id))
        if name.lower() in segments:
            return segments[name.lower()][1], set()  # it was made; add everyone (adding repeats safely)
        created = mc.post(f"/lists/{list_id}/segments", body, creates=True)
    segments[name.lower()] = (created["name"], created["id"])
    return created["id"], {p.key for p in first_people}


def _reason(error):
    return str(error).replace("\n", " ")[:300]
