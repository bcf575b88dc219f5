"""The built site: every page exists and carries the parts every page must carry."""

import re
import xml.etree.ElementTree as ET

import pytest
from pelican.settings import read_settings

from sitebuild import ROOT, build_site

KAP_PAGE = "ketamine-assisted-psychotherapy/index.html"
LICENSURE = ("Licensed to work with clients throughout the state of Illinois – "
             "Virtual telehealth appointments available")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

PAGES = [
    "index.html",                                            # home
    KAP_PAGE,
    "about/index.html",
    "contact/index.html",
    "blog/index.html",                                       # blog index
    "blog/what-is-ketamine-assisted-psychotherapy/index.html",  # an article
    "blog/tags/index.html",
    "blog/tag/ketamine/index.html",
    "blog/categories/index.html",
    "blog/category/ketamine-therapy/index.html",
    "blog/archive/index.html",
    "404.html",
]
FILES = ["feeds/all.atom.xml", "sitemap.xml", "robots.txt", "favicon.svg", "theme/css/site.css"]

PUBLISHED = "Title: {title}\nDate: 2026-0{month}-0{day}\nCategory: Wellness\nTags: padding\nSummary: s.\n\nText.\n"
DRAFT = ("Title: A draft never shown\nSlug: a-draft-never-shown\nDate: 2026-01-02\n"
         "Status: draft\nCategory: Wellness\nSummary: s.\n\nNot finished.\n")
FUTURE = ("Title: A post from the future\nSlug: a-post-from-the-future\nDate: 2099-01-01\n"
          "Category: Wellness\nSummary: s.\n\nNot yet.\n")
DRAFT_PAGE = "Title: A draft page\nSlug: a-draft-page\nStatus: draft\nSummary: s.\n\nNot finished.\n"


def words(tag):
    return " ".join(tag.get_text().split())


def site_pages(build):
    """Every HTML page of the site; an email's preview is not a page of the site."""
    return [p.relative_to(build.output).as_posix() for p in build.html_files()
            if not p.relative_to(build.output).as_posix().startswith("email-preview/")]


def own_path(rel):
    return "/" + re.sub(r"(^|/)index\.html$", r"\1", rel)


def source_metadata(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {k.strip().lower(): v.strip() for k, v in
            (line.split(":", 1) for line in head.splitlines() if ":" in line)}


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """The site plus a draft, a future-dated post, a draft page, and enough posts to paginate."""
    files = {f"blog/padding-{n}.md": PUBLISHED.format(title=f"Padding post {n}", month=1, day=n)
             for n in range(1, 4)}
    files.update({"blog/a-draft-never-shown.md": DRAFT,
                  "blog/a-post-from-the-future.md": FUTURE,
                  "pages/a-draft-page.md": DRAFT_PAGE})
    build = build_site(tmp_path_factory.mktemp("pages"), files=files)
    assert build.ok, build.stderr
    return build


# --- Every page exists -----------------------------------------------------------

@pytest.mark.parametrize("rel", PAGES)
def test_the_page_exists_with_one_main_heading(site, rel):
    assert site.exists(rel), f"{rel} was not built"
    soup = site.soup(rel)
    assert len(soup.find_all("h1")) == 1, f"{rel}: expected exactly one h1"
    assert soup.find("main", id="main") is not None


@pytest.mark.parametrize("rel", FILES)
def test_the_site_file_exists(site, rel):
    assert site.exists(rel) and site.path(rel).stat().st_size > 0


# --- On every page --------------------------------------------------------------------

def test_the_licensure_banner_is_at_the_top_of_every_page(site, settings):
    """The full notice, and the same in a few words for the one-line banner on a phone."""
    for rel in site_pages(site):
        banner = site.soup(rel).select_one("body > .banner")
        assert banner is not None, rel
        assert words(banner.select_one(".banner-full")) == LICENSURE, rel
        assert words(banner.select_one(".banner-short")) == settings["LICENSURE_NOTICE_SHORT"], rel
    assert "Illinois" in settings["LICENSURE_NOTICE_SHORT"]
    assert "Telehealth" in settings["LICENSURE_NOTICE_SHORT"]


def test_the_988_crisis_line_is_in_the_footer_of_every_page(site):
    for rel in site_pages(site):
        soup = site.soup(rel)
        crisis = soup.select_one("footer .crisis")
        assert crisis is not None, rel
        text = words(crisis)
        assert "call or text 988" in text and "988lifeline.org" in text, rel
        assert "Press 3" not in soup.get_text(), f"{rel}: the retired 'Press 3' option"
        hrefs = {a["href"] for a in crisis.find_all("a")}
        assert {"tel:988", "sms:988", "https://988lifeline.org/chat/"} <= hrefs, rel


def test_every_page_starts_with_a_skip_link_to_the_main_content(site):
    for rel in site_pages(site):
        first = site.soup(rel).body.find("a")
        assert first.get("href") == "#main" and "Skip" in words(first), rel


def test_every_page_offers_book_online_in_its_header(site, settings):
    for rel in site_pages(site):
        link = site.soup(rel).select_one("header.site-header a.button")
        assert link is not None and words(link) == "Book online", rel
        assert link["href"] == settings["PRACTICE"]["booking_url"], rel


def test_every_page_has_a_canonical_url_pointing_at_itself(site):
    for rel in site_pages(site):
        canonical = site.soup(rel).find_all("link", rel="canonical")
        assert len(canonical) == 1, rel
        assert canonical[0]["href"] == own_path(rel), rel


def test_every_page_has_open_graph_tags_matching_the_page(site):
    for rel in site_pages(site):
        soup = site.soup(rel)
        og = {m["property"]: m.get("content", "") for m in soup.find_all("meta", property=True)}
        for name in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert og.get(name, "").strip(), f"{rel}: {name} missing or empty"
        assert og["og:title"] == words(soup.title), rel
        assert og["og:url"] == soup.find("link", rel="canonical")["href"], rel


def test_articles_are_open_graph_articles_with_date_section_and_tags(site):
    soup = site.soup("blog/what-is-ketamine-assisted-psychotherapy/index.html")
    assert soup.find("meta", property="og:type")["content"] == "article"
    published = soup.find("meta", property="article:published_time")["content"]
    assert published == soup.select_one("article header time")["datetime"]
    assert soup.find("meta", property="article:section")["content"] == "Ketamine therapy"
    tags = [m["content"] for m in soup.find_all("meta", property="article:tag")]
    assert "ketamine" in tags


def test_a_page_describes_itself_not_the_whole_site(site, settings):
    soup = site.soup(KAP_PAGE)
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == source_metadata(
        site.content / "pages/ketamine-assisted-psychotherapy.md")["summary"]
    assert description != settings["SITE_DESCRIPTION"]


def test_the_navigation_marks_the_current_page_and_section(site):
    kap = site.soup(KAP_PAGE).select_one("nav.site-nav a[aria-current]")
    assert words(kap) == "Ketamine therapy" and kap["aria-current"] == "page"
    blog = site.soup("blog/index.html").select_one("nav.site-nav a[aria-current]")
    assert words(blog) == "Blog" and blog["aria-current"] == "page"
    article = site.soup("blog/sleep-hygiene-basics/index.html")
    current = article.select("nav.site-nav a[aria-current]")
    assert [(words(a), a["aria-current"]) for a in current] == [("Blog", "true")]


def test_the_blog_feed_is_announced_in_the_head(site):
    link = site.soup("blog/index.html").find("link", type="application/atom+xml")
    assert link is not None and link["href"].endswith("/feeds/all.atom.xml")


# --- Home page -----------------------------------------------------------------------

def test_the_home_page_introduces_the_practice_with_booking_and_email_calls_to_action(site, settings):
    hero = site.soup("index.html").select_one(".hero")
    hrefs = [a["href"] for a in hero.select("a.button")]
    assert settings["PRACTICE"]["booking_url"] in hrefs
    assert f"mailto:{settings['PRACTICE']['email']}" in hrefs


def test_the_home_page_has_a_card_for_ketamine_therapy_and_one_for_the_toolkit(site):
    cards = site.soup("index.html").select(".cards .card")
    links = [a["href"] for card in cards for a in card.find_all("a")]
    assert "/ketamine-assisted-psychotherapy/" in links
    assert "/toolkit/" in links


def test_the_home_page_ends_with_a_booking_call_to_action(site, settings):
    band = site.soup("index.html").select_one(".cta-band")
    assert settings["PRACTICE"]["booking_url"] in [a["href"] for a in band.find_all("a")]


# --- Health content -----------------------------------------------------------------

def test_health_content_carries_the_not_medical_advice_note(site):
    checked = 0
    for source in sorted([*site.content.glob("blog/*.md"), *site.content.glob("pages/*.md")]):
        meta = source_metadata(source)
        if meta.get("clinical", "").lower() != "yes" and not meta.get("reviewer"):
            continue
        if meta.get("status") in ("draft", "hidden"):
            continue
        folder = "blog/" if source.parent.name == "blog" else ""
        rel = meta.get("save_as") or f"{folder}{meta.get('slug') or source.stem}/index.html"
        checked += 1
        note = site.soup(rel).select_one("main .medical-note")
        assert note is not None and "not medical advice" in words(note).lower(), rel
    assert checked >= 2, "expected the KAP page and clinical articles"


def test_pages_that_are_not_health_content_carry_no_medical_note(site):
    for rel in ("contact/index.html", "blog/index.html", "index.html"):
        assert site.soup(rel).select_one(".medical-note") is None, rel


# --- 404 -----------------------------------------------------------------------------

def test_the_404_page_helps_the_reader_on_and_is_not_indexed(site):
    soup = site.soup("404.html")
    assert words(soup.h1) == "Page not found"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.select_one("main a[href='/']") is not None
    # Served for any missing URL, so its own links must not be relative.
    for tag, attr in (("link", "href"), ("script", "src"), ("a", "href")):
        for element in soup.find_all(tag, attrs={attr: True}):
            value = element[attr]
            assert not re.match(r"^(?![a-z]+:|/|#)", value), f"relative {tag} {value}"


# --- Sitemap and feed --------------------------------------------------------------

def test_the_sitemap_lists_the_pages_and_articles(site):
    locs = {e.text for e in ET.parse(site.path("sitemap.xml")).iter(f"{SITEMAP}loc")}
    for rel in ("index.html", KAP_PAGE, "about/index.html", "contact/index.html",
                "blog/index.html", "blog/what-is-ketamine-assisted-psychotherapy/index.html"):
        assert own_path(rel) in locs, rel


def test_the_sitemap_leaves_out_tag_category_and_error_pages(site):
    locs = {e.text for e in ET.parse(site.path("sitemap.xml")).iter(f"{SITEMAP}loc")}
    unwanted = [loc for loc in locs
                if re.search(r"/blog/(tag|category)/|404|/email-preview/|/drafts/", loc)]
    assert not unwanted


def test_the_atom_feed_lists_every_article(site):
    feed = ET.parse(site.path("feeds/all.atom.xml")).getroot()
    links = {e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")}
    articles = [p for p in site.html_files()
                if re.match(r"blog/[^/]+/index\.html$", p.relative_to(site.output).as_posix())
                and site.soup(p.relative_to(site.output)).find("article") is not None
                and not p.relative_to(site.output).as_posix().startswith(("blog/tag", "blog/categ", "blog/archive"))]
    assert articles
    for article in articles:
        path = own_path(article.relative_to(site.output).as_posix())
        assert any(link.endswith(path) for link in links), path


# --- Drafts and future posts ---------------------------------------------------------

@pytest.mark.parametrize("slug", ["a-draft-never-shown", "a-post-from-the-future", "a-draft-page"])
def test_drafts_and_future_posts_are_not_published(variant, slug):
    assert not [p for p in variant.output.rglob("*") if slug in p.as_posix()]
    for rel in site_pages(variant):
        assert slug not in variant.text(rel), f"{rel} links to {slug}"


@pytest.mark.parametrize("slug", ["a-draft-never-shown", "a-post-from-the-future", "a-draft-page"])
def test_drafts_and_future_posts_are_not_in_the_sitemap_or_feeds(variant, slug):
    for rel in ["sitemap.xml", *[p.relative_to(variant.output).as_posix()
                                 for p in variant.output.rglob("*.xml")]]:
        assert slug not in variant.text(rel), rel


def test_a_long_blog_list_is_paginated_with_its_own_canonical_url(variant):
    assert variant.exists("blog/page/2/index.html")
    soup = variant.soup("blog/page/2/index.html")
    assert soup.find("link", rel="canonical")["href"] == "/blog/page/2/"
    assert soup.select_one(".pagination a[rel=prev]")["href"] == "/blog/"
    assert variant.soup("blog/index.html").select_one(".pagination a[rel=next]")["href"] == "/blog/page/2/"


# --- In the browser -----------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "ketamine-assisted-psychotherapy/", "blog/"])
def test_controls_are_at_least_44_pixels_tall_on_a_phone(browser, site_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{path}")
        # Links inside a sentence are exempt (WCAG 2.5.8); these stand on their own.
        selectors = ("header.site-header a, nav a, .button, footer a, summary, .faq-permalink a, "
                     ".pagination a, .read-more")
        small = page.evaluate(f"""() => [...document.querySelectorAll({selectors!r})]
            .filter(e => e.getClientRects().length)
            .map(e => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)""")
        assert not small, f"targets under 44px: {small}"
    finally:
        context.close()


@pytest.mark.browser
def test_the_keyboard_focus_ring_is_visible(page, site_url):
    page.goto(f"{site_url}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return [e.getAttribute('href'), s.outlineStyle, parseFloat(s.outlineWidth)];
    }""")
    assert focused[0] == "#main", "the skip link is the first stop"
    assert focused[1] != "none" and focused[2] >= 2


@pytest.mark.browser
def test_the_kap_page_reads_in_full_without_javascript(browser, site, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/ketamine-assisted-psychotherapy/")
        text = page.inner_text("main")
        assert "off-label" in text and "Who it may not be right for" in text
        assert page.locator("footer .crisis").is_visible()
    finally:
        context.close()
