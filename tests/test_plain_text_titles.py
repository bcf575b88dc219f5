"""Titles, summaries, subjects and previews are text: HTML in them shows as written, escaped once.

One build holds an article, a page and a newsletter issue whose every text
field mixes a tag, an ampersand, quotes and a character reference; each place
the words appear (headings, lists, <title>, feeds, JSON-LD, the email) must
show the same text, with no tag made and nothing escaped twice.
"""

import json
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup, escape
from pelican.settings import read_settings

from sitebuild import ROOT, build_site
from synergy.plain_text import Text, as_paragraph, as_text, holds_markup
from synergy_plain_text import fields

SITENAME = "Synergy Integrative Health & Wellness"
TITLE = """<b>bold</b> Tom & Jerry's "Caf&eacute;\""""
TEXT = """<b>bold</b> Tom & Jerry's "Café\""""
SUMMARY = "<i>tilted</i> &amp; <script>alert(1)</script> done"
SUMMARY_TEXT = "<i>tilted</i> & <script>alert(1)</script> done"
SUBJECT = "Subject <em>now</em> & then"
PREVIEW = '<meta http-equiv="refresh" content="0;url=https://evil.example/"> preview'
PREVIEW_TEXT = '<meta http-equiv="refresh" content="0;url=https://evil.example/"> preview'

FILES = {
    "blog/markup-title.md": (f"Title: {TITLE}\nSlug: markup-title\nDate: 2026-01-05\nCategory: Wellness\n"
                             f"Tags: sleep, self-care, mental health\nSummary: {SUMMARY}\n\nBody text.\n"),
    "pages/markup-page.md": f"Title: {TITLE}\nSlug: markup-page\nSummary: {SUMMARY}\n\nPage text.\n",
    "newsletter/2026-01-markup.md": (f"Title: {TITLE}\nDate: 2026-01-05 09:00\nSlug: 2026-01-markup\n"
                                     f"Status: published\nSubject: {SUBJECT}\nPreview: {PREVIEW}\n"
                                     f"Summary: {SUMMARY}\n\nHello.\n"),
}


# --- the text itself ------------------------------------------------------------------------

@pytest.mark.parametrize("written, text, html", [
    ("Caf&eacute;", "Café", "Café"),
    ("Tom & Jerry", "Tom & Jerry", "Tom &amp; Jerry"),
    ("Tom &amp; Jerry", "Tom & Jerry", "Tom &amp; Jerry"),
    ("<b>bold</b>", "<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
    ('He said "yes"', 'He said "yes"', "He said &#34;yes&#34;"),
    (["two", "lines"], "two lines", "two lines"),
])
def test_a_value_is_its_text_and_escapes_itself_once(written, text, html):
    value = as_text(written)
    assert isinstance(value, Text) and str(value) == text
    assert escape(value) == Markup(html) and Markup(value) == Markup(html)
    assert escape(escape(value)) == Markup(html)
    assert Markup(value).striptags() == text


def test_a_summary_is_a_paragraph_of_its_text():
    assert as_paragraph(SUMMARY) == Markup("<p>&lt;i&gt;tilted&lt;/i&gt; &amp; &lt;script&gt;alert(1)"
                                           "&lt;/script&gt; done</p>")


def test_a_markdown_summary_keeps_its_typography_and_shows_its_html_as_text():
    fields.check_settings(SimpleNamespace(settings=read_settings(str(ROOT / "pelicanconf.py"))))
    written = 'A *calm* "guide" to <b>sleep</b> & Caf&eacute;'
    assert fields.summary_html(written, "content/blog/x.md") == Markup(
        "<p>A <em>calm</em> &ldquo;guide&rdquo; to &lt;b&gt;sleep&lt;/b&gt; &amp; Café</p>")
    assert fields.summary_html(written, "content/newsletter/x.html") == Markup(
        '<p>A *calm* &#34;guide&#34; to &lt;b&gt;sleep&lt;/b&gt; &amp; Café</p>')


@pytest.mark.parametrize("value, found", [
    ("<b>bold</b>", True), ("x <br/> y", True), ("<!-- note -->", True), ("a < b and c > d", False),
    ("Tom & Jerry", False), ("Caf&eacute;", False), (["one", "<i>two</i>"], True),
])
def test_markup_is_recognised_by_its_tags(value, found):
    assert holds_markup(value) is found


# --- the built site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def build(tmp_path_factory):
    built = build_site(tmp_path_factory.mktemp("plain-text"), files=FILES, strict=False)
    assert built.ok, built.stderr
    return built


PAGES = {
    "article": ("blog/markup-title/index.html", f"{TEXT} · {SITENAME}"),
    "page": ("markup-page/index.html", f"{TEXT} · {SITENAME}"),
    "issue": ("newsletter/2026-01-markup/index.html", f"{TEXT} · Newsletter · {SITENAME}"),
}


@pytest.mark.parametrize("kind", PAGES)
def test_the_heading_shows_the_title_as_text(build, kind):
    heading = build.soup(PAGES[kind][0]).find("h1")
    assert heading.get_text() == TEXT and heading.find("b") is None


@pytest.mark.parametrize("kind", PAGES)
def test_title_and_open_graph_title_show_the_same_text(build, kind):
    soup = build.soup(PAGES[kind][0])
    assert soup.title.string == PAGES[kind][1]
    assert soup.find("meta", property="og:title")["content"] == PAGES[kind][1]


@pytest.mark.parametrize("kind", PAGES)
def test_the_description_shows_the_summary_as_text(build, kind):
    soup = build.soup(PAGES[kind][0])
    assert soup.find("meta", attrs={"name": "description"})["content"] == SUMMARY_TEXT


@pytest.mark.parametrize("listing", ["blog/index.html", "blog/archive/index.html", "blog/tag/sleep/index.html",
                                     "blog/category/wellness/index.html", "newsletter/index.html"])
def test_lists_show_the_title_and_summary_as_text(build, listing):
    soup = build.soup(listing)
    link = soup.find("a", href=lambda h: h and ("markup-title" in h or "2026-01-markup" in h),
                     string=lambda s: s and "bold" in s)
    assert link is not None and link.get_text() == TEXT and link.find("b") is None
    for summary in soup.select(".summary"):
        assert summary.find(["i", "script"]) is None
    if soup.select(".summary"):
        assert SUMMARY_TEXT in [s.get_text(strip=True) for s in soup.select(".summary")]


def test_neighbouring_posts_name_it_as_text(build):
    links = [a for page in build.output.glob("blog/*/index.html")
             for a in BeautifulSoup(page.read_text(), "html.parser").select(".post-neighbor")
             if "markup-title" in a["href"]]
    assert links and all(a.get_text().endswith(TEXT) and a.find("b") is None for a in links)


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "newsletter/feed.atom.xml"])
def test_feeds_carry_the_title_and_summary_as_text(build, feed):
    entries = ElementTree.fromstring(build.text(feed)).iter(f"{ATOM}entry")
    entry = next(e for e in entries if "markup" in e.find(f"{ATOM}link").get("href"))
    assert entry.find(f"{ATOM}title").text == TEXT
    summary = BeautifulSoup(entry.find(f"{ATOM}summary").text, "html.parser")
    assert summary.get_text() == SUMMARY_TEXT and summary.find(["i", "script"]) is None


def test_json_ld_carries_the_title_and_summary_as_text(build):
    soup = build.soup(PAGES["article"][0])
    items = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    posting = next(i for item in items for i in item.get("@graph", [item]) if i.get("@type") == "BlogPosting")
    assert posting["headline"] == TEXT and posting["description"] == SUMMARY_TEXT


def test_the_email_shows_subject_title_and_preview_as_text(build):
    soup = build.soup("email-preview/2026-01-markup/email.html")
    assert soup.title.string == "Subject <em>now</em> & then"
    assert soup.find("h1").get_text() == TEXT and soup.find("h1").find("b") is None
    assert soup.select_one(".preheader").get_text().startswith(PREVIEW_TEXT)
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert TEXT in build.text("email-preview/2026-01-markup/email.txt")


def test_no_page_anywhere_makes_a_tag_of_a_title_summary_subject_or_preview(build):
    pages = list(build.output.rglob("*.html"))
    shown = 0
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("b", string="bold") is None, path
        assert soup.find("i", string="tilted") is None, path
        assert soup.find("script", string="alert(1)") is None, path
        assert soup.find("em", string="now") is None, path
        shown += TEXT in soup.get_text()
    assert shown >= 10  # the article, page and issue, their lists, neighbours, related posts, email


def test_the_preview_text_never_becomes_markup_in_the_archive(build):
    for page in ("newsletter/index.html", "newsletter/2026-01-markup/index.html"):
        assert build.soup(page).find("meta", attrs={"http-equiv": "refresh"}) is None


def test_no_page_escapes_anything_twice(build):
    pages = [p for p in build.output.rglob("*.html") if "bold" in p.read_text(encoding="utf-8")]
    assert len(pages) > 8
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for twice in ("&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;eacute;", "&amp;#34;", "&amp;#39;", "&amp;quot;"):
            assert twice not in text, (path, twice)


def test_a_strict_build_names_each_file_and_field_holding_html(tmp_path):
    built = build_site(tmp_path, files={"blog/markup-title.md": FILES["blog/markup-title.md"]})
    assert built.returncode == 1
    advice = ("holds HTML, which is shown as text, tags and all "
              "-- write it as plain words (emphasis belongs in the body)")
    assert built.stderr.strip().splitlines() == [
        f"content/blog/markup-title.md: title: '{TITLE}' {advice}",
        f"content/blog/markup-title.md: summary: '{SUMMARY}' {advice}",
        "Build failed: 2 problems to fix (see EDITING.md).",
    ]
