"""Offline signups reach the Mailchimp audience: no duplicates, nobody lost, writes in bulk."""

import csv
import logging
import os
import subprocess
import sys

import pytest

from sitebuild import ROOT
from synergy.errors import SignupFileError
from synergy.mailchimp import connect
from synergy.signups.sync import retry_path, run

# The read timeout leaves room for a 500-member batch on a busy machine; a hang lasts 5 s.
FAST = {"timeout": (1.0, 2.0), "retries": 3, "backoff": 0.01, "max_backoff": 0.05}
HEADER = "email,first_name,last_name,tags,consented_at\n"


@pytest.fixture
def mc(fake_mailchimp):
    with connect(**FAST) as connection:
        yield connection


@pytest.fixture
def signups(mc, fake_mailchimp, tmp_path):
    """signups(csv_path, apply=False) -> (exit status, printed lines)."""
    def call(path, apply=False):
        lines = []
        status = run(path, apply_changes=apply, mc=mc, list_id=fake_mailchimp.audience_id,
                     root=ROOT, private=tmp_path / "private", out=lines.append)
        return status, lines
    call.retry = lambda path: retry_path(path, tmp_path / "private")
    return call


def write_csv(tmp_path, text, name="signups.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def generated(count, tag="Workshop", consented=""):
    return HEADER + "".join(f"person{n}@example.com,P{n},,{tag},{consented}\n" for n in range(count))


def counts(lines):
    return {line.split(":")[0].strip(): int(line.split(":")[1].split()[0])
            for line in lines if line.strip().split(":")[0] in ("new", "updated", "unchanged", "rejected")}


def retry_rows(path):
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["email"].lower(): row for row in csv.DictReader(handle)}


def assert_nobody_lost(fake, emails, retry_file, tag="Workshop"):
    """Every valid row is either done (in the audience, with its tag) or in the retry file."""
    done = set(fake.members()) & fake.tag_members(tag)
    waiting = set(retry_rows(retry_file))
    assert not {e.lower() for e in emails} - done - waiting


# --- reading the file -----------------------------------------------------------------

def test_header_names_match_whatever_their_case_spaces_or_byte_order_mark(signups, fake_mailchimp, tmp_path):
    path = tmp_path / "desk.csv"
    path.write_bytes("\ufeff Email , First Name,LAST_NAME, Tags ,Consented At\n"
                     "ana@example.com,Ana,Lima,Desk,2026-01-05\n".encode("utf-8"))
    status, lines = signups(path, apply=True)
    assert status == 0, lines
    member = fake_mailchimp.members()["ana@example.com"]
    assert member["merge_fields"]["FNAME"] == "Ana" and member["merge_fields"]["LNAME"] == "Lima"
    assert member["status"] == "subscribed"
    assert fake_mailchimp.tag_members("Desk") == {"ana@example.com"}


def test_the_same_address_in_any_case_is_one_person(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, HEADER + "ana@example.com,Ana,,Desk,\nANA@Example.com,,,Workshop,\n")
    status, lines = signups(path, apply=True)
    assert counts(lines)["new"] == 1
    assert list(fake_mailchimp.members()) == ["ana@example.com"]
    assert fake_mailchimp.tag_members("Desk") == fake_mailchimp.tag_members("Workshop") == {"ana@example.com"}


def test_invalid_addresses_are_rejected_with_their_line_numbers(signups, tmp_path):
    path = write_csv(tmp_path, HEADER + "ok@example.com,,,,\nnot-an-address,,,,\n"
                     '"spans\nlines@example.com",,,,\nbob@example,,,,\n')
    status, lines = signups(path)
    assert status == 1
    assert counts(lines)["rejected"] == 3
    rejected = [line for line in lines if ": line " in line]
    assert ["line 3:" in rejected[0], "line 5:" in rejected[1], "line 6:" in rejected[2]] == [True] * 3
    assert "not-an-address" in rejected[0]


def test_a_consent_date_that_is_not_iso_is_rejected(signups, tmp_path):
    path = write_csv(tmp_path, HEADER + "ana@example.com,,,,05/01/2026\n")
    status, lines = signups(path)
    assert any("line 2: consented_at '05/01/2026' is not an ISO date" in line for line in lines)


def test_a_file_without_an_email_column_is_refused_in_one_line(signups, tmp_path):
    path = write_csv(tmp_path, "name,tags\nAna,Desk\n")
    with pytest.raises(SignupFileError, match=r"signups\.csv: line 1 has no 'email' column"):
        signups(path)


@pytest.mark.parametrize("folder", ["content", "output"])
def test_files_under_content_or_output_are_never_read(signups, folder):
    with pytest.raises(SignupFileError, match=f"never read from {folder}/"):
        signups(ROOT / folder / "private-list.csv")


# --- dry run ---------------------------------------------------------------------------

def test_a_dry_run_counts_new_updated_unchanged_and_rejected_and_writes_nothing(signups, fake_mailchimp, tmp_path):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "same@example.com", merge_fields={"FNAME": "Sam"})
    fake_mailchimp.store.add_member(list_id, "moved@example.com", merge_fields={"FNAME": "Old"})
    fake_mailchimp.store.add_member(list_id, "left@example.com", status="unsubscribed")
    path = write_csv(tmp_path, HEADER + "same@example.com,Sam,,,\nmoved@example.com,New,,,\n"
                     "fresh@example.com,,,,\nleft@example.com,,,,\nnope,,,,\n")
    status, lines = signups(path)
    assert counts(lines) == {"new": 1, "updated": 1, "unchanged": 2, "rejected": 1}
    assert "Dry run: nothing was written" in lines[-1]
    assert fake_mailchimp.write_calls() == []


def test_a_short_file_against_a_large_audience_looks_people_up_one_by_one(signups, fake_mailchimp, tmp_path):
    list_id = fake_mailchimp.audience_id
    for n in range(2500):
        fake_mailchimp.store.add_member(list_id, f"member{n}@example.com", merge_fields={"FNAME": "M"})
    path = write_csv(tmp_path, HEADER + "member7@example.com,M,,,\nfresh@example.com,,,,\n")
    status, lines = signups(path)
    assert counts(lines) == {"new": 1, "updated": 0, "unchanged": 1, "rejected": 0}
    member_reads = [c for c in fake_mailchimp.calls if c.method == "GET" and "/members" in c.path]
    assert len(member_reads) == 3  # one page to learn the audience's size, then one look-up each


# --- applying ---------------------------------------------------------------------------

def test_apply_adds_new_people_pending_unless_they_consented(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, HEADER + "ana@example.com,Ana,,Desk;Workshop,2026-01-05\n"
                     "ben@example.com,Ben,,Desk,\n")
    status, lines = signups(path, apply=True)
    assert status == 0, lines
    members = fake_mailchimp.members()
    assert (members["ana@example.com"]["status"], members["ben@example.com"]["status"]) == ("subscribed", "pending")
    assert fake_mailchimp.tag_members("Desk") == {"ana@example.com", "ben@example.com"}
    assert fake_mailchimp.tag_members("Workshop") == {"ana@example.com"}
    assert not signups.retry(path).exists()


def test_existing_members_keep_their_status_and_a_consent_confirms_a_pending_one(signups, fake_mailchimp, tmp_path):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "sub@example.com", status="subscribed")
    fake_mailchimp.store.add_member(list_id, "wait@example.com", status="pending")
    fake_mailchimp.store.add_member(list_id, "left@example.com", status="unsubscribed")
    path = write_csv(tmp_path, HEADER + "sub@example.com,Sue,,,\nwait@example.com,,,,2026-02-01\n"
                     "left@example.com,Lee,,Desk,2026-02-01\n")
    signups(path, apply=True)
    members = fake_mailchimp.members()
    assert [members[e]["status"] for e in ("sub@example.com", "wait@example.com", "left@example.com")] == [
        "subscribed", "subscribed", "unsubscribed"]
    assert members["left@example.com"]["merge_fields"]["FNAME"] == ""


def test_a_second_identical_run_makes_no_write_calls(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, generated(30) + "ana@example.com,Ana,,Desk;Workshop,2026-01-05\n")
    signups(path, apply=True)
    before = len(fake_mailchimp.write_calls())
    status, lines = signups(path, apply=True)
    assert status == 0
    assert len(fake_mailchimp.write_calls()) == before
    assert counts(lines) == {"new": 0, "updated": 0, "unchanged": 31, "rejected": 0}


def test_1200_new_rows_with_one_tag_take_at_most_six_write_calls(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, generated(1200))
    status, _ = signups(path, apply=True)
    assert status == 0
    assert len(fake_mailchimp.members()) == 1200
    assert len(fake_mailchimp.tag_members("Workshop")) == 1200
    assert len(fake_mailchimp.write_calls()) <= 6


# --- faults: nobody is lost, and running again finishes the job ------------------------------

FAULTS = [
    pytest.param("POST", "/lists/{list_id}", 429, 3, 0, id="429 three times then success"),
    pytest.param("POST", "/lists/{list_id}", 503, 1, 0, id="one 503"),
    pytest.param("POST", "/lists/{list_id}", 503, 99, 0, id="503 until the retries run out"),
    pytest.param("POST", "/lists/{list_id}", "hang", 99, 0, id="hang past the timeout"),
    pytest.param("POST", "/lists/{list_id}", "drop", 99, 0, id="dropped connection"),
    pytest.param("POST", "/lists/{list_id}", "drop_after", 99, 0, id="dropped after the write"),
    pytest.param("POST", "/lists/{list_id}", 503, 99, 1, id="network gone half way"),
    pytest.param("POST", "/lists/{list_id}/segments/{segment_id}", 503, 99, 0, id="tags fail"),
    pytest.param("POST", "/lists/{list_id}/segments", "drop_after", 1, 0, id="tag created, answer lost"),
]


@pytest.mark.parametrize("method, pattern, fault, times, skip", FAULTS)
def test_after_a_fault_every_row_is_in_the_audience_or_the_retry_file_and_a_rerun_finishes(
        signups, fake_mailchimp, tmp_path, method, pattern, fault, times, skip):
    path = write_csv(tmp_path, generated(1100))
    emails = [f"person{n}@example.com" for n in range(1100)]
    fake_mailchimp.inject(method, pattern, fault, times, skip=skip)
    signups(path, apply=True)
    assert_nobody_lost(fake_mailchimp, emails, signups.retry(path))
    for row in retry_rows(signups.retry(path)).values():
        assert row["reason"]

    fake_mailchimp._faults.clear()
    status, lines = signups(path, apply=True)
    assert status == 0, lines
    assert set(fake_mailchimp.members()) == set(emails)
    assert fake_mailchimp.tag_members("Workshop") == set(emails)
    assert not signups.retry(path).exists()


def test_the_retry_file_can_be_run_by_itself(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, generated(600))
    fake_mailchimp.inject("POST", "/lists/{list_id}", 503, 99, skip=1)
    signups(path, apply=True)
    retry = signups.retry(path)
    assert len(retry_rows(retry)) == 100
    fake_mailchimp._faults.clear()
    status, lines = signups(retry, apply=True)
    assert status == 0, lines
    assert len(fake_mailchimp.members()) == 600
    assert not retry.exists()


def test_people_mailchimp_refuses_inside_a_batch_go_to_the_retry_file_with_its_reason(
        signups, fake_mailchimp, tmp_path):
    fake_mailchimp.set_address_state("person1@example.com", "forgotten")
    fake_mailchimp.set_address_state("person2@example.com", "compliance")
    fake_mailchimp.set_address_state("person3@example.com", "invalid_address")
    path = write_csv(tmp_path, generated(10))
    status, lines = signups(path, apply=True)
    assert status == 1
    refused = retry_rows(signups.retry(path))
    assert set(refused) == {"person1@example.com", "person2@example.com", "person3@example.com"}
    assert "permanently deleted" in refused["person1@example.com"]["reason"]
    assert "compliance state" in refused["person2@example.com"]["reason"]
    assert "looks fake or invalid" in refused["person3@example.com"]["reason"]
    assert len(fake_mailchimp.members()) == 7

    writes = len(fake_mailchimp.write_calls())
    status, lines = signups(path, apply=True)
    assert counts(lines)["new"] == 3 and counts(lines)["unchanged"] == 7
    assert len(fake_mailchimp.write_calls()) == writes + 1  # only the refused three are tried again
    assert set(retry_rows(signups.retry(path))) == set(refused)


# --- secrecy and the command -------------------------------------------------------------

def test_the_key_never_appears_in_output_or_logs(signups, fake_mailchimp, tmp_path, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    fake_mailchimp.inject("POST", "/lists/{list_id}", 503, 99)
    path = write_csv(tmp_path, generated(5))
    status, lines = signups(path, apply=True)
    shown = "\n".join(lines) + caplog.text + "".join(capsys.readouterr())
    shown += signups.retry(path).read_text(encoding="utf-8")
    assert "503" in shown
    assert fake_mailchimp.api_key not in shown
    assert fake_mailchimp.api_key.split("-")[0] not in shown


def test_invoke_signups_is_a_dry_run_unless_told_to_apply(fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, generated(3))
    command = [str(ROOT / ".venv" / "bin" / "invoke"), "signups", str(path)]
    env = dict(os.environ)
    if not os.path.exists(command[0]):
        command = [sys.executable, "-m", "invoke", "signups", str(path)]
    dry = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "new:       3" in dry.stdout and fake_mailchimp.write_calls() == []
    applied = subprocess.run(command + ["--apply"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert len(fake_mailchimp.members()) == 3
    assert fake_mailchimp.api_key not in dry.stdout + dry.stderr + applied.stdout + applied.stderr


def test_invoke_signups_without_a_key_says_which_variable_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("MAILCHIMP_API_KEY", raising=False)
    path = write_csv(tmp_path, generated(1))
    done = subprocess.run([sys.executable, "-m", "invoke", "signups", str(path)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "settings: MAILCHIMP_API_KEY: not set -- export the Mailchimp API key as MAILCHIMP_API_KEY"]
