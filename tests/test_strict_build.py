"""Builds fail on content mistakes with one line naming the file; strict ones on any warning too."""

from sitebuild import build_site

GOOD_HEAD = "Title: A post\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\n"


def test_broken_filename_link_fails_naming_the_file(tmp_path):
    build = build_site(tmp_path, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n"})
    assert not build.ok
    assert "content/blog/linky.md: link to '/blog/nowhere.md' points at no file" in build.stderr
    assert "Traceback" not in build.stderr


def test_bad_date_fails_naming_the_file(tmp_path):
    build = build_site(tmp_path, files={
        "blog/when.md": "Title: When\nDate: 2026-13-45\nCategory: Wellness\nSummary: s\n\nBody.\n"})
    assert not build.ok
    assert "content/blog/when.md: date: '2026-13-45' is not a date" in build.stderr


def test_publish_settings_are_strict_without_any_flag(tmp_path):
    build = build_site(tmp_path, settings="publishconf.py", strict=False, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n"})
    assert not build.ok
    assert "content/blog/linky.md" in build.stderr


def test_a_development_build_fails_on_a_content_mistake_but_writes_the_good_pages(tmp_path):
    build = build_site(tmp_path, strict=False, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n"})
    assert not build.ok
    assert ("content/blog/linky.md: link to '/blog/nowhere.md' points at no file -- check the file "
            "name and folder after {filename} (or {static} for images)") in build.stderr.splitlines()
    assert build.stderr.splitlines()[-1] == "Build failed: 1 problem to fix (see EDITING.md)."
    assert not build.exists("blog/a-post/index.html")
    assert build.exists("blog/sleep-hygiene-basics/index.html")
    assert build.exists("index.html")


def test_each_line_is_printed_once_not_also_in_pelicans_own_words(tmp_path):
    build = build_site(tmp_path, strict=False, files={
        "blog/when.md": "Title: When\nDate: 2026-13-45\nCategory: Wellness\nSummary: s\n\nBody.\n",
        "blog/linky.md": GOOD_HEAD + "See [when]({filename}/blog/when.md).\n"})
    output = build.stdout + build.stderr
    assert output.count("'2026-13-45' is not a date") == 1
    assert "Could not process" not in output
    assert "Unable to find" not in output


def test_a_problem_in_a_cached_file_still_fails_the_next_strict_build(tmp_path):
    # Both builds share one content cache; the second must not trust it.
    files = {"blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n",
             "blog/when.md": ("Title: When\nDate: 2026-01-05\nDate: 2026-01-06\nCategory: Wellness\n"
                              "Summary: s\n\nBody.\n")}
    first = build_site(tmp_path, files=files)
    second = build_site(tmp_path, files=files)
    for build in (first, second):
        assert not build.ok
        assert "content/blog/when.md: date: given twice -- keep one line for it" in build.stderr


def test_each_problem_is_one_line_and_a_count_ends_the_report(tmp_path):
    build = build_site(tmp_path, files={
        "blog/linky.md": GOOD_HEAD + "See [this]({filename}/blog/nowhere.md).\n",
        "blog/when.md": "Title: When\nDate: 2026-13-45\nCategory: Wellness\nSummary: s\n\nBody.\n"})
    ours = [line for line in build.stderr.splitlines() if line.startswith(("content/", "Build failed"))]
    assert sorted(ours[:-1]) == [
        "content/blog/linky.md: link to '/blog/nowhere.md' points at no file -- check the file "
        "name and folder after {filename} (or {static} for images)",
        "content/blog/when.md: date: '2026-13-45' is not a date -- write it as YYYY-MM-DD or "
        "YYYY-MM-DD HH:MM, for example 2026-03-14",
    ]
    assert ours[-1] == "Build failed: 2 problems to fix (see EDITING.md)."


def test_two_files_with_one_slug_fail_even_a_lenient_build_in_one_line(tmp_path):
    build = build_site(tmp_path, strict=False, files={
        "blog/a.md": "Title: One\nSlug: same\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\nBody.\n",
        "blog/b.md": "Title: Two\nSlug: same\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\nBody.\n"})
    assert not build.ok
    assert ("content/blog/b.md: slug: 'same' is also used by content/blog/a.md "
            "-- give one of them a different 'Slug:'") in build.stderr
    assert "Traceback" not in build.stderr


def test_a_bad_modified_date_names_its_own_field(tmp_path):
    build = build_site(tmp_path, files={
        "blog/when.md": "Title: When\nDate: 2026-01-05\nModified: soon\nCategory: Wellness\nSummary: s\n\nBody.\n"})
    assert "content/blog/when.md: modified: 'soon' is not a date" in build.stderr
