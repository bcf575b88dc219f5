"""A cached rebuild after one edit renders what shows the edit, leaves every other page as it was,
and makes the same site a clean build of the edited content makes."""

import pytest

from pagefind_records import index_records
from sitebuild import ROOT, build_site

CACHED = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
SOURCE = "blog/sleep-hygiene-basics.md"
PAGE = "blog/sleep-hygiene-basics/index.html"
URL = "/blog/sleep-hygiene-basics/"
OLD_TITLE = "Title: Sleep hygiene basics: small changes that help"
NEW_TITLE = "Title: Sleep hygiene basics: quillwort changes that help"
NEW_WORDS = "A sentence about bladderwrack, added in the edit."
# Pages that show nothing of the edited post: each must keep its bytes and its file.
UNRELATED = ("about/index.html", "privacy/index.html", "contact/index.html", "toolkit/index.html",
             "ketamine-assisted-psychotherapy/index.html")
# Files whose bytes vary between any two builds (the sitemap's build times, Pagefind's names).
VARYING = ("sitemap.xml", "pagefind/")


def _edited():
    text = (ROOT / "content" / SOURCE).read_text(encoding="utf-8")
    assert OLD_TITLE in text
    return text.replace(OLD_TITLE, NEW_TITLE) + f"\n{NEW_WORDS}\n"


def _files(output):
    return {p.relative_to(output).as_posix(): p for p in output.rglob("*")
            if p.is_file() and p.suffix in (".html", ".xml")
            and not p.relative_to(output).as_posix().startswith(VARYING)}


def _state(output):
    return {rel: (path.read_bytes(), path.stat().st_mtime_ns) for rel, path in _files(output).items()}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("incremental")
    first = build_site(folder, strict=False, overrides=CACHED, search=True)
    assert first.ok, first.stderr
    before = _state(first.output)
    second = build_site(folder, strict=False, overrides=CACHED, search=True, files={SOURCE: _edited()})
    assert second.ok, second.stderr
    clean = build_site(tmp_path_factory.mktemp("clean"), strict=False, files={SOURCE: _edited()})
    assert clean.ok, clean.stderr
    return {"before": before, "first": first, "after": _state(second.output), "second": second,
            "clean": clean}


def _shows_the_post(html):
    return f'href="{URL}"'.encode() in html


def test_the_rebuild_makes_the_same_site_as_a_clean_build_of_the_edited_content(builds):
    after = {rel: data for rel, (data, _time) in builds["after"].items()}
    clean = {rel: path.read_bytes() for rel, path in _files(builds["clean"].output).items()}
    assert sorted(after) == sorted(clean)
    assert [rel for rel in clean if after[rel] != clean[rel]] == []


def test_every_page_that_shows_the_post_shows_the_edit(builds):
    """Every page that showed its title (its lists, tags, category, related posts of other posts)."""
    showing = [rel for rel, (data, _time) in builds["before"].items()
               if rel.endswith(".html") and b"small changes that help" in data and rel != PAGE
               and not rel.startswith("email-preview/")]
    # Its lists, tags, category and the related posts of other posts.
    assert any(rel.startswith("blog/tag/") for rel in showing)
    assert any(rel.startswith("blog/category/") for rel in showing)
    assert any(rel.startswith("blog/") and rel.count("/") == 2 and "/tag/" not in rel for rel in showing), \
        "no other post shows it among its related posts"
    for rel in showing:
        assert b"quillwort changes that help" in builds["after"][rel][0], rel
    assert b"bladderwrack" in builds["after"][PAGE][0]
    assert b"quillwort changes that help" in builds["after"]["feeds/all.atom.xml"][0]


def test_search_finds_the_edited_words(builds):
    record = index_records(builds["second"].output)[URL]
    assert "bladderwrack" in record["content"]


def test_pages_that_do_not_show_the_post_keep_their_bytes_and_their_file(builds):
    for rel in UNRELATED:
        data, written = builds["after"][rel]
        assert not _shows_the_post(data), rel
        assert (data, written) == builds["before"][rel], f"{rel} was written again"


def test_a_page_left_as_it_was_keeps_its_share_image(builds):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(builds["after"]["about/index.html"][0], "html.parser")
    image = soup.find("meta", property="og:image")["content"]
    assert (builds["second"].output / image.lstrip("/")).is_file()


def test_a_rebuild_with_nothing_changed_writes_no_page(tmp_path):
    first = build_site(tmp_path, strict=False, overrides=CACHED)
    assert first.ok, first.stderr
    before = _state(first.output)
    again = build_site(tmp_path, strict=False, overrides=CACHED)
    assert again.ok, again.stderr
    after = _state(again.output)
    pages = [rel for rel in before if rel.endswith(".html") and not rel.startswith("email-preview/")]
    assert len(pages) > 20
    assert [rel for rel in pages if after[rel] != before[rel]] == []


def test_a_page_whose_file_was_removed_or_changed_is_written_again(tmp_path):
    first = build_site(tmp_path, strict=False, overrides=CACHED)
    assert first.ok, first.stderr
    about, privacy = first.output / "about" / "index.html", first.output / "privacy" / "index.html"
    expected = {about: about.read_bytes(), privacy: privacy.read_bytes()}
    about.unlink()
    privacy.write_text("<p>edited by hand</p>", encoding="utf-8")
    again = build_site(tmp_path, strict=False, overrides=CACHED)
    assert again.ok, again.stderr
    assert {path: path.read_bytes() for path in expected} == expected


def test_a_page_left_as_it_was_still_has_its_warning_reported(tmp_path):
    """The report comes from the content, which every build reads, not from rendering the page."""
    text = (ROOT / "content" / SOURCE).read_text(encoding="utf-8")
    old_review = "\n".join(line if not line.startswith("Last_reviewed:") else "Last_reviewed: 2020-01-02"
                           for line in text.splitlines()) + "\n"
    assert old_review != text
    reports, written = [], []
    for _ in range(2):
        build = build_site(tmp_path, files={SOURCE: old_review}, strict=False, overrides=CACHED)
        assert build.ok, build.stderr
        reports.append([line for line in build.stderr.splitlines() if "2020-01-02" in line])
        written.append((build.output / PAGE).stat().st_mtime_ns)
    assert reports[0] and reports[0] == reports[1]
    assert reports[1][0].startswith(f"content/{SOURCE}: warning: ")
    assert written[0] == written[1], "the page was rendered again"


def test_a_new_slug_is_followed_by_every_link_to_the_post(tmp_path):
    """Pages that link to a post with {filename} show its new address after a cached rebuild."""
    first = build_site(tmp_path, strict=False, overrides=CACHED)
    assert first.ok, first.stderr
    linking = "blog/stress-reduction-in-five-minutes/index.html"
    assert f'href="{URL}"' in (first.output / linking).read_text(encoding="utf-8")
    text = (ROOT / "content" / SOURCE).read_text(encoding="utf-8")
    renamed = text.replace("Slug: sleep-hygiene-basics", "Slug: sleep-hygiene-quillwort")
    assert renamed != text
    again = build_site(tmp_path, strict=False, overrides=CACHED, files={SOURCE: renamed})
    assert again.ok, again.stderr
    html = (again.output / linking).read_text(encoding="utf-8")
    assert 'href="/blog/sleep-hygiene-quillwort/"' in html and f'href="{URL}"' not in html
    assert 'href="/blog/sleep-hygiene-quillwort/"' in (again.output / "index.html").read_text(encoding="utf-8")
