"""Paginated lists: page N lives in its list's own folder, so no list can overwrite another."""

import pytest

from sitebuild import build_site

# Three posts tagged "tag5" (two pages of two) and one tagged "tag52": with Pelican's
# default patterns page 2 of "tag5" and the page of "tag52" can be the same file.
POSTS = {
    "five-a": ("2001-02-03", "tag5"),
    "five-b": ("2001-02-02", "tag5"),
    "five-c": ("2001-02-01", "tag5"),
    "fifty-two": ("2001-01-15", "tag52"),
}


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    files = {
        f"blog/{slug}.md": (f"Title: Post {slug}\nDate: {date}\nCategory: Wellness\nTags: {tags}\nSlug: {slug}\n"
                            f"Summary: About {slug}.\n\nBody of {slug}.\n")
        for slug, (date, tags) in POSTS.items()
    }
    build = build_site(tmp_path_factory.mktemp("paged"), files=files,
                       overrides={"DEFAULT_PAGINATION": 2})
    assert build.ok, build.stderr
    return build


def _listed(build, rel):
    return [a["href"] for a in build.soup(rel).select(".post-list h2 a")]


def test_page_one_of_a_tag_lists_its_newest_posts(paged):
    assert _listed(paged, "blog/tag/tag5/index.html") == ["/blog/five-a/", "/blog/five-b/"]


def test_page_two_of_a_tag_lives_in_that_tags_folder(paged):
    assert _listed(paged, "blog/tag/tag5/page/2/index.html") == ["/blog/five-c/"]


def test_a_tag_whose_name_extends_another_keeps_its_own_page(paged):
    assert _listed(paged, "blog/tag/tag52/index.html") == ["/blog/fifty-two/"]
    assert "tag52" in paged.soup("blog/tag/tag52/index.html").h1.get_text()


def test_no_list_page_is_written_where_another_list_expects_its_own(paged):
    # Pelican's default pattern would have put page 2 of "tag5" here.
    assert not paged.exists("blog/tag/tag52.html")
    assert not paged.exists("blog/tag/tag5/index2.html")
    assert not paged.exists("blog/tag/tag52/page/2/index.html")


def test_pagination_links_lead_to_the_next_and_previous_pages(paged):
    first = paged.soup("blog/tag/tag5/index.html").find("nav", class_="pagination")
    second = paged.soup("blog/tag/tag5/page/2/index.html").find("nav", class_="pagination")
    assert first.find("a", rel="next")["href"] == "/blog/tag/tag5/page/2/"
    assert first.find("a", rel="prev") is None
    assert second.find("a", rel="prev")["href"] == "/blog/tag/tag5/"
    assert second.find("a", rel="next") is None
    assert "Page 2 of 2" in second.get_text()


def test_every_pagination_link_on_the_site_points_at_a_built_page(paged):
    links = 0
    for path in paged.html_files():
        soup = paged.soup(path.relative_to(paged.output).as_posix())
        for link in soup.select("nav.pagination a[href]"):
            target = link["href"].lstrip("/")
            assert paged.exists(target + "index.html" if target.endswith("/") or not target else target), link["href"]
            links += 1
    assert links > 0


def test_the_blog_and_its_categories_paginate_the_same_way(paged):
    assert paged.exists("blog/page/2/index.html")
    category_pages = list(paged.output.glob("blog/category/*/page/2/index.html"))
    assert category_pages, "the category holding all the new posts has a page 2"


def test_the_archive_paginates_in_its_own_folder_and_lists_every_post_once(tmp_path):
    files = {
        f"blog/{slug}.md": (f"Title: Post {slug}\nDate: {date}\nCategory: Wellness\nTags: {tags}\nSlug: {slug}\n"
                            f"Summary: About {slug}.\n\nBody of {slug}.\n")
        for slug, (date, tags) in POSTS.items()
    }
    build = build_site(tmp_path, files=files, overrides={
        "PAGINATED_TEMPLATES": {"index": None, "tag": None, "category": None, "archives": 3}})
    assert build.ok, build.stderr
    pages = ["blog/archive/index.html"] + sorted(
        p.relative_to(build.output).as_posix() for p in build.output.glob("blog/archive/page/*/index.html"))
    assert len(pages) >= 2, "more posts than one archive page holds make a second page"
    listed = [a["href"] for rel in pages for a in build.soup(rel).select(".archive-list a")]
    assert len(listed) == len(set(listed)), "no post is listed on two archive pages"
    assert all(any(href.endswith(f"/{slug}/") for href in listed) for slug in POSTS)
    assert build.soup(pages[0]).select_one(".pagination a[rel=next]")["href"].endswith("blog/archive/page/2/")
