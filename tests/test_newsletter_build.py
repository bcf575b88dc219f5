"""The build side of the newsletter: web copies, archive, feed, and each issue's email."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, build_site
from synergy_newsletter.email_render import relative_urls

SAMPLES = ["2026-10-welcome", "2026-11-november"]
LIVE = "https://www.synergyintegrativehealth.com"
ATOM = "{http://www.w3.org/2005/Atom}"
ISSUE = "Title: {title}\nDate: {date}\nSlug: {slug}\nStatus: {status}\nSummary: s\n\n{body}\n"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The real content built with the live settings, plus a draft and a future issue."""
    folder = tmp_path_factory.mktemp("newsletter-live")
    build = build_site(folder, settings="publishconf.py", files={
        "newsletter/draft.md": ISSUE.format(title="Draft", date="2026-11-20", slug="a-draft",
                                            status="draft", body="Not yet."),
        "newsletter/future.md": ISSUE.format(title="Future", date="2099-01-01",
                                             slug="from-the-future", status="published",
                                             body="Not yet."),
    })
    assert build.ok, build.stderr
    return build


def email(build, slug):
    return build.text(f"email-preview/{slug}/email.html")


def feed_links(build, path):
    root = ElementTree.fromstring(build.text(path))
    return [link.get("href")
            for entry in root.iter(f"{ATOM}entry") for link in entry.iter(f"{ATOM}link")]


# --- the email ------------------------------------------------------------------------

@pytest.mark.parametrize("slug", SAMPLES)
def test_the_email_is_under_gmails_clipping_size(published, slug):
    assert len(email(published, slug).encode("utf-8")) < 102 * 1024


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_email_css_is_inlined_and_only_media_queries_stay_in_style(published, slug):
    soup = BeautifulSoup(email(published, slug), "html.parser")
    for style in soup.find_all("style"):
        css = re.sub(r"/\*.*?\*/", "", style.text, flags=re.S)
        outside = _outside_media_blocks(css)
        assert outside.strip() == "", f"rules left outside @media: {outside[:200]}"
    assert "background-color" in soup.body.get("style", "")
    assert "color" in soup.select_one("td.content").get("style", "")


def _outside_media_blocks(css):
    out, depth, i = [], 0, 0
    while i < len(css):
        if depth == 0 and css.startswith("@media", i):
            depth_start = css.index("{", i)
            depth, i = 1, depth_start + 1
            continue
        if depth:
            depth += {"{": 1, "}": -1}.get(css[i], 0)
        else:
            out.append(css[i])
        i += 1
    return "".join(out)


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_email_declares_its_charset_within_the_first_1024_bytes(published, slug):
    start = email(published, slug).encode("utf-8")[:1024].decode("utf-8", "ignore")
    assert '<meta charset="utf-8"' in start


@pytest.mark.parametrize("slug", SAMPLES)
def test_every_link_and_image_in_the_email_is_absolute(published, slug):
    html = email(published, slug)
    assert relative_urls(html) == []
    soup = BeautifulSoup(html, "html.parser")
    web_copy = soup.find("a", string="View this email in your browser")["href"]
    assert web_copy == f"{LIVE}/newsletter/{slug}/"


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_email_carries_the_unsubscribe_and_address_merge_tags_and_the_988_line(published, slug):
    html = email(published, slug)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a", href="*|UNSUB|*") is not None
    assert "*|LIST:ADDRESS|*" in html
    assert soup.find("a", href="tel:988") is not None and "988" in soup.select_one(".crisis").text


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_email_has_a_hidden_preheader_and_dark_mode_support(published, slug):
    soup = BeautifulSoup(email(published, slug), "html.parser")
    preheader = soup.select_one(".preheader")
    assert "display: none" in preheader["style"] and preheader.text.strip()
    assert soup.find("meta", attrs={"name": "color-scheme"})["content"] == "light dark"
    assert "prefers-color-scheme: dark" in soup.find("style").text
    assert soup.select_one("table.container")["width"] == "600"


@pytest.mark.parametrize("slug", SAMPLES)
def test_the_email_has_a_readable_plain_text_part(published, slug):
    text = published.text(f"email-preview/{slug}/email.txt")
    assert "<" not in text.replace("<http", "")
    assert "Unsubscribe (*|UNSUB|*)" in text and "*|LIST:ADDRESS|*" in text
    assert "988" in text
    assert max(len(line) for line in text.splitlines() if "http" not in line) <= 72
    assert f"{LIVE}/newsletter/{slug}/" in text


def test_the_welcome_issue_introduces_the_toolkit_with_a_full_link(published):
    soup = BeautifulSoup(email(published, "2026-10-welcome"), "html.parser")
    assert soup.find("a", href=f"{LIVE}/toolkit/") is not None
    assert soup.find("a", href=f"{LIVE}/blog/stress-reduction-in-five-minutes/") is not None


def test_the_monthly_issue_lists_the_posts_since_the_previous_issue(published):
    soup = BeautifulSoup(email(published, "2026-11-november"), "html.parser")
    listed = [a["href"] for a in soup.select(".post-title a")]
    assert listed == [f"{LIVE}/blog/questions-to-ask-before-ketamine-treatment/",
                      f"{LIVE}/blog/what-integration-means-after-a-ketamine-session/"]
    page = published.soup("newsletter/2026-11-november/index.html")
    assert len(page.select(".newsletter-recent .post-card")) == 2


def test_the_email_preview_is_never_indexed(published):
    for slug in SAMPLES:
        soup = BeautifulSoup(email(published, slug), "html.parser")
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
        assert soup.find(attrs={"data-pagefind-body": True}) is None


def test_the_email_preview_is_not_linked_from_any_page_nor_in_the_sitemap(published):
    for page in published.html_files():
        if "email-preview" in page.parts:
            continue
        assert "email-preview" not in page.read_text(encoding="utf-8"), page
    assert "email-preview" not in published.text("sitemap.xml")
    assert f"{LIVE}/newsletter/2026-11-november/" in published.text("sitemap.xml")


def test_a_publish_build_fails_on_an_email_over_102_kb_naming_it(tmp_path):
    long_body = "\n\n".join(f"Paragraph {n}: " + "calm words " * 40 for n in range(400))
    build = build_site(tmp_path, settings="publishconf.py", strict=False, files={
        "newsletter/long.md": ISSUE.format(title="Long", date="2026-11-10", slug="long",
                                           status="published", body=long_body)})
    assert not build.ok
    assert re.search(r"email-preview/long/email\.html is \d+\.\d KB \(\d+ bytes\), over the 102 KB",
                     build.stderr)


def test_a_development_build_warns_once_about_a_large_email(tmp_path):
    long_body = "\n\n".join(f"Paragraph {n}: " + "calm words " * 40 for n in range(400))
    build = build_site(tmp_path, strict=False, files={
        "newsletter/long.md": ISSUE.format(title="Long", date="2026-11-10", slug="long",
                                           status="published", body=long_body)})
    assert build.ok, build.stderr
    output = build.stdout + build.stderr
    assert len(re.findall(r"email-preview/long/email\.html is", output)) == 1


# --- the web archive -------------------------------------------------------------------

def test_issues_have_their_web_copy_archive_and_feed(published):
    index = published.soup("newsletter/index.html")
    listed = [a["href"] for a in index.select(".post-card h2 a")]
    assert listed == [f"{LIVE}/newsletter/2026-11-november/", f"{LIVE}/newsletter/2026-10-welcome/"]
    for slug in SAMPLES:
        assert published.soup(f"newsletter/{slug}/index.html").h1 is not None
    assert sorted(feed_links(published, "newsletter/feed.atom.xml")) == sorted(
        f"{LIVE}/newsletter/{slug}/" for slug in SAMPLES)


def test_issues_are_not_blog_articles(published):
    pages = [published.path("blog/index.html"), published.path("feeds/all.atom.xml")]
    pages += list(published.output.glob("blog/tag/*/index.html"))
    pages += list(published.output.glob("blog/category/*/index.html"))
    assert len(pages) > 4
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "/newsletter/20" not in text, page
        assert "Welcome, and your Wellness Toolkit" not in text, page


def test_drafts_and_future_issues_are_not_published_anywhere(published):
    for slug in ("a-draft", "from-the-future"):
        assert not published.exists(f"newsletter/{slug}/index.html")
        assert not published.exists(f"email-preview/{slug}")
    everything = "".join(published.text(path) for path in (
        "newsletter/index.html", "newsletter/feed.atom.xml", "sitemap.xml"))
    assert "a-draft" not in everything and "from-the-future" not in everything


def test_a_development_build_previews_a_drafts_email_but_publishes_no_page(tmp_path):
    build = build_site(tmp_path, files={
        "newsletter/draft.md": ISSUE.format(title="Draft", date="2026-11-20", slug="a-draft",
                                            status="draft", body="Not yet.")})
    assert build.ok, build.stderr
    assert build.exists("email-preview/a-draft/email.html")
    assert not build.exists("newsletter/a-draft/index.html")
    assert "a-draft" not in build.text("newsletter/index.html")


def test_an_issue_without_a_slug_fails_the_build_naming_the_file(tmp_path):
    build = build_site(tmp_path, files={
        "newsletter/noslug.md": "Title: No slug\nDate: 2026-11-10\nStatus: published\n\nHello.\n"})
    assert not build.ok
    assert "content/newsletter/noslug.md: slug: missing" in build.stderr


def test_a_newsletter_folder_shared_with_the_blog_stops_the_build_in_one_line(tmp_path):
    build = build_site(tmp_path, overrides={"NEWSLETTER_PATHS": ["blog"]})
    assert not build.ok
    assert "settings: NEWSLETTER_PATHS: 'blog' is also read as blog articles" in build.stderr
    assert "Traceback" not in build.stderr


def test_recent_posts_count_from_the_previous_published_issue_not_a_draft(tmp_path):
    build = build_site(tmp_path, files={
        "newsletter/draft.md": ISSUE.format(title="Draft", date="2026-10-20", slug="a-draft",
                                            status="draft", body="Not sent."),
        "newsletter/2026-11-november.md": (ROOT / "content/newsletter/2026-11-november.md")
        .read_text(encoding="utf-8"),
    })
    assert build.ok, build.stderr
    page = build.soup("newsletter/2026-11-november/index.html")
    assert len(page.select(".newsletter-recent .post-card")) == 2  # both posts after Oct 1
