"""What each Mailchimp path does: (store, params, query, body) -> (status, body or None)."""

import datetime as dt
import re
import uuid

from .store import (
    DOMAIN_ERRORS,
    EMAIL,
    MAX_BATCH,
    MAX_COUNT,
    NOT_PERMITTED,
    Problem,
    bad_request,
    invalid,
    not_found,
    now_iso,
    subscriber_hash,
)

ROUTES = []


def route(method, pattern):
    regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")

    def decorate(func):
        ROUTES.append((method, regex, func))
        return func
    return decorate


def find(method, path):
    """(handler, params) for a path below /3.0, or raises Problem 404/405."""
    known_path = False
    for route_method, regex, func in ROUTES:
        match = regex.match(path)
        if match:
            known_path = True
            if route_method == method:
                return func, match.groupdict()
    if known_path:
        raise Problem(405, "Method Not Allowed", "The requested method and resource are not compatible.")
    raise not_found("The requested resource could not be found.")


# --- helpers -------------------------------------------------------------------

def _fields(value, query):
    """Apply Mailchimp's fields / exclude_fields (dotted paths, comma-separated)."""
    include = [f for f in query.get("fields", "").split(",") if f]
    exclude = [f for f in query.get("exclude_fields", "").split(",") if f]
    if include:
        value = _keep(value, [f.split(".") for f in include])
    for path in exclude:
        _drop(value, path.split("."))
    return value


def _keep(value, paths):
    if isinstance(value, list):
        return [_keep(v, paths) for v in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key in value:
        subpaths = [p[1:] for p in paths if p[0] == key]
        if not subpaths:
            continue
        out[key] = value[key] if any(not p for p in subpaths) else _keep(value[key], subpaths)
    return out


def _drop(value, path):
    if isinstance(value, list):
        for v in value:
            _drop(v, path)
    elif isinstance(value, dict) and path[0] in value:
        if len(path) == 1:
            del value[path[0]]
        else:
            _drop(value[path[0]], path[1:])


def _page(query, items):
    try:
        count = int(query.get("count", 10))
        offset = int(query.get("offset", 0))
    except ValueError:
        raise invalid("count and offset must be integers") from None
    if count > MAX_COUNT:
        raise invalid(f"count may be at most {MAX_COUNT}.")
    return items[offset:offset + count]


def _audience(store, params):
    list_id = params["list_id"]
    if list_id not in store.lists:
        raise not_found("The requested resource could not be found.")
    return list_id


def _member(store, list_id, member_hash):
    member = store.members[list_id].get(member_hash.lower())
    if member is None and "@" in member_hash:
        member = store.members[list_id].get(subscriber_hash(member_hash))
    if member is None:
        raise not_found("The requested resource could not be found.")
    return member


def _segment(store, list_id, segment_id):
    try:
        segment = store.segments[list_id].get(int(segment_id))
    except ValueError:
        segment = None
    if segment is None:
        raise not_found("The requested resource could not be found.")
    return segment


def _campaign(store, campaign_id):
    store.settle()
    campaign = store.campaigns.get(campaign_id)
    if campaign is None:
        raise not_found("The requested resource could not be found.")
    return campaign


def _public(campaign):
    return {k: v for k, v in campaign.items() if not k.startswith("_")}


def _segment_public(store, segment):
    out = {k: v for k, v in segment.items() if not k.startswith("_")}
    out["member_count"] = len(segment["_members"])
    return out


# --- account and audiences ---------------------------------------------------------

@route("GET", "/ping")
def ping(store, params, query, body):
    return 200, {"health_status": "Everything's Chimpy!"}


@route("GET", "/lists/{list_id}")
def get_list(store, params, query, body):
    list_id = _audience(store, params)
    audience = dict(store.lists[list_id])
    members = store.members[list_id].values()
    audience["stats"] = {
        "member_count": sum(m["status"] == "subscribed" for m in members),
        "unsubscribe_count": sum(m["status"] == "unsubscribed" for m in members),
        "cleaned_count": sum(m["status"] == "cleaned" for m in members),
        "merge_field_count": len(store.merge_fields[list_id]),
    }
    return 200, _fields(audience, query)


@route("PATCH", "/lists/{list_id}")
def patch_list(store, params, query, body):
    list_id = _audience(store, params)
    for key, value in body.items():
        if isinstance(value, dict) and isinstance(store.lists[list_id].get(key), dict):
            store.lists[list_id][key].update(value)
        else:
            store.lists[list_id][key] = value
    return get_list(store, params, {}, None)


@route("GET", "/lists/{list_id}/merge-fields")
def merge_fields(store, params, query, body):
    list_id = _audience(store, params)
    fields = store.merge_fields[list_id]
    return 200, _fields({"merge_fields": _page(query, fields), "list_id": list_id,
                         "total_items": len(fields)}, query)


@route("POST", "/lists/{list_id}")
def batch_subscribe(store, params, query, body):
    list_id = _audience(store, params)
    members = body.get("members") or []
    if len(members) > MAX_BATCH:
        raise invalid(f"You may only send up to {MAX_BATCH} members in a batch.")
    update = bool(body.get("update_existing"))
    new, updated, errors = [], [], []
    seen = set()
    for item in members:
        email = (item.get("email_address") or "").strip()
        status = item.get("status")
        if not email or status is None:
            errors.append(_member_error(email, "Please provide an email address and status.",
                                        field="status" if email else "email_address",
                                        field_message="This value should not be blank."))
            continue
        problem = store._check_address(email)
        if problem:
            errors.append(_member_error(email, problem.detail))
            continue
        key = subscriber_hash(email)
        if key in seen:
            errors.append(_member_error(email, f"{email} appears more than once in this batch."))
            continue
        seen.add(key)
        opted = _timestamp(item.get("timestamp_opt"))
        if opted is None:
            errors.append(_member_error(email, "This value is not a valid datetime.",
                                        field="timestamp_opt",
                                        field_message="This value is not a valid datetime."))
            continue
        existing = store.members[list_id].get(key)
        if existing is None:
            member = store._new_member(list_id, email, status, item.get("merge_fields") or {}, opted)
            store.posted_status(member, status)
            new.append(member)
        elif not update:
            errors.append(_member_error(
                email, f"{email} is already a list member, do you want to update? "
                       "please provide update_existing:true in the request body",
                code="ERROR_CONTACT_EXISTS"))
        elif status == "subscribed" and existing["status"] in ("unsubscribed", "cleaned"):
            # Only the contact can undo an unsubscribe (through a signup form).
            errors.append(_member_error(email, DOMAIN_ERRORS["compliance"][2].format(email=email)))
        else:
            existing["merge_fields"].update(item.get("merge_fields") or {})
            if existing["status"] != status and status == "subscribed":
                existing["timestamp_opt"] = opted or now_iso(store.clock)
            existing["status"] = status
            store.posted_status(existing, status)
            existing["last_changed"] = now_iso(store.clock)
            updated.append(existing)
    render = lambda m: store.render_member(list_id, m)  # noqa: E731
    return 200, _fields({
        "new_members": [render(m) for m in new], "updated_members": [render(m) for m in updated],
        "errors": errors, "total_created": len(new), "total_updated": len(updated),
        "error_count": len(errors),
    }, query)


def _member_error(email, error, *, code="ERROR_GENERIC", field="", field_message=""):
    """One entry of a batch answer's errors: Mailchimp says ERROR_GENERIC for nearly
    everything, refusals for good (forgotten, compliance) included; only its message tells."""
    return {"email_address": email, "error": error, "error_code": code, "field": field,
            "field_message": field_message}


def _timestamp(value):
    """timestamp_opt as Mailchimp stores it (ISO 8601, UTC), "" when not given, None when invalid.

    The API description only says "ISO 8601"; Mailchimp takes an offset or Z, and
    reads a time without one as UTC.
    """
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


# --- members ------------------------------------------------------------------------

@route("GET", "/lists/{list_id}/members")
def list_members(store, params, query, body):
    list_id = _audience(store, params)
    members = list(store.members[list_id].values())
    if query.get("status"):
        members = [m for m in members if m["status"] == query["status"]]
    page = _page(query, members)
    return 200, _fields({"members": [store.render_member(list_id, m) for m in page],
                         "list_id": list_id, "total_items": len(members)}, query)


@route("POST", "/lists/{list_id}/members")
def add_member(store, params, query, body):
    list_id = _audience(store, params)
    email = (body.get("email_address") or "").strip()
    if store.members[list_id].get(subscriber_hash(email)):
        status, title, detail = DOMAIN_ERRORS["member_exists"]
        raise Problem(status, title, detail.format(email=email))
    problem = store._check_address(email)
    if problem:
        raise problem
    if not body.get("status"):
        raise invalid("Your merge fields were invalid.",
                      [{"field": "status", "message": "This value should not be blank."}])
    member = store._new_member(list_id, email, body["status"], body.get("merge_fields") or {},
                               _timestamp(body.get("timestamp_opt")) or "")
    store.posted_status(member, body["status"])
    for tag in body.get("tags") or []:
        store._segment_named(list_id, tag, create=True)["_members"].add(member["id"])
    return 200, _fields(store.render_member(list_id, member), query)


@route("GET", "/lists/{list_id}/members/{subscriber_hash}")
def get_member(store, params, query, body):
    list_id = _audience(store, params)
    member = _member(store, list_id, params["subscriber_hash"])
    return 200, _fields(store.render_member(list_id, member), query)


@route("PUT", "/lists/{list_id}/members/{subscriber_hash}")
def put_member(store, params, query, body):
    list_id = _audience(store, params)
    email = (body.get("email_address") or "").strip()
    if subscriber_hash(email) != params["subscriber_hash"].lower():
        raise invalid("The email address does not match the subscriber hash in the URL.")
    member = store.members[list_id].get(subscriber_hash(email))
    if member is None:
        problem = store._check_address(email)
        if problem:
            raise problem
        status = body.get("status_if_new") or body.get("status")
        if not status:
            raise invalid("Your merge fields were invalid.",
                          [{"field": "status_if_new", "message": "This value should not be blank."}])
        member = store._new_member(list_id, email, status, body.get("merge_fields") or {},
                                   _timestamp(body.get("timestamp_opt")) or "")
        store.posted_status(member, status)
    else:
        _update_member(store, member, body)
        store.posted_status(member, body.get("status"))
    return 200, _fields(store.render_member(list_id, member), query)


@route("PATCH", "/lists/{list_id}/members/{subscriber_hash}")
def patch_member(store, params, query, body):
    list_id = _audience(store, params)
    member = _member(store, list_id, params["subscriber_hash"])
    _update_member(store, member, body)
    return 200, _fields(store.render_member(list_id, member), query)


def _update_member(store, member, body):
    status = body.get("status")
    if status == "subscribed" and member["status"] in ("unsubscribed", "cleaned"):
        state = store.address_states.get(member["email_address"].lower(), "compliance")
        status_code, title, detail = DOMAIN_ERRORS[state if state in DOMAIN_ERRORS else "compliance"]
        raise Problem(status_code, title, detail.format(email=member["email_address"]))
    if status:
        member["status"] = status
    member["merge_fields"].update(body.get("merge_fields") or {})
    for key in ("email_type", "language", "vip"):
        if key in body:
            member[key] = body[key]
    member["last_changed"] = now_iso(store.clock)


# --- tags: static segments -----------------------------------------------------------

@route("GET", "/lists/{list_id}/segments")
def list_segments(store, params, query, body):
    list_id = _audience(store, params)
    segments = list(store.segments[list_id].values())
    if query.get("type"):
        segments = [s for s in segments if s["type"] == query["type"]]
    page = _page(query, segments)
    return 200, _fields({"segments": [_segment_public(store, s) for s in page],
                         "list_id": list_id, "total_items": len(segments)}, query)


@route("POST", "/lists/{list_id}/segments")
def create_segment(store, params, query, body):
    list_id = _audience(store, params)
    name = (body.get("name") or "").strip()
    if not name:
        raise invalid("Your request is missing a name.",
                      [{"field": "name", "message": "This value should not be blank."}])
    if store._segment_named(list_id, name):
        raise bad_request(f"Sorry, the segment name \"{name}\" is already taken.")
    emails = body.get("static_segment") or []
    segment = store.add_segment(list_id, name)
    for email in emails:
        key = subscriber_hash(email)
        if key in store.members[list_id]:
            segment["_members"].add(key)
    return 200, _segment_public(store, segment)


@route("GET", "/lists/{list_id}/segments/{segment_id}")
def get_segment(store, params, query, body):
    list_id = _audience(store, params)
    return 200, _fields(_segment_public(store, _segment(store, list_id, params["segment_id"])), query)


@route("POST", "/lists/{list_id}/segments/{segment_id}")
def change_segment(store, params, query, body):
    list_id = _audience(store, params)
    segment = _segment(store, list_id, params["segment_id"])
    to_add = body.get("members_to_add") or []
    to_remove = body.get("members_to_remove") or []
    if len(to_add) > MAX_BATCH or len(to_remove) > MAX_BATCH:
        raise invalid(f"You may only add or remove up to {MAX_BATCH} members at a time.")
    added, removed, missing = [], [], []
    for email in to_add:
        member = store.members[list_id].get(subscriber_hash(email))
        if member is None:
            missing.append(email)
        else:
            if member["id"] not in segment["_members"]:
                segment["_members"].add(member["id"])
                added.append(member)
    for email in to_remove:
        member = store.members[list_id].get(subscriber_hash(email))
        if member is None:
            missing.append(email)
        elif member["id"] in segment["_members"]:
            segment["_members"].discard(member["id"])
            removed.append(member)
    if added or removed:
        segment["updated_at"] = now_iso(store.clock)
    errors = ([{"email_addresses": missing, "error": "Email addresses are not subscribed to the list."}]
              if missing else [])
    render = lambda m: store.render_member(list_id, m)  # noqa: E731
    return 200, {"members_added": [render(m) for m in added],
                 "members_removed": [render(m) for m in removed], "errors": errors,
                 "total_added": len(added), "total_removed": len(removed),
                 "error_count": len(missing)}


@route("GET", "/lists/{list_id}/segments/{segment_id}/members")
def segment_members(store, params, query, body):
    list_id = _audience(store, params)
    segment = _segment(store, list_id, params["segment_id"])
    members = [m for key, m in store.members[list_id].items() if key in segment["_members"]]
    page = _page(query, members)
    return 200, _fields({"members": [store.render_member(list_id, m) for m in page],
                         "total_items": len(members)}, query)


# --- campaigns ---------------------------------------------------------------------

CAMPAIGN_TYPES = {"regular", "plaintext", "absplit", "rss", "variate"}


@route("POST", "/campaigns")
def create_campaign(store, params, query, body):
    if body.get("type") not in CAMPAIGN_TYPES:
        raise invalid("The resource submitted could not be validated.",
                      [{"field": "type", "message": "Data presented is not one of the accepted values."}])
    recipients = dict(body.get("recipients") or {})
    list_id = recipients.get("list_id")
    if list_id and list_id not in store.lists:
        raise invalid("The resource submitted could not be validated.",
                      [{"field": "recipients.list_id", "message": "The list does not exist."}])
    campaign_id = uuid.uuid4().hex[:10]
    settings = {"subject_line": "", "preview_text": "", "title": "", "from_name": "",
                "reply_to": "", "use_conversation": False, "to_name": "", "folder_id": "",
                "authenticate": True, "auto_footer": False, "inline_css": False,
                "auto_tweet": False, "fb_comments": True, "timewarp": False,
                "template_id": 0, "drag_and_drop": False}
    settings.update(body.get("settings") or {})
    campaign = {
        "id": campaign_id, "web_id": 700000 + len(store.campaigns), "parent_campaign_id": "",
        "type": body["type"], "create_time": now_iso(store.clock),
        "archive_url": f"http://eepurl.com/{campaign_id[:6]}",
        "long_archive_url": f"https://{store.account}.{store.dc}.list-manage.com/campaign/?u={store.form_u}&id={campaign_id}",
        "status": "save", "emails_sent": 0, "send_time": "", "content_type": "html",
        "needs_block_refresh": False, "resendable": False,
        "recipients": {"list_id": list_id or "", "list_is_active": bool(list_id),
                       "list_name": store.lists[list_id]["name"] if list_id else "",
                       "segment_text": "", "recipient_count": 0,
                       "segment_opts": recipients.get("segment_opts") or {}},
        "settings": settings,
        "tracking": store.new_tracking(),
        "delivery_status": {"enabled": False},
    }
    _set_tracking(store, campaign, body.get("tracking"))
    store.campaigns[campaign_id] = campaign
    store.contents[campaign_id] = {"plain_text": "", "html": "", "archive_html": ""}
    return 200, _fields(_render_campaign(store, campaign), query)


def _render_campaign(store, campaign):
    out = _public(campaign)
    list_id = campaign["recipients"]["list_id"]
    if list_id in store.lists and campaign["status"] in ("save", "paused", "schedule"):
        segment_id = campaign["recipients"].get("segment_opts", {}).get("saved_segment_id")
        out["recipients"] = dict(out["recipients"],
                                 recipient_count=len(store.subscribed(list_id, segment_id)))
    return out


@route("GET", "/campaigns")
def list_campaigns(store, params, query, body):
    store.settle()
    campaigns = list(store.campaigns.values())
    if query.get("list_id"):
        campaigns = [c for c in campaigns if c["recipients"]["list_id"] == query["list_id"]]
    if query.get("status"):
        campaigns = [c for c in campaigns if c["status"] == query["status"]]
    if query.get("type"):
        campaigns = [c for c in campaigns if c["type"] == query["type"]]
    sort_field = query.get("sort_field")
    if sort_field:
        campaigns.sort(key=lambda c: c.get(sort_field) or "",
                       reverse=query.get("sort_dir", "ASC").upper() == "DESC")
    page = _page(query, campaigns)
    return 200, _fields({"campaigns": [_render_campaign(store, c) for c in page],
                         "total_items": len(campaigns)}, query)


@route("GET", "/campaigns/{campaign_id}")
def get_campaign(store, params, query, body):
    return 200, _fields(_render_campaign(store, _campaign(store, params["campaign_id"])), query)


@route("PATCH", "/campaigns/{campaign_id}")
def patch_campaign(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] in ("sending", "sent", "canceled"):
        raise bad_request("This campaign has already been sent and cannot be changed.")
    if "settings" in body:
        campaign["settings"].update(body["settings"])
    if "recipients" in body:
        recipients = body["recipients"]
        list_id = recipients.get("list_id", campaign["recipients"]["list_id"])
        if list_id not in store.lists:
            raise invalid("The resource submitted could not be validated.",
                          [{"field": "recipients.list_id", "message": "The list does not exist."}])
        campaign["recipients"].update(recipients)
        campaign["recipients"]["list_name"] = store.lists[list_id]["name"]
    if "tracking" in body:
        _set_tracking(store, campaign, body["tracking"])
    return 200, _render_campaign(store, campaign)


def _set_tracking(store, campaign, wanted):
    """What the request asks for, then whatever the account forces (store.forced_tracking)."""
    for key, value in (wanted or {}).items():
        if isinstance(value, dict) and isinstance(campaign["tracking"].get(key), dict):
            campaign["tracking"][key].update(value)
        else:
            campaign["tracking"][key] = value
    campaign["tracking"].update(store.forced_tracking)


@route("DELETE", "/campaigns/{campaign_id}")
def delete_campaign(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] == "sending":
        raise bad_request("A campaign that is sending cannot be deleted.")
    del store.campaigns[campaign["id"]]
    return 204, None


@route("GET", "/campaigns/{campaign_id}/content")
def get_content(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    return 200, _fields(dict(store.contents[campaign["id"]]), query)


@route("PUT", "/campaigns/{campaign_id}/content")
def put_content(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] in ("sending", "sent", "canceled"):
        raise bad_request("This campaign has already been sent and cannot be changed.")
    html = body.get("html")
    if html is None:
        raise invalid("The resource submitted could not be validated.",
                      [{"field": "html", "message": "Provide html (this fake supports html content only)."}])
    plain = body.get("plain_text") or re.sub(r"<[^>]+>", "", html).strip()
    store.contents[campaign["id"]] = {"html": html, "plain_text": plain, "archive_html": html}
    return 200, dict(store.contents[campaign["id"]])


@route("GET", "/campaigns/{campaign_id}/send-checklist")
def send_checklist(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    return 200, _fields(_checklist(store, campaign), query)


def _checklist(store, campaign):
    items = []

    def check(ok, heading, details):
        items.append({"type": "success" if ok else "error", "id": len(items) + 1,
                      "heading": heading, "details": details})

    settings = campaign["settings"]
    list_id = campaign["recipients"]["list_id"]
    check(list_id in store.lists, "List", "Choose an audience for this campaign.")
    check(bool(settings.get("subject_line")), "Subject Line", "Your campaign needs a subject line.")
    check(bool(settings.get("from_name")), "From Name", "Your campaign needs a from name.")
    check(bool(settings.get("reply_to")) and EMAIL.match(settings.get("reply_to", "")) is not None,
          "Reply-to Address", "Your campaign needs a valid reply-to address.")
    check(bool(store.contents[campaign["id"]]["html"].strip()), "Content",
          "Your campaign has no content.")
    if list_id in store.lists:
        segment_id = campaign["recipients"].get("segment_opts", {}).get("saved_segment_id")
        check(bool(store.subscribed(list_id, segment_id)), "Recipients",
              "Your campaign has no subscribed recipients.")
    return {"is_ready": all(i["type"] == "success" for i in items), "items": items}


def _unsent(campaign, action):
    if campaign["status"] in ("sending", "sent", "canceled"):
        raise bad_request(f"This campaign cannot be {action}: it has already been sent.")


@route("POST", "/campaigns/{campaign_id}/actions/test")
def send_test(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    _unsent(campaign, "tested")
    emails = body.get("test_emails") or []
    if not emails or any(not EMAIL.match(e) for e in emails):
        raise invalid("The resource submitted could not be validated.",
                      [{"field": "test_emails", "message": "Provide valid email addresses."}])
    if body.get("send_type") not in ("html", "plaintext"):
        raise invalid("The resource submitted could not be validated.",
                      [{"field": "send_type", "message": "Data presented is not one of the accepted values."}])
    if not store.contents[campaign["id"]]["html"].strip():
        raise bad_request("Your campaign has no content to test.")
    store.test_emails.append((campaign["id"], list(emails), body["send_type"]))
    return 204, None


@route("POST", "/campaigns/{campaign_id}/actions/schedule")
def schedule(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] == "schedule":
        raise bad_request("This campaign is already scheduled: unschedule it first.")
    _unsent(campaign, "scheduled")
    try:
        when = dt.datetime.fromisoformat(body.get("schedule_time", "").replace("Z", "+00:00"))
    except ValueError:
        raise invalid("The resource submitted could not be validated.",
                      [{"field": "schedule_time", "message": "Provide an ISO 8601 time."}]) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    if when.minute % 15 or when.second or when.microsecond:
        raise invalid("Schedule time must be on the quarter-hour (:00, :15, :30, :45).")
    if when <= store.clock():
        raise invalid("This campaign cannot be scheduled in the past.")
    checklist = _checklist(store, campaign)
    if not checklist["is_ready"]:
        raise bad_request("Your Campaign is not ready to send.")
    if not store.can_schedule:
        # Mailchimp's Free plan cannot schedule: the API answers with its generic 403.
        raise Problem(*NOT_PERMITTED)
    campaign["status"] = "schedule"
    campaign["_schedule"] = when
    campaign["send_time"] = when.isoformat()
    return 204, None


@route("POST", "/campaigns/{campaign_id}/actions/unschedule")
def unschedule(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] != "schedule":
        raise bad_request("This campaign is not scheduled.")
    campaign["status"] = "save"
    campaign["send_time"] = ""
    campaign.pop("_schedule", None)
    return 204, None


@route("POST", "/campaigns/{campaign_id}/actions/send")
def send(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    _unsent(campaign, "sent")
    if not _checklist(store, campaign)["is_ready"]:
        raise bad_request("Your Campaign is not ready to send.")
    store.deliver(campaign, store.clock())
    return 204, None


@route("POST", "/campaigns/{campaign_id}/actions/cancel-send")
def cancel_send(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] != "sending":
        raise bad_request("Only a campaign that is sending can be canceled.")
    campaign["status"] = "canceled"
    return 204, None


@route("POST", "/campaigns/{campaign_id}/actions/pause")
def pause(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["type"] != "rss" or campaign["status"] != "sending":
        raise bad_request("Only an RSS campaign that is sending can be paused.")
    campaign["status"] = "paused"
    return 204, None


@route("POST", "/campaigns/{campaign_id}/actions/resume")
def resume(store, params, query, body):
    campaign = _campaign(store, params["campaign_id"])
    if campaign["status"] != "paused":
        raise bad_request("Only a paused campaign can be resumed.")
    campaign["status"] = "sending"
    return 204, None
