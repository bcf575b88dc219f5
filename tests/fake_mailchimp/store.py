"""The fake's state and what each real Mailchimp path does to it.

Routes take (store, params, query, body) and return (status, body or None), or
raise Problem for an error answer. Shapes, status codes and error titles follow
Mailchimp's Marketing API 3.0.
"""

import copy
import hashlib
import itertools
import re
import threading
import uuid

ERRORS_DOC = "https://mailchimp.com/developer/marketing/docs/errors/"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
MAX_COUNT = 1000
MAX_BATCH = 500


class Problem(Exception):
    def __init__(self, status, title, detail, errors=None):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors or []

    def body(self):
        body = {"type": ERRORS_DOC, "title": self.title, "status": self.status,
                "detail": self.detail, "instance": str(uuid.uuid4())}
        if self.errors:
            body["errors"] = self.errors
        return body


# Mailchimp's domain errors, by the name tests inject them with.
DOMAIN_ERRORS = {
    "member_exists": (400, "Member Exists",
                      "{email} is already a list member. Use PUT to insert or update list members."),
    "forgotten": (400, "Forgotten Email Not Subscribed",
                  "{email} was permanently deleted and cannot be re-imported. "
                  "The contact must re-subscribe to get back on the list."),
    "compliance": (400, "Member In Compliance State",
                   "{email} is in a compliance state due to unsubscribe, bounce, or compliance "
                   "review and cannot be subscribed."),
    "invalid_address": (400, "Invalid Resource",
                        "{email} looks fake or invalid, please enter a real email address."),
}

# What an account gets for an action its plan lacks (scheduling on the Free plan).
NOT_PERMITTED = (403, "User action not permitted", "User does not have access to the requested operation")

# A campaign's tracking when the request says nothing. Mailchimp's API
# description and its documentation agree: opens, HTML clicks and plain-text
# clicks are tracked unless the request turns them off.
TRACKING_DEFAULTS = {
    "opens": True, "html_clicks": True, "text_clicks": True, "goal_tracking": False,
    "ecomm360": False, "google_analytics": "", "clicktale": "",
    "salesforce": {"campaign": False, "notes": False}, "capsule": {"notes": False},
}


def subscriber_hash(email):
    return hashlib.md5(email.strip().lower().encode("utf-8")).hexdigest()


def now_iso(clock):
    return clock().replace(microsecond=0).isoformat()


def problem(status, title, detail, errors=None):
    return Problem(status, title, detail, errors)


def not_found(what="The requested resource could not be found."):
    return Problem(404, "Resource Not Found", what)


def invalid(detail, errors=None):
    return Problem(400, "Invalid Resource", detail, errors)


def bad_request(detail):
    return Problem(400, "Bad Request", detail)


class Store:
    """Audiences, members, tags (static segments), merge fields and campaigns."""

    def __init__(self, *, account, dc, form_u, audience_id, tag_id, tag_name, clock):
        self.lock = threading.RLock()
        self.clock = clock
        self.account = account
        self.dc = dc
        self.form_u = form_u
        self.lists = {}
        self.members = {}        # list_id -> {hash: member}
        self.segments = {}       # list_id -> {segment_id: segment}
        self.merge_fields = {}   # list_id -> [merge field]
        self.campaigns = {}      # campaign_id -> campaign
        self.contents = {}       # campaign_id -> content
        self.test_emails = []    # (campaign_id, [addresses], send_type)
        self.sent = []           # (campaign_id, send_time, recipient_count)
        self.address_states = {}  # lower-cased email -> "forgotten" | "compliance" | "invalid_address"
        self.confirmations = []   # lower-cased addresses Mailchimp emailed to confirm (double opt-in)
        self.finish_sending = True
        # Account behaviour tests can change: tracking the account keeps on whatever
        # a request says, and whether its plan may schedule (the Free plan may not).
        self.forced_tracking = {}
        self.can_schedule = True
        self._ids = itertools.count(1)
        self.add_list(audience_id)
        self.add_segment(audience_id, tag_name, segment_id=int(tag_id))

    # --- set-up helpers for tests ------------------------------------------------

    def add_list(self, list_id, name="Synergy Integrative Health & Wellness"):
        self.lists[list_id] = {
            "id": list_id,
            "web_id": 100000 + len(self.lists),
            "name": name,
            "contact": {"company": name, "address1": "PO Box 0000", "city": "Chicago",
                        "state": "IL", "zip": "60601", "country": "US"},
            "permission_reminder": "You signed up on our website or at our office.",
            "use_archive_bar": True,
            "campaign_defaults": {"from_name": name, "from_email": "hello@example.com",
                                  "subject": "", "language": "en"},
            "notify_on_subscribe": "",
            "notify_on_unsubscribe": "",
            "date_created": now_iso(self.clock),
            "list_rating": 0,
            "email_type_option": False,
            "subscribe_url_short": f"https://eepurl.com/{list_id[:6]}",
            "subscribe_url_long": (f"https://{self.account}.{self.dc}.list-manage.com/subscribe"
                                   f"?u={self.form_u}&id={list_id}"),
            "beamer_address": f"us21-{list_id}@inbound.mailchimp.com",
            "visibility": "prv",
            "double_optin": True,
            "has_welcome": False,
            "marketing_permissions": False,
            "modules": [],
            "stats": {},
        }
        self.members[list_id] = {}
        self.segments[list_id] = {}
        self.merge_fields[list_id] = [
            {"merge_id": 1, "tag": "FNAME", "name": "First Name", "type": "text",
             "required": False, "default_value": "", "public": True, "display_order": 2,
             "list_id": list_id},
            {"merge_id": 2, "tag": "LNAME", "name": "Last Name", "type": "text",
             "required": False, "default_value": "", "public": True, "display_order": 3,
             "list_id": list_id},
        ]
        return self.lists[list_id]

    def add_segment(self, list_id, name, emails=(), segment_id=None):
        segment_id = segment_id or 1000 + next(self._ids)
        stamp = now_iso(self.clock)
        self.segments[list_id][segment_id] = {
            "id": segment_id, "name": name, "type": "static", "created_at": stamp,
            "updated_at": stamp, "options": {"match": "all", "conditions": []},
            "list_id": list_id, "_members": set(),
        }
        for email in emails:
            self.segments[list_id][segment_id]["_members"].add(subscriber_hash(email))
        return self.segments[list_id][segment_id]

    def add_member(self, list_id, email, status="subscribed", merge_fields=None, tags=()):
        member = self._new_member(list_id, email, status, merge_fields or {})
        for tag in tags:
            self._segment_named(list_id, tag, create=True)["_members"].add(member["id"])
        return self.render_member(list_id, member)

    # --- members ------------------------------------------------------------------

    def _new_member(self, list_id, email, status, merge_fields, timestamp_opt=""):
        stamp = now_iso(self.clock)
        fields = {f["tag"]: "" for f in self.merge_fields[list_id]}
        fields.update(merge_fields)
        member = {
            "id": subscriber_hash(email), "email_address": email.strip(),
            "unique_email_id": uuid.uuid4().hex[:10], "contact_id": uuid.uuid4().hex,
            "web_id": 500000 + next(self._ids), "email_type": "html", "status": status,
            "merge_fields": fields, "interests": {}, "stats": {"avg_open_rate": 0, "avg_click_rate": 0},
            "ip_signup": "", "timestamp_signup": stamp, "ip_opt": "",
            "timestamp_opt": (timestamp_opt or stamp) if status == "subscribed" else "",
            "member_rating": 2, "last_changed": stamp, "language": "", "vip": False,
            "email_client": "", "location": {}, "source": "API - Generic", "list_id": list_id,
        }
        self.members[list_id][member["id"]] = member
        return member

    def posted_status(self, member, status):
        """A status written by POST or PUT (batch subscribe included). Writing "pending"
        makes Mailchimp email the address asking them to confirm, even when the member
        was pending already (re-posting a pending contact is how a lost confirmation is
        sent again); a PATCH that leaves the status alone sends nothing."""
        if status == "pending":
            self.confirmations.append(member["email_address"].lower())

    def render_member(self, list_id, member):
        out = dict(member)
        tags = [{"id": s["id"], "name": s["name"]} for s in self.segments[list_id].values()
                if member["id"] in s["_members"]]
        out["tags"] = tags
        out["tags_count"] = len(tags)
        name = " ".join(v for v in (member["merge_fields"].get("FNAME"), member["merge_fields"].get("LNAME")) if v)
        out["full_name"] = name
        return out

    def _check_address(self, email):
        """The domain error Mailchimp gives for this address, or None."""
        state = self.address_states.get(email.strip().lower())
        if not EMAIL.match(email.strip()):
            state = "invalid_address"
        if state:
            status, title, detail = DOMAIN_ERRORS[state]
            return Problem(status, title, detail.format(email=email))
        return None

    def _segment_named(self, list_id, name, create=False):
        # Mailchimp's tag names ignore case: "Workshop" and "workshop" are one tag.
        for segment in self.segments[list_id].values():
            if segment["name"].lower() == name.lower():
                return segment
        if create:
            return self.add_segment(list_id, name)
        return None

    def subscribed(self, list_id, segment_id=None):
        members = [m for m in self.members[list_id].values() if m["status"] == "subscribed"]
        if segment_id:
            segment = self.segments[list_id].get(int(segment_id))
            keep = segment["_members"] if segment else set()
            members = [m for m in members if m["id"] in keep]
        return members

    # --- campaigns ----------------------------------------------------------------

    def new_tracking(self):
        return copy.deepcopy(TRACKING_DEFAULTS)

    def settle(self):
        """Scheduled campaigns whose time has come are sent (Mailchimp does it in the background)."""
        now = self.clock()
        for campaign in self.campaigns.values():
            when = campaign.get("_schedule")
            if campaign["status"] == "schedule" and when and when <= now:
                self.deliver(campaign, when)

    def deliver(self, campaign, when):
        list_id = campaign["recipients"]["list_id"]
        segment_id = campaign["recipients"].get("segment_opts", {}).get("saved_segment_id")
        count = len(self.subscribed(list_id, segment_id)) if list_id in self.lists else 0
        campaign["status"] = "sent" if self.finish_sending else "sending"
        campaign["send_time"] = when.replace(microsecond=0).isoformat()
        campaign["emails_sent"] = count
        self.sent.append((campaign["id"], campaign["send_time"], count))
