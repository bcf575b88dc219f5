"""Offline signups reach the Mailchimp audience: no duplicates, nobody lost, writes in bulk."""

import csv
import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from sitebuild import ROOT
from synergy.errors import SignupFileError
from synergy.mailchimp import connect
from synergy.signups import safe_csv
from synergy.signups.accounting import Places, account, check
from synergy.signups.signup_file import Signup, SignupFile
from synergy.signups.sync import rejected_path, retry_path, run

# The read timeout leaves room for a 500-member batch on a busy machine; a hang lasts 5 s.
FAST = {"timeout": (1.0, 2.0), "retries": 3, "backoff": 0.01, "max_backoff": 0.05}
HEADER = "email,first_name,last_name,tags,consented_at\n"
ZONE = ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=ZONE)


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
                     root=ROOT, private=tmp_path / "private", out=lines.append, now=NOW, zone=ZONE)
        return status, [line.replace(str(tmp_path) + "/", "") for line in lines]
    call.retry = lambda path: retry_path(path, tmp_path / "private")
    call.rejected = lambda path: rejected_path(path, tmp_path / "private")
    call.private = tmp_path / "private"
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
    with path.open(encoding="utf-8", newline="") as handle:
        return {safe_csv.restore(row["email"]).lower(): row for row in csv.DictReader(handle)}


ACCOUNTING = re.compile(r"^Accounting: (\d+) data lines = (.*): every line accounted for$")


def accounting(lines):
    """{term: count} of the run's accounting line, after checking that it adds up."""
    match = ACCOUNTING.match(lines[-1]) or next(
        (ACCOUNTING.match(line) for line in lines if ACCOUNTING.match(line)), None)
    assert match, "no accounting line that adds up:\n" + "\n".join(lines)
    terms = {}
    for term in match[2].split(" + "):
        count, name = term.split(" ", 1)
        terms[name] = int(count)
    assert sum(terms.values()) == int(match[1])
    return {"data lines": int(match[1]), **terms}


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
                     "spaced out@example.com,,,,\nbob@example,,,,\n")
    status, lines = signups(path)
    assert status == 1
    assert counts(lines)["rejected"] == 3
    assert [line.strip() for line in lines if ": line " in line] == [
        "signups.csv: line 3: 'not-an-address' is not a valid email address -- correct it or delete the row",
        "signups.csv: line 4: 'spaced out@example.com' is not a valid email address -- correct it or delete the row",
        "signups.csv: line 5: 'bob@example' is not a valid email address -- correct it or delete the row"]


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
    assert "Dry run: nothing was written" in lines[-2]
    assert accounting(lines)["data lines"] == 5
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


def test_people_mailchimp_refuses_for_good_are_rejected_recorded_and_never_sent_again(
        signups, fake_mailchimp, tmp_path):
    fake_mailchimp.set_address_state("person1@example.com", "forgotten")
    fake_mailchimp.set_address_state("person2@example.com", "compliance")
    fake_mailchimp.set_address_state("person3@example.com", "invalid_address")
    path = write_csv(tmp_path, generated(10))
    status, lines = signups(path, apply=True)
    assert status == 1
    come_back = "-- they can come back only by signing up through the form on the website"
    assert [line.strip() for line in lines if "Mailchimp refuses" in line] == [
        "signups.csv: line 3: Mailchimp refuses person1@example.com: person1@example.com was permanently "
        f"deleted and cannot be re-imported. The contact must re-subscribe to get back on the list. {come_back}",
        "signups.csv: line 4: Mailchimp refuses person2@example.com: person2@example.com is in a compliance "
        "state due to unsubscribe, bounce, or compliance review and cannot be subscribed. " + come_back,
        "signups.csv: line 5: Mailchimp refuses person3@example.com: person3@example.com looks fake or "
        f"invalid, please enter a real email address. {come_back}"]
    assert accounting(lines) == {"data lines": 10, "new": 7, "updated": 0, "unchanged": 0, "rejected": 3,
                                 "to retry": 0, "repeated": 0}
    assert not signups.retry(path).exists()
    assert set(retry_rows(signups.rejected(path))) == {f"person{n}@example.com" for n in (1, 2, 3)}
    record = (signups.private / "signups-refused.json").read_text(encoding="utf-8")
    assert "@" not in record and "permanently deleted" in record
    assert len(fake_mailchimp.members()) == 7

    writes = len(fake_mailchimp.write_calls())
    status, lines = signups(path, apply=True)
    assert len(fake_mailchimp.write_calls()) == writes  # the three are not posted again
    assert counts(lines) == {"new": 0, "updated": 0, "unchanged": 7, "rejected": 3}
    assert "  rejected:  3 (3 refused by Mailchimp earlier)" in lines
    assert any(line.strip().startswith("signups.csv: line 3: Mailchimp refuses person1@example.com: the "
                                       "address was permanently deleted") for line in lines)
    assert accounting(lines)["rejected"] == 3 and status == 1


def test_someone_refused_earlier_who_signed_up_through_the_form_is_updated_again(
        signups, fake_mailchimp, tmp_path):
    fake_mailchimp.set_address_state("ana@example.com", "forgotten")
    path = write_csv(tmp_path, HEADER + "ana@example.com,Ana,,Desk,\n")
    signups(path, apply=True)
    fake_mailchimp.store.address_states.clear()
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "ana@example.com", status="subscribed")
    status, lines = signups(path, apply=True)
    assert status == 0, lines
    assert fake_mailchimp.members()["ana@example.com"]["merge_fields"]["FNAME"] == "Ana"
    record = json.loads((signups.private / "signups-refused.json").read_text(encoding="utf-8"))
    assert record == {fake_mailchimp.audience_id: {}}


# --- consent, confirmation emails and names in Mailchimp --------------------------------------

def test_consent_is_sent_as_timestamp_opt_and_rows_without_it_are_asked_to_confirm_once(
        signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, HEADER + "ana@example.com,Ana,Lima,,2026-01-05\n"
                     "ben@example.com,Ben,Ode,,2026-02-10T15:30:00Z\n"
                     "cy@example.com,Cy,,,\n")
    status, _ = signups(path, apply=True)
    assert status == 0
    members = fake_mailchimp.members()
    assert [(m["status"], m["timestamp_opt"], m["merge_fields"]["FNAME"], m["merge_fields"]["LNAME"])
            for m in (members[e] for e in ("ana@example.com", "ben@example.com", "cy@example.com"))] == [
        ("subscribed", "2026-01-05T06:00:00+00:00", "Ana", "Lima"),   # midnight in Chicago
        ("subscribed", "2026-02-10T15:30:00+00:00", "Ben", "Ode"),
        ("pending", "", "Cy", ""),
    ]
    assert fake_mailchimp.store.confirmations == ["cy@example.com"]


def test_rows_with_a_future_or_ancient_consent_are_rejected_and_never_reach_mailchimp(
        signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, HEADER + "ana@example.com,Ana,,,2026-02-28\n"
                     "fut@example.com,Fut,,,2099-01-01\nold@example.com,Old,,,0001-01-01\n"
                     "cy@example.com,Cy,,,\n")
    status, lines = signups(path, apply=True)
    assert status == 1
    fix = "or leave it empty so that Mailchimp asks the person to confirm by email"
    assert [line.strip() for line in lines if ": line " in line] == [
        f"signups.csv: line 3: consented_at '2099-01-01' is in the future -- write the day the person agreed, {fix}",
        "signups.csv: line 4: consented_at '0001-01-01' is before 2000 -- write the day the person agreed "
        f"(a spreadsheet may have put this date in an empty cell), {fix}"]
    members = fake_mailchimp.members()
    assert {e: (m["status"], m["timestamp_opt"]) for e, m in members.items()} == {
        "ana@example.com": ("subscribed", "2026-02-28T06:00:00+00:00"), "cy@example.com": ("pending", "")}
    assert accounting(lines) == {"data lines": 4, "new": 2, "updated": 0, "unchanged": 0, "rejected": 2,
                                 "to retry": 0, "repeated": 0}
    assert [row[0] for row in cells(signups.rejected(path))[1:]] == ["fut@example.com", "old@example.com"]


def test_reruns_never_post_a_pending_member_again_and_a_new_name_is_patched_without_an_email(
        signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, HEADER + "cy@example.com,Cy,,Desk,\n")
    signups(path, apply=True)
    signups(path, apply=True)
    path.write_text(HEADER + "cy@example.com,Cyrus,,Desk,\n", encoding="utf-8")
    status, lines = signups(path, apply=True)
    assert status == 0 and counts(lines)["updated"] == 1
    assert fake_mailchimp.store.confirmations == ["cy@example.com"]
    member = fake_mailchimp.members()["cy@example.com"]
    assert (member["status"], member["merge_fields"]["FNAME"]) == ("pending", "Cyrus")
    batch_posts = [c for c in fake_mailchimp.write_calls() if c.path == f"/lists/{fake_mailchimp.audience_id}"]
    assert len(batch_posts) == 1


def test_a_pending_member_whose_consent_arrives_later_becomes_subscribed_with_that_time(
        signups, fake_mailchimp, tmp_path):
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "cy@example.com", status="pending")
    path = write_csv(tmp_path, HEADER + "cy@example.com,,,,2026-02-01 09:15\n")
    signups(path, apply=True)
    member = fake_mailchimp.members()["cy@example.com"]
    assert (member["status"], member["timestamp_opt"]) == ("subscribed", "2026-02-01T15:15:00+00:00")
    assert fake_mailchimp.store.confirmations == []


@pytest.mark.parametrize("fault", ["drop_after", "drop", 500])
def test_a_lost_answer_to_a_batch_of_pending_people_never_emails_anyone_twice(
        signups, fake_mailchimp, tmp_path, fault):
    path = write_csv(tmp_path, generated(700))
    fake_mailchimp.inject("POST", "/lists/{list_id}", fault, 1)
    status, lines = signups(path, apply=True)
    assert status == 0, lines
    emails = [f"person{n}@example.com" for n in range(700)]
    assert sorted(fake_mailchimp.store.confirmations) == sorted(emails)
    assert {m["status"] for m in fake_mailchimp.members().values()} == {"pending"}
    assert fake_mailchimp.tag_members("Workshop") == set(emails)


def test_tags_match_the_audience_whatever_their_case(signups, fake_mailchimp, tmp_path):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "ana@example.com", merge_fields={"FNAME": "Ana"},
                                    tags=["Workshop"])
    segments_before = len(fake_mailchimp.store.segments[list_id])
    path = write_csv(tmp_path, HEADER + "ana@example.com,Ana,,WorkShop,\nben@example.com,,,WORKSHOP,\n")
    status, lines = signups(path, apply=True)
    assert status == 0, lines
    assert counts(lines) == {"new": 1, "updated": 0, "unchanged": 1, "rejected": 0}
    assert len(fake_mailchimp.store.segments[list_id]) == segments_before
    assert fake_mailchimp.tag_members("Workshop") == {"ana@example.com", "ben@example.com"}


# --- the files written back -------------------------------------------------------------------

FORMULAS = (HEADER + '=cmd@example.com,Ana,,=SUM(A1);@admin,\n'
            '-2+3@example.com,Ben,,+tag,\n'
            'cy@example.com,"=HYPERLINK(""http://evil.example"",""x"")",,,\n')


def cells(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_retry_and_rejects_files_neutralise_formulas_and_say_so_in_their_header(
        signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, FORMULAS)
    fake_mailchimp.inject("POST", "/lists/{list_id}", 503, 99)
    signups(path, apply=True)
    retry, rejected = cells(signups.retry(path)), cells(signups.rejected(path))
    assert retry[0][-1] == rejected[0][-1] == safe_csv.NOTE
    assert [row[:4] for row in retry[1:]] == [["'=cmd@example.com", "Ana", "", "'=SUM(A1);@admin"],
                                              ["'-2+3@example.com", "Ben", "", "'+tag"]]
    assert rejected[1][:2] == ["cy@example.com", "'=HYPERLINK(\"http://evil.example\",\"x\")"]
    for row in retry[1:] + rejected[1:]:
        assert not any(cell.startswith(safe_csv.TRIGGERS) for cell in row)


def test_a_neutralised_retry_file_sends_the_original_values(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, FORMULAS)
    fake_mailchimp.inject("POST", "/lists/{list_id}", 503, 99)
    signups(path, apply=True)
    fake_mailchimp._faults.clear()
    status, lines = signups(signups.retry(path), apply=True)
    assert status == 0, lines
    assert set(fake_mailchimp.members()) == {"=cmd@example.com", "-2+3@example.com"}
    assert fake_mailchimp.tag_members("=SUM(A1)") == {"=cmd@example.com"}
    assert fake_mailchimp.tag_members("+tag") == {"-2+3@example.com"}


# --- the accounting ------------------------------------------------------------------------------

def test_the_accounting_line_adds_up_in_a_dry_run_and_after_applying(signups, fake_mailchimp, tmp_path):
    list_id = fake_mailchimp.audience_id
    fake_mailchimp.store.add_member(list_id, "same@example.com", merge_fields={"FNAME": "Sam"})
    fake_mailchimp.store.add_member(list_id, "moved@example.com", merge_fields={"FNAME": "Old"})
    fake_mailchimp.store.add_member(list_id, "left@example.com", status="unsubscribed")
    fake_mailchimp.set_address_state("gone@example.com", "forgotten")
    path = write_csv(tmp_path, HEADER + "same@example.com,Sam,,,\nmoved@example.com,New,,,\n"
                     "fresh@example.com,,,,\nleft@example.com,,,,\nnope,,,,\nFRESH@example.com,,,,\n"
                     "\ngone@example.com,,,,\nlate@example.com,,,,2099-01-01\n")
    _, dry = signups(path)
    assert accounting(dry) == {"data lines": 8, "new": 2, "updated": 1, "unchanged": 2, "rejected": 2,
                               "to retry": 0, "repeated": 1}
    _, applied = signups(path, apply=True)
    assert accounting(applied) == {"data lines": 8, "new": 1, "updated": 1, "unchanged": 2, "rejected": 3,
                                   "to retry": 0, "repeated": 1}
    assert applied[-1].startswith("Accounting: ")


def test_people_left_to_retry_are_in_the_accounting(signups, fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, generated(600))
    fake_mailchimp.inject("POST", "/lists/{list_id}", 503, 99, skip=1)
    _, lines = signups(path, apply=True)
    assert accounting(lines) == {"data lines": 600, "new": 500, "updated": 0, "unchanged": 0,
                                 "rejected": 0, "to retry": 100, "repeated": 0}


def person(n):
    return Signup(n + 2, f"p{n}@example.com")


def test_the_accounting_check_stops_the_run_when_someone_is_unplaced_or_placed_twice(tmp_path):
    source = SignupFile(tmp_path / "x.csv", [person(n) for n in range(3)], [], 0, 3, 0, [])
    places = Places()
    places.put("p0@example.com", "new")
    places.put("p1@example.com", "unchanged")
    places.put("p2@example.com", "new")
    assert account(source, places).adds_up()
    places.put("p2@example.com", "unchanged")
    broken = account(source, places)
    assert not broken.adds_up()
    with pytest.raises(SignupFileError) as error:
        check(broken, source.path, "nothing was written")
    assert error.value.line() == (
        f"{source.path}: Accounting: 3 data lines = 1 new + 0 updated + 1 unchanged + 0 rejected + "
        "0 to retry + 0 repeated: these make 2, not 3, and 1 people have no single place -- nothing was "
        "written; this is a fault in `invoke signups`, not in the file: keep the file and report this line")


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


def test_invoke_signups_refuses_a_broken_file_in_one_line_before_asking_mailchimp(fake_mailchimp, tmp_path):
    path = write_csv(tmp_path, HEADER + 'pat@example.com,"Pat,Lee,toolkit,\n' + generated(20)[len(HEADER):])
    done = subprocess.run([sys.executable, "-m", "invoke", "signups", str(path), "--apply"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"{path}: line 2: a quote opens a value here and is never closed, so every line after it would "
        "be read as that one value -- close the quote, or remove it: a value needs quotes only when it "
        'holds a comma, and a quote inside a quoted value is written twice ("")']
    assert fake_mailchimp.calls == []


def test_invoke_signups_without_a_key_says_which_variable_to_set(tmp_path, monkeypatch):
    monkeypatch.delenv("MAILCHIMP_API_KEY", raising=False)
    path = write_csv(tmp_path, generated(1))
    done = subprocess.run([sys.executable, "-m", "invoke", "signups", str(path)], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "settings: MAILCHIMP_API_KEY: not set -- export the Mailchimp API key as MAILCHIMP_API_KEY"]
