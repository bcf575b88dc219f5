"""Scheduled posts: an article dated in the future waits for the build clock to reach it."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from sitebuild import build_site
from synergy.clock import BuildClockError, now
from synergy_scheduling import publication

CHICAGO = ZoneInfo("America/Chicago")
TODAY = datetime.datetime.now(CHICAGO).date()
TOMORROW = TODAY + datetime.timedelta(days=1)
DAY_AFTER = TODAY + datetime.timedelta(days=2)


def scheduled_post(date, status=""):
    return (
        f"Title: Coming soon\nDate: {date} 09:00\nCategory: Wellness\nSlug: coming-soon\n"
        f"{f'Status: {status}' + chr(10) if status else ''}"
        "Summary: A post that waits for its day.\n\nBody.\n"
    )


def test_a_post_dated_tomorrow_is_not_published(tmp_path):
    build = build_site(tmp_path, files={"blog/coming-soon.md": scheduled_post(TOMORROW)})
    assert build.ok, build.stderr
    assert not build.exists("blog/coming-soon/index.html")
    assert "coming-soon" not in build.text("feeds/all.atom.xml")
    assert "coming-soon" not in build.text("blog/index.html")


def test_the_first_build_after_its_date_publishes_it(tmp_path):
    build = build_site(tmp_path, files={"blog/coming-soon.md": scheduled_post(TOMORROW)},
                       env={"SITE_BUILD_NOW": DAY_AFTER.isoformat()})
    assert build.ok, build.stderr
    assert build.exists("blog/coming-soon/index.html")
    assert "coming-soon" in build.text("feeds/all.atom.xml")
    assert "coming-soon" in build.text("blog/index.html")


def test_the_clock_can_also_be_set_as_a_setting(tmp_path):
    build = build_site(tmp_path, files={"blog/coming-soon.md": scheduled_post(TOMORROW)},
                       overrides={"BUILD_NOW": f"{DAY_AFTER}T08:00"})
    assert build.ok, build.stderr
    assert build.exists("blog/coming-soon/index.html")


def test_a_past_post_is_held_back_when_the_clock_is_set_before_its_date(tmp_path):
    build = build_site(tmp_path, files={"blog/coming-soon.md": scheduled_post(TODAY)},
                       env={"SITE_BUILD_NOW": (TODAY - datetime.timedelta(days=1)).isoformat()})
    assert build.ok, build.stderr
    assert not build.exists("blog/coming-soon/index.html")


def test_a_draft_stays_a_draft_after_its_date(tmp_path):
    build = build_site(tmp_path, files={"blog/coming-soon.md": scheduled_post(TOMORROW, "draft")},
                       env={"SITE_BUILD_NOW": DAY_AFTER.isoformat()})
    assert build.ok, build.stderr
    assert not build.exists("blog/coming-soon/index.html")


def test_an_unreadable_clock_stops_the_build_with_one_line(tmp_path):
    build = build_site(tmp_path, env={"SITE_BUILD_NOW": "next tuesday"})
    assert not build.ok
    assert "settings: SITE_BUILD_NOW: 'next tuesday' is not a date" in build.stderr
    assert "Traceback" not in build.stderr


def test_now_reads_the_setting_in_the_site_timezone():
    moment = now({"TIMEZONE": "America/Chicago", "BUILD_NOW": "2026-03-14T09:30"})
    assert moment == datetime.datetime(2026, 3, 14, 9, 30, tzinfo=CHICAGO)


def test_now_reads_the_environment_when_no_setting_is_given(monkeypatch):
    monkeypatch.setenv("SITE_BUILD_NOW", "2026-03-14")
    assert now({"TIMEZONE": "America/Chicago"}) == datetime.datetime(2026, 3, 14, tzinfo=CHICAGO)


def test_now_is_the_real_time_when_nothing_sets_it(monkeypatch):
    monkeypatch.delenv("SITE_BUILD_NOW", raising=False)
    before = datetime.datetime.now(CHICAGO)
    assert before <= now({"TIMEZONE": "America/Chicago"}) <= datetime.datetime.now(CHICAGO)


def test_now_rejects_a_clock_that_is_not_a_date():
    with pytest.raises(BuildClockError, match="BUILD_NOW: 'soon' is not a date"):
        now({"TIMEZONE": "America/Chicago", "BUILD_NOW": "soon"})


# --- The decision itself, in process ----------------------------------------------------
# The builds above show each case end to end; these pin the rule for every
# combination of status and clock without a build.

MOMENT = datetime.datetime(2026, 3, 14, 9, 0, tzinfo=CHICAGO)


def article(date, status=""):
    return SimpleNamespace(date=date, metadata={"status": status} if status else {})


@pytest.mark.parametrize("status,days,wanted", [
    ("", -1, "published"), ("", 0, "published"), ("", 1, "draft"),
    ("published", -1, "published"), ("published", 1, "draft"),
    ("draft", -1, "draft"), (" Draft ", -1, "draft"), ("draft", 1, "draft"),
    ("hidden", -1, "hidden"), ("hidden", 1, "draft"),
])
def test_the_status_an_article_gets_from_the_build_clock(status, days, wanted):
    when = MOMENT + datetime.timedelta(days=days)
    assert publication._wanted_status(article(when, status), MOMENT) == wanted


def test_a_date_without_a_timezone_is_compared_as_written():
    due = article(datetime.datetime(2026, 3, 14, 9, 0))
    later = article(datetime.datetime(2026, 3, 14, 9, 1))
    assert publication._wanted_status(due, MOMENT) == "published"
    assert publication._wanted_status(later, MOMENT) == "draft"


def test_an_article_without_a_date_is_never_due():
    assert publication._wanted_status(article(None), MOMENT) == "draft"
    undated = datetime.datetime.max.replace(tzinfo=CHICAGO)
    assert publication._wanted_status(article(undated), MOMENT) == "draft"
