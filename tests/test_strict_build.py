"""Strict builds fail on content mistakes with one line naming the file."""

from sitebuild import build_site

GOOD_HEAD = "Title: A post\nDate: 2026-01-05\nSummary: s\n\n"


def test_broken_filename_link_fails_naming_the_file(tmp_path):
    build = build_site(tmp_path, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n"})
    assert not build.ok
    assert "content/blog/linky.md: link to '/blog/nowhere.md' points at no file" in build.stderr
    assert "Traceback" not in build.stderr


def test_bad_date_fails_naming_the_file(tmp_path):
    build = build_site(tmp_path, files={
        "blog/when.md": "Title: When\nDate: 2026-13-45\nSummary: s\n\nBody.\n"})
    assert not build.ok
    assert "content/blog/when.md: date: '2026-13-45' is not a date" in build.stderr


def test_publish_settings_are_strict_without_any_flag(tmp_path):
    build = build_site(tmp_path, settings="publishconf.py", strict=False, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n"})
    assert not build.ok
    assert "content/blog/linky.md" in build.stderr


def test_non_strict_development_build_still_succeeds(tmp_path):
    build = build_site(tmp_path, strict=False, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n"})
    assert build.ok, build.stderr
