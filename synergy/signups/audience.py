"""What the audience holds for the people of a signup file, read with as few calls as possible."""

import hashlib
import math

from ..errors import MailchimpError
from ..mailchimp.pages import PAGE, every

MEMBER_FIELDS = "email_address,status,merge_fields,tags"


def subscriber_hash(email):
    """Mailchimp's subscriber_hash: the md5 of the lower-cased address."""
    return hashlib.md5(email.strip().lower().encode("utf-8")).hexdigest()


def audience_members(mc, list_id, people):
    """{lower-cased email: member} for these people (those in the audience)."""
    fields = ",".join(f"members.{name}" for name in MEMBER_FIELDS.split(",")) + ",total_items"
    first = mc.get(f"/lists/{list_id}/members", {"count": PAGE, "offset": 0, "fields": fields})
    total = first.get("total_items", 0)
    wanted = {p.key for p in people}
    if math.ceil(total / PAGE) > len(wanted):
        # A large audience and few people: look each person up instead of paging.
        found = {}
        for person in people:
            try:
                member = mc.get(f"/lists/{list_id}/members/{subscriber_hash(person.email)}",
                                {"fields": MEMBER_FIELDS})
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
    """{lower-cased name: (name, id)} of the audience's tags (static segments).

    Mailchimp treats "Workshop" and "workshop" as one tag name, so they are looked up
    by their lower-cased name.
    """
    found = every(mc, f"/lists/{list_id}/segments", "segments", {
        "type": "static", "fields": "segments.id,segments.name,total_items"})
    return {s["name"].lower(): (s["name"], s["id"]) for s in found}
