"""EDITING.md's tables of messages are the catalogue's, and every message is really printed.

synergy/catalogue.py holds every line the lint, the builds and the build clock
print about a mistake; `invoke catalogue` writes EDITING.md's tables from it.
Each message is printed, in the table's words, by the real lint and the real
build (the content rules' messages by both) when fed the mistake named for it in
TRIGGERS.
"""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

import pelicanconf
from sitebuild import ROOT, build_site, write_files
from synergy import catalogue

EDITING = ROOT / "EDITING.md"
ROW = re.compile(r"^\| `(?P<ref>[a-z0-9_]+\.[a-z0-9_]+)` \| `(?P<message>[^`]+)` \| (?P<fix>.+) \|$")

HEAD = "Date: 2026-01-05\nCategory: Wellness\nSummary: A summary.\n"


def article(title, extra="", body="Body.\n"):
    return f"Title: {title}\n{HEAD}{extra}\n{body}"


def table():
    rows = [ROW.match(line) for line in EDITING.read_text(encoding="utf-8").splitlines()]
    return [(row["ref"], row["message"]) for row in rows if row]


@dataclass(frozen=True)
class Trigger:
    tools: tuple                     # ("lint",), ("build",) or both: each must print the line
    file: str = ""                   # the file the line must name ("" for summaries)
    files: tuple = ()                # (content-relative path, text or bytes), ...
    group: str = "mistakes"          # triggers of one group share a run
    env: tuple = ()
    overrides: tuple = ()
    remove: tuple = ()               # content-relative paths to delete first
    folder: str = "content"          # the content folder the lint is pointed at


LATIN1 = "Title: Caf\xe9\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\nBody.\n".encode("latin-1")
ISSUE = ("Title: Issue\nDate: 2026-01-05 09:00\nSlug: {slug}\nStatus: draft\nSubject: s\n"
         "Preview: {preview}\nSummary: s\n\nHello.\n")
BOTH = ("lint", "build")


# One sentence of long words, as some medical writing is.
HARD = ("Pharmacological considerations regarding intravenous ketamine administration necessitate comprehensive "
        "cardiovascular evaluation, individualized contraindication assessment and multidisciplinary "
        "postadministration monitoring protocols.\n")


def rule(path, text, group="mistakes"):
    """A mistake the content rules find: the lint and the build print the same line."""
    return Trigger(BOTH, f"content/{path}", ((path, text),), group=group)


def build(path, text, group="mistakes", **kwargs):
    return Trigger(("build",), f"content/{path}", ((path, text),), group=group, **kwargs)


def toolkit(text, group):
    return build("toolkit/wellness-toolkit.md", text, group=group)


TRIGGERS = {
    "content.not_utf8": rule("blog/l-latin1.md", LATIN1),
    "content.blank_first_line": rule("blog/l-blank.md", "\n" + article("Blank")),
    "content.metadata_after_blank": rule("blog/l-stranded.md", "Title: Stranded\n\n" + HEAD + "\nBody.\n"),
    "content.unknown_key_near": rule("blog/l-staus.md", article("Staus", "Staus: draft\n")),
    "content.unknown_key": rule("blog/l-mood.md", article("Mood", "Mood: calm\n")),
    "content.missing": rule("blog/l-missing.md", article("Missing").replace("Summary: A summary.\n", "")),
    "content.empty": rule("blog/l-empty.md", article("Empty").replace("A summary.", "")),
    "content.given_twice": rule("blog/l-twice.md", article("Twice", "Category: Telehealth\n")),
    "content.not_a_date": rule("blog/l-date.md", article("Bad date").replace("2026-01-05", "2026-13-45")),
    "content.not_a_day": rule("blog/l-day.md", article("Day", "Reviewer: Dr A\nLast_reviewed: June 2026\n")),
    "content.in_the_future": rule("blog/l-future.md", article("Future", "Reviewer: Dr A\nLast_reviewed: 2999-01-01\n")),
    "content.unknown_status": rule("blog/l-status.md", article("Status", "Status: later\n")),
    "content.unknown_category": rule("blog/l-category.md", article("Category").replace("Wellness", "Sleep")),
    "content.not_yes_or_no": rule("blog/l-clinical.md", article("Clinical", "Clinical: maybe\n")),
    "content.clinical_needs_review": rule("blog/l-review.md", article("Review", "Clinical: yes\n")),
    "content.review_overdue": rule(
        "blog/l-old.md", article("Old", "Reviewer: prescriber\nLast_reviewed: 2020-01-02\n"), group="warning"),
    "content.testimonial_needs_consent": rule("testimonials/l-words.md", "Title: Kind words\n\nThanks.\n"),
    "content.preview_too_long": rule("newsletter/l-preview.md", ISSUE.format(slug="l-preview", preview="p" * 151)),
    "content.placeholder": rule("blog/l-template.md", article(
        "Template", body="Start with the short answer the reader came for, in two or three sentences.\n")),
    "content.slug_taken": Trigger(BOTH, "content/blog/l-slug-b.md", (
        ("blog/l-slug-a.md", article("Same", "Slug: same\n")),
        ("blog/l-slug-b.md", article("Same again", "Slug: same\n")))),
    "content.reserved_slug": rule("blog/l-tags.md", article("Tags", "Slug: tags\n")),
    "content.missing_link": rule("blog/l-link.md", article("Link", body="[x]({filename}/blog/nowhere.md)\n")),
    "content.link_to_unpublished": Trigger(BOTH, "content/blog/l-to-draft.md", (
        ("blog/l-draft.md", article("A draft", "Status: draft\n")),
        ("blog/l-to-draft.md", article("To a draft", body="[x]({filename}/blog/l-draft.md)\n")))),
    "content.no_such_page_near": rule("blog/l-pasted.md", article(
        "Pasted", body="[x](/blog/sleep-hygene-basics/)\n")),
    "content.no_such_page": rule("blog/l-nowhere.md", article(
        "Nowhere", body="[x](https://www.synergyintegrativehealth.com/nowhere-at-all/)\n")),
    "content.unknown_link_kind": rule("blog/l-kind.md", article("Kind", body="[x]({filenam}/blog/l-link.md)\n")),
    "content.filename_for_static": rule("blog/l-static.md", article(
        "Static", body="[x]({filename}/extra/robots.txt)\n")),
    "content.missing_image": rule("blog/l-image.md", article("Image", body="![A room]({static}/images/nope.jpg)\n")),
    "content.remote_image": rule("blog/l-remote.md", article(
        "Remote", body="![A cat](https://images.example.org/cat.jpg)\n")),
    "content.empty_alt": rule("blog/l-alt.md", article("Alt", body="![]({static}/extra/favicon.svg)\n")),
    "content.wrong_folder": rule("l-stray.md", article("Stray")),
    "content.misnamed": rule("blog/l-winter.txt", article("Winter")),

    "practice.unknown_clinician": rule("blog/l-reviewer.md", article("Reviewer", "Reviewer: dr-nobody\n")),
    "practice.unknown_placeholder": rule("blog/l-placeholder.md", article("Typo", body="[Book online]({bookng})\n")),
    "practice.empty_placeholder": build("blog/b-phone.md", article("Phone", body="Call us on {phone}.\n"),
                                        group="empty-placeholder",
                                        overrides=(("PRACTICE", {**pelicanconf.PRACTICE, "phone": ""}),)),
    "clinical.sources_missing": build("blog/b-nosources.md", article(
        "No sources", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\n")),
    "clinical.unknown_source": build("blog/b-source.md", article("Source", "Sources: spravato-label, made-up\n")),
    "clinical.unknown_fact": rule("blog/l-fact.md", article("Fact", body="{fact:spravato-aproval}\n")),
    "clinical.fact_not_cited": build("blog/b-cited.md", article(
        "Cited", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\nSources: livertox-ketamine\n",
        body="{fact:spravato-approval}\n")),
    "lint.typed_in": Trigger(("lint",), "content/blog/l-typed.md", (("blog/l-typed.md", article(
        "Typed", body=f"[Book]({pelicanconf.PRACTICE['booking_url']})\n")),)),
    "lint.readability": Trigger(("lint",), "content/blog/l-plain.md", (("blog/l-plain.md", article(
        "Plain", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\nSources: spravato-label\n",
        body="We can help. Ask us.\n")),), group="readability"),
    "lint.hard_to_read": Trigger(("lint",), "content/blog/l-hard.md", (("blog/l-hard.md", article(
        "Hard", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\nSources: spravato-label\n",
        body=HARD)),), group="readability"),
    "lint.summary": Trigger(("lint",)),
    "lint.no_folder": Trigger(("lint",), str(ROOT / "nowhere"), group="no-folder", folder="nowhere"),

    "build.unreadable": build("blog/b-broken.rst", "Broken\n######\n\n:date: 2026-01-05\n\n.. no-such-directive::\n"),
    "build.pelican_says": build("blog/b-meta.html", (
        '<html><head><title>Meta</title><meta name="date" contents="2026-01-05">'
        '<meta name="summary" content="s"></head><body>Body.</body></html>\n')),
    "build.summary": Trigger(("build",)),
    "build.preview_summary": Trigger(("build",), "content/blog/b-preview.md", (
        ("blog/b-preview.md", article("Preview", body="[x]({filename}/blog/nowhere.md)\n")),),
        group="preview", env=(("STRICT_BUILD", ""),), overrides=(("STRICT_REPORT", True),)),
    "faq.no_questions": build("blog/b-faq1.md", article("FAQ one", body="## Questions {.faq}\n\nJust text.\n")),
    "faq.no_answer": build("blog/b-faq2.md", article("FAQ two", body="## Questions {.faq}\n\n### Why?\n\n## Next\n\nText.\n")),
    "newsletter.slug_missing": Trigger(BOTH, "content/newsletter/b-noslug.md", (
        ("newsletter/b-noslug.md", ISSUE.replace("Slug: {slug}\n", "").format(preview="p")),)),
    "plain_text.holds_markup": build("blog/b-markup.md", article("A <b>bold</b> title")),
    "toolkit.not_found": Trigger(("build",), "content/toolkit/wellness-toolkit.md", group="toolkit-gone",
                                 remove=("toolkit/wellness-toolkit.md",)),
    "toolkit.no_sections": toolkit("Title: Toolkit\nSummary: s\n\nJust an introduction.\n", "toolkit-sections"),
    "toolkit.section_without_paragraph": toolkit("Title: Toolkit\nSummary: s\n\n## Part\n\n- an item\n", "toolkit-lead"),
    "clock.not_a_date": Trigger(("build",), group="clock", env=(("SITE_BUILD_NOW", "next tuesday"),)),
    "clock.unknown_timezone": Trigger(("build",), group="timezone", overrides=(("TIMEZONE", "Mars/Olympus"),)),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Output of each (tool, group) run, made on first use: every trigger of a group at once."""
    made = {}

    def output_for(tool, trigger):
        key = (tool, trigger.group)
        if key not in made:
            members = [t for t in TRIGGERS.values() if tool in t.tools and t.group == trigger.group]
            root = tmp_path_factory.mktemp(f"{tool}-{trigger.group}")
            if tool == "lint":
                content = root / "content"
                shutil.copytree(ROOT / "content", content)
                for member in members:
                    write_files(content, member.files)
                target = content if trigger.folder == "content" else trigger.folder
                run = subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(target)],
                                     cwd=ROOT, capture_output=True, text=True)
                made[key] = (run.returncode, run.stdout + run.stderr)
            else:
                source = root / "source"
                shutil.copytree(ROOT / "content", source)
                for member in members:
                    for rel in member.remove:
                        (source / rel).unlink()
                    write_files(source, member.files)
                env = dict(pair for member in members for pair in member.env)
                overrides = dict(pair for member in members for pair in member.overrides)
                result = build_site(root / "site", content=source, env=env, overrides=overrides)
                made[key] = (result.returncode, result.stdout + result.stderr)
        return made[key]

    return output_for


def pattern(message, file):
    parts = re.split(r"(<[^<>]+>)", message)
    regex = "".join(
        (re.escape(file) if part == "<file>" else ".+?") if re.fullmatch(r"<[^<>]+>", part)
        else re.escape(part)
        for part in parts)
    return re.compile(regex)


ROWS = table()
RUNS = [(ref, message, tool) for ref, message in ROWS for tool in TRIGGERS.get(ref, Trigger(("?",))).tools]


def test_editing_md_holds_the_catalogues_tables_as_invoke_catalogue_writes_them():
    text = EDITING.read_text(encoding="utf-8")
    assert catalogue.BEGIN in text and catalogue.END in text
    assert catalogue.write_table(text) == text, "run `invoke catalogue` and commit EDITING.md"


def test_the_table_lists_each_message_of_the_catalogue_once():
    refs = [ref for ref, _ in ROWS]
    assert refs == list(catalogue.MESSAGES)
    assert dict(ROWS) == {ref: catalogue.shown(message) for ref, message in catalogue.MESSAGES.items()}


def test_invoke_catalogue_says_when_editing_md_is_out_of_date(tmp_path):
    changed = EDITING.read_text(encoding="utf-8").replace("| `content.missing` |", "| `content.absent` |")
    assert catalogue.write_table(changed) != changed


def test_every_message_has_a_trigger():
    assert sorted(set(catalogue.MESSAGES) - set(TRIGGERS)) == []
    assert sorted(set(TRIGGERS) - set(catalogue.MESSAGES)) == []


@pytest.mark.parametrize("ref,message,tool", RUNS, ids=[f"{ref}-{tool}" for ref, _, tool in RUNS])
def test_each_message_in_the_table_is_printed_by_its_trigger(ref, message, tool, outputs):
    trigger = TRIGGERS[ref]
    returncode, output = outputs(tool, trigger)
    line = pattern(message, trigger.file)
    assert any(line.fullmatch(printed.strip()) for printed in output.splitlines()), (
        f"{ref}: no line like\n  {message}\nin the {tool} output:\n{output}")
    if catalogue.MESSAGES[ref].severity in (catalogue.WARNING, catalogue.INFO) or ref == "build.preview_summary":
        assert returncode == 0, output
    else:
        assert returncode != 0, f"{ref}: the {tool} passed despite the mistake"
    assert "Traceback" not in output
