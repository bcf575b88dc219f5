"""The reader's path through the built pages: answers first, a list of a long page's sections,
a next step after every article and issue, a way on from the 404 page, plain words in the
footer, local illustrations in the palette, and pages light enough for a phone.

How the pages look and where things fall on a screen is checked in a browser
(test_gate_reader_layout.py); this file reads the built HTML.
"""

import re
from pathlib import Path

import pytest
from markupsafe import Markup

from benchmarks.pages import KEY_PAGES, page_weight
from sitebuild import ROOT, build_site
from synergy_sections.outline import headings, outline

KAP_PAGE = "ketamine-assisted-psychotherapy/index.html"
KAP_SOURCE = "pages/ketamine-assisted-psychotherapy.md"
BOOKING = "https://synergyintegrativehealth.janeapp.com/"
IMAGES = ROOT / "theme/static/images"
CSS = ROOT / "theme/static/css/site.css"
NEW_QUESTION = "Can I drive home after a dosing session?"


def words(tag):
    return " ".join(tag.get_text().split())


def source_summary(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return next(line.split(":", 1)[1].strip() for line in head.splitlines()
                if line.lower().startswith("summary:"))


def articles(build):
    return sorted(p.parent.relative_to(build.output).as_posix() + "/index.html"
                  for p in build.output.glob("blog/*/index.html")
                  if p.parent.name not in {"tag", "tags", "category", "categories", "archive", "page"})


def issues(build):
    return sorted(p.parent.relative_to(build.output).as_posix() + "/index.html"
                  for p in build.output.glob("newsletter/*/index.html") if p.parent.name != "page")


# --- Answers first --------------------------------------------------------------------

def test_the_kap_page_opens_with_its_summary(site):
    lead = site.soup(KAP_PAGE).select_one("main .answers-first .lead")
    assert lead is not None
    assert words(lead) == source_summary(site.content / KAP_SOURCE)


def test_the_kap_page_lists_every_question_linking_to_its_answer_in_order(site):
    soup = site.soup(KAP_PAGE)
    links = soup.select("main .answers-first .question-list a")
    answers = soup.select("main details.faq-item")
    assert len(answers) >= 10
    assert [words(a) for a in links] == [words(d.summary) for d in answers]
    assert [a["href"] for a in links] == ["#" + d.select_one(".faq-answer")["id"] for d in answers]


def test_the_answers_stay_where_they_were_with_their_anchors(site):
    soup = site.soup(KAP_PAGE)
    answer = soup.find(id="is-ketamine-legal")
    assert answer is not None and answer.find_parent("details", class_="faq-item") is not None
    assert answer.find_parent(class_="answers-first") is None


def test_the_question_list_comes_before_the_pages_first_section(site):
    in_order = site.soup(KAP_PAGE).find("main").find_all(True)
    questions = next(t for t in in_order if "question-list" in (t.get("class") or []))
    first_section = next(t for t in in_order if t.name == "h2" and t.get("id") == "who-we-can-see")
    assert in_order.index(questions) < in_order.index(first_section)


def test_the_question_list_is_kept_out_of_the_search_index(site):
    block = site.soup(KAP_PAGE).select_one(".answers-first")
    assert block["data-pagefind-ignore"] == "all"


def test_a_page_without_questions_has_no_question_list(site):
    for rel in ("about/index.html", "contact/index.html", "blog/sleep-hygiene-basics/index.html"):
        assert site.soup(rel).select_one(".question-list") is None, rel


@pytest.fixture(scope="module")
def with_new_question(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new-question")
    text = (ROOT / "content" / KAP_SOURCE).read_text(encoding="utf-8")
    marker = "### Is ketamine safe?\n"
    assert marker in text
    text = text.replace(marker, f"### {NEW_QUESTION}\n\nNo. Someone else takes you home.\n\n{marker}")
    build = build_site(folder, files={KAP_SOURCE: text})
    assert build.ok, build.stderr
    return build


def test_a_question_added_in_markdown_joins_the_list_by_itself(with_new_question):
    soup = with_new_question.soup(KAP_PAGE)
    listed = [words(a) for a in soup.select(".question-list a")]
    assert listed[1] == NEW_QUESTION
    href = soup.select(".question-list a")[1]["href"]
    assert soup.find(id=href[1:]).find_parent("details") is not None


# --- On this page ----------------------------------------------------------------------

def test_a_long_page_lists_its_sections_linking_to_their_headings(site):
    soup = site.soup(KAP_PAGE)
    for selector in (".toc-compact", ".toc-rail"):
        toc = soup.select_one(selector)
        assert toc is not None, selector
        links = toc.select("a")
        sections = [h for h in soup.select("main h2[id]")
                    if not h.find_parent(class_=["answers-first", "toc", "next-step", "signup-card", "sources"])]
        assert [a["href"] for a in links] == [f"#{h['id']}" for h in sections]
        assert [words(a) for a in links] == [words(h) for h in sections]


def test_every_bundled_article_has_the_list_and_a_short_page_does_not(site):
    """Each article is over 400 words in three or more sections; the contact page is shorter."""
    for rel in articles(site):
        assert site.soup(rel).select_one(".toc-compact") is not None, rel
    assert site.soup("contact/index.html").select_one(".toc") is None


def test_the_list_holds_no_id_so_search_never_takes_it_for_an_answer(site):
    for toc in site.soup(KAP_PAGE).select(".toc"):
        assert toc["data-pagefind-ignore"] == "all"
        assert not toc.select("details [id]")


LONG = "<p>" + "word " * 600 + "</p>"


def test_the_outline_holds_each_level_two_heading_with_an_id():
    html = (f'<h2 id="one">One &amp; <em>two</em></h2>{LONG}<h3 id="x">Not me</h3>'
            f'<h2 class="faq" id="q">Questions</h2><h2>No id</h2><h2 id="three">Three</h2>')
    assert [(h.id, h.text) for h in outline(html, 500, 3)] == [
        ("one", "One & two"), ("q", "Questions"), ("three", "Three")]


def test_a_short_page_or_one_with_few_sections_has_no_outline():
    three = '<h2 id="a">A</h2><h2 id="b">B</h2><h2 id="c">C</h2>'
    assert outline(three + LONG, 500, 3)
    assert outline(three + "<p>few words</p>", 500, 3) == []
    assert outline('<h2 id="a">A</h2><h2 id="b">B</h2>' + LONG, 500, 3) == []


def test_the_outline_gives_text_not_markup_so_the_template_escapes_it():
    found = headings(Markup('<h2 id="lt">5 &lt; 6 and <b>bold</b></h2>'))
    assert found[0].text == "5 < 6 and bold"


MARKUP_PAGE = ("Title: Markup in headings\nSlug: markup-in-headings\nSummary: s.\n\n"
               + "".join(f"## Part {n} &lt;script&gt;\n\n" + "word " * 200 + "\n\n" for n in range(3)))
FAQ_WITHOUT_SUMMARY = """Title: Questions only
Slug: questions-only
Status: hidden

## Questions {.faq}

### Is 5 < 6 & is "this" <em>safe</em>?

Yes.
"""


@pytest.fixture(scope="module")
def odd_pages(tmp_path_factory):
    """Headings with markup in them, and an FAQ page with no summary."""
    build = build_site(tmp_path_factory.mktemp("odd-pages"), files={
        "pages/markup-in-headings.md": MARKUP_PAGE, "pages/questions-only.md": FAQ_WITHOUT_SUMMARY})
    assert build.ok, build.stderr
    return build


def test_an_outline_heading_with_markup_is_escaped_on_the_page(odd_pages):
    links = odd_pages.soup("markup-in-headings/index.html").select(".toc-compact a")
    assert [words(a) for a in links] == [f"Part {n} <script>" for n in range(3)]
    assert "Part 0 &lt;script&gt;</a>" in odd_pages.text("markup-in-headings/index.html")


def test_a_question_with_markup_is_listed_as_its_words(odd_pages):
    soup = odd_pages.soup("questions-only/index.html")
    link = soup.select_one(".question-list a")
    assert words(link) == words(soup.select_one("details.faq-item summary"))
    assert link.find("em") is None, "the list shows the question's words, not its markup"
    assert soup.find(id=link["href"][1:]) is not None


def test_an_faq_page_without_a_summary_lists_its_questions_without_a_lead(odd_pages):
    block = odd_pages.soup("questions-only/index.html").select_one(".answers-first")
    assert block.select_one(".lead") is None and block.select_one(".question-list a")


# --- A next step after every article and issue ------------------------------------------

@pytest.mark.parametrize("kind", ["article", "issue"])
def test_every_article_and_issue_ends_with_booking_email_and_the_toolkit(site, kind):
    pages = articles(site) if kind == "article" else issues(site)
    assert pages
    for rel in pages:
        soup = site.soup(rel)
        step = soup.select_one("main .next-step")
        assert step is not None, rel
        hrefs = [a["href"] for a in step.select("a[href]")]
        assert BOOKING in hrefs and any(h.startswith("mailto:") for h in hrefs), rel
        card = step.select_one(".toolkit-card, .signup-card")
        assert card is not None and "Wellness Toolkit" in words(card), rel
        # It follows the text itself.
        body = soup.select_one("main [data-pagefind-body]")
        assert body.find_next(class_="next-step") is step, rel


def test_an_articles_toolkit_card_leads_to_the_toolkit_page(site):
    for rel in articles(site):
        card = site.soup(rel).select_one(".next-step .toolkit-card")
        assert "/toolkit/" in [a["href"] for a in card.select("a")], rel


def test_an_issues_next_step_offers_the_newsletter_signup(site):
    for rel in issues(site):
        assert site.soup(rel).select_one(".next-step .signup-card form[data-signup]"), rel


def test_the_next_step_is_not_indexed_as_the_articles_words(site):
    for rel in articles(site) + issues(site):
        assert site.soup(rel).select_one(".next-step")["data-pagefind-ignore"] == "all", rel


# --- The 404 page and the footer ----------------------------------------------------------

def test_the_404_page_has_a_search_box_that_opens_the_search_page(site):
    form = site.soup("404.html").select_one("main form[role=search]")
    assert form is not None
    assert form["action"] == "/search/" and form.get("method", "get").lower() == "get"
    field = form.select_one("input[name=q]")
    label = form.select_one(f"label[for={field['id']}]")
    assert label is not None and words(label)
    assert form.select_one("button[type=submit]") is not None


def test_the_footer_offers_the_feed_in_plain_words(site):
    for rel in ("index.html", "blog/index.html", KAP_PAGE):
        footer = site.soup(rel).select_one("footer.site-footer")
        link = footer.find("a", string="Subscribe by RSS")
        assert link is not None and link["href"].endswith("/feeds/all.atom.xml"), rel
        assert "Atom" not in words(footer), rel


# --- The newsletter issue page ------------------------------------------------------------

def test_no_two_headings_on_an_issue_page_say_the_same_thing(site):
    for rel in issues(site):
        texts = [words(h).lower() for h in site.soup(rel).select("main h2")]
        for i, one in enumerate(texts):
            for other in texts[i + 1:]:
                assert one not in other and other not in one, f"{rel}: {one!r} and {other!r}"


# --- Illustrations ----------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["index.html", "toolkit/index.html", KAP_PAGE])
def test_the_page_shows_a_local_decorative_illustration(site, rel):
    images = site.soup(rel).select("main img.art")
    assert images, rel
    for img in images:
        assert img["alt"] == "", "decorative: screen readers pass over it"
        assert img["src"].startswith("/theme/images/") and img["src"].endswith(".svg")
        assert site.path(img["src"].lstrip("/")).is_file()
        assert img.get("width") and img.get("height"), "its size is reserved before it loads"


def palette():
    root = re.search(r":root\s*\{(.*?)\}", CSS.read_text(encoding="utf-8"), re.S).group(1)
    return {value.lower() for value in re.findall(r"--[\w-]+\s*:\s*(#[0-9a-fA-F]{6})\b", root)}


@pytest.mark.parametrize("svg", sorted(p.name for p in IMAGES.glob("*.svg")))
def test_each_illustration_uses_only_the_palette_and_loads_nothing(svg):
    text = (IMAGES / svg).read_text(encoding="utf-8")
    colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{3,6}\b", text)}
    assert colours and colours <= palette(), f"{svg}: {sorted(colours - palette())} are not palette tokens"
    assert not re.search(r"<image|<script|<text|@import|url\((?!#)|(?:href|src)=\"(?!#)", text), svg
    assert (IMAGES / svg).stat().st_size < 4096, f"{svg} should stay a small drawing"


# --- Weight ---------------------------------------------------------------------------

BUDGET_GZIP = 50 * 1024


@pytest.mark.parametrize("name", sorted(KEY_PAGES))
def test_a_key_page_with_everything_it_loads_stays_within_50_kb_gzipped(site, name):
    weight = page_weight(Path(site.output), KEY_PAGES[name])
    assert weight["gzip"] <= BUDGET_GZIP, f"{name}: {weight['gzip']} B gzip ({weight['by_kind']})"


def test_the_weight_counts_the_illustrations_a_page_shows(site):
    weight = page_weight(Path(site.output), KEY_PAGES["home"])
    assert weight["by_kind"].get("images", {}).get("raw", 0) > 500


# --- The README's pictures ---------------------------------------------------------------

def test_the_readme_shows_a_phone_and_a_laptop_screenshot_kept_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\((docs/screenshots/[^)]+\.png)\)", readme)
    widths = set()
    for rel in shown:
        head = (ROOT / rel).read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", rel
        widths.add(int.from_bytes(head[16:20], "big"))
    assert {375, 1280} <= widths, f"README shows {shown}"
