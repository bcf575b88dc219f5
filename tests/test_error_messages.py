"""EDITING.md's table of messages is complete and true.

Every row is printed by the real lint or the real build when fed the mistake
named for it in TRIGGERS, and every message in the lint's, the strict build's
and the build clock's catalogues has its row, worded as the code words it.
"""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

import pelicanconf
import synergy.clock as clock_messages
import synergy.content.messages as lint_messages
import synergy_strict.messages as build_messages
from sitebuild import ROOT, build_site
from synergy.errors import SettingsError

EDITING = ROOT / "EDITING.md"
ROW = re.compile(r"^\| `(?P<ref>[a-z0-9_]+\.[a-z0-9_]+)` \| `(?P<message>[^`]+)` \| (?P<fix>.+) \|$")

HEAD = "Date: 2026-01-05\nCategory: Wellness\nSummary: A summary.\n"


def article(title, extra="", body="Body.\n"):
    return f"Title: {title}\n{HEAD}{extra}\n{body}"


def table():
    rows = [ROW.match(line) for line in EDITING.read_text(encoding="utf-8").splitlines()]
    return [(row["ref"], row["message"]) for row in rows if row]


class Placeholders(dict):
    def __missing__(self, key):
        return f"<{key}>"


def shown(template):
    """A catalogue template as the table shows it: {value} becomes <value>."""
    return template.format_map(Placeholders())


@dataclass(frozen=True)
class Trigger:
    tool: str                        # "lint" or "build"
    file: str = ""                   # the file the line must name ("" for summaries)
    files: tuple = ()                # (content-relative path, text or bytes), ...
    group: str = "mistakes"          # triggers of one group share a run
    env: tuple = ()
    overrides: tuple = ()
    folder: str = "content"          # the content folder the run is pointed at


LATIN1 = "Title: Caf\xe9\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\nBody.\n".encode("latin-1")
ISSUE = ("Title: Issue\nDate: 2026-01-05 09:00\nSlug: {slug}\nStatus: draft\nSubject: s\n"
         "Preview: {preview}\nSummary: s\n\nHello.\n")


# One sentence of long words, as some medical writing is.
HARD = ("Pharmacological considerations regarding intravenous ketamine administration necessitate comprehensive "
        "cardiovascular evaluation, individualized contraindication assessment and multidisciplinary "
        "postadministration monitoring protocols.\n")


def lint(path, text):
    return Trigger("lint", f"content/{path}", ((path, text),))


def build(path, text, group="mistakes", **kwargs):
    return Trigger("build", f"content/{path}", ((path, text),), group=group, **kwargs)


def toolkit(text, group):
    return build("toolkit/wellness-toolkit.md", text, group=group)


TRIGGERS = {
    "lint.missing": lint("blog/l-missing.md", article("Missing").replace("Summary: A summary.\n", "")),
    "lint.empty": lint("blog/l-empty.md", article("Empty").replace("A summary.", "")),
    "lint.given_twice": lint("blog/l-twice.md", article("Twice", "Category: Telehealth\n")),
    "lint.not_a_date": lint("blog/l-date.md", article("Bad date").replace("2026-01-05", "2026-13-45")),
    "lint.not_a_day": lint("blog/l-day.md", article("Day", "Reviewer: prescriber\nLast_reviewed: June 2026\n")),
    "lint.in_the_future": lint("blog/l-future.md", article("Future", "Reviewer: prescriber\nLast_reviewed: 2999-01-01\n")),
    "lint.unknown_status": lint("blog/l-status.md", article("Status", "Status: later\n")),
    "lint.not_yes_or_no": lint("blog/l-clinical.md", article("Clinical", "Clinical: maybe\n")),
    "lint.clinical_needs_review": lint("blog/l-review.md", article("Review", "Clinical: yes\n")),
    "lint.review_overdue": Trigger("lint", "content/blog/l-old.md", (
        ("blog/l-old.md", article("Old", "Reviewer: prescriber\nLast_reviewed: 2020-01-02\n")),),
        group="warning"),
    "lint.testimonial_needs_consent": lint("testimonials/l-words.md", "Title: Kind words\n\nThanks.\n"),
    "lint.preview_too_long": lint("newsletter/l-preview.md", ISSUE.format(slug="l-preview", preview="p" * 151)),
    "lint.slug_taken": Trigger("lint", "content/blog/l-slug-b.md", (
        ("blog/l-slug-a.md", article("Same", "Slug: same\n")),
        ("blog/l-slug-b.md", article("Same again", "Slug: same\n")))),
    "lint.not_utf8": lint("blog/l-latin1.md", LATIN1),
    "lint.unknown_reviewer": lint("blog/l-reviewer.md", article("Reviewer", "Reviewer: dr-nobody\nLast_reviewed: 2026-01-01\n")),
    "lint.typed_in": lint("blog/l-typed.md", article("Typed", body=f"[Book]({pelicanconf.PRACTICE['booking_url']})\n")),
    "lint.readability": Trigger("lint", "content/blog/l-plain.md", (("blog/l-plain.md", article(
        "Plain", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\n", body="We can help. Ask us.\n")),),
        group="readability"),
    "lint.hard_to_read": Trigger("lint", "content/blog/l-hard.md", (("blog/l-hard.md", article(
        "Hard", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\n", body=HARD)),),
        group="readability"),
    "lint.summary": Trigger("lint"),
    "lint.no_folder": Trigger("lint", str(ROOT / "nowhere"), group="no-folder", folder="nowhere"),

    "build.missing_field": build("blog/b-untitled.md", article("x").replace("Title: x\n", "")),
    "build.not_a_date": build("blog/b-date.md", article("Bad date").replace("2026-01-05", "2026-13-45")),
    "build.unknown_status": build("blog/b-status.md", article("Status", "Status: later\n")),
    "build.given_twice": build("blog/b-twice.md", article("Twice", "Status: draft\nStatus: published\n")),
    "build.missing_link": build("blog/b-link.md", article("Link", body="[x]({filename}/blog/nowhere.md)\n")),
    "build.unknown_link_kind": build("blog/b-kind.md", article("Kind", body="[x]({filenam}/blog/b-link.md)\n")),
    "build.filename_for_static": build("blog/b-static.md", article("Static", body="[x]({filename}/extra/robots.txt)\n")),
    "build.empty_alt": build("blog/b-alt.md", article("Alt", body="![]({static}/extra/favicon.svg)\n")),
    "build.not_utf8": build("blog/b-latin1.md", LATIN1),
    "build.unreadable": build("blog/b-broken.rst", "Broken\n######\n\n:date: 2026-01-05\n\n.. no-such-directive::\n"),
    "build.pelican_says": build("blog/b-meta.html", (
        '<html><head><title>Meta</title><meta name="date" contents="2026-01-05">'
        '<meta name="summary" content="s"></head><body>Body.</body></html>\n')),
    "build.summary": Trigger("build"),
    "build.preview_summary": Trigger("build", "content/blog/b-preview.md", (
        ("blog/b-preview.md", article("Preview", body="[x]({filename}/blog/nowhere.md)\n")),),
        group="preview", env=(("STRICT_BUILD", ""),), overrides=(("STRICT_REPORT", True),)),
    "build.slug_taken": Trigger("build", "content/blog/b-slug-b.md", (
        ("blog/b-slug-a.md", article("Same", "Slug: same\n")),
        ("blog/b-slug-b.md", article("Same again", "Slug: same\n"))), group="slug"),
    "clock.not_a_date": Trigger("build", group="clock", env=(("SITE_BUILD_NOW", "next tuesday"),)),
    "clock.unknown_timezone": Trigger("build", group="timezone", overrides=(("TIMEZONE", "Mars/Olympus"),)),

    "faq.no_questions": build("blog/b-faq1.md", article("FAQ one", body="## Questions {.faq}\n\nJust text.\n")),
    "faq.no_answer": build("blog/b-faq2.md", article("FAQ two", body="## Questions {.faq}\n\n### Why?\n\n## Next\n\nText.\n")),
    "review.clinical_not_yes_or_no": build("blog/b-clinical.md", article("Clinical", "Clinical: maybe\n")),
    "review.last_reviewed_not_a_date": build("blog/b-review.md", article("Review", "Reviewer: prescriber\nLast_reviewed: June 2026\n")),
    "review.unknown_reviewer": build("blog/b-reviewer.md", article("Unknown reviewer", "Reviewer: dr-nobody\n")),
    "practice.unknown_placeholder": build("blog/b-placeholder.md", article("Typo", body="[Book online]({bookng})\n")),
    "practice.empty_placeholder": build("blog/b-phone.md", article("Phone", body="Call us on {phone}.\n"),
                                        group="empty-placeholder",
                                        overrides=(("PRACTICE", {**pelicanconf.PRACTICE, "phone": ""}),)),
    "clinical.sources_missing": build("blog/b-nosources.md", article("No sources", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\n")),
    "clinical.unknown_source": build("blog/b-source.md", article("Source", "Sources: spravato-label, made-up\n")),
    "clinical.unknown_fact": build("blog/b-fact.md", article("Fact", body="{fact:spravato-aproval}\n")),
    "clinical.fact_not_cited": build("blog/b-cited.md", article("Cited", "Clinical: yes\nReviewer: prescriber\nLast_reviewed: 2026-01-02\nSources: livertox-ketamine\n", body="{fact:spravato-approval}\n")),
    "clinical.unknown_approver": build("blog/b-approver.md", article("Approver", "Approved_by: dr-nobody\n")),
    "newsletter.slug_missing": build("newsletter/b-noslug.md", ISSUE.replace("Slug: {slug}\n", "").format(preview="p")),
    "toolkit.title_missing": toolkit("Summary: s\n\n## Part\n\nLead.\n", "toolkit-title"),
    "toolkit.no_sections": toolkit("Title: Toolkit\nSummary: s\n\nJust an introduction.\n", "toolkit-sections"),
    "toolkit.section_without_paragraph": toolkit("Title: Toolkit\nSummary: s\n\n## Part\n\n- an item\n", "toolkit-lead"),
}


def _write(content, files):
    for rel, text in files:
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Output of each (tool, group) run, made on first use: every trigger of a group at once."""
    made = {}

    def output_for(trigger):
        key = (trigger.tool, trigger.group)
        if key not in made:
            members = [t for t in TRIGGERS.values() if (t.tool, t.group) == key] or [trigger]
            root = tmp_path_factory.mktemp(f"{trigger.tool}-{trigger.group}")
            if trigger.tool == "lint":
                content = root / "content"
                content.mkdir()
                for member in members:
                    _write(content, member.files)
                target = content if trigger.folder == "content" else trigger.folder
                run = subprocess.run([sys.executable, "-m", "invoke", "lint", "--content", str(target)],
                                     cwd=ROOT, capture_output=True, text=True)
                made[key] = (run.returncode, run.stdout + run.stderr)
            else:
                source = root / "source"
                shutil.copytree(ROOT / "content", source)
                for member in members:
                    _write(source, member.files)
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


def test_the_table_lists_each_message_once():
    refs = [ref for ref, _ in ROWS]
    assert len(refs) > 30
    assert len(refs) == len(set(refs))


@pytest.mark.parametrize("ref,message", ROWS, ids=[ref for ref, _ in ROWS])
def test_each_message_in_the_table_is_printed_by_its_trigger(ref, message, outputs):
    assert ref in TRIGGERS, f"{ref}: no trigger for this row of EDITING.md"
    trigger = TRIGGERS[ref]
    returncode, output = outputs(trigger)
    line = pattern(message, trigger.file)
    assert any(line.fullmatch(printed.strip()) for printed in output.splitlines()), (
        f"{ref}: no line like\n  {message}\nin the output:\n{output}")
    if ref.endswith(("review_overdue", "preview_summary", "readability", "hard_to_read")):  # reported alone, never fatal
        assert returncode == 0
    else:
        assert returncode != 0, f"{ref}: the {trigger.tool} passed despite the mistake"
    assert "Traceback" not in output


def _catalogue():
    """(ref, message as the table must show it) for every message the code can print."""
    for key, (severity, template) in lint_messages.MESSAGES.items():
        flag = "warning: " if severity == lint_messages.WARNING else ""
        yield f"lint.{key}", f"<file>: {flag}{shown(template)}"
    yield "lint.summary", shown(lint_messages.SUMMARY)
    for key, template in build_messages.MESSAGES.items():
        yield f"build.{key}", f"<file>: {shown(template)}"
    yield "build.summary", shown(build_messages.SUMMARY)
    yield "build.preview_summary", shown(build_messages.PREVIEW_SUMMARY)
    for key, (name, problem, fix) in clock_messages.MESSAGES.items():
        yield f"clock.{key}", shown(str(SettingsError(name, problem, fix)))


@pytest.mark.parametrize("ref,message", list(_catalogue()), ids=[ref for ref, _ in _catalogue()])
def test_every_message_the_code_can_print_is_in_the_table_as_worded(ref, message):
    rows = dict(ROWS)
    assert ref in rows, f"EDITING.md has no row for {ref}: {message}"
    assert rows[ref] == message
