"""A signup file is read strictly: a broken file is refused in one line before anything is sent.

Each case is a file a spreadsheet or a hand edit really produces. The run is
made against the fake Mailchimp, so "nothing is written" is checked where it
matters: the fake saw no request at all.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sitebuild import ROOT
from synergy.errors import SignupFileError
from synergy.mailchimp import connect
from synergy.signups import signup_file
from synergy.signups.sync import run

HEADER = "email,first_name,last_name,tags,consented_at\n"
ZONE = ZoneInfo("America/Chicago")
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=ZONE)
QUOTE_FIX = ('close the quote, or remove it: a value needs quotes only when it holds a comma, '
             'and a quote inside a quoted value is written twice ("")')
SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8 (Comma delimited)'"


def rows(count, start=0):
    return "".join(f"person{n}@example.com,P{n},Last{n},Workshop,\n" for n in range(start, start + count))


@pytest.fixture
def refused(fake_mailchimp, tmp_path):
    """refused(name, data) -> the one line printed for a file that cannot be used.

    Asserts that the run stopped before any request reached Mailchimp and that no file
    was written to private/.
    """
    def call(name, data):
        path = tmp_path / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        printed = []
        with connect(timeout=(1, 2), retries=0) as mc, pytest.raises(SignupFileError) as error:
            run(path, apply_changes=True, mc=mc, list_id=fake_mailchimp.audience_id, root=ROOT,
                private=tmp_path / "private", out=printed.append, now=NOW, zone=ZONE)
        assert fake_mailchimp.calls == [], "a refused file must not reach Mailchimp"
        assert not (tmp_path / "private").exists()
        assert printed == []
        line = error.value.line()
        assert "\n" not in line
        return line.replace(str(tmp_path) + "/", "")
    return call


# --- refused files: the exact line ----------------------------------------------------------

def test_one_unbalanced_quote_refuses_the_file_instead_of_swallowing_the_rows_after_it(refused):
    text = (HEADER + 'pat@example.com,"Pat,Lee,toolkit,\n' + rows(500)
            + '"lee@example.com",Lee,,,\n' + rows(497, start=500))
    assert text.count("\n") == 1000
    assert refused("desk.csv", text) == (
        "desk.csv: line 2: a quote opens a value here and closes only on line 503, "
        f"so the lines between would be read as that one value -- {QUOTE_FIX}")


def test_a_quote_never_closed_refuses_the_file_naming_the_line_it_opens_on(refused):
    assert refused("desk.csv", HEADER + rows(3) + 'pat@example.com,"Pat,Lee,,\n' + rows(5, 3)) == (
        "desk.csv: line 5: a quote opens a value here and is never closed, "
        f"so every line after it would be read as that one value -- {QUOTE_FIX}")


def test_a_quoted_value_running_over_two_lines_is_refused_even_when_the_quote_closes(refused):
    assert refused("desk.csv", HEADER + 'pat@example.com,"Pat\nLee",,,\n' + rows(2)) == (
        "desk.csv: line 2: a quote opens a value here and closes only on line 3, "
        f"so the lines between would be read as that one value -- {QUOTE_FIX}")


def test_text_after_a_closing_quote_is_refused(refused):
    assert refused("desk.csv", HEADER + rows(1) + 'pat@example.com,"Pat" Lee,,,\n') == (
        "desk.csv: line 3: a quote ends a value but more text follows it before the next comma "
        '-- put quotes around the whole value, and write a quote inside it twice ("")')


def test_a_row_with_more_values_than_the_header_is_refused(refused):
    assert refused("desk.csv", HEADER + rows(2) + "lee@example.com,Lee, Jr.,Smith,Desk,\n") == (
        "desk.csv: line 4: has 6 values where the first line names 5 columns "
        '-- a value holding a comma needs quotes around it ("Lee, Jr."); '
        "otherwise add or remove commas so that the line has 5 values")


def test_a_row_with_fewer_values_than_the_header_is_refused(refused):
    assert refused("desk.csv", HEADER + rows(1) + "lee@example.com,Lee\n" + rows(1, 1)).startswith(
        "desk.csv: line 3: has 2 values where the first line names 5 columns -- ")


def test_a_nul_byte_refuses_the_file_with_its_line(refused):
    data = (HEADER + rows(3)).encode() + b"lee@example.com,L\x00ee,,,\n"
    assert refused("desk.csv", data) == (
        "desk.csv: line 5: holds a NUL byte, which no text file has "
        f"-- the file is damaged or not a CSV file: {SAVE_AS}")


def test_a_utf16_file_is_refused_as_such(refused):
    assert refused("desk.csv", (HEADER + rows(2)).encode("utf-16")) == (
        f"desk.csv: line 1: is saved as UTF-16 ('Unicode text') -- {SAVE_AS}")


def test_a_semicolon_separated_export_is_refused_naming_the_separator(refused):
    text = HEADER.replace(",", ";") + "ana@example.com;Ana;Lima;Desk;2026-01-05\n"
    assert refused("export.csv", text) == (
        "export.csv: line 1: the columns are separated by ';', not commas "
        f"-- {SAVE_AS}, or put a comma between the columns instead of ';'")


def test_a_tab_separated_export_is_refused_naming_the_separator(refused):
    text = HEADER.replace(",", "\t") + "ana@example.com\tAna\tLima\tDesk\t\n"
    assert refused("export.csv", text).startswith(
        "export.csv: line 1: the columns are separated by tabs, not commas -- ")


def test_a_latin1_file_is_refused_naming_the_line_and_the_word(refused):
    data = (HEADER + rows(4)).encode() + "jose@example.com,José,Núñez,Desk,\n".encode("latin-1")
    assert refused("desk.csv", data) == (
        "desk.csv: line 6: is not UTF-8 text (it reads as Windows-1252 or Latin-1: 'José') "
        f"-- {SAVE_AS}, then run this again")


def test_an_empty_file_is_refused(refused):
    assert refused("desk.csv", "\n\n") == (
        "desk.csv: line 1: the file is empty -- the first line must name the columns: "
        "email, first_name, last_name, tags, consented_at")


# --- what is read from a good file ------------------------------------------------------------

def read(tmp_path, text, name="desk.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return signup_file.read(path, now=NOW, zone=ZONE)


def test_windows_line_endings_a_byte_order_mark_and_empty_lines_read_as_rows(tmp_path):
    source = read(tmp_path, "\ufeff" + (HEADER + rows(2) + "\n,,,,\n" + rows(1, 2)).replace("\n", "\r\n"))
    assert [p.email for p in source.people] == [f"person{n}@example.com" for n in range(3)]
    assert (source.data_lines, source.empty_lines) == (3, 2)
    assert [p.line for p in source.people] == [2, 3, 6]


def test_names_are_never_addresses_line_breaks_or_formulas(tmp_path):
    source = read(tmp_path, HEADER + "a@example.com,b@example.com,,,\n"
                  "c@example.com,=HYPERLINK(\"http://x.example\"),,,\n"
                  "d@example.com,,+1 555,,\n"
                  "e@example.com,E\x1bve,,,\n"
                  "f@example.com,Anne-Marie,O'Neil,,\n")
    assert [(r.line, r.message) for r in source.rejected] == [
        (2, "first_name 'b@example.com' holds an email address, not a name -- put the address in "
            "the email column and the name here, or clear the name"),
        (3, "first_name '=HYPERLINK(\"http://x.example\")' starts with '=' like a spreadsheet "
            "formula -- write the name itself, or clear it"),
        (4, "last_name '+1 555' starts with '+' like a spreadsheet formula -- write the name "
            "itself, or clear it"),
        (5, "first_name 'E\\x1bve' holds a line break or control character -- retype the name"),
    ]
    assert [(p.first_name, p.last_name) for p in source.people] == [("Anne-Marie", "O'Neil")]


CONSENT_FIX = "or leave it empty so that Mailchimp asks the person to confirm by email"
FUTURE = "is in the future -- write the day the person agreed, " + CONSENT_FIX
BEFORE_2000 = ("is before 2000 -- write the day the person agreed "
               "(a spreadsheet may have put this date in an empty cell), " + CONSENT_FIX)


@pytest.mark.parametrize("value, message", [
    ("2099-01-01", f"consented_at '2099-01-01' {FUTURE}"),
    ("2026-03-01T12:30", f"consented_at '2026-03-01T12:30' {FUTURE}"),
    ("0001-01-01", f"consented_at '0001-01-01' {BEFORE_2000}"),
    ("1999-12-31T23:59:59+00:00", f"consented_at '1999-12-31T23:59:59+00:00' {BEFORE_2000}"),
    ("05/01/2026", "consented_at '05/01/2026' is not a date -- write it as YYYY-MM-DD "
                   f"(or YYYY-MM-DD HH:MM), {CONSENT_FIX}"),
])
def test_consent_dates_in_the_future_before_2000_or_not_dates_are_rejected(tmp_path, value, message):
    source = read(tmp_path, HEADER + f"ana@example.com,Ana,,,{value}\n")
    assert [(r.line, r.message) for r in source.rejected] == [(2, message)]
    assert source.people == []


@pytest.mark.parametrize("value, moment", [
    ("2026-01-05", dt.datetime(2026, 1, 5, 0, 0, tzinfo=ZONE)),
    ("2026-03-01", dt.datetime(2026, 3, 1, 0, 0, tzinfo=ZONE)),
    ("2026-01-05 14:30", dt.datetime(2026, 1, 5, 14, 30, tzinfo=ZONE)),
    ("2026-01-05T20:30:00Z", dt.datetime(2026, 1, 5, 20, 30, tzinfo=dt.UTC)),
    ("2000-01-01", dt.datetime(2000, 1, 1, tzinfo=ZONE)),
])
def test_a_consent_date_or_date_time_is_read_in_the_practices_time_zone(tmp_path, value, moment):
    (person,) = read(tmp_path, HEADER + f"ana@example.com,Ana,,,{value}\n").people
    assert person.consent == moment


def test_tags_are_one_tag_whatever_their_case_within_a_row_and_across_repeated_rows(tmp_path):
    source = read(tmp_path, HEADER + "ana@example.com,,,Desk; desk ;Front  Desk,\n"
                  "ANA@example.com,,,DESK;workshop;WORKSHOP,\n")
    (person,) = source.people
    assert person.tags == ["Desk", "Front Desk", "workshop"]
    assert source.repeated == 1
