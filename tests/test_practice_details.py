"""The practice's details and clinicians live in one place, data/practice.yaml, and nowhere else.

Content refers to them by placeholder ({booking}, {email}, {clinician:key}),
so one changed setting changes every page, the newsletter email and the toolkit
PDF; the lint refuses a typed-in copy; a misspelt placeholder or reviewer key is
one line naming the file; and the values still marked !placeholder show as a
preview notice on every page.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import read_settings
from pypdf import PdfReader

from practice_fixtures import FILLED_SETTINGS, photo_with_location
from sitebuild import ROOT, build_site
from synergy import placeholders
from synergy.errors import SettingsError
from synergy.practice import copies, details

BUNDLED = read_settings(str(ROOT / "pelicanconf.py"))
NEW_BOOKING = "https://booking.example.org/synergy/"
NEW_EMAIL = "office@example.org"
NEW_NAMES = {"prescriber": "Ada Example", "therapist": "Grace Sample"}
PDF = "toolkit/wellness-toolkit.pdf"


def site_pages(build):
    return [p.relative_to(build.output).as_posix() for p in build.html_files()
            if not p.relative_to(build.output).as_posix().startswith("email-preview/")]


def text_files(build):
    """Every text file of the output but the search index (made from the same pages)."""
    return [p for p in build.output.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".txt", ".json")
            and not p.relative_to(build.output).as_posix().startswith("pagefind/")]


def pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


# --- data/practice.yaml ---------------------------------------------------------------

def load_text(tmp_path, text):
    path = tmp_path / "data" / "practice.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return details.load(path)


MINIMAL = """name: A Practice
area_served: Illinois
email: !placeholder hello@example.org
booking_url: https://book.example.org/
postal_address: 1 Main St, Springfield, IL 62701
social:
  Instagram: !placeholder https://www.instagram.com/example/
mailchimp:
  dc: !placeholder us21
clinicians:
  jane-doe:
    name: !placeholder Jane (placeholder)
    credentials: LCPC
"""


def test_a_value_marked_placeholder_is_used_and_recorded_with_the_setting_it_fills(tmp_path):
    found = load_text(tmp_path, MINIMAL)
    assert found.practice()["email"] == "hello@example.org"
    assert found.practice()["booking_url"] == "https://book.example.org/"
    assert found.mailchimp("dc") == "us21"
    marks = {mark["name"]: mark for mark in found.placeholders()}
    assert sorted(marks) == ["CLINICIANS['jane-doe']['name']", "MAILCHIMP_DC", "PRACTICE['email']",
                             "PRACTICE['social']['Instagram']"]
    assert marks["PRACTICE['email']"]["variable"] == "PRACTICE_EMAIL"
    assert marks["PRACTICE['social']['Instagram']"]["keys"] == ["social", "Instagram"]
    assert marks["CLINICIANS['jane-doe']['name']"]["variable"] == ""


def test_an_environment_variable_overrides_the_file_and_an_empty_one_counts_as_unset(tmp_path, monkeypatch):
    found = load_text(tmp_path, MINIMAL)
    monkeypatch.setenv("PRACTICE_EMAIL", "office@example.org")
    monkeypatch.setenv("PRACTICE_INSTAGRAM", "  ")
    practice = found.practice()
    assert practice["email"] == "office@example.org"
    assert practice["social"] == [("Instagram", "https://www.instagram.com/example/")]


@pytest.mark.parametrize("text, problem", [
    ("name: A\nemial: x@example.org\n", "unknown key 'emial'"),
    ("name: A\nclinicians:\n  Jane Doe:\n    name: Jane\n", "clinicians.Jane Doe: is not a key"),
    ("name: A\nclinicians:\n  jane:\n    nmae: Jane\n", "clinicians.jane.nmae: unknown key"),
    ("name: A\nmailchimp:\n  list: abc\n", "mailchimp.list: unknown key"),
    ("name: A\nemail: [a, b]\n", "email: is not a single value"),
    ("name: A\nemail: 'unclosed\n", "line 3: found unexpected end of stream"),
    ("- just\n- a list\n", "does not hold the practice's details"),
])
def test_a_mistake_in_the_file_is_one_settings_line_naming_it(tmp_path, text, problem):
    with pytest.raises(SettingsError) as caught:
        load_text(tmp_path, text)
    line = caught.value.line()
    assert line.startswith(f"settings: data/practice.yaml: {problem}"), line
    assert "\n" not in line and " -- " in line


def test_a_broken_practice_file_stops_the_build_with_one_line(tmp_path):
    # pelicanconf.py reads data/ beside itself: a copy of the project's two settings files.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "practice.yaml").write_text("name: A\nemail: 'unclosed\n", encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text((ROOT / "pelicanconf.py").read_text(encoding="utf-8"))
    (tmp_path / "content").mkdir()
    run = subprocess.run([sys.executable, "-m", "pelican", str(tmp_path / "content"), "-o", str(tmp_path / "out"),
                          "-s", str(tmp_path / "pelicanconf.py")], cwd=ROOT, capture_output=True, text=True)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode == 1
    assert lines == ["settings: data/practice.yaml: line 3: found unexpected end of stream "
                     "-- fix the YAML (compare with the lines around it)"], run.stderr


# --- Placeholders in content --------------------------------------------------------------

def test_placeholders_are_filled_in_text_and_addresses_but_not_in_code():
    values = {"booking": "https://b.example.org/?a=1&amp;b=2", "email": "x@example.org"}
    html = ('<p><a href="{booking}">Book</a> or <a href="mailto:{email}">{email}</a> '
            '<code>{email}</code></p><pre><code>{booking}</code></pre>')
    assert placeholders.fill(html, values) == (
        '<p><a href="https://b.example.org/?a=1&amp;b=2">Book</a> or <a href="mailto:x@example.org">'
        'x@example.org</a> <code>{email}</code></p><pre><code>{booking}</code></pre>')


def test_pelican_link_markers_and_unknown_names_are_left_as_written():
    html = '<a href="{filename}/blog/x.md">x</a> <a href="{bookng}">y</a> {phone}'
    assert placeholders.fill(html, {"booking": "B", "phone": ""}) == html


def test_a_misspelt_placeholder_is_found_but_a_misspelt_link_marker_is_left_to_pelican():
    html = '<a href="{bookng}">y</a> <a href="{filenam}/blog/x.md">z</a> <a href="{static}/x.png">s</a>'
    assert placeholders.unfilled(html, lambda name: True) == ["bookng"]
    disarmed = placeholders.disarm(html, ["bookng"])
    assert 'href="#%7Bbookng%7D"' in disarmed and "{filenam}/blog/x.md" in disarmed


def test_the_bundled_content_types_no_practice_detail(site):
    watch = copies.watched(BUNDLED)
    assert {item.placeholder for item in watch} >= {"{booking}", "{email}", "{instagram}",
                                                   "{clinician:prescriber}"}
    typed = [(path.relative_to(site.content).as_posix(), copy)
             for path in sorted(site.content.rglob("*.md"))
             for copy in copies.find(path.read_text(encoding="utf-8"), watch)]
    assert typed == []


def test_a_content_file_with_the_booking_url_typed_in_fails_the_lint_naming_it(tmp_path):
    booking = BUNDLED["PRACTICE"]["booking_url"]
    post = (f"Title: Book\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\n"
            f"Some text.\n[Book online]({booking}) today.\n")
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "book.md").write_text(post, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1
    shown = booking.removeprefix("https://")
    assert any(line.startswith(f"{tmp_path.name}/blog/book.md: line 7: the booking URL is typed in (")
               and shown in line and "-- write {booking} instead" in line
               for line in run.stdout.splitlines()), run.stdout


def test_a_phone_number_is_found_however_it_is_written():
    watch = copies.watched({"PRACTICE": {**BUNDLED["PRACTICE"], "phone": "(312) 555-0100"}, "CLINICIANS": {}})
    for written in ("312-555-0100", "(312) 555 0100", "312.555.0100"):
        assert [c.placeholder for c in copies.find(f"Call {written}.", watch)] == ["{phone}"], written
    assert copies.find("Call 312-555-0199.", watch) == []


def test_a_byline_may_name_a_clinician_but_the_text_may_not():
    name = BUNDLED["CLINICIANS"]["therapist"]["name"]
    text = f"Title: T\nAuthor: {name}\n\nWritten by {name}.\n"
    found = copies.find(text, copies.watched(BUNDLED))
    assert [(c.line, c.placeholder) for c in found] == [(4, "{clinician:therapist}")]


def _one_line_about(build, rel):
    return [line for line in build.stderr.splitlines() if f"content/{rel}" in line]


def test_an_unknown_placeholder_is_one_line_naming_the_file(tmp_path):
    rel = "blog/typo.md"
    build = build_site(tmp_path, files={rel: "Title: Typo\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\n"
                                             "[Book online]({bookng}) or [read]({filename}/pages/about.md).\n"})
    assert not build.ok
    lines = _one_line_about(build, rel)
    assert len(lines) == 1, build.stderr
    assert lines[0].startswith(f"content/{rel}: unknown placeholder {{bookng}} -- write one of {{booking}}")
    assert "Traceback" not in build.stderr


def test_a_clinical_page_with_an_unknown_reviewer_key_fails_in_one_line(tmp_path):
    rel = "blog/unreviewed.md"
    build = build_site(tmp_path, files={rel: "Title: U\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n"
                                             "Clinical: yes\nReviewer: dr-nobody\nLast_reviewed: 2026-01-02\n"
                                             "Sources: spravato-label\n"
                                             "\nText.\n"})
    assert not build.ok
    lines = _one_line_about(build, rel)
    assert lines == [f"content/{rel}: Reviewer: 'dr-nobody' is not a clinician in data/practice.yaml -- write "
                     "the key of one of them (prescriber, therapist), or add them there"], build.stderr


# --- One setting changes everything that shows it ---------------------------------------

@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The bundled site with the booking page, the email and the clinicians' names changed, nothing else."""
    people = {key: {**person, "name": NEW_NAMES[key]} for key, person in BUNDLED["CLINICIANS"].items()}
    build = build_site(tmp_path_factory.mktemp("changed"), overrides={"CLINICIANS": people},
                       env={"PRACTICE_BOOKING_URL": NEW_BOOKING, "PRACTICE_EMAIL": NEW_EMAIL})
    assert build.ok, build.stderr
    return build


def test_every_page_books_and_writes_to_the_changed_values(changed):
    for rel in site_pages(changed):
        soup = changed.soup(rel)
        assert soup.select_one("header.site-header a.button")["href"] == NEW_BOOKING, rel
        assert f"mailto:{NEW_EMAIL}" in {a["href"] for a in soup.select("footer a[href]")}, rel
    for rel in ("index.html", "contact/index.html", "about/index.html", "ketamine-assisted-psychotherapy/index.html"):
        hrefs = {a["href"] for a in changed.soup(rel).select("main a[href]")}
        assert NEW_BOOKING in hrefs and f"mailto:{NEW_EMAIL}" in hrefs, rel


def test_the_old_values_are_nowhere_in_the_output(changed):
    old = [BUNDLED["PRACTICE"]["booking_url"].removeprefix("https://"), BUNDLED["PRACTICE"]["email"],
           *(person["name"] for person in BUNDLED["CLINICIANS"].values())]
    stale = [f"{path.relative_to(changed.output)}: {value}" for path in text_files(changed)
             for value in old if value in path.read_text(encoding="utf-8")]
    assert stale == []


def test_review_lines_and_the_about_page_name_the_changed_clinicians(changed):
    line = changed.soup("ketamine-assisted-psychotherapy/index.html").select_one(".review-line")
    assert "Medically reviewed by Ada Example, " in " ".join(line.get_text().split())
    team = " ".join(changed.soup("about/index.html").select_one(".team").get_text().split())
    assert "Ada Example" in team and "Grace Sample" in team


def test_the_newsletter_email_shows_the_changed_values(changed):
    emails = sorted(changed.output.glob("email-preview/*/email.html"))
    assert emails
    for email in emails:
        html = email.read_text(encoding="utf-8")
        text = (email.parent / "email.txt").read_text(encoding="utf-8")
        assert NEW_BOOKING in html and NEW_EMAIL in html, email
        assert NEW_EMAIL in text, email


def test_the_toolkit_pdf_shows_the_changed_values(changed):
    text = pdf_text(changed.path(PDF))
    assert NEW_EMAIL in text
    assert "booking.example.org/synergy" in text
    assert "Reviewed by Grace Sample" in text


# --- Placeholders left, and filled ----------------------------------------------------------

def test_every_page_of_the_bundled_site_says_it_shows_placeholder_details(site):
    for rel in site_pages(site):
        notice = site.soup(rel).select_one("body > .preview-notice")
        assert notice is not None, rel
        assert "Preview: placeholder details" in notice.get_text(), rel


@pytest.fixture(scope="module")
def filled_settings(tmp_path_factory):
    folder = tmp_path_factory.mktemp("filled-settings")
    photo = photo_with_location(folder / "grace.jpg")
    path = folder / "filledconf.py"
    path.write_text(FILLED_SETTINGS.format(root=str(ROOT), photo=str(photo)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def filled(tmp_path_factory, filled_settings):
    build = build_site(tmp_path_factory.mktemp("filled"), settings=str(filled_settings))
    assert build.ok, build.stderr
    return build


def test_a_site_with_every_detail_given_shows_no_preview_notice(filled):
    assert [rel for rel in site_pages(filled) if filled.soup(rel).select_one(".preview-notice")] == []


def test_the_footer_shows_the_postal_address_and_the_phone(filled):
    contact = filled.soup("index.html").select_one("footer .footer-contact")
    assert "1 Example Plaza, Suite 2, Chicago, IL 60601" in contact.get_text()
    assert contact.find("a")["href"] == "tel:+13125550100"


def test_a_clinicians_photo_is_published_resized_and_without_the_cameras_metadata(filled, filled_settings):
    from PIL import Image

    img = filled.soup("about/index.html").select_one("#clinician-therapist img.team-photo")
    assert img["alt"] == "Photo of Grace Sample"
    assert (img["width"], img["height"]) == ("320", "213")
    published = filled.path(img["src"].lstrip("/"))
    with Image.open(published) as photo:
        assert photo.size == (320, 213)
        assert dict(photo.getexif()) == {}
    original = (filled_settings.parent / "grace.jpg").read_bytes()
    assert not [p for p in filled.output.rglob("*.jpg") if p.read_bytes() == original]


# --- JSON-LD: the reviewer is a Person with their license ------------------------------------

REVIEWED_PAGE_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "reviewed-page.json").read_text())


def reviewed_pages(build):
    for rel in site_pages(build):
        for script in build.soup(rel).find_all("script", type="application/ld+json"):
            item = json.loads(script.string)
            for node in item.get("@graph", [item]):
                if "reviewedBy" in node:
                    yield rel, node


def test_the_jsonld_of_every_reviewed_page_validates_with_a_person_reviewer(site):
    import jsonschema

    found = list(reviewed_pages(site))
    assert len(found) >= 5
    for rel, node in found:
        jsonschema.validate(node, REVIEWED_PAGE_SCHEMA)
        assert node["reviewedBy"]["name"] in {p["name"] for p in BUNDLED["CLINICIANS"].values()}, rel


def test_the_schema_refuses_a_reviewer_who_is_not_a_licensed_person():
    import jsonschema

    example = REVIEWED_PAGE_SCHEMA["examples"][0]
    jsonschema.validate(example, REVIEWED_PAGE_SCHEMA)
    for reviewer in ({"@type": "Organization", "name": "Clinical team"},
                     {**example["reviewedBy"], "hasCredential": None}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**example, "reviewedBy": reviewer}, REVIEWED_PAGE_SCHEMA)


def test_the_jsonld_person_carries_the_changed_name(changed):
    names = {node["reviewedBy"]["name"] for _rel, node in reviewed_pages(changed)}
    assert names == set(NEW_NAMES.values())


def test_a_cached_rebuild_after_a_changed_detail_shows_the_new_value(tmp_path):
    cached = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "SEARCH_INDEX": False}
    first = build_site(tmp_path, strict=False, overrides=cached)
    assert first.ok, first.stderr
    again = build_site(tmp_path, strict=False, overrides=cached, env={"PRACTICE_BOOKING_URL": NEW_BOOKING})
    assert again.ok, again.stderr
    hrefs = {a["href"] for a in again.soup("contact/index.html").select("main a[href]")}
    assert NEW_BOOKING in hrefs
    assert list((tmp_path / "cache" / "templates").iterdir()), "the other caches are kept"
