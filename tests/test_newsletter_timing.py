"""When an issue's email goes out: at its Date, on Mailchimp's quarter hour, with an injected clock.

The build and the sender read the clock BUILD_NOW (SITE_BUILD_NOW for the
build); the fake Mailchimp's clock is set to the same moment, so "in the past"
means the same thing on both sides. The site's TIMEZONE is America/Chicago
(UTC-6 in December).
"""

import shutil
from collections import Counter
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from newsletter_helpers import (
    align_clock,
    editor_tests,
    issue,
    issues_site,
    lines,
    plan,
    private_content,
    schedules,
    send,
    settings_for,
    statuses,
)
from synergy_newsletter.sending import slug_of

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 12, 1, 0, 15, tzinfo=CHICAGO)  # just after the nightly deploy starts
ISSUES = {
    "newsletter/timed.md": issue("Timed", "2026-12-01 09:40", "timed"),
    "newsletter/morning.md": issue("Morning", "2026-12-01", "morning"),
    "newsletter/yesterday.md": issue("Yesterday", "2026-11-30 09:00", "yesterday"),
    "newsletter/tomorrow.md": issue("Tomorrow", "2026-12-02 09:00", "tomorrow"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return issues_site(tmp_path_factory.mktemp("newsletter-timing"), ISSUES,
                       env={"SITE_BUILD_NOW": NOW.strftime("%Y-%m-%dT%H:%M")})


@pytest.fixture
def project(built, tmp_path):
    return private_content(built, tmp_path)


def at(project, fake, moment, **overrides):
    """Settings whose clock reads moment, with the fake's clock set to match."""
    align_clock(fake, moment)
    return settings_for(project, fake, BUILD_NOW=moment.isoformat(), **overrides)


@pytest.fixture
def settings(project, fake_mailchimp):
    return at(project, fake_mailchimp, NOW)


def scheduled_for(fake):
    """{issue: the schedule_time asked for}."""
    with fake.store.lock:
        by_id = {cid: campaign for cid, campaign in fake.store.campaigns.items()}
    return {slug_of(by_id[call.path.split("/")[2]]): call.body["schedule_time"]
            for call in schedules(fake)}


def test_the_page_of_an_issue_dated_later_today_is_up_before_its_email(built):
    assert built.exists("newsletter/timed/index.html")
    assert built.exists("email-preview/timed/email.html")
    assert not built.exists("newsletter/tomorrow/index.html")


def test_a_campaign_is_scheduled_for_the_issues_date_and_time(settings, built, fake_mailchimp):
    outcomes, _ = send(settings, built)
    assert not any(o.failed for o in outcomes), lines(outcomes)
    # 09:40 in Chicago is 15:40 UTC: Mailchimp's next quarter hour is 15:45.
    assert scheduled_for(fake_mailchimp)["timed"] == "2026-12-01T15:45:00+00:00"
    assert "scheduled for 2026-12-01 09:45 CST" in lines(outcomes)["timed"]
    with fake_mailchimp.store.lock:
        times = {c["settings"]["title"].split()[0]: c["send_time"]
                 for c in fake_mailchimp.store.campaigns.values()}
    assert times["Timed"] == "2026-12-01T15:45:00+00:00"


def test_a_date_without_a_time_goes_out_at_the_send_time_setting(settings, built, fake_mailchimp):
    send(settings, built)
    assert scheduled_for(fake_mailchimp)["morning"] == "2026-12-01T14:00:00+00:00"  # 08:00 CST


def test_the_send_time_setting_moves_it(project, built, fake_mailchimp):
    settings = at(project, fake_mailchimp, NOW, NEWSLETTER_SEND_TIME="07:30")
    send(settings, built)
    assert scheduled_for(fake_mailchimp)["morning"] == "2026-12-01T13:30:00+00:00"


def test_a_time_already_past_goes_out_at_the_next_quarter_hour(settings, built, fake_mailchimp):
    send(settings, built)
    # 00:15 CST plus the 5-minute lead, on the quarter hour: 00:30 CST, 06:30 UTC.
    assert scheduled_for(fake_mailchimp)["yesterday"] == "2026-12-01T06:30:00+00:00"


def test_an_issue_whose_day_has_not_come_waits(settings, built, fake_mailchimp):
    outcomes, _ = send(settings, built)
    assert "tomorrow" not in scheduled_for(fake_mailchimp)
    assert "dated in the future" in lines(outcomes)["tomorrow"]


def test_the_dry_run_names_the_send_time(settings, built, fake_mailchimp):
    outcomes, _ = plan(settings, built)
    assert lines(outcomes)["timed"].endswith("then schedule it for 2026-12-01 09:45 CST")


# --- accounts that may not schedule (Mailchimp's Free plan) ------------------------------

def test_a_refusal_to_schedule_is_said_once_with_what_to_do(settings, built, fake_mailchimp):
    fake_mailchimp.store.can_schedule = False
    outcomes, _ = send(settings, built)
    said = [o.line() for o in outcomes if o.failed]
    refusals = [line for line in said if "Mailchimp refused to schedule it" in line]
    assert len(refusals) == 1
    assert "403 User action not permitted" in refusals[0]
    assert "Free plan -- set NEWSLETTER_SEND_IMMEDIATELY=yes" in refusals[0]
    others = [line for line in said if line not in refusals]
    assert len(others) == 2 and all(line.endswith("(see above)") for line in others)
    # Only the first issue asked: the others knew the answer.
    assert len(schedules(fake_mailchimp)) == 1
    assert set(statuses(fake_mailchimp).values()) == {"save"}


def test_runs_after_a_refusal_send_no_second_test_email(settings, built, fake_mailchimp):
    fake_mailchimp.store.can_schedule = False
    for _ in range(3):
        send(settings, built)
    assert editor_tests(fake_mailchimp) == Counter({"timed": 1, "morning": 1, "yesterday": 1})
    assert len(fake_mailchimp.store.campaigns) == 3


def test_an_edited_issue_is_a_new_version_and_gets_one_new_test(
        settings, built, fake_mailchimp, tmp_path):
    fake_mailchimp.store.can_schedule = False
    send(settings, built)
    output = tmp_path / "output"
    shutil.copytree(built.output, output)
    email = output / "email-preview" / "timed" / "email.html"
    email.write_text(email.read_text().replace("Some news.", "Some better news."))
    rebuilt = SimpleNamespace(output=output)
    send(settings, rebuilt)
    send(settings, rebuilt)
    assert editor_tests(fake_mailchimp)["timed"] == 2
    assert editor_tests(fake_mailchimp)["morning"] == 1


def test_send_immediately_waits_for_the_send_time_then_sends(project, built, fake_mailchimp):
    fake_mailchimp.store.can_schedule = False
    early = at(project, fake_mailchimp, NOW, NEWSLETTER_SEND_IMMEDIATELY=True)
    outcomes, _ = send(early, built)
    said = lines(outcomes)
    assert not any(o.failed for o in outcomes), said
    assert {o.slug: o.action for o in outcomes}["morning"] == "waiting"
    assert "sent by the first run at or after 2026-12-01 08:00 CST" in said["morning"]
    assert statuses(fake_mailchimp)["yesterday"] in ("sending", "sent")  # its time had passed
    assert statuses(fake_mailchimp)["morning"] == "save"
    later = at(project, fake_mailchimp, NOW.replace(hour=8, minute=5),
               NEWSLETTER_SEND_IMMEDIATELY=True)
    send(later, built)
    assert statuses(fake_mailchimp)["morning"] in ("sending", "sent")
    assert statuses(fake_mailchimp)["timed"] == "save"  # 09:40 has not come
    assert schedules(fake_mailchimp) == []
    assert editor_tests(fake_mailchimp) == Counter({"timed": 1, "morning": 1, "yesterday": 1})
