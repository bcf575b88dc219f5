"""FAQ sections: plain Markdown in, disclosure widgets and FAQPage JSON-LD out.

Convention: `## Heading {.faq}`, then each `### Question` with its answer below.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup

from sitebuild import build_site
from synergy.errors import FaqError
from synergy_faq.sections import transform, visible_text

KAP_PAGE = "ketamine-assisted-psychotherapy/index.html"
KAP_SOURCE = "pages/ketamine-assisted-psychotherapy.md"

FIXTURE_PAGE = """Title: Questions we hear
Slug: questions-we-hear
Summary: A page of questions for the FAQ tests.

An introduction.

## Do it now

A section whose heading matches a question below.

## Common questions {.faq}

Before the first question, a short introduction.

### Do it now

Yes: *right* now, with "quotes" & an ampersand, and 5 < 6.

- first point
- second point

### Is it safe?

See [our page]({filename}/pages/ketamine-assisted-psychotherapy.md).

#### A sub-heading inside the answer

More of the same answer.

### Is it safe?

Asked twice, answered twice.

## After the questions

Not part of the FAQ.
"""

FIXTURE_ARTICLE = """Title: An article with questions
Date: 2026-01-10
Category: Wellness
Summary: An article that carries its own FAQ.

Some text.

## Reader questions {.faq}

### Can an article have an FAQ?

It can.
"""

NO_QUESTIONS = """Title: Empty FAQ
Slug: empty-faq
Summary: A page of questions for the FAQ tests.

## Nothing asked {.faq}

Only a paragraph, no question headings.
"""

NO_ANSWER = """Title: Unanswered
Slug: unanswered
Summary: A page of questions for the FAQ tests.

## Open questions {.faq}

### Who answers this?

### Is this answered?

Yes.
"""


def visible(tag):
    return " ".join(tag.get_text().split())


def ld_items(soup):
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def faq_page(soup):
    pages = [item for item in ld_items(soup) if item.get("@type") == "FAQPage"]
    assert len(pages) == 1, f"expected one FAQPage block, found {len(pages)}"
    return pages[0]


def shown_questions(soup):
    """(id, question, answer) for every FAQ widget, read from the HTML only."""
    shown = []
    for details in soup.select("section.faq details"):
        answer = details.select_one(".faq-answer")
        shown.append((answer["id"], visible(details.summary), visible(answer)))
    return shown


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    build = build_site(tmp_path_factory.mktemp("faq"), files={
        "pages/questions-we-hear.md": FIXTURE_PAGE,
        "blog/an-article-with-questions.md": FIXTURE_ARTICLE,
    })
    assert build.ok, build.stderr
    return build


@pytest.fixture(scope="module")
def fixture_page(fixture_site):
    return fixture_site.soup("questions-we-hear/index.html")


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("faq-broken"), files={
        "pages/empty-faq.md": NO_QUESTIONS,
        "pages/unanswered.md": NO_ANSWER,
    })


# --- Widgets -------------------------------------------------------------------

def test_each_question_becomes_a_details_widget_whose_summary_holds_the_question(fixture_page):
    widgets = fixture_page.select("section.faq > details.faq-item")
    assert [visible(d.summary) for d in widgets] == ["Do it now", "Is it safe?", "Is it safe?"]
    assert all(d.summary.find("h3") for d in widgets), "each question stays an h3 heading"


def test_the_faq_section_keeps_its_heading_and_introduction(fixture_page):
    section = fixture_page.select_one("section.faq")
    heading = section.find("h2")
    assert visible(heading) == "Common questions"
    assert section["aria-labelledby"] == heading["id"]
    assert "Before the first question" in visible(section.find("p"))


def test_an_answer_runs_to_the_next_question_and_keeps_its_sub_headings(fixture_page):
    second = fixture_page.select("section.faq details")[1]
    answer = second.select_one(".faq-answer")
    assert answer.find("h4") and "More of the same answer." in visible(answer)
    assert "Asked twice" not in visible(answer)


def test_the_section_ends_at_the_next_level_two_heading(fixture_page):
    after = fixture_page.find("h2", string="After the questions")
    assert after is not None and after.find_parent("section", class_="faq") is None


def test_question_ids_are_slugs_of_the_question_unique_within_the_page(fixture_page):
    ids = [answer_id for answer_id, _q, _a in shown_questions(fixture_page)]
    # "do-it-now" is already the id of an ordinary heading on this page.
    assert ids == ["do-it-now-2", "is-it-safe", "is-it-safe-2"]
    every_id = [tag["id"] for tag in fixture_page.find_all(id=True)]
    assert len(every_id) == len(set(every_id)), "an id is used twice on the page"


def test_every_answer_has_a_visible_link_to_itself(fixture_page):
    for details in fixture_page.select("section.faq details"):
        answer_id = details.select_one(".faq-answer")["id"]
        link = details.select_one(".faq-permalink a")
        assert link["href"] == f"#{answer_id}"
        assert visible(link).startswith("Link to this answer")


def test_links_inside_answers_are_resolved_like_any_other_link(fixture_page):
    link = fixture_page.find("a", string="our page")
    assert link["href"].endswith("/ketamine-assisted-psychotherapy/")


def test_any_article_can_carry_an_faq(fixture_site):
    soup = fixture_site.soup("blog/an-article-with-questions/index.html")
    assert shown_questions(soup) == [("can-an-article-have-an-faq", "Can an article have an FAQ?", "It can.")]


def test_a_page_without_an_faq_has_no_widgets_script_or_faq_jsonld(fixture_site):
    soup = fixture_site.soup("about/index.html")
    assert not soup.select("details.faq-item")
    assert not [s for s in soup.find_all("script", src=True) if s["src"].endswith("faq.js")]
    assert not [item for item in ld_items(soup) if item.get("@type") == "FAQPage"]


def test_a_page_with_an_faq_loads_the_first_party_opener_script(fixture_page):
    sources = [s["src"] for s in fixture_page.find_all("script", src=True)]
    assert [src for src in sources if re.fullmatch(r"/theme/js/faq\.js", src)]


# --- JSON-LD -------------------------------------------------------------------

def test_faq_jsonld_names_and_answers_equal_the_visible_text(fixture_page):
    entities = faq_page(fixture_page)["mainEntity"]
    from_jsonld = [(e["name"], e["acceptedAnswer"]["text"]) for e in entities]
    assert from_jsonld == [(q, a) for _id, q, a in shown_questions(fixture_page)]


def test_faq_jsonld_keeps_quotes_and_markup_characters_as_text(fixture_page):
    answer = faq_page(fixture_page)["mainEntity"][0]["acceptedAnswer"]["text"]
    assert answer.startswith("Yes: right now, with “quotes” & an ampersand, and 5 < 6.")
    raw = str(fixture_page.find("script", string=re.compile("FAQPage")))
    assert "5 < 6" not in raw, "'<' must be escaped inside the script element"


def test_faq_jsonld_questions_link_to_their_answers(fixture_page):
    entities = faq_page(fixture_page)["mainEntity"]
    ids = [answer_id for answer_id, _q, _a in shown_questions(fixture_page)]
    assert [e["url"].rsplit("#", 1)[1] for e in entities] == ids
    assert all(e["url"].startswith("/questions-we-hear/#") for e in entities)


# --- Malformed FAQ sections --------------------------------------------------------

def test_an_faq_section_without_questions_fails_the_build_naming_file_and_heading(broken_build):
    assert not broken_build.ok
    lines = [line for line in broken_build.stderr.splitlines() if "content/pages/empty-faq.md" in line]
    assert len(lines) == 1, broken_build.stderr
    assert "'## Nothing asked {.faq}' has no questions" in lines[0]
    assert "### Question?" in lines[0], "the line says how to fix it"


def test_a_question_without_an_answer_fails_the_build_naming_file_and_question(broken_build):
    lines = [line for line in broken_build.stderr.splitlines() if "content/pages/unanswered.md" in line]
    assert len(lines) == 1, broken_build.stderr
    assert "FAQ question 'Who answers this?'" in lines[0] and "has no answer" in lines[0]
    assert "Traceback" not in broken_build.stderr


# --- Rebuilds with the content cache --------------------------------------------------

CACHED = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}


def test_a_rebuild_with_the_content_cache_shows_each_answer_as_it_now_reads(tmp_path):
    first = build_site(tmp_path, strict=False, overrides=CACHED,
                       files={"pages/questions-we-hear.md": FIXTURE_PAGE})
    assert first.ok, first.stderr
    assert (tmp_path / "cache" / "faq-sections.json").exists()
    fresh_kap = first.soup(KAP_PAGE)  # read now: the rebuild writes over the same output folder
    edited = FIXTURE_PAGE.replace("Asked twice, answered twice.", "Asked twice, answered anew.")
    second = build_site(tmp_path, strict=False, overrides=CACHED,
                        files={"pages/questions-we-hear.md": edited})
    assert second.ok, second.stderr
    soup = second.soup("questions-we-hear/index.html")
    assert shown_questions(soup)[2][2] == "Asked twice, answered anew."
    entities = faq_page(soup)["mainEntity"]
    assert [(e["name"], e["acceptedAnswer"]["text"]) for e in entities] == [
        (q, a) for _id, q, a in shown_questions(soup)]
    # The unchanged KAP page comes out of the cached rebuild exactly as it was built afresh.
    assert second.soup(KAP_PAGE).select("section.faq") == fresh_kap.select("section.faq")
    assert faq_page(second.soup(KAP_PAGE)) == faq_page(fresh_kap)


def test_a_malformed_faq_is_reported_on_every_rebuild_with_the_content_cache(tmp_path):
    for _ in range(2):
        build = build_site(tmp_path, strict=False, overrides=CACHED, files={"pages/empty-faq.md": NO_QUESTIONS})
        logged = " ".join((build.stdout + build.stderr).split())
        assert "content/pages/empty-faq.md: FAQ section '## Nothing asked {.faq}' has no questions" in logged


# --- The KAP page's FAQ (the real content) ---------------------------------------

def test_kap_faq_has_its_ten_questions_each_with_a_unique_id(site):
    shown = shown_questions(site.soup(KAP_PAGE))
    assert len(shown) == 10
    ids = [answer_id for answer_id, _q, _a in shown]
    assert len(set(ids)) == 10 and all(ids)
    source = (site.content / KAP_SOURCE).read_text(encoding="utf-8")
    headings = re.findall(r"^### (.+)$", source.split("{.faq}", 1)[1], re.M)
    assert len(headings) == 10, "the KAP source no longer has ten '### ' questions"


def test_kap_faq_jsonld_equals_the_visible_questions_and_answers(site):
    soup = site.soup(KAP_PAGE)
    entities = faq_page(soup)["mainEntity"]
    assert [(e["name"], e["acceptedAnswer"]["text"]) for e in entities] == [
        (q, a) for _id, q, a in shown_questions(soup)]


# --- In the browser ------------------------------------------------------------------

@pytest.mark.browser
def test_opening_a_link_to_an_answer_opens_it_without_javascript(browser, site, site_url):
    answer_id = shown_questions(site.soup(KAP_PAGE))[4][0]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{KAP_PAGE.removesuffix('index.html')}#{answer_id}")
        details = page.locator(f"details:has(#{answer_id})")
        assert details.get_attribute("open") is not None
        assert page.locator(f"#{answer_id}").is_visible()
        assert page.locator("details[open]").count() == 1
    finally:
        context.close()


@pytest.mark.browser
def test_changing_the_address_fragment_opens_that_answer(page, site, site_url):
    first, second = [answer_id for answer_id, _q, _a in shown_questions(site.soup(KAP_PAGE))][:2]
    page.goto(f"{site_url}/{KAP_PAGE.removesuffix('index.html')}#{first}")
    page.evaluate(f"window.location.hash = '#{second}'")
    page.wait_for_function(
        f"document.getElementById('{second}').closest('details').open === true", timeout=5000)
    assert page.locator(f"#{second}").is_visible()


@pytest.mark.browser
def test_a_closed_question_opens_when_its_summary_is_activated_by_keyboard(page, site, site_url):
    answer_id = shown_questions(site.soup(KAP_PAGE))[0][0]
    page.goto(f"{site_url}/{KAP_PAGE.removesuffix('index.html')}")
    summary = page.locator(f"details:has(#{answer_id}) > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"#{answer_id}").is_visible()


def test_outside_strict_builds_the_faq_error_still_names_the_file(tmp_path):
    build = build_site(tmp_path, strict=False, files={"pages/empty-faq.md": NO_QUESTIONS})
    assert not build.ok, "a development build names the mistake and fails, after writing the pages"
    logged = " ".join((build.stdout + build.stderr).split())
    assert "content/pages/empty-faq.md: FAQ section '## Nothing asked {.faq}' has no questions" in logged
    assert build.exists("empty-faq/index.html")
    assert build.exists("index.html")


@pytest.mark.browser
def test_closed_answers_still_print(page, site, site_url):
    answer_id = shown_questions(site.soup(KAP_PAGE))[1][0]
    page.goto(f"{site_url}/{KAP_PAGE.removesuffix('index.html')}")
    assert not page.locator(f"#{answer_id}").is_visible(), "closed on screen"
    page.emulate_media(media="print")
    assert page.locator(f"#{answer_id}").is_visible(), "shown on paper"


# --- The transform itself, in process ---------------------------------------------------
# The builds above show it on real pages; these pin its rules on HTML alone.

# As Markdown renders it: one element a line.
FAQ_HTML = "\n".join([
    '<h2 id="do-it-now">Do it now</h2>', "<p>Not the FAQ.</p>",
    '<h2 class="faq">Common questions</h2>', "<p>Intro.</p>",
    "<h3>Do it now</h3>", "<p>Yes &amp; now.</p>", "<h4>Detail</h4>", "<p>More.</p>",
    "<h3>Do it now</h3>", "<p>Again.</p>",
    "<h2>After</h2>", "<p>Outside.</p>",
])


def test_transform_makes_one_widget_per_question_and_keeps_the_introduction_outside_them():
    html, (section,) = transform(FAQ_HTML)
    soup = BeautifulSoup(html, "html.parser")
    wrapper = soup.select_one("section.faq")
    assert wrapper["aria-labelledby"] == wrapper.h2["id"] == "common-questions"
    assert [visible_text(d.summary) for d in wrapper.select("details.faq-item")] == ["Do it now", "Do it now"]
    assert wrapper.find("p").get_text() == "Intro."
    assert section.heading == "Common questions"
    assert [(q.question, q.answer) for q in section.questions] == [
        ("Do it now", "Yes & now. Detail More."), ("Do it now", "Again.")]


def test_transform_gives_each_answer_an_id_unused_anywhere_on_the_page():
    _html, (section,) = transform(FAQ_HTML)
    assert [q.id for q in section.questions] == ["do-it-now-2", "do-it-now-3"]


def test_transform_ends_the_section_at_the_next_heading_of_its_level():
    html, _ = transform(FAQ_HTML)
    soup = BeautifulSoup(html, "html.parser")
    assert "Outside." not in soup.select_one("section.faq").get_text()
    assert soup.find("h2", string="After").find_parent("section") is None


def test_transform_puts_the_permalink_after_the_answer_naming_the_question():
    html, _ = transform(FAQ_HTML)
    first = BeautifulSoup(html, "html.parser").select_one("details.faq-item")
    link = first.select_one("p.faq-permalink a")
    assert link["href"] == "#do-it-now-2"
    assert visible_text(link) == "Link to this answer: Do it now"
    assert first.select_one(".faq-answer").find("a") is None


def test_html_without_an_faq_heading_is_returned_unchanged():
    html = "<h2>Plain</h2><p>Text &amp; more.</p>"
    assert transform(html) == (html, [])


@pytest.mark.parametrize("html,words", [
    ('<h2 class="faq">Empty</h2><p>No questions.</p>', "## Empty {.faq}"),
    ('<h2 class="faq">Half</h2><h3>Unanswered?</h3>', "Unanswered?"),
])
def test_transform_refuses_a_section_without_questions_or_a_question_without_an_answer(html, words):
    with pytest.raises(FaqError) as raised:
        transform(html)
    assert words in str(raised.value)
