"""What each person of a signup file needs, compared with what Mailchimp holds.

Statuses, as Mailchimp has them:
- someone new becomes "subscribed" with their consent's moment as timestamp_opt
  when the row has consented_at; otherwise "pending", and Mailchimp emails them
  once to confirm (double opt-in);
- "pending" with consent now becomes "subscribed" (with timestamp_opt); without
  consent it is never posted again: writing "pending" to a pending member
  sends the confirmation email again, so a new name is PATCHed on its own;
- "transactional" (in the audience without ever subscribing) is treated like
  someone new: subscribed with consent, else pending;
- "subscribed" keeps its status and its original opt-in time;
- "unsubscribed", "cleaned" and "archived" are left alone: they chose to leave,
  or their address bounces;
- an address Mailchimp refused for good earlier (refused.py) is reported as
  rejected and not sent.
Tags compare whatever their case, as Mailchimp's tag names do.
"""

from dataclasses import dataclass, field

from . import consent
from .accounting import Places

LEFT_ALONE = {"unsubscribed", "cleaned", "archived"}
NOT_YET = {"transactional"}


@dataclass
class Change:
    person: object                 # signup_file.Signup
    status: str = ""               # the status to send; "" when no batch write is needed
    merge_fields: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)   # tags the member still lacks, as the file spells them
    timestamp_opt: str = ""        # the consent, sent with a status that becomes "subscribed"
    patch_names: bool = False      # a pending member's new names, written without the status
    new: bool = False

    @property
    def sends_email(self):
        """Writing this status makes Mailchimp email a confirmation request."""
        return self.status == "pending"


@dataclass
class Plan:
    new: list = field(default_factory=list)         # [Change]
    updated: list = field(default_factory=list)     # [Change]
    unchanged: list = field(default_factory=list)   # [Signup]
    left_alone: list = field(default_factory=list)  # [Signup]: they unsubscribed or bounce
    refused: list = field(default_factory=list)     # [(Signup, Mailchimp's reason)]
    segments: dict = field(default_factory=dict)    # lower-cased tag -> (name, segment id)

    def places(self):
        """Where each person stands before anything is written (accounting.py)."""
        places = Places()
        for bucket, people in (("new", [c.person for c in self.new]),
                               ("updated", [c.person for c in self.updated]),
                               ("unchanged", self.unchanged + self.left_alone),
                               ("rejected", [person for person, _ in self.refused])):
            for person in people:
                places.put(person.key, bucket)
        return places


def plan(people, members, segments, refused):
    """The Plan for people, given members ({key: member}), segments and the refusal record."""
    result = Plan(segments=dict(segments))
    for person in people:
        member = members.get(person.key)
        if member is None:
            reason = refused.reason(person.email)
            if reason:
                result.refused.append((person, reason))
            else:
                result.new.append(_joining(person, _names(person), list(person.tags), new=True))
            continue
        refused.forget(person.email)  # a member again: they signed up through the form
        _existing(result, person, member)
    return result


def _names(person):
    return {tag: value for tag, value in (("FNAME", person.first_name), ("LNAME", person.last_name))
            if value}


def _joining(person, names, tags, *, new):
    """Someone becoming a subscriber: subscribed with their consent, else asked to confirm."""
    if person.consent is not None:
        return Change(person, "subscribed", names, tags, consent.for_mailchimp(person.consent), new=new)
    return Change(person, "pending", names, tags, new=new)


def _existing(result, person, member):
    status = member.get("status", "")
    if status in LEFT_ALONE:
        result.left_alone.append(person)
        return
    current = member.get("merge_fields") or {}
    names = {k: v for k, v in _names(person).items() if current.get(k) != v}
    have = {(t.get("name") or "").lower() for t in member.get("tags") or []}
    missing = [t for t in person.tags if t.lower() not in have]
    if status in NOT_YET or (status == "pending" and person.consent is not None):
        result.updated.append(_joining(person, names, missing, new=False))
    elif not (names or missing):
        result.unchanged.append(person)
    elif status == "pending":
        result.updated.append(Change(person, "", names, missing, patch_names=bool(names)))
    else:
        result.updated.append(Change(person, status if names else "", names, missing))
