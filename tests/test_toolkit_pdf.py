"""The Wellness Toolkit PDF: built from content/toolkit/, tagged and accessible, rendered only when it changes."""

import json
import re

import pytest
from pypdf import PdfReader

from sitebuild import build_site

PDF = "toolkit/wellness-toolkit.pdf"
SOURCE = "toolkit/wellness-toolkit.md"
RECORD = "toolkit_pdf/wellness-toolkit.json"
CACHED_PDF = "toolkit_pdf/wellness-toolkit.pdf"
FOUR_SECTIONS = [
    "Stress reduction strategies",
    "30 days of healthy snack ideas",
    "Healthy sleep checklist",
    "Steps to starting a home meditation practice",
]
NEW_HEADING = "Ways to ease everyday stress"


def flat(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf(site):
    return PdfReader(site.path(PDF))


@pytest.fixture(scope="module")
def pages_text(pdf):
    return [flat(page.extract_text()) for page in pdf.pages]


@pytest.fixture(scope="module")
def source(site):
    return (site.content / SOURCE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory):
    """One folder built three times: first, again unchanged, then with a heading changed."""
    folder = tmp_path_factory.mktemp("toolkit-rebuilds")
    cache = folder / "cache"
    states = []

    def build(**changes):
        result = build_site(folder, warm_cache=False, **changes)
        assert result.ok, result.stderr
        states.append({
            "build": result,
            "record": json.loads((cache / RECORD).read_text()),
            "cached_mtime": (cache / CACHED_PDF).stat().st_mtime_ns,
            "output_pdf": result.path(PDF).read_bytes(),
            "page_html": result.text("toolkit/index.html"),
        })

    build()
    build()
    text = (folder / "content" / SOURCE).read_text(encoding="utf-8")
    assert "## Stress reduction strategies\n" in text
    build(files={SOURCE: text.replace("## Stress reduction strategies\n", f"## {NEW_HEADING}\n")})
    return states


def test_the_pdf_is_written_to_its_stable_url(site):
    assert site.path(PDF).read_bytes().startswith(b"%PDF-")


def test_the_pdf_holds_all_four_sections(pages_text):
    text = " ".join(pages_text)
    for title in FOUR_SECTIONS:
        assert title in text


def test_the_pdf_holds_thirty_snacks_one_for_each_day(source, pages_text):
    rows = re.findall(r"^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$", source, re.M)
    assert [int(day) for day, _snack, _why in rows] == list(range(1, 31))
    text = " ".join(pages_text)
    for day, snack, why in rows:
        assert f"{day} {snack} " in text, f"day {day} is missing from the PDF"
        assert why in text


def test_the_sleep_checklist_has_a_real_checkbox_glyph_per_item(source, pages_text):
    items = re.findall(r"^- \[ \] ", source, re.M)
    assert len(items) >= 10
    assert " ".join(pages_text).count("\u2610") == len(items)


def test_the_meditation_steps_are_numbered(source, pages_text):
    section = source.split("## Steps to starting a home meditation practice", 1)[1].split("\n## ", 1)[0]
    steps = re.findall(r"^(\d+)\. \*\*(.+?)\*\*", section, re.M)
    assert len(steps) >= 5
    assert [int(number) for number, _step in steps] == list(range(1, len(steps) + 1))
    text = " ".join(pages_text)
    for _number, step in steps:
        assert step in text
    # WeasyPrint draws list numbers after the items' text, so they read as one run.
    assert " ".join(f"{n}." for n in range(1, len(steps) + 1)) in text


def test_the_pdf_is_tagged_for_accessibility(pdf):
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_the_pdf_has_title_author_subject_and_language(pdf):
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert pdf.metadata.title == "Boost Your Wellness Toolkit"
    assert pdf.metadata.author == "Synergy Integrative Health & Wellness"
    assert "30 days of healthy snack ideas" in pdf.metadata.subject


def test_the_cover_names_the_toolkit_and_the_practice(pages_text):
    assert pages_text[0].startswith("Synergy Integrative Health & Wellness Boost Your Wellness Toolkit")


def test_the_contents_give_the_page_each_section_starts_on(source, pages_text):
    titles = re.findall(r"^## (.+?)\s*$", source, re.M)
    contents = next(text for text in pages_text if text.startswith("Welcome") and "Contents" in text)
    for title in titles:
        listed = re.search(re.escape(title) + r" [. ]+ (\d+)\b", contents)
        assert listed, f"'{title}' is not in the contents"
        page = int(listed.group(1))
        assert pages_text[page - 1].startswith(f"PART {titles.index(title) + 1} {title}")


def test_every_page_carries_the_crisis_line(pages_text):
    for number, text in enumerate(pages_text, start=1):
        assert "call or text 988, or chat at 988lifeline.org" in text, f"page {number}"


def test_every_page_after_the_cover_is_numbered(pages_text):
    total = len(pages_text)
    for number, text in enumerate(pages_text[1:], start=2):
        assert f"Page {number} of {total}" in text


def test_the_toolkit_says_it_is_not_medical_advice(pages_text):
    assert "not medical advice" in " ".join(pages_text)


def test_a_second_build_with_no_change_does_not_render_the_pdf_again(rebuilds):
    first, second = rebuilds[0], rebuilds[1]
    assert first["record"]["renders"] == 1
    assert second["record"] == first["record"]
    assert second["cached_mtime"] == first["cached_mtime"]
    assert second["output_pdf"] == first["output_pdf"]


def test_a_changed_source_renders_the_pdf_again(rebuilds):
    second, third = rebuilds[1], rebuilds[2]
    assert third["record"]["renders"] == 2
    assert third["record"]["fingerprint"] != second["record"]["fingerprint"]
    assert third["output_pdf"] != second["output_pdf"]


def test_a_changed_heading_shows_in_both_the_pdf_and_the_landing_page(rebuilds, tmp_path):
    before, after = rebuilds[1], rebuilds[2]
    pdf_path = tmp_path / "after.pdf"
    pdf_path.write_bytes(after["output_pdf"])
    text = flat(" ".join(page.extract_text() for page in PdfReader(pdf_path).pages))
    assert NEW_HEADING in text
    assert "Stress reduction strategies" not in text
    assert "Stress reduction strategies" in before["page_html"]
    listed = after["build"].soup("toolkit/index.html").select(".toolkit-sections h3")
    assert [h.get_text(strip=True) for h in listed][0] == NEW_HEADING


def test_a_section_without_an_opening_paragraph_fails_naming_the_file(tmp_path, site):
    text = (site.content / SOURCE).read_text(encoding="utf-8")
    broken = text.replace("## Healthy sleep checklist\n\nCheck off", "## Healthy sleep checklist\n\n- Check off")
    build = build_site(tmp_path, files={SOURCE: broken})
    assert not build.ok
    assert (
        "content/toolkit/wellness-toolkit.md: section 'Healthy sleep checklist' does not open with a paragraph"
        in build.stderr
    )
    assert "Traceback" not in build.stderr
