"""`invoke new post|page|issue "Title"`: a draft with the right metadata, never over a file."""

import datetime
import shutil
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from sitebuild import ROOT, build_site
from synergy.content import lint
from synergy.content.skeletons import create
from synergy.errors import ScaffoldError
from synergy.metadata import read_fields

NOW = datetime.datetime.now(ZoneInfo("America/Chicago")).replace(second=0, microsecond=0)
EXPECTED = {
    "post": ("blog", {"title", "date", "slug", "status", "summary", "category", "tags",
                      "clinical", "reviewer", "last_reviewed", "sources"}),
    "page": ("pages", {"title", "date", "slug", "status", "summary", "clinical", "reviewer",
                       "last_reviewed", "sources"}),
    "issue": ("newsletter", {"title", "date", "slug", "status", "email", "subject", "preview",
                             "summary"}),
}


def invoke_new(*args):
    return subprocess.run([sys.executable, "-m", "invoke", "new", *args],
                          cwd=ROOT, capture_output=True, text=True)


def fields(path):
    return {field.name: field.value for field in read_fields(path.read_text(encoding="utf-8"))}


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    return folder


@pytest.mark.parametrize("kind", EXPECTED)
def test_new_writes_a_draft_with_the_metadata_of_its_kind(content, kind):
    result = invoke_new(kind, "Winter wellness: five small habits", "--content", str(content))
    assert result.returncode == 0, result.stderr
    folder, expected = EXPECTED[kind]
    path = content / folder / "winter-wellness-five-small-habits.md"
    meta = fields(path)
    assert expected <= set(meta)
    assert meta["title"] == "Winter wellness: five small habits"
    assert meta["slug"] == "winter-wellness-five-small-habits"
    assert meta["status"] == "draft"


def test_the_date_is_now_in_the_sites_timezone(tmp_path):
    path = create("post", "Now", tmp_path / "content", NOW)
    assert fields(path)["date"] == NOW.strftime("%Y-%m-%d %H:%M")


def test_a_new_issue_asks_for_email_right_under_its_draft_status(tmp_path):
    path = create("issue", "December news", tmp_path / "content", NOW)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[lines.index("Status: draft") + 1] == "Email: yes"


def test_a_new_issue_is_dated_by_its_day_so_its_email_goes_at_the_send_time(tmp_path):
    path = create("issue", "December news", tmp_path / "content", NOW)
    assert fields(path)["date"] == NOW.strftime("%Y-%m-%d")


def test_new_files_pass_the_content_lint(tmp_path):
    for kind in EXPECTED:
        create(kind, f"A new {kind}", tmp_path / "content", NOW)
    assert [problem.line for problem in lint(tmp_path / "content", NOW.date())] == []


def _written(path, reviewed_on):
    """An editor's work on a new file: their own summary and text, a review, then published."""
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    own = {"summary": "Summary: Our own words about it.", "preview": "Preview: Our own words about it.",
           "reviewer": "Reviewer: prescriber", "last_reviewed": f"Last_reviewed: {reviewed_on}",
           "sources": "Sources: spravato-label", "status": "Status: published"}
    lines = [own.get(line.split(":", 1)[0].lower(), line) for line in head.splitlines()]
    path.write_text("\n".join(lines) + "\n\nOur own text for readers.\n", encoding="utf-8")


def test_each_new_file_builds_once_written_and_published(tmp_path):
    folder = tmp_path / "source"
    shutil.copytree(ROOT / "content", folder)
    made = [create(kind, f"Scaffolded {kind}", folder, NOW - datetime.timedelta(hours=1))
            for kind in EXPECTED]
    for path in made:
        _written(path, (NOW - datetime.timedelta(days=1)).date().isoformat())
    build = build_site(tmp_path / "built", content=folder)
    assert build.ok, build.stderr
    assert build.exists("blog/scaffolded-post/index.html")
    assert build.exists("scaffolded-page/index.html")
    assert build.exists("newsletter/scaffolded-issue/index.html")
    assert build.soup("blog/scaffolded-post/index.html").h1.get_text(strip=True) == "Scaffolded post"


def test_a_new_file_published_unchanged_is_refused_for_its_template_words(tmp_path):
    path = create("post", "Straight from the template", tmp_path / "content", NOW - datetime.timedelta(hours=1))
    path.write_text(path.read_text(encoding="utf-8").replace("Status: draft", "Status: published")
                    .replace("Reviewer:", "Reviewer: Dr. A. Clinician, MD")
                    .replace("Last_reviewed:", f"Last_reviewed: {NOW.date().isoformat()}"), encoding="utf-8")
    found = [problem.line for problem in lint(tmp_path / "content", NOW.date())]
    assert found == [
        "content/blog/straight-from-the-template.md: still has the template's words 'One or two plain "
        "sentences saying what the reader will learn' -- replace them with your own before publishing, "
        "or keep 'Status: draft'",
        "content/blog/straight-from-the-template.md: still has the template's words 'Start with the "
        "short answer the reader came for' -- replace them with your own before publishing, or keep "
        "'Status: draft'"]


def test_every_instruction_in_a_template_is_known_as_a_placeholder():
    import markdown

    from synergy.content.rules import text_of
    from synergy.content.skeletons import KINDS, PLACEHOLDERS, REVIEW_STEPS

    for folder, skeleton in KINDS.values():
        head, body = skeleton.format(title="T", slug="t", date="2026-01-01 09:00", day="2026-01-01",
                                     review_steps=REVIEW_STEPS).split("\n\n", 1)
        for paragraph in body.split("\n\n"):
            words = text_of(markdown.markdown(paragraph))
            if words != "Hello,":
                assert any(marker in words for marker in PLACEHOLDERS), (folder, words)
        for line in head.splitlines():
            if line.startswith(("Summary:", "Preview:")):
                assert any(marker in line for marker in PLACEHOLDERS), (folder, line)


def test_a_new_draft_is_not_published(tmp_path):
    folder = tmp_path / "source"
    shutil.copytree(ROOT / "content", folder)
    create("post", "Still a draft", folder, NOW - datetime.timedelta(hours=1))
    build = build_site(tmp_path / "built", content=folder)
    assert build.ok, build.stderr
    assert not build.exists("blog/still-a-draft/index.html")


def test_an_existing_file_is_refused_and_left_untouched(content):
    existing = content / "blog" / "sleep-hygiene-basics.md"
    before = existing.read_bytes()
    result = invoke_new("post", "Sleep hygiene basics", "--content", str(content))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "content/blog/sleep-hygiene-basics.md: already exists -- open it to edit it, "
        "or choose another title"]
    assert existing.read_bytes() == before


def test_an_unknown_kind_is_refused_in_one_line(content):
    result = invoke_new("poem", "Ode", "--content", str(content))
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "'poem' is not something `new` can make -- use one of: post, page, issue")


def test_an_empty_title_is_refused(tmp_path):
    with pytest.raises(ScaffoldError, match="the title is empty"):
        create("post", "  ", tmp_path / "content", NOW)
