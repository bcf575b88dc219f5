"""The content rules, one behaviour at a time, on small content folders (no build).

The lint and every build run these same rules (synergy.content.rules); the
builds' side is shown in test_editor_slips.py and test_strict_build.py.
"""

import datetime
import os
import subprocess
import sys

import pytest
from pelican.settings import read_settings

from sitebuild import ROOT, build_site, write_files
from synergy.content import lint, schema

TODAY = datetime.date(2026, 11, 28)
HEAD = "Title: {title}\nDate: 2026-03-14\nCategory: Wellness\nSummary: A summary.\n"
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


def post(title="Sleep and mood", extra="", body="Body.\n"):
    return HEAD.format(title=title) + extra + "\n" + body


def found(tmp_path, files, today=TODAY):
    content = tmp_path / "content"
    write_files(content, files)
    return [problem.line for problem in lint(content, today, SETTINGS)]


# --- metadata as written --------------------------------------------------------------

def test_a_byte_order_mark_and_windows_line_ends_are_read_as_any_file(tmp_path):
    text = "\ufeff" + post().replace("\n", "\r\n")
    assert found(tmp_path, {"blog/a.md": text}) == []


def test_an_unknown_line_far_from_any_known_one_lists_the_known_lines(tmp_path):
    lines = found(tmp_path, {"blog/a.md": post(extra="Mood: calm\n")})
    assert len(lines) == 1
    assert lines[0].startswith("content/blog/a.md: Mood: not a metadata line the site knows -- use one "
                               "of Title, Date, Modified, Slug, Status, Summary, Category, Tags,")
    assert "Subject" not in lines[0]    # an issue's line is not offered for a post


def test_an_issue_line_on_a_post_is_unknown_there(tmp_path):
    lines = found(tmp_path, {"blog/a.md": post(extra="Subject: Hello\n")})
    assert [line.split(" -- ")[0] for line in lines] == [
        "content/blog/a.md: Subject: not a metadata line the site knows"]


def test_a_key_added_to_the_schema_in_one_line_is_known(tmp_path, monkeypatch):
    monkeypatch.setitem(schema.KEYS, "second_opinion", schema.Key())
    assert found(tmp_path, {"blog/a.md": post(extra="Second_opinion: Dr. A. Clinician\n")}) == []


def test_sources_is_a_known_line(tmp_path):
    assert found(tmp_path, {"blog/a.md": post(extra="Sources: nhlbi-healthy-sleep, acp-insomnia-2016\n")}) == []


def test_metadata_below_an_empty_line_is_named_once_not_as_missing_lines(tmp_path):
    text = "Title: Split\n\nDate: 2026-03-14\nCategory: Wellness\nSummary: s\n\nBody.\n"
    assert found(tmp_path, {"blog/a.md": text}) == [
        "content/blog/a.md: line 3: 'Date:' comes after an empty line, so it is read as text -- "
        "delete the empty line above it: the metadata lines go one after another at the top"]


@pytest.mark.parametrize("date", ["2026-03-14", "2026-03-14 09:30"])
def test_the_two_date_forms_are_accepted(tmp_path, date):
    assert found(tmp_path, {"blog/a.md": post().replace("2026-03-14", date)}) == []


@pytest.mark.parametrize("date", ["2026-03-14T09:30", "14 March 2026", "2026-3-14", "2026-02-30",
                                  "2026-03-14 25:00", "2026-03-14 09:30:00"])
def test_any_other_date_is_refused(tmp_path, date):
    assert found(tmp_path, {"blog/a.md": post().replace("2026-03-14", date)}) == [
        f"content/blog/a.md: date: '{date}' is not a date -- write it as YYYY-MM-DD or "
        "YYYY-MM-DD HH:MM, for example 2026-03-14"]


def test_a_category_must_match_its_capitals(tmp_path):
    lines = found(tmp_path, {"blog/a.md": post().replace("Wellness", "wellness")})
    assert [line.split(" -- ")[0] for line in lines] == [
        "content/blog/a.md: category: 'wellness' is not one of the site's categories"]


def test_the_categories_come_from_the_setting(tmp_path):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "a.md").write_text(post().replace("Wellness", "Sleep"), encoding="utf-8")
    settings = dict(SETTINGS, CONTENT_CATEGORIES=["Sleep"])
    assert [problem.line for problem in lint(content, TODAY, settings)] == []


def test_a_draft_may_keep_the_templates_words(tmp_path):
    text = post(extra="Status: draft\n", body="Start with the short answer the reader came for.\n")
    assert found(tmp_path, {"blog/a.md": text}) == []


def test_the_templates_preview_line_is_refused_on_a_published_issue(tmp_path):
    issue = ("Title: Dec\nDate: 2026-11-01\nSlug: dec\nStatus: published\nSubject: Dec\n"
             "Preview: One sentence shown after the subject in the inbox, 150 characters at most.\n"
             "Summary: Winter hours.\n\nHello.\n")
    assert [line.split(" -- ")[0] for line in found(tmp_path, {"newsletter/dec.md": issue})] == [
        "content/newsletter/dec.md: still has the template's words 'One sentence shown after the "
        "subject in the inbox'"]


# --- across the site ------------------------------------------------------------------

def test_a_page_may_not_take_the_blogs_own_address(tmp_path):
    assert found(tmp_path, {"pages/blog.md": "Title: Blog\nSummary: s\n\nText.\n"}) == [
        "content/pages/blog.md: slug: 'blog' would take the address /blog/, which the site uses for "
        "its own page -- choose another slug"]


def test_a_stray_issue_is_sent_to_the_newsletter_folder(tmp_path):
    stray = "Title: Dec\nSubject: Dec\nPreview: p\n\nHello.\n"
    assert found(tmp_path, {"drafts/dec.md": stray}) == [
        "content/drafts/dec.md: not in a folder the site reads, so it is never published -- "
        "move it to content/newsletter/"]


def test_a_file_without_metadata_in_a_stray_folder_is_offered_both_folders(tmp_path):
    assert found(tmp_path, {"notes.md": "Just some notes.\n"}) == [
        "content/notes.md: not in a folder the site reads, so it is never published -- move it to "
        "content/blog/ (a post) or content/pages/ (a page)"]


@pytest.mark.parametrize("name", ["winter.MD", "winter.txt", "winter", "winter.docx"])
def test_a_file_the_site_would_never_read_is_named_with_the_name_to_give_it(tmp_path, name):
    lines = found(tmp_path, {f"blog/{name}": post(), "blog/a.md": post("A", body="[w](/blog/sleep-and-mood/)\n")})
    assert lines[-1] == (f"content/blog/{name}: the site reads only files whose names end in .md, so "
                         "this one is never published -- rename it to winter.md")
    assert lines[0].startswith("content/blog/a.md: link '/blog/sleep-and-mood/' is not a page")


def test_markdown_among_the_images_is_a_static_file_not_content(tmp_path):
    assert found(tmp_path, {"images/readme.md": "No metadata."}) == []


# --- links and images -----------------------------------------------------------------

def test_links_in_every_form_that_lead_to_a_page_pass(tmp_path):
    body = ("[a]({filename}/blog/b.md) [b]({filename}b.md) [c](/blog/b/) [d](../b/) "
            "[e](https://www.synergyintegrativehealth.com/blog/b/) [f](/blog/b) [g](/feeds/all.atom.xml) "
            "[h](/blog/tag/sleep/) [i](/blog/category/wellness/) [j](#top) [k](mailto:a@example.org) "
            "[l](https://988lifeline.org/) ![m]({static}/images/room.png) ![n](/images/room.png)\n")
    files = {"blog/a.md": post("A", body=body), "blog/b.md": post("B", "Tags: sleep\n"),
             "images/room.png": b"\x89PNG"}
    assert found(tmp_path, files) == []


def test_a_link_inside_code_is_text_not_a_link(tmp_path):
    body = "Write `[x]({filename}/blog/nowhere.md)` to link.\n\n```\n![x](https://example.org/x.png)\n```\n"
    assert found(tmp_path, {"blog/a.md": post(body=body)}) == []


def test_a_published_post_may_not_link_to_a_draft_but_a_draft_may(tmp_path):
    files = {"blog/a.md": post("A", body="[b]({filename}/blog/b.md)\n"),
             "blog/b.md": post("B", "Status: draft\n", body="[a](/blog/a/) [c]({filename}c.md)\n"),
             "blog/c.md": post("C", "Status: draft\n")}
    assert found(tmp_path, files) == [
        "content/blog/a.md: link to '/blog/b.md' leads to a draft, which is not on the site -- "
        "publish that file first, or remove the link"]


def test_a_link_to_a_post_scheduled_for_later_is_refused_until_then(tmp_path):
    files = {"blog/a.md": post("A", body="[b](/blog/b/)\n"),
             "blog/b.md": post("B").replace("2026-03-14", "2026-12-24 09:00")}
    assert found(tmp_path, files) == [
        "content/blog/a.md: link to '/blog/b/' leads to a file dated 2026-12-24 09:00, not on the "
        "site until then -- publish that file first, or remove the link"]
    assert found(tmp_path, files, today=datetime.date(2026, 12, 25)) == []


def test_remote_images_are_refused_in_markdown_html_and_srcset(tmp_path):
    body = ('![x](//cdn.example.org/a.png)\n\n<img alt="y" src="https://cdn.example.org/b.png">\n\n'
            '<img alt="z" src="{static}/images/c.png" srcset="https://cdn.example.org/c2.png 2x">\n')
    lines = found(tmp_path, {"blog/a.md": post(body=body), "images/c.png": b"\x89PNG"})
    assert [line.split(" comes from")[0] for line in lines] == [
        "content/blog/a.md: image '//cdn.example.org/a.png'",
        "content/blog/a.md: image 'https://cdn.example.org/b.png'",
        "content/blog/a.md: image 'https://cdn.example.org/c2.png'"]


def test_an_image_in_the_data_of_the_page_is_not_remote(tmp_path):
    body = '<img alt="dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">\n'
    assert found(tmp_path, {"blog/a.md": post(body=body)}) == []


# --- the layout the lint assumes is the build's -----------------------------------------

def test_the_lints_layout_is_the_plugins_defaults():
    sys.path.insert(0, str(ROOT / "plugins"))
    try:
        from synergy_content_rules.receivers import DEFAULTS as RULES
        from synergy_newsletter.config import DEFAULTS as NEWSLETTER
        from synergy_toolkit_pdf.settings import DEFAULTS as TOOLKIT
    finally:
        sys.path.remove(str(ROOT / "plugins"))
    for name, value in {**NEWSLETTER, **TOOLKIT, **RULES}.items():
        if name in schema.LAYOUT and name != "SITE_HOSTS":
            assert schema.LAYOUT[name] == value, name
    assert list(schema.CATEGORIES) == RULES["CONTENT_CATEGORIES"]
    for name in ("ARTICLE_PATHS", "PAGE_PATHS", "STATIC_PATHS"):
        assert schema.LAYOUT[name] == SETTINGS[name], name


# --- in a build -------------------------------------------------------------------------

def test_a_cached_development_build_reports_every_problem_again(tmp_path):
    files = {"blog/a.md": post("A", "Staus: draft\n", body="![x]({static}/images/nope.png)\n")}
    cached = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True, "SEARCH_INDEX": False}
    reports = []
    for _ in range(2):
        build = build_site(tmp_path, files=files, strict=False, overrides=cached)
        assert not build.ok
        reports.append([line for line in build.stderr.splitlines() if line.startswith("content/")])
    assert reports[0] == reports[1] == [
        "content/blog/a.md: Staus: not a metadata line the site knows -- did you mean 'Status:'?",
        "content/blog/a.md: image '/images/nope.png' is not in the content folder -- put the picture "
        "in content/images/ and check its name after {static}"]
    assert any((tmp_path / "cache").iterdir())


def test_a_warning_stops_no_build_and_the_page_is_published(tmp_path):
    old = post("Old review", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2020-01-02\n"
                             "Sources: spravato-label\n")
    build = build_site(tmp_path, files={"blog/old-review.md": old}, settings="publishconf.py")
    assert build.ok, build.stderr
    assert ("content/blog/old-review.md: warning: last_reviewed: 2020-01-02 is more than 12 months "
            "ago -- ask a clinician to review the text, then update Last_reviewed") in build.stderr.splitlines()
    assert build.exists("blog/old-review/index.html")


def test_the_rules_settings_are_checked(tmp_path):
    build = build_site(tmp_path, overrides={"CONTENT_CATEGORIES": "Wellness"})
    assert not build.ok
    assert build.stderr.strip().splitlines()[-1] == (
        "settings: CONTENT_CATEGORIES: 'Wellness' is not a list of non-empty texts -- set it to a "
        'list such as ["Wellness", "Telehealth"]')


def test_the_lint_reads_the_build_clock(tmp_path):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "a.md").write_text(post(extra="Reviewer: prescriber\nLast_reviewed: 2026-12-01\n"),
                                           encoding="utf-8")
    env = dict(os.environ, SITE_BUILD_NOW="2026-11-28")
    run = subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(content)],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    assert "last_reviewed: 2026-12-01 is in the future" in run.stdout
    env["SITE_BUILD_NOW"] = "2026-12-02"
    run = subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(content)],
                         cwd=ROOT, capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout


def test_a_page_built_before_its_file_broke_is_taken_out_by_the_next_build(tmp_path):
    quick = {"SEARCH_INDEX": False}
    good = post("Was fine")
    first = build_site(tmp_path, files={"blog/was-fine.md": good}, strict=False, overrides=quick)
    assert first.ok, first.stderr
    assert first.exists("blog/was-fine/index.html")
    second = build_site(tmp_path, files={"blog/was-fine.md": good.replace("Wellness", "Sleep")},
                        strict=False, overrides=quick)
    assert not second.ok
    assert not second.exists("blog/was-fine/index.html")
    assert "Was fine" not in second.text("blog/index.html")
