"""Reading aids on articles: reading time, previous and next posts, and three related posts."""

from types import SimpleNamespace

import pytest

from sitebuild import build_site
from synergy_related.ranking import related_to

# name: (date, tags, words in the body). Tags and dates of their own, so the
# site's real posts (all newer) take no part in the ranking.
POSTS = {
    "alpha": ("2001-01-10", "xq, yq, zq", 450),
    "bravo": ("2001-01-01", "xq, yq", 40),
    "charlie": ("2001-01-05", "xq", 40),
    "delta": ("2001-01-08", "zq", 40),
    "echo": ("2001-01-02", "yq", 40),
    "foxtrot": ("2001-01-09", "wq", 40),
}


def _post(name, date, tags, words):
    body = " ".join(["calm"] * words)
    return (f"Title: Post {name}\nDate: {date}\nCategory: Wellness\nTags: {tags}\nSlug: {name}\n"
            f"Summary: About {name}.\n\n{body}\n")


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    files = {f"blog/{name}.md": _post(name, *spec) for name, spec in POSTS.items()}
    build = build_site(tmp_path_factory.mktemp("reading"), files=files)
    assert build.ok, build.stderr
    return build


def _related(build, slug):
    aside = build.soup(f"blog/{slug}/index.html").find("aside", class_="related-posts")
    return [a["href"] for a in aside.find_all("a")] if aside else []


def test_related_posts_are_those_sharing_most_tags_then_the_newest(blog):
    # bravo shares two tags; charlie, delta and echo one each, delta the newest of them.
    assert _related(blog, "alpha") == ["/blog/bravo/", "/blog/delta/", "/blog/charlie/"]


def test_no_more_than_three_related_posts_are_shown(blog):
    assert len(_related(blog, "alpha")) == 3


def test_a_post_sharing_no_tag_has_no_related_section(blog):
    assert _related(blog, "foxtrot") == []


def test_related_posts_are_listed_under_a_heading(blog):
    aside = blog.soup("blog/alpha/index.html").find("aside", class_="related-posts")
    assert aside.find("h2").get_text(strip=True) == "Related posts"


def test_reading_time_rounds_up_to_whole_minutes(blog):
    # 450 words at 200 words a minute, plus the title: 3 minutes.
    meta = blog.soup("blog/alpha/index.html").select_one("header .meta .reading-time")
    assert meta.get_text(strip=True) == "3 min read"


def test_a_short_post_still_reads_one_minute_not_zero(blog):
    meta = blog.soup("blog/bravo/index.html").select_one("header .meta .reading-time")
    assert meta.get_text(strip=True) == "1 min read"


def test_previous_is_the_older_post_and_next_the_newer(blog):
    nav = blog.soup("blog/delta/index.html").find("nav", class_="post-neighbors")
    assert nav.find("a", rel="prev")["href"] == "/blog/charlie/"
    assert nav.find("a", rel="next")["href"] == "/blog/foxtrot/"


def test_the_oldest_post_has_no_previous(blog):
    oldest = blog.soup("blog/bravo/index.html").find("nav", class_="post-neighbors")
    assert oldest.find("a", rel="prev") is None
    assert oldest.find("a", rel="next")["href"] == "/blog/echo/"


def test_the_newest_post_has_no_next(blog):
    newest = blog.soup("blog/index.html").select_one(".post-list h2 a")["href"]
    nav = blog.soup(newest.lstrip("/") + "index.html").find("nav", class_="post-neighbors")
    assert nav.find("a", rel="next") is None and nav.find("a", rel="prev") is not None


def test_reading_aids_link_to_pages_that_exist(blog):
    for slug in POSTS:
        soup = blog.soup(f"blog/{slug}/index.html")
        for link in soup.select("nav.post-neighbors a, aside.related-posts a"):
            assert blog.exists(link["href"].lstrip("/") + "index.html"), (slug, link["href"])


def test_reading_aids_are_kept_out_of_the_search_index(blog):
    soup = blog.soup("blog/alpha/index.html")
    for part in soup.select("nav.post-neighbors, aside.related-posts"):
        assert part.get("data-pagefind-ignore") == "all"
        assert part.find_parent(attrs={"data-pagefind-body": True}) is None


def test_every_article_of_the_site_shows_its_reading_time(site):
    for path in site.output.glob("blog/*/index.html"):
        soup = site.soup(path.relative_to(site.output).as_posix())
        if soup.find("article", attrs={"data-pagefind-body": True}):
            assert soup.select_one("header .meta .reading-time"), path


# --- The ranking itself, in process -------------------------------------------------------
# The build above shows the ranking on real pages; these pin its order and ties
# without one, on the same posts.

def _ranking_posts():
    return {name: SimpleNamespace(name=name, date=date, tags=[t.strip() for t in tags.split(",")])
            for name, (date, tags, _words) in POSTS.items()}


def _ranked(name, limit=3, posts=None):
    posts = posts or _ranking_posts()
    return [p.name for p in related_to(posts[name], list(posts.values()), limit)]


def test_ranking_puts_most_shared_tags_first_then_the_newest():
    assert _ranked("alpha") == ["bravo", "delta", "charlie"]
    assert _ranked("alpha", limit=10) == ["bravo", "delta", "charlie", "echo"]


def test_ranking_never_lists_the_post_itself_or_posts_sharing_no_tag():
    assert _ranked("foxtrot") == []
    assert "bravo" not in _ranked("bravo", limit=10)
    assert _ranked("delta", limit=10) == ["alpha"]


def test_ranking_takes_no_more_than_the_limit_and_none_at_zero():
    assert _ranked("alpha", limit=1) == ["bravo"]
    assert _ranked("alpha", limit=0) == []


def test_equal_posts_keep_the_order_they_were_given_in():
    posts = {name: SimpleNamespace(name=name, date="2001-01-01", tags=["xq"]) for name in "pqrs"}
    assert _ranked("p", limit=3, posts=posts) == ["q", "r", "s"]
