"""The fake Mailchimp behaves like Mailchimp where the project depends on it."""

import datetime as dt
import functools
import hashlib

import pytest
import requests

from fake_mailchimp import FakeMailchimp
from fake_mailchimp import spec as spec_module
from synergy.errors import AnswerLost, MailchimpError
from synergy.mailchimp import connect

FAST = {"timeout": (1.0, 1.0), "retries": 2, "backoff": 0.01}


@pytest.fixture
def mc(fake_mailchimp):
    with connect(**FAST) as connection:
        yield connection


@pytest.fixture
def raw():
    """A fake without the fixture's teardown check, for requests that break the rules on purpose."""
    with FakeMailchimp() as fake:
        session = requests.Session()
        session.auth = ("anystring", fake.api_key)
        yield fake, session


def ready_campaign(mc, fake, **settings):
    fake.store.add_member(fake.audience_id, "reader@example.com")
    body = {"type": "regular", "recipients": {"list_id": fake.audience_id},
            "settings": {"subject_line": "Spring", "from_name": "Synergy",
                         "reply_to": "hello@example.com", "title": "Spring", **settings}}
    campaign = mc.post("/campaigns", body, creates=True)
    mc.put(f"/campaigns/{campaign['id']}/content", {"html": "<p>Hello</p>"})
    return campaign["id"]


def next_quarter_hour(fake, hours=1):
    when = fake.now().replace(second=0, microsecond=0) + dt.timedelta(hours=hours)
    return when.replace(minute=(when.minute // 15) * 15)


# --- the API description -----------------------------------------------------------

@pytest.mark.parametrize("method, path, params, body", [
    ("GET", "/lists/{id}/members", {"cont": "10"}, None),
    ("GET", "/lists/{id}/members", {"count": "many"}, None),
    ("POST", "/lists/{id}", None, {"members": [{"email_address": "a@example.com", "status": "maybe"}]}),
    ("POST", "/lists/{id}", None, {"members": [{"email_adress": "a@example.com", "status": "pending"}]}),
    ("PUT", "/lists/{id}", None, {"name": "x"}),
    ("GET", "/lists/{id}/nothing-here", None, None),
])
def test_a_request_the_api_description_does_not_allow_is_refused_and_recorded(raw, method, path, params, body):
    fake, session = raw
    url = fake.url + path.format(id=fake.audience_id)
    answer = session.request(method, url, params=params, json=body)
    assert answer.status_code == 400
    assert answer.headers["Content-Type"].startswith("application/problem+json")
    assert len(fake.violations) == 1


@pytest.mark.parametrize("content", [None, "", "{not json", "[]"])
def test_without_a_readable_api_description_the_fake_refuses_to_start(monkeypatch, tmp_path, content):
    description = tmp_path / "openapi.json"
    if content is not None:
        description.write_text(content, encoding="utf-8")
    monkeypatch.setattr(spec_module, "SPEC_PATH", description)
    monkeypatch.setattr(spec_module, "load", functools.lru_cache(maxsize=1)(spec_module.load.__wrapped__))
    with pytest.raises(spec_module.DescriptionMissing) as raised:
        FakeMailchimp()
    message = str(raised.value)
    assert str(description) in message and "api/trim.py" in message and "git checkout" in message


# --- access --------------------------------------------------------------------------

def test_a_request_without_the_key_gets_401(raw):
    fake, _ = raw
    answer = requests.get(fake.url + "/ping", auth=("anystring", "wrong-us21"))
    assert answer.status_code == 401
    assert answer.json()["title"] == "API Key Invalid"


def test_an_unknown_audience_is_404(mc):
    with pytest.raises(MailchimpError) as raised:
        mc.get("/lists/nope/members")
    assert raised.value.status == 404


# --- members -------------------------------------------------------------------------

def test_members_are_keyed_by_the_md5_of_the_lower_cased_address(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    mc.post(f"/lists/{list_id}", {"members": [{"email_address": "Ana@Example.com", "status": "pending"}]})
    member = mc.get(f"/lists/{list_id}/members/{hashlib.md5(b'ana@example.com').hexdigest()}")
    assert (member["email_address"], member["status"]) == ("Ana@Example.com", "pending")


def test_batch_subscribe_reports_new_updated_and_refused_members(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "old@example.com", merge_fields={"FNAME": "Old"})
    fake_mailchimp.set_address_state("gone@example.com", "forgotten")
    answer = mc.post(f"/lists/{list_id}", {"update_existing": True, "members": [
        {"email_address": "new@example.com", "status": "pending"},
        {"email_address": "old@example.com", "status": "subscribed", "merge_fields": {"FNAME": "Ola"}},
        {"email_address": "gone@example.com", "status": "subscribed"},
    ]})
    assert (answer["total_created"], answer["total_updated"], answer["error_count"]) == (1, 1, 1)
    assert answer["errors"][0]["email_address"] == "gone@example.com"
    assert "permanently deleted" in answer["errors"][0]["error"]
    assert fake_mailchimp.members()["old@example.com"]["merge_fields"]["FNAME"] == "Ola"


def test_batch_subscribe_without_update_existing_leaves_members_alone(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "old@example.com", status="unsubscribed")
    answer = mc.post(f"/lists/{list_id}", {"members": [
        {"email_address": "old@example.com", "status": "subscribed"}]})
    assert answer["errors"][0]["error_code"] == "ERROR_CONTACT_EXISTS"
    assert fake_mailchimp.members()["old@example.com"]["status"] == "unsubscribed"


def test_a_member_in_compliance_state_cannot_be_resubscribed(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "left@example.com", status="unsubscribed")
    with pytest.raises(MailchimpError) as raised:
        mc.patch(f"/lists/{list_id}/members/{hashlib.md5(b'left@example.com').hexdigest()}",
                 {"status": "subscribed"})
    assert raised.value.title == "Member In Compliance State"


@pytest.mark.parametrize("fault, title", [
    ("member_exists", "Member Exists"),
    ("forgotten", "Forgotten Email Not Subscribed"),
    ("invalid_address", "Invalid Resource"),
])
def test_member_domain_errors_can_be_injected(mc, fake_mailchimp, fault, title):
    fake_mailchimp.inject("POST", "/lists/*/members", fault)
    with pytest.raises(MailchimpError) as raised:
        mc.post(f"/lists/{fake_mailchimp.audience_id}/members",
                {"email_address": "x@example.com", "status": "pending"}, creates=True)
    assert (raised.value.status, raised.value.title) == (400, title)
    assert "x@example.com" in raised.value.detail or fault == "invalid_address"


def test_members_are_paged_with_count_offset_and_total_items(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    for n in range(25):
        fake_mailchimp.store.add_member(list_id, f"p{n:02}@example.com")
    page = mc.get(f"/lists/{list_id}/members",
                  {"count": 10, "offset": 20, "fields": "members.email_address,total_items"})
    assert page == {"members": [{"email_address": f"p{n}@example.com"} for n in range(20, 25)],
                    "total_items": 25}


# --- tags ------------------------------------------------------------------------------

def test_a_static_segment_is_a_tag_on_its_members(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "a@example.com")
    segment = mc.post(f"/lists/{list_id}/segments", {"name": "Workshop", "static_segment": []}, creates=True)
    answer = mc.post(f"/lists/{list_id}/segments/{segment['id']}",
                     {"members_to_add": ["a@example.com", "nobody@example.com"]}, idempotent=True)
    assert (answer["total_added"], answer["error_count"]) == (1, 1)
    tags = fake_mailchimp.members()["a@example.com"]["tags"]
    assert [t["name"] for t in tags] == ["Workshop"]
    listed = mc.get(f"/lists/{list_id}/segments/{segment['id']}/members")
    assert [m["email_address"] for m in listed["members"]] == ["a@example.com"]


def test_the_toolkit_tag_exists_from_the_start(mc, fake_mailchimp):
    segments = mc.get(f"/lists/{fake_mailchimp.audience_id}/segments", {"type": "static"})
    assert ("Wellness Toolkit", 2840213) in {(s["name"], s["id"]) for s in segments["segments"]}


# --- campaigns ---------------------------------------------------------------------------

def test_a_campaign_is_tested_scheduled_unscheduled_and_sent_once(mc, fake_mailchimp):
    cid = ready_campaign(mc, fake_mailchimp)
    assert mc.get(f"/campaigns/{cid}/send-checklist")["is_ready"] is True
    mc.post(f"/campaigns/{cid}/actions/test", {"test_emails": ["ed@example.com"], "send_type": "html"})
    assert fake_mailchimp.store.test_emails == [(cid, ["ed@example.com"], "html")]
    when = next_quarter_hour(fake_mailchimp)
    mc.post(f"/campaigns/{cid}/actions/schedule", {"schedule_time": when.isoformat()})
    assert mc.get(f"/campaigns/{cid}")["status"] == "schedule"
    mc.post(f"/campaigns/{cid}/actions/unschedule")
    mc.post(f"/campaigns/{cid}/actions/send")
    assert mc.get(f"/campaigns/{cid}")["status"] == "sent"
    with pytest.raises(MailchimpError) as raised:
        mc.post(f"/campaigns/{cid}/actions/send")
    assert raised.value.status == 400
    assert len(fake_mailchimp.store.sent) == 1


def test_a_campaign_is_tracked_unless_the_request_turns_tracking_off(mc, fake_mailchimp):
    # Mailchimp's defaults: opens, HTML clicks and plain-text clicks all tracked.
    cid = ready_campaign(mc, fake_mailchimp)
    tracking = mc.get(f"/campaigns/{cid}", {"fields": "tracking"})["tracking"]
    assert (tracking["opens"], tracking["html_clicks"], tracking["text_clicks"]) == (True, True, True)
    settings = {"subject_line": "Spring", "from_name": "Synergy", "reply_to": "hello@example.com"}
    mc.patch(f"/campaigns/{cid}", {"settings": settings,
                                   "tracking": {"opens": False, "text_clicks": False}})
    tracking = mc.get(f"/campaigns/{cid}", {"fields": "tracking"})["tracking"]
    assert (tracking["opens"], tracking["html_clicks"], tracking["text_clicks"]) == (False, True, False)


def test_an_account_can_keep_tracking_on_whatever_a_request_says(mc, fake_mailchimp):
    fake_mailchimp.store.forced_tracking = {"html_clicks": True}
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "reader@example.com")
    cid = mc.post("/campaigns", {"type": "regular", "tracking": {"html_clicks": False}},
                  creates=True)["id"]
    assert mc.get(f"/campaigns/{cid}", {"fields": "tracking"})["tracking"]["html_clicks"] is True


def test_a_plan_without_scheduling_refuses_it_with_403_and_still_sends(mc, fake_mailchimp):
    fake_mailchimp.store.can_schedule = False
    cid = ready_campaign(mc, fake_mailchimp)
    with pytest.raises(MailchimpError) as raised:
        mc.post(f"/campaigns/{cid}/actions/schedule",
                {"schedule_time": next_quarter_hour(fake_mailchimp).isoformat()})
    assert (raised.value.status, raised.value.title) == (403, "User action not permitted")
    assert mc.get(f"/campaigns/{cid}")["status"] == "save"
    mc.post(f"/campaigns/{cid}/actions/send")
    assert mc.get(f"/campaigns/{cid}")["status"] == "sent"


def test_a_scheduled_campaign_is_sent_when_its_time_comes(mc, fake_mailchimp):
    cid = ready_campaign(mc, fake_mailchimp)
    mc.post(f"/campaigns/{cid}/actions/schedule",
            {"schedule_time": next_quarter_hour(fake_mailchimp).isoformat()})
    fake_mailchimp.advance(2 * 3600)
    assert mc.get("/campaigns", {"status": "sent", "list_id": fake_mailchimp.audience_id})["total_items"] == 1


def test_a_schedule_off_the_quarter_hour_is_refused(mc, fake_mailchimp):
    cid = ready_campaign(mc, fake_mailchimp)
    when = next_quarter_hour(fake_mailchimp) + dt.timedelta(minutes=7)
    with pytest.raises(MailchimpError, match="quarter-hour"):
        mc.post(f"/campaigns/{cid}/actions/schedule", {"schedule_time": when.isoformat()})


def test_a_campaign_without_content_is_not_ready_and_cannot_be_sent(mc, fake_mailchimp):
    body = {"type": "regular", "recipients": {"list_id": fake_mailchimp.audience_id},
            "settings": {"subject_line": "S", "from_name": "F", "reply_to": "r@example.com"}}
    cid = mc.post("/campaigns", body, creates=True)["id"]
    checklist = mc.get(f"/campaigns/{cid}/send-checklist")
    assert checklist["is_ready"] is False
    assert "Content" in [i["heading"] for i in checklist["items"] if i["type"] == "error"]
    with pytest.raises(MailchimpError, match="not ready"):
        mc.post(f"/campaigns/{cid}/actions/send")
    assert fake_mailchimp.store.sent == []


def test_campaigns_are_listed_with_filters_and_sorting(mc, fake_mailchimp):
    first = ready_campaign(mc, fake_mailchimp, title="One")
    second = ready_campaign(mc, fake_mailchimp, title="Two")
    mc.post(f"/campaigns/{first}/actions/send")
    listed = mc.get("/campaigns", {"status": "save", "fields": "campaigns.id,campaigns.settings.title",
                                   "sort_field": "create_time", "sort_dir": "DESC"})
    assert listed["campaigns"] == [{"id": second, "settings": {"title": "Two"}}]


def test_drop_after_carries_out_the_request_before_dropping_the_answer(mc, fake_mailchimp):
    cid = ready_campaign(mc, fake_mailchimp)
    fake_mailchimp.inject("POST", "/campaigns/{campaign_id}/actions/send", "drop_after")
    with pytest.raises(AnswerLost):
        mc.post(f"/campaigns/{cid}/actions/send")
    assert mc.get(f"/campaigns/{cid}")["status"] == "sent"


def test_calls_are_recorded_with_method_path_query_and_body(mc, fake_mailchimp):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "a@example.com")
    member_path = f"/lists/{list_id}/members/{hashlib.md5(b'a@example.com').hexdigest()}"
    mc.get("/ping")
    mc.patch(member_path, {"merge_fields": {"FNAME": "Ana"}})
    (method, path, query, body), = fake_mailchimp.write_calls()
    assert (method, path, query, body) == ("PATCH", member_path, {},
                                           {"merge_fields": {"FNAME": "Ana"}})
    assert len(fake_mailchimp.calls) == 2


def test_a_sending_rss_campaign_can_be_paused_and_resumed_but_a_regular_one_cannot(mc, fake_mailchimp):
    regular = ready_campaign(mc, fake_mailchimp)
    with pytest.raises(MailchimpError, match="RSS"):
        mc.post(f"/campaigns/{regular}/actions/pause")
    body = {"type": "rss", "recipients": {"list_id": fake_mailchimp.audience_id},
            "settings": {"subject_line": "Feed", "from_name": "F", "reply_to": "r@example.com"}}
    rss = mc.post("/campaigns", body, creates=True)["id"]
    fake_mailchimp.store.campaigns[rss]["status"] = "sending"  # an active RSS campaign
    mc.post(f"/campaigns/{rss}/actions/pause")
    assert mc.get(f"/campaigns/{rss}")["status"] == "paused"
    mc.post(f"/campaigns/{rss}/actions/resume")
    assert mc.get(f"/campaigns/{rss}")["status"] == "sending"
