"""JSON-LD: the practice once per page, articles and clinical pages with their review."""

import datetime
import json
import re

import pytest
from pelican.settings import read_settings

from sitebuild import ROOT, build_site
from synergy_structured_data import schema
from synergy_structured_data.filters import jsonld

KAP_PAGE = "ketamine-assisted-psychotherapy/index.html"
KAP_ARTICLE = "blog/what-is-ketamine-assisted-psychotherapy/index.html"
KAP_SOURCE = "pages/ketamine-assisted-psychotherapy.md"

TRICKY_ARTICLE = """Title: Why we say "no" to </script> tags
Slug: tricky
Date: 2026-01-05
Modified: 2026-02-03
Category: Wellness
Author: Dr. Jane Doe
Clinical: yes
Reviewer: tricky
Last_reviewed: 2026-02-01
Sources: spravato-label
Summary: A summary with "quotes" & an ampersand.

Body text.
"""

DATE_ONLY_PAGE = """Title: Reviewed by date only
Slug: reviewed-by-date-only
Summary: A page that names only the day it was reviewed.
Last_reviewed: 2026-03-14

Text.
"""

BAD_REVIEW_DATE = """Title: Badly dated review
Slug: badly-dated-review
Summary: A page whose review date cannot be read.
Reviewer: prescriber
Last_reviewed: 2026-13-01

Text.
"""


def ld_items(soup):
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def nodes(soup):
    """Every top-level item, with @graph members flattened out."""
    found = []
    for item in ld_items(soup):
        found.extend(item["@graph"] if "@graph" in item else [item])
    return found


def of_type(soup, kind):
    return [n for n in nodes(soup) if n.get("@type") == kind]


def source_metadata(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {k.strip().lower(): v.strip() for k, v in
            (line.split(":", 1) for line in head.splitlines() if ":" in line)}


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


# A clinician whose details hold quotes and a closing script tag.
TRICKY_CLINICIAN = {"name": 'Alex "AJ" </script> Rivera', "credentials": "MD", "role": "Screening",
                    "license_type": "Physician & Surgeon", "license_number": "036.000000", "bio": "", "photo": ""}


@pytest.fixture(scope="module")
def variant(tmp_path_factory, settings):
    # The tricky title holds a tag on purpose, which a strict build reports (synergy_plain_text).
    build = build_site(tmp_path_factory.mktemp("structured"), files={
        "blog/tricky.md": TRICKY_ARTICLE,
        "pages/reviewed-by-date-only.md": DATE_ONLY_PAGE,
    }, overrides={"CLINICIANS": {**settings["CLINICIANS"], "tricky": TRICKY_CLINICIAN}}, strict=False)
    assert build.ok, build.stderr
    return build


# --- Every page -------------------------------------------------------------------

def test_every_jsonld_block_on_every_page_parses(site):
    blocks = 0
    for html in site.html_files():
        soup = site.soup(html.relative_to(site.output))
        for script in soup.find_all("script", type="application/ld+json"):
            json.loads(script.string)  # raises with the page in the traceback
            blocks += 1
    assert blocks >= len(site.html_files())


def test_the_practice_appears_exactly_once_on_every_page(site):
    for html in site.html_files():
        rel = html.relative_to(site.output).as_posix()
        if rel.startswith("email-preview/"):
            continue  # an email's preview, not a page of the site
        found = [n for n in of_type(site.soup(rel), "MedicalBusiness") if "areaServed" in n]
        assert len(found) == 1, f"{rel}: {len(found)} MedicalBusiness items"


def test_the_practice_serves_illinois_books_online_and_lists_its_profiles(site, settings):
    practice = of_type(site.soup("index.html"), "MedicalBusiness")[0]
    assert practice["areaServed"] == {"@type": "State", "name": "Illinois"}
    assert practice["sameAs"] == [url for _label, url in settings["PRACTICE"]["social"]]
    assert practice["email"] == settings["PRACTICE"]["email"]
    action = practice["potentialAction"]
    assert action["@type"] == "ReserveAction"
    assert action["target"]["urlTemplate"] == settings["PRACTICE"]["booking_url"]
    channel = practice["makesOffer"]["itemOffered"]["availableChannel"]
    assert channel["name"] == "Virtual telehealth"


def test_the_practice_id_is_absolute_on_the_live_site():
    live = {"SITEURL": "https://www.example.org", "SITENAME": "P",
            "PRACTICE": {"email": "a@example.org", "booking_url": "https://book.example.org/",
                         "area_served": "Illinois", "social": []}}
    item = schema.practice(live)
    assert item["@id"] == "https://www.example.org/#practice"
    assert item["url"] == "https://www.example.org/"
    assert "sameAs" not in item, "an empty list of profiles is left out"


# --- Articles ---------------------------------------------------------------------

def test_an_article_is_a_blogposting_with_headline_dates_author_and_publisher(site):
    soup = site.soup(KAP_ARTICLE)
    posting = of_type(soup, "BlogPosting")
    assert len(posting) == 1
    posting = posting[0]
    assert posting["headline"] == " ".join(soup.find("h1").get_text().split())
    published = soup.select_one("article header time")["datetime"]
    assert posting["datePublished"] == published
    assert posting["dateModified"] >= posting["datePublished"]
    practice_id = of_type(soup, "MedicalBusiness")[0]["@id"]
    assert posting["publisher"]["@id"] == practice_id
    assert posting["author"]["@id"] == practice_id
    assert posting["url"].endswith("/blog/what-is-ketamine-assisted-psychotherapy/")


def test_a_reviewed_article_sits_on_a_medical_web_page_with_its_review(site, settings):
    soup = site.soup(KAP_ARTICLE)
    meta = source_metadata(site.content / "blog/what-is-ketamine-assisted-psychotherapy.md")
    page = of_type(soup, "MedicalWebPage")
    assert len(page) == 1
    assert page[0]["reviewedBy"]["name"] == settings["CLINICIANS"][meta["reviewer"]]["name"]
    assert page[0]["lastReviewed"] == meta["last_reviewed"]
    assert page[0]["mainEntity"]["@id"] == of_type(soup, "BlogPosting")[0]["@id"]


def test_an_article_by_a_named_person_credits_that_person(variant):
    posting = of_type(variant.soup("blog/tricky/index.html"), "BlogPosting")[0]
    assert posting["author"] == {"@type": "Person", "name": "Dr. Jane Doe"}
    assert posting["dateModified"].startswith("2026-02-03")
    assert posting["datePublished"].startswith("2026-01-05")


def test_text_with_quotes_and_a_closing_script_tag_stays_inside_the_jsonld(variant):
    html = variant.text("blog/tricky/index.html")
    soup = variant.soup("blog/tricky/index.html")
    posting = of_type(soup, "BlogPosting")[0]
    assert posting["headline"] == 'Why we say "no" to </script> tags'
    # The summary is Markdown, so its quotes come out typographic, as on the page.
    assert posting["description"] == "A summary with “quotes” & an ampersand."
    reviewer = of_type(soup, "MedicalWebPage")[0]["reviewedBy"]
    assert reviewer["@type"] == "Person" and reviewer["name"] == 'Alex "AJ" </script> Rivera'
    assert reviewer["hasCredential"]["name"] == "Physician & Surgeon"
    for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        json.loads(script)  # each block ends at its own </script>, never inside the text


def test_the_jsonld_filter_escapes_what_could_end_a_script_element():
    text = str(jsonld({"name": "</script><!-- & \u2028"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- & \u2028"}


# --- Clinical pages -------------------------------------------------------------------

def test_a_clinical_page_is_a_medical_web_page_with_reviewer_and_last_reviewed(site, settings):
    soup = site.soup(KAP_PAGE)
    meta = source_metadata(site.content / KAP_SOURCE)
    page = of_type(soup, "MedicalWebPage")
    assert len(page) == 1
    page = page[0]
    assert page["reviewedBy"]["name"] == settings["CLINICIANS"][meta["reviewer"]]["name"]
    assert page["lastReviewed"] == meta["last_reviewed"]
    assert page["headline"] == " ".join(soup.find("h1").get_text().split())
    assert page["publisher"]["@id"] == of_type(soup, "MedicalBusiness")[0]["@id"]
    assert page["author"]["@id"] == page["publisher"]["@id"]


def test_a_page_that_is_not_health_content_is_a_plain_web_page(site):
    soup = site.soup("contact/index.html")
    assert of_type(soup, "WebPage") and not of_type(soup, "MedicalWebPage")
    assert "reviewedBy" not in of_type(soup, "WebPage")[0]


# --- The review line ------------------------------------------------------------------

def test_a_reviewed_page_shows_who_reviewed_it_when_and_when_the_next_review_is_due(site, settings):
    meta = source_metadata(site.content / KAP_SOURCE)
    person = settings["CLINICIANS"][meta["reviewer"]]
    line = site.soup(KAP_PAGE).select_one("main .review-line")
    reviewed = datetime.date.fromisoformat(meta["last_reviewed"])
    due = reviewed.replace(year=reviewed.year + 1)
    expected = (f"Medically reviewed by {person['name']}, {person['credentials']} on "
                f"{reviewed:%B} {reviewed.day}, {reviewed.year} · "
                f"Next review due {due:%B} {due.day}, {due.year}")
    assert " ".join(line.get_text().split()) == expected
    times = [time["datetime"] for time in line.find_all("time")]
    assert times == [meta["last_reviewed"], due.isoformat()]
    assert line.find("a")["href"] == f"/about/#clinician-{meta['reviewer']}"


def test_a_page_with_only_a_review_date_shows_when_it_was_last_reviewed(variant):
    line = variant.soup("reviewed-by-date-only/index.html").select_one("main .review-line")
    assert " ".join(line.get_text().split()) == "Last reviewed March 14, 2026 · Next review due March 14, 2027"


def test_a_page_without_review_metadata_shows_no_review_line(site):
    assert site.soup("contact/index.html").select_one(".review-line") is None


def test_a_last_reviewed_that_is_not_a_date_fails_the_build_naming_the_file(tmp_path):
    build = build_site(tmp_path, files={"pages/badly-dated-review.md": BAD_REVIEW_DATE})
    assert not build.ok
    lines = [line for line in build.stderr.splitlines() if "content/pages/badly-dated-review.md" in line]
    assert len(lines) == 1, build.stderr
    assert "last_reviewed: '2026-13-01' is not a date -- write it as YYYY-MM-DD" in lines[0]
    assert "Traceback" not in build.stderr
