"""`invoke newsletter --send` sends each due issue exactly once, against the fake Mailchimp."""

import threading
from collections import Counter
from datetime import UTC, date, timedelta

import pytest

from newsletter_helpers import (
    EDITORS,
    RACE_SETTLE_SECONDS,
    campaigns_by_issue,
    creates,
    editor_tests,
    issue,
    issues_site,
    mailchimp,
    private_content,
    schedules,
    send,
    settings_for,
    statuses,
)
from synergy_newsletter import outbox
from synergy_newsletter.sending import TRACKING_OFF, schedule_time, slug_of

TODAY = date.today()
DAY = timedelta(days=1)
ISSUES = {
    "newsletter/one.md": issue("Issue one", TODAY - 3 * DAY, "one",
                               body="First issue, see [the blog](/blog/).\n"),
    "newsletter/two.md": issue("Issue two", TODAY - 2 * DAY, "two", extra="Recent_posts: yes",
                               body="Second issue.\n"),
    "newsletter/unready.md": issue("Not ready", TODAY - DAY, "unready", status="draft",
                                   body="A draft.\n"),
    "newsletter/stale.md": issue("Stale", TODAY - 90 * DAY, "stale", body="Long ago.\n"),
    "newsletter/later.md": issue("Later", "2099-01-01", "later", body="From the future.\n"),
    "newsletter/web-only.md": issue("On the web", TODAY - DAY, "web-only", email=None,
                                    body="Not approved for email.\n"),
    "newsletter/said-no.md": issue("Said no", TODAY - DAY, "said-no", email="no",
                                   body="Not for email either.\n"),
}
DUE = {"one", "two"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site, with two approved due issues and others that must not go out, built as for publishing."""
    return issues_site(tmp_path_factory.mktemp("newsletter-send"), ISSUES)


@pytest.fixture
def project(built, tmp_path):
    return private_content(built, tmp_path)


@pytest.fixture
def settings(project, fake_mailchimp):
    return settings_for(project, fake_mailchimp)


def test_a_dry_run_makes_no_write_calls_and_says_what_would_happen(settings, built, fake_mailchimp):
    with mailchimp() as mc:
        outcomes, problems = outbox.run(settings, str(built.output), send=False, mc=mc)
    assert problems == []
    assert fake_mailchimp.write_calls() == []
    actions = {o.slug: o.action for o in outcomes}
    assert actions == {"one": "create", "two": "create", "unready": "held", "later": "held",
                       "stale": "held", "web-only": "web-only", "said-no": "web-only"}
    lines = {o.slug: o.line() for o in outcomes}
    assert "send a test to editor@example.org" in lines["one"]
    assert "no open or click tracking" in lines["one"]
    assert lines["web-only"] == "web-only: web only: add `Email: yes` to email it"
    assert "status is draft" in lines["unready"]
    assert "dated in the future" in lines["later"]
    assert "too late to email" in lines["stale"]


def test_send_creates_tests_and_schedules_each_due_issue_once(settings, built, fake_mailchimp):
    outcomes, problems = send(settings, built)
    assert problems == [] and not any(o.failed for o in outcomes), [o.line() for o in outcomes]
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert statuses(fake_mailchimp) == {"one": "schedule", "two": "schedule"}
    assert editor_tests(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert all(emails == EDITORS for _, emails, _ in fake_mailchimp.store.test_emails)
    made = creates(fake_mailchimp)
    assert len(made) == 2
    for call in made:
        assert call.body["type"] == "regular"
        assert call.body["recipients"]["list_id"] == fake_mailchimp.audience_id
        wanted = {"subject_line", "preview_text", "title", "from_name", "reply_to"}
        assert wanted <= set(call.body["settings"])


def test_the_campaign_carries_the_rendered_email_and_its_plain_text(
        settings, built, fake_mailchimp):
    send(settings, built)
    with fake_mailchimp.store.lock:
        by_slug = {slug_of(c): fake_mailchimp.store.contents[c["id"]]
                   for c in fake_mailchimp.store.campaigns.values()}
    assert by_slug["one"]["html"] == built.text("email-preview/one/email.html")
    assert by_slug["one"]["plain_text"] == built.text("email-preview/one/email.txt")
    assert "*|UNSUB|*" in by_slug["one"]["html"]


def test_drafts_and_future_issues_are_never_sent(settings, built, fake_mailchimp):
    send(settings, built)
    sent = set(campaigns_by_issue(fake_mailchimp))
    assert "unready" not in sent and "later" not in sent and "stale" not in sent


def test_an_issue_without_email_yes_is_never_emailed(settings, built, fake_mailchimp):
    outcomes, _ = send(settings, built)
    assert {"web-only", "said-no"}.isdisjoint(campaigns_by_issue(fake_mailchimp))
    assert {o.slug: o.action for o in outcomes}["web-only"] == "web-only"
    # Its page is on the website all the same.
    assert built.exists("newsletter/web-only/index.html")


def test_an_email_line_that_is_neither_yes_nor_no_is_a_problem_and_sends_nothing(
        settings, built, fake_mailchimp, project):
    path = project / "newsletter" / "one.md"
    path.write_text(path.read_text().replace("Email: yes", "Email: please"))
    outcomes, problems = send(settings, built)
    assert problems == ["content/newsletter/one.md: email: 'please' is not yes or no -- write "
                        "'Email: yes' to email the issue, or remove the line to keep it on the "
                        "website only"]
    assert "one" not in campaigns_by_issue(fake_mailchimp)


# --- no tracking ------------------------------------------------------------------------

def test_every_campaign_is_created_with_all_tracking_off(settings, built, fake_mailchimp):
    send(settings, built)
    for call in creates(fake_mailchimp):
        assert call.body["tracking"] == TRACKING_OFF
    with fake_mailchimp.store.lock:
        for campaign in fake_mailchimp.store.campaigns.values():
            tracking = campaign["tracking"]
            assert not (tracking["opens"] or tracking["html_clicks"] or tracking["text_clicks"])
            assert tracking["google_analytics"] == "" and tracking["clicktale"] == ""
            assert campaign["settings"]["fb_comments"] is False
            assert campaign["settings"]["auto_tweet"] is False


def test_a_draft_left_with_mailchimps_defaults_is_updated_with_tracking_off(
        settings, built, fake_mailchimp):
    # A draft made elsewhere (an interrupted older run) carries Mailchimp's defaults.
    with mailchimp() as mc:
        draft = mc.post("/campaigns", {"type": "regular", "settings": {
            "title": "Issue one [newsletter:one]", "subject_line": "x"},
            "recipients": {"list_id": fake_mailchimp.audience_id}}, creates=True)["id"]
    assert fake_mailchimp.store.campaigns[draft]["tracking"]["opens"] is True
    send(settings, built)
    patches = [c for c in fake_mailchimp.calls if (c.method, c.path) == ("PATCH", f"/campaigns/{draft}")]
    assert patches and all(c.body["tracking"] == TRACKING_OFF for c in patches)
    assert fake_mailchimp.store.campaigns[draft]["status"] == "schedule"
    tracking = fake_mailchimp.store.campaigns[draft]["tracking"]
    assert (tracking["opens"], tracking["html_clicks"], tracking["text_clicks"]) == (False, False, False)


@pytest.mark.parametrize("forced, named", [
    ({"opens": True}, "open tracking"),
    ({"html_clicks": True}, "click tracking (HTML)"),
    ({"text_clicks": True}, "click tracking (plain text)"),
    ({"google_analytics": "newsletter"}, "Google Analytics link tagging"),
])
def test_a_campaign_mailchimp_still_tracks_is_refused_before_anything_goes_out(
        settings, built, fake_mailchimp, forced, named):
    fake_mailchimp.store.forced_tracking = forced
    outcomes, _ = send(settings, built)
    said = {o.slug: o for o in outcomes}
    for slug in DUE:
        assert said[slug].failed
        assert said[slug].line().startswith(f"{slug}: NOT SENT: Mailchimp reports {named} on for "
                                            "campaign ")
        assert "Settings & Tracking" in said[slug].line() and "\n" not in said[slug].line()
    assert schedules(fake_mailchimp) == []
    assert fake_mailchimp.store.test_emails == [] and fake_mailchimp.store.sent == []
    assert set(statuses(fake_mailchimp).values()) == {"save"}


def test_once_mailchimp_stops_tracking_the_refused_draft_goes_out(settings, built, fake_mailchimp):
    fake_mailchimp.store.forced_tracking = {"opens": True}
    send(settings, built)
    fake_mailchimp.store.forced_tracking = {}
    outcomes, _ = send(settings, built)
    assert not any(o.failed for o in outcomes), [o.line() for o in outcomes]
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert statuses(fake_mailchimp) == {"one": "schedule", "two": "schedule"}


def test_a_second_send_changes_nothing(settings, built, fake_mailchimp):
    send(settings, built)
    writes = len(fake_mailchimp.write_calls())
    outcomes, _ = send(settings, built)
    assert len(fake_mailchimp.write_calls()) == writes
    actions = {o.slug: o.action for o in outcomes if o.slug in DUE}
    assert actions == {"one": "nothing", "two": "nothing"}
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})


def test_a_create_whose_answer_is_lost_still_gives_one_campaign_per_issue(
        settings, built, fake_mailchimp):
    fake_mailchimp.inject("POST", "/campaigns", "drop_after", times=1)
    outcomes, _ = send(settings, built)
    assert not any(o.failed for o in outcomes), [o.line() for o in outcomes]
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert statuses(fake_mailchimp) == {"one": "schedule", "two": "schedule"}
    assert editor_tests(fake_mailchimp) == Counter({"one": 1, "two": 1})


def test_two_runs_started_together_give_one_campaign_per_issue(settings, built, fake_mailchimp):
    start = threading.Barrier(2)
    results = []

    def one_run():
        start.wait()
        results.append(send(settings, built, settle_seconds=RACE_SETTLE_SECONDS))

    runs = [threading.Thread(target=one_run) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=60)
    assert len(results) == 2
    creates = [c for c in fake_mailchimp.calls if (c.method, c.path) == ("POST", "/campaigns")]
    deleted = {c.path for c in fake_mailchimp.calls if c.method == "DELETE"}
    assert len(deleted) == len(creates) - 2  # every twin was removed before it was tested
    said = [o.line() for outcomes, _ in results for o in outcomes]
    assert not any(o.failed for outcomes, _ in results for o in outcomes), said
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1}), said
    assert statuses(fake_mailchimp) == {"one": "schedule", "two": "schedule"}, said
    assert editor_tests(fake_mailchimp) == Counter({"one": 1, "two": 1})


def test_a_leftover_duplicate_draft_is_deleted_and_the_oldest_campaign_is_sent(
        settings, built, fake_mailchimp):
    # What an interrupted overlapping run leaves behind: two drafts with the same marker.
    with mailchimp() as mc:
        body = {"type": "regular", "recipients": {"list_id": fake_mailchimp.audience_id},
                "settings": {"title": "Issue one [newsletter:one]", "subject_line": "x"}}
        first = mc.post("/campaigns", body, creates=True)["id"]
        fake_mailchimp.advance(2)
        mc.post("/campaigns", body, creates=True)
    fake_mailchimp.advance(-2)
    with mailchimp() as mc:
        plan, _ = outbox.run(settings, str(built.output), send=False, mc=mc)
    assert f"update the draft campaign {first}" in {o.slug: o.line() for o in plan}["one"]
    send(settings, built)
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert first in fake_mailchimp.store.campaigns
    assert fake_mailchimp.store.campaigns[first]["status"] == "schedule"


@pytest.mark.parametrize("method, path, fault", [
    ("POST", "/campaigns", 429),
    ("POST", "/campaigns", 503),
    ("POST", "/campaigns", "hang"),
    ("GET", "/campaigns", 503),
    ("PUT", "/campaigns/*/content", "hang"),
    ("POST", "/campaigns/*/actions/test", 503),
    ("POST", "/campaigns/*/actions/schedule", 503),
    ("POST", "/campaigns/*/actions/schedule", "drop_after"),
])
def test_faults_are_retried_and_each_issue_still_goes_out_once(settings, built, fake_mailchimp,
                                                              method, path, fault):
    fake_mailchimp.inject(method, path, fault, times=1)
    outcomes, _ = send(settings, built)
    assert not any(o.failed for o in outcomes), [o.line() for o in outcomes]
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert statuses(fake_mailchimp) == {"one": "schedule", "two": "schedule"}


def test_an_issue_edited_after_sending_is_reported_and_not_sent_again(
        settings, built, fake_mailchimp, project):
    send(settings, built)
    writes = len(fake_mailchimp.write_calls())
    source = project / "newsletter" / "one.md"
    source.write_text(source.read_text() + "\nA correction added later.\n")
    outcomes, _ = send(settings, built)
    edited = {o.slug: o for o in outcomes}["one"]
    assert edited.action == "edited"
    assert "went out already" in edited.line() and "with the earlier text" in edited.line()
    assert len(fake_mailchimp.write_calls()) == writes
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})


def test_the_ledger_records_each_campaign_state_and_text(settings, built, fake_mailchimp):
    send(settings, built)
    entries = outbox.ledger_for(settings).entries()
    assert set(entries) == DUE
    for slug, entry in entries.items():
        assert entry["state"] == "scheduled"
        assert slug_of(fake_mailchimp.store.campaigns[entry["campaign_id"]]) == slug
        assert entry["content_hash"].startswith("sha256:")


def test_an_issue_the_ledger_calls_sent_is_not_sent_again_even_if_mailchimp_forgot_it(
        settings, built, fake_mailchimp):
    send(settings, built)
    with fake_mailchimp.store.lock:
        fake_mailchimp.store.campaigns.clear()
    outcomes, _ = send(settings, built)
    assert fake_mailchimp.store.campaigns == {}
    assert all("not sending again" in o.line() for o in outcomes if o.slug in DUE)


def test_send_immediately_sends_instead_of_scheduling(settings, built, fake_mailchimp):
    send(settings, built, send_immediately=True)
    assert set(statuses(fake_mailchimp).values()) <= {"sending", "sent"}
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})


def test_the_schedule_is_the_send_time_on_mailchimps_quarter_hour():
    from datetime import datetime

    now = datetime(2026, 11, 28, 6, 15, tzinfo=UTC)
    assert schedule_time(datetime(2026, 11, 28, 14, 0, tzinfo=UTC), now, 5) == \
        datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
    assert schedule_time(datetime(2026, 11, 28, 14, 1, 30, tzinfo=UTC), now, 5) == \
        datetime(2026, 11, 28, 14, 15, tzinfo=UTC)


def test_a_send_time_already_past_becomes_the_next_quarter_hour_the_lead_allows():
    from datetime import datetime

    now = datetime(2026, 11, 28, 14, 1, 30, tzinfo=UTC)
    past = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert schedule_time(past, now, 5) == datetime(2026, 11, 28, 14, 15, tzinfo=UTC)
    assert schedule_time(past, now, 30) == datetime(2026, 11, 28, 14, 45, tzinfo=UTC)
    assert schedule_time(past, datetime(2026, 11, 28, 14, 10, tzinfo=UTC), 5) == \
        datetime(2026, 11, 28, 14, 15, tzinfo=UTC)


def test_a_campaign_created_after_its_answer_was_given_up_on_is_still_finished(
        settings, built, fake_mailchimp):
    # The first create hangs past the client's timeout and is carried out late, after the
    # run has looked for it and created another: the late one is older, so it is kept.
    from synergy_newsletter.sending import Sender

    real_campaigns_for = Sender.campaigns_for
    calls = Counter()

    def late_creation(self, slug):
        calls[slug] += 1
        if slug == "one" and calls[slug] == 2:  # the look-up after the lost answer
            with mailchimp() as mc:  # Mailchimp finishing the first create only now
                mc.post("/campaigns", self._campaign_body(
                    next(o for o in issues if o.slug == "one")), creates=True)
            return []
        return real_campaigns_for(self, slug)

    issues, _ = outbox.outgoing(settings, str(built.output))
    fake_mailchimp.inject("POST", "/campaigns", "drop", times=1)
    Sender.campaigns_for = late_creation
    try:
        outcomes, _ = send(settings, built)
    finally:
        Sender.campaigns_for = real_campaigns_for
    said = [o.line() for o in outcomes]
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1}), said
    assert statuses(fake_mailchimp) == {"one": "schedule", "two": "schedule"}, said


def test_a_canceled_send_is_never_sent_again(settings, built, fake_mailchimp):
    send(settings, built, send_immediately=True)
    with fake_mailchimp.store.lock:
        for campaign in fake_mailchimp.store.campaigns.values():
            campaign["status"] = "canceled"  # canceled while sending: some readers got it
    writes = len(fake_mailchimp.write_calls())
    outcomes, _ = send(settings, built)
    assert len(fake_mailchimp.write_calls()) == writes
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1, "two": 1})
    assert all("went out already" in o.line() and "is canceled" in o.line()
               for o in outcomes if o.slug in DUE)
