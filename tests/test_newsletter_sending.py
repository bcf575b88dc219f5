"""`invoke newsletter --send` sends each due issue exactly once, against the fake Mailchimp."""

import shutil
import threading
from collections import Counter
from datetime import UTC, date, timedelta

import pytest
from pelican.settings import read_settings

from sitebuild import ROOT, build_site
from synergy.mailchimp import connect
from synergy_newsletter import outbox
from synergy_newsletter.sending import schedule_time, slug_of

TODAY = date.today()
DAY = timedelta(days=1)
HEAD = "Title: {title}\nDate: {date}\nSlug: {slug}\nStatus: {status}\nEmail: yes\nSummary: s\n{extra}\n"
ISSUES = {
    "newsletter/one.md": HEAD.format(title="Issue one", date=f"{TODAY - 3 * DAY}", slug="one",
                                     status="published", extra="")
    + "First issue, see [the blog](/blog/).\n",
    "newsletter/two.md": HEAD.format(title="Issue two", date=f"{TODAY - 2 * DAY}", slug="two",
                                     status="published", extra="Recent_posts: yes\n")
    + "Second issue.\n",
    "newsletter/unready.md": HEAD.format(title="Not ready", date=f"{TODAY - DAY}", slug="unready",
                                         status="draft", extra="") + "A draft.\n",
    "newsletter/stale.md": HEAD.format(title="Stale", date=f"{TODAY - 90 * DAY}", slug="stale",
                                       status="published", extra="") + "Long ago.\n",
    "newsletter/later.md": HEAD.format(title="Later", date="2099-01-01", slug="later",
                                       status="published", extra="") + "From the future.\n",
}
DUE = {"one", "two"}
EDITORS = ["editor@example.org"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site, with two due issues, a draft and a future one, built as for publishing."""
    build = build_site(tmp_path_factory.mktemp("newsletter-send"), settings="publishconf.py",
                       strict=False, remove=["newsletter"], files=ISSUES)
    assert build.ok, build.stderr
    return build


@pytest.fixture
def project(built, tmp_path):
    """A private copy of the content and a fresh ledger for one test."""
    content = tmp_path / "content"
    shutil.copytree(built.content, content)
    return content


@pytest.fixture
def settings(project, fake_mailchimp):
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "reader@example.org")
    fake_mailchimp.hang_seconds = 3.0
    return read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(project), "MAILCHIMP_TEST_EMAILS": EDITORS,
        "MAILCHIMP_AUDIENCE_ID": fake_mailchimp.audience_id})


def mailchimp():
    return connect(timeout=(2.0, 2.0), retries=3, backoff=0.01)


def send(settings, built, **options):
    options.setdefault("settle_seconds", 1.1)
    with mailchimp() as mc:
        return outbox.run(settings, str(built.output), send=True, mc=mc, **options)


def campaigns_by_issue(fake):
    with fake.store.lock:
        return Counter(slug_of(c) for c in fake.store.campaigns.values())


def statuses(fake):
    with fake.store.lock:
        return {slug_of(c): c["status"] for c in fake.store.campaigns.values()}


def editor_tests(fake):
    return Counter(slug_of(fake.store.campaigns[cid]) for cid, _, _ in fake.store.test_emails
                   if cid in fake.store.campaigns)


def test_a_dry_run_makes_no_write_calls_and_says_what_would_happen(settings, built, fake_mailchimp):
    with mailchimp() as mc:
        outcomes, problems = outbox.run(settings, str(built.output), send=False, mc=mc)
    assert problems == []
    assert fake_mailchimp.write_calls() == []
    actions = {o.slug: o.action for o in outcomes}
    assert actions == {"one": "create", "two": "create", "unready": "held", "later": "held",
                       "stale": "held"}
    lines = {o.slug: o.line() for o in outcomes}
    assert "send a test to editor@example.org" in lines["one"]
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
    creates = [c for c in fake_mailchimp.calls if (c.method, c.path) == ("POST", "/campaigns")]
    assert len(creates) == 2
    for call in creates:
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
        results.append(send(settings, built))

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
