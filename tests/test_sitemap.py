"""sitemap.xml dates each page by its content, and robots.txt points search engines at it."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from conftest import PUBLISH_SITEURL
from sitebuild import build_site
from synergy.metadata import first, read_fields
from synergy_sitemap.sitemap import robots_with_sitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MODIFIED_PAGE = "Title: Fees\nSlug: fees\nModified: 2026-02-03 10:30\nSummary: s.\n\nOur fees.\n"


def entries(build):
    root = ET.parse(build.path("sitemap.xml")).getroot()
    return {url.find(f"{NS}loc").text: getattr(url.find(f"{NS}lastmod"), "text", None)
            for url in root.iter(f"{NS}url")}


def day(text):
    return datetime.date.fromisoformat(text[:10])


def written_date(path, name="date"):
    field = first(read_fields(path.read_text(encoding="utf-8")), name)
    return field and datetime.date.fromisoformat(field.value[:10])


def test_each_article_is_dated_by_its_own_date(site):
    found = entries(site)
    articles = sorted((site.content / "blog").glob("*.md"))
    assert articles
    for path in articles:
        slug = first(read_fields(path.read_text(encoding="utf-8")), "slug").value
        lastmod = found[f"/blog/{slug}/"]
        assert day(lastmod) == (written_date(path, "modified") or written_date(path)), path.name


def test_a_list_is_dated_by_its_newest_item(site):
    found = entries(site)
    newest_post = max(written_date(p) for p in (site.content / "blog").glob("*.md"))
    newest_issue = max(written_date(p) for p in (site.content / "newsletter").glob("*.md"))
    assert day(found["/blog/"]) == newest_post
    assert day(found["/newsletter/"]) == newest_issue


def test_a_page_without_a_date_carries_no_lastmod_rather_than_the_build_time(site):
    found = entries(site)
    for loc in ("/", "/about/", "/contact/", "/ketamine-assisted-psychotherapy/"):
        assert found[loc] is None, loc


def test_a_page_with_a_modified_date_is_dated_by_it(tmp_path):
    build = build_site(tmp_path, files={"pages/fees.md": MODIFIED_PAGE}, overrides={"SEARCH_INDEX": False})
    assert build.ok, build.stderr
    assert entries(build)["/fees/"].startswith("2026-02-03T10:30:00")


def test_robots_txt_names_the_sitemap_by_its_absolute_url_and_keeps_the_editors_rules(publish_site):
    lines = publish_site.text("robots.txt").splitlines()
    assert lines[-1] == f"Sitemap: {PUBLISH_SITEURL}/sitemap.xml"
    assert "Disallow: /email-preview/" in lines
    assert sum(line.startswith("Sitemap:") for line in lines) == 1
    assert next(iter(entries(publish_site))).startswith(f"{PUBLISH_SITEURL}/")


@pytest.mark.parametrize("given", [
    "User-agent: *\nDisallow: /x/\n",
    "User-agent: *\nDisallow: /x/\nSitemap: /old.xml\n\n",
    "sitemap: http://elsewhere/s.xml\nUser-agent: *\nDisallow: /x/",
])
def test_robots_txt_gets_exactly_one_sitemap_line_ours(given):
    text = robots_with_sitemap(given, "https://example.org/sitemap.xml")
    assert text == "User-agent: *\nDisallow: /x/\n\nSitemap: https://example.org/sitemap.xml\n"
