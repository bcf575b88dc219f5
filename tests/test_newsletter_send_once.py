"""One send per issue whatever changes: renames, edits, a lost or broken ledger, late
answers, and two runs on one checkout as two processes."""

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from newsletter_helpers import (
    campaigns_by_issue,
    creates,
    editor_tests,
    issue,
    issues_site,
    lines,
    mailchimp,
    private_content,
    schedules,
    send,
    settings_for,
    statuses,
)
from sitebuild import ROOT
from synergy.errors import LedgerError
from synergy_newsletter import outbox
from synergy_newsletter.sending import TRACKING_OFF

TODAY = date.today()
ISSUES = {"newsletter/one.md": issue("Issue one", TODAY - timedelta(days=1), "one",
                                     body="The first issue.\n")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return issues_site(tmp_path_factory.mktemp("newsletter-once"), ISSUES)


@pytest.fixture
def project(built, tmp_path):
    return private_content(built, tmp_path)


@pytest.fixture
def settings(project, fake_mailchimp):
    return settings_for(project, fake_mailchimp)


@pytest.fixture
def output(built, tmp_path):
    """A copy of the built site, so a test can stand in for a rebuild after a rename."""
    copy = tmp_path / "output"
    shutil.copytree(built.output, copy)
    return SimpleNamespace(output=copy)


def source(project):
    return project / "newsletter" / "one.md"


def rename(project, output, *, slug="renamed-issue", name="renamed.md"):
    """Move the issue to a new file and slug, as the editor would, and 'rebuild' its email."""
    old = source(project)
    new = old.with_name(name)
    new.write_text(old.read_text().replace("Slug: one", f"Slug: {slug}"))
    old.unlink()
    shutil.copytree(output.output / "email-preview" / "one", output.output / "email-preview" / slug)
    return new


def ledger(settings):
    return outbox.ledger_for(settings)


def write_ledger(settings, text):
    path = ledger(settings).path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def assert_sent_once(fake):
    assert campaigns_by_issue(fake) == Counter({"one": 1})
    assert len(creates(fake)) == 1 and len(schedules(fake)) == 1
    assert editor_tests(fake) == Counter({"one": 1})


# --- the identity survives what an editor does to the file ------------------------------

def test_the_first_send_writes_the_issue_id_into_the_file(settings, output, project):
    send(settings, output)
    lines_ = source(project).read_text().splitlines()
    assert lines_[lines_.index("Email: yes") + 2] == "Issue_id: one"  # after Summary, in the header
    assert lines_[lines_.index("Issue_id: one") + 1] == ""


def test_renaming_a_sent_issue_file_and_slug_makes_no_new_campaign(
        settings, output, project, fake_mailchimp):
    send(settings, output)
    rename(project, output)
    outcomes, problems = send(settings, output)
    assert problems == []
    assert_sent_once(fake_mailchimp)
    said = lines(outcomes)["renamed-issue"]
    assert said.startswith("renamed-issue: went out already: campaign ")
    assert "\n" not in said


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("Title: Issue one", "Title: Issue one, retitled"),
    lambda text: text.replace(f"Date: {TODAY - timedelta(days=1)}", f"Date: {TODAY}"),
    lambda text: text + "\nA correction.\n",
], ids=["title", "date", "text"])
def test_editing_a_sent_issue_makes_no_new_campaign(
        settings, output, project, fake_mailchimp, edit):
    send(settings, output)
    source(project).write_text(edit(source(project).read_text()))
    outcomes, _ = send(settings, output)
    assert_sent_once(fake_mailchimp)
    assert lines(outcomes)["one"].startswith("one: went out already: campaign ")


def test_a_renamed_issue_whose_ledger_entry_was_deleted_is_found_by_its_marker(
        settings, output, project, fake_mailchimp):
    send(settings, output)
    rename(project, output)
    write_ledger(settings, '{"issues": {}}')
    outcomes, _ = send(settings, output)
    assert_sent_once(fake_mailchimp)
    assert "went out already" in lines(outcomes)["renamed-issue"]
    assert ledger(settings).get("one")["state"] == "scheduled"  # written again


def test_a_deleted_issue_id_line_is_found_by_the_slug_and_written_again(
        settings, output, project, fake_mailchimp):
    send(settings, output)
    path = source(project)
    path.write_text(path.read_text().replace("Issue_id: one\n", ""))
    send(settings, output)
    assert_sent_once(fake_mailchimp)
    assert "Issue_id: one" in path.read_text()


def test_a_sent_issue_copied_to_start_a_new_one_is_stopped_with_what_to_do(
        settings, output, project, fake_mailchimp):
    send(settings, output)
    copy = project / "newsletter" / "two.md"
    copy.write_text(source(project).read_text().replace("Slug: one", "Slug: two"))
    shutil.copytree(output.output / "email-preview" / "one", output.output / "email-preview" / "two")
    outcomes, problems = send(settings, output)
    assert "content/newsletter/two.md: issue_id: 'one' is also in content/newsletter/one.md -- " \
           "delete the Issue_id line from the new issue (copied from a sent one); each issue gets " \
           "its own at its first send" in problems
    assert_sent_once(fake_mailchimp)


def test_a_new_issue_given_the_old_slug_of_a_renamed_one_must_choose_another(
        settings, output, project, fake_mailchimp):
    send(settings, output)
    rename(project, output)
    fresh = project / "newsletter" / "fresh.md"
    fresh.write_text(issue("Fresh", TODAY, "one", body="New.\n"))
    outcomes, problems = send(settings, output)
    assert problems == ["content/newsletter/fresh.md: slug: 'one' is the Issue_id of "
                        "content/newsletter/renamed.md, an issue already sent -- give this issue "
                        "another slug"]
    assert_sent_once(fake_mailchimp)
    assert "went out already" in lines(outcomes)["renamed-issue"]


# --- the ledger, whatever git did to it ---------------------------------------------------

@pytest.mark.parametrize("text, said", [
    ('{"issues": {"one": ', "data/newsletter-ledger.json: not valid JSON"),
    ('{"issues": {\n<<<<<<< HEAD\n  "one": {"state": "sent"}\n=======\n  "two": {}\n>>>>>>> x\n}}',
     "data/newsletter-ledger.json: has git conflict markers -- keep every entry from both sides"),
    ('["one"]', "data/newsletter-ledger.json: not a ledger"),
], ids=["truncated", "conflict-markers", "not-a-ledger"])
def test_a_broken_ledger_stops_the_run_before_anything_is_sent(
        settings, output, fake_mailchimp, text, said):
    write_ledger(settings, text)
    with pytest.raises(LedgerError) as raised:
        send(settings, output)
    line = raised.value.line()
    assert line.startswith(said) and "\n" not in line and " -- " in line
    assert fake_mailchimp.write_calls() == []


def test_a_ledger_merged_by_git_with_one_issue_twice_keeps_it_sent(
        settings, output, fake_mailchimp):
    send(settings, output)
    entry = ledger(settings).get("one")
    stale = dict(entry, state="draft", campaign_id="0000000000")
    # What a line-wise merge of two runs' ledgers can produce: the key twice.
    write_ledger(settings, f'{{"issues": {{"one": {json.dumps(entry)}, "one": {json.dumps(stale)}}}}}')
    with fake_mailchimp.store.lock:
        fake_mailchimp.store.campaigns.clear()  # and Mailchimp shows nothing either
    outcomes, _ = send(settings, output)
    assert fake_mailchimp.store.campaigns == {}
    assert len(creates(fake_mailchimp)) == 1
    assert "not sending again" in lines(outcomes)["one"]


# --- bookkeeping that converges -----------------------------------------------------------

def test_the_ledger_records_sent_once_mailchimp_has_sent_it(settings, output, fake_mailchimp):
    send(settings, output)
    assert ledger(settings).get("one")["state"] == "scheduled"
    fake_mailchimp.advance(2 * 3600)  # the scheduled time passes; Mailchimp sends it
    send(settings, output)
    entry = ledger(settings).get("one")
    assert entry["state"] == "sent"
    assert entry["send_time"] == fake_mailchimp.store.sent[0][1]
    assert_sent_once(fake_mailchimp)


def test_a_create_that_lands_after_the_run_leaves_no_stray_draft_after_the_next(
        settings, output, fake_mailchimp):
    fake_mailchimp.inject("POST", "/campaigns", "drop", times=1)
    send(settings, output)
    (record,) = [cid for cid, c in fake_mailchimp.store.campaigns.items() if c["status"] == "schedule"]
    # Mailchimp carries out the lost create only now: a draft with the issue's marker.
    with mailchimp() as mc:
        late = mc.post("/campaigns", {"type": "regular", "tracking": TRACKING_OFF,
                                      "recipients": {"list_id": fake_mailchimp.audience_id},
                                      "settings": {"title": "Issue one [newsletter:one]"}},
                       creates=True)["id"]
    outcomes, _ = send(settings, output)
    assert late not in fake_mailchimp.store.campaigns
    assert list(fake_mailchimp.store.campaigns) == [record]
    assert statuses(fake_mailchimp) == {"one": "schedule"}
    assert f"delete stray draft {late}" in lines(outcomes)["one"]
    assert len(schedules(fake_mailchimp)) == 1


def test_a_scheduled_or_sent_campaign_is_never_deleted_as_a_stray(settings, output, fake_mailchimp):
    send(settings, output)
    fake_mailchimp.advance(2 * 3600)
    send(settings, output)
    send(settings, output)
    assert not [c for c in fake_mailchimp.calls if c.method == "DELETE"]
    assert statuses(fake_mailchimp) == {"one": "sent"}


# --- two runs on one checkout, as two processes ---------------------------------------------

@pytest.fixture
def checkout(tmp_path, built):
    """A git checkout of this project with the one approved issue, as the deploy job has."""
    root = tmp_path / "checkout"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    for rel in files:
        if (ROOT / rel).is_file() and not rel.startswith("content/newsletter/"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, root / rel)
    (root / "content" / "newsletter").mkdir(parents=True, exist_ok=True)
    (root / "content" / "newsletter" / "one.md").write_text(ISSUES["newsletter/one.md"])
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start"]):
        subprocess.run(["git", *command], cwd=root, check=True)
    return root


def newsletter_send(checkout, fake, output):
    env = dict(os.environ, MAILCHIMP_API_KEY=fake.api_key, MAILCHIMP_API_URL=fake.url,
               MAILCHIMP_AUDIENCE_ID=fake.audience_id, MAILCHIMP_TEST_EMAILS="editor@example.org",
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", "newsletter", "--send", "--output", str(output)],
        cwd=checkout, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_runs_on_one_checkout_as_two_processes_send_once_and_both_finish_cleanly(
        checkout, built, fake_mailchimp):
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "reader@example.org")
    # Slow answers keep the first run busy while the second starts.
    fake_mailchimp.slow_seconds = 1.0
    fake_mailchimp.inject("GET", "/campaigns", "slow", times=3)
    runs = [newsletter_send(checkout, fake_mailchimp, built.output) for _ in range(2)]
    said = [run.communicate(timeout=240) for run in runs]
    everything = "\n".join(out + err for out, err in said)
    assert [run.returncode for run in runs] == [0, 0], everything
    assert "Traceback" not in everything
    assert everything.count("waiting for it to finish") == 1, everything
    assert campaigns_by_issue(fake_mailchimp) == Counter({"one": 1})
    assert len(creates(fake_mailchimp)) == 1 and len(schedules(fake_mailchimp)) == 1
    assert editor_tests(fake_mailchimp) == Counter({"one": 1})
    log = subprocess.run(["git", "log", "--format=%s", "--name-only"], cwd=checkout,
                         capture_output=True, text=True).stdout
    assert log.count("Record the newsletter campaigns just created") == 1
    assert "data/newsletter-ledger.json" in log and "content/newsletter/one.md" in log
    status = subprocess.run(["git", "status", "--porcelain"], cwd=checkout,
                            capture_output=True, text=True).stdout
    assert status == ""


def test_a_broken_ledger_is_one_line_from_the_command(checkout, built, fake_mailchimp):
    (checkout / "data" / "newsletter-ledger.json").write_text('{"issues": ')
    run = newsletter_send(checkout, fake_mailchimp, built.output)
    out, err = run.communicate(timeout=240)
    assert run.returncode == 1
    assert err.strip().splitlines() == [
        "data/newsletter-ledger.json: not valid JSON (Expecting value: line 1 column 12 (char 11)) "
        "-- restore it from git (git checkout -- data/newsletter-ledger.json) and run again; "
        "nothing was sent"]
    assert fake_mailchimp.write_calls() == []
