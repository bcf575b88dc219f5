"""Check every content file against the schema; one Problem per mistake."""

import datetime
import os
import re
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date, slugify

from ..metadata import read_fields
from ..practice import copies
from . import readability, schema
from .messages import ERROR, WARNING, problem, summary

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def content_files(content_root):
    return sorted(_content_files(Path(content_root)))


def lint(content_root, today=None, settings=None):
    """All problems in the content folder, file by file, in the order written.

    Given the site's settings, it also checks each file against the practice's
    details: no typed-in copy of one, and reviewers named by a clinician's key.
    """
    content_root = Path(content_root)
    today = today or datetime.date.today()
    practice = _Practice(settings) if settings is not None else None
    problems, slugs = [], {}
    for path in content_files(content_root):
        shown = _shown(path, content_root)
        found, slug_entry = lint_file(path, content_root, shown, today, practice)
        problems += found
        if slug_entry:
            space, slug = slug_entry
            other = slugs.setdefault((space, slug), shown)
            if other != shown:
                problems.append(problem(shown, "slug_taken", value=slug, other=other))
    return problems


class _Practice:
    """What the lint needs to know of the practice: its details, its clinicians' keys, its facts."""

    def __init__(self, settings):
        self.watched = copies.watched(settings)
        self.clinicians = sorted(settings.get("CLINICIANS") or {})
        self.facts = settings.get("FACTS") or {}


def lint_file(path, content_root, shown, today, practice=None):
    """(problems, (slug space, slug) or None) for one file."""
    parts = path.relative_to(content_root).parts
    kind = schema.kind_of(parts)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [problem(shown, "not_utf8")], None
    fields = read_fields(text)
    found = []
    first = {}
    for field in fields:
        if field.name in first:
            found.append(problem(shown, "given_twice", field=field.name))
            continue
        first[field.name] = field
    meta = {name: field.value for name, field in first.items()}
    labels = {name: field.label for name, field in first.items()}

    def say(key, **values):
        found.append(problem(shown, key, **values))

    draft = meta.get("status", "").strip().lower() == "draft"
    for name, value in meta.items():
        if value or name not in schema.NEED_A_VALUE:
            continue
        # A draft may leave its review for later; publishing needs it.
        if not (draft and name in schema.REVIEW_FIELDS):
            say("empty", field=name, label=labels[name])

    if kind is not None:
        _check_required(kind, meta, say)
        _check_status(kind, meta, say)
    _check_dates(meta, today, say)
    _check_yes_no(meta, labels, say)
    if kind is not None and kind.name in ("article", "page") and not draft:
        _check_review(meta, say)
    if not draft:
        _check_review_age(meta, today, say)
    if (kind is not None and kind.name == "testimonial") or schema.TESTIMONIAL_FIELD in meta:
        _check_consent(meta, say)
    if kind is not None and kind.name == "issue":
        _check_preview(meta, say)
    if practice is not None:
        _check_practice(text, meta, practice, say)
    if kind is not None and kind.name in ("article", "page") and not draft and _clinical_reason(meta):
        _report_readability(text, practice, say)
    return found, _slug(kind, meta)


def _check_required(kind, meta, say):
    listed = meta.get("status", "").strip().lower() != "hidden"
    needed = kind.required + (kind.required_if_listed if listed else ())
    for name in needed:
        if name not in meta:
            say("missing", field=name, label=name.capitalize())


def _check_status(kind, meta, say):
    status = meta.get("status")
    if status and status.strip().lower() not in kind.statuses:
        say("unknown_status", value=status)


def _check_dates(meta, today, say):
    for name in schema.DATE_FIELDS:
        value = meta.get(name)
        if value:
            try:
                get_date(value)
            except (ValueError, OverflowError):
                say("not_a_date", field=name, value=value)
    for name in schema.DAY_FIELDS:
        value = meta.get(name)
        if not value:
            continue
        day = _day(value)
        if day is None:
            say("not_a_day", field=name, value=value)
        elif day > today:
            say("in_the_future", field=name, value=value)


def _check_yes_no(meta, labels, say):
    for name in schema.YES_NO_FIELDS:
        value = meta.get(name)
        if value and value.strip().lower() not in schema.YES + schema.NO:
            say("not_yes_or_no", field=name, value=value, label=labels[name])


def _clinical_reason(meta):
    if meta.get("clinical", "").strip().lower() in schema.YES:
        return "it says Clinical: yes"
    category = meta.get("category", "").strip()
    if category.lower() in schema.CLINICAL_CATEGORIES:
        return f"its category is {category}"
    for tag in (t.strip() for t in meta.get("tags", "").split(",")):
        if tag.lower() in schema.CLINICAL_TAGS:
            return f"it is tagged {tag}"
    return None


def _check_review(meta, say):
    why = _clinical_reason(meta)
    if why is None:
        return
    for name in schema.REVIEW_FIELDS:
        if name not in meta:
            say("clinical_needs_review", field=name, why=why, label=name.capitalize())


def _check_review_age(meta, today, say):
    reviewed = _day(meta.get("last_reviewed", ""))
    if reviewed is not None and reviewed < _months_before(today, schema.REVIEW_MAX_AGE_MONTHS):
        say("review_overdue", value=meta["last_reviewed"])


def _check_consent(meta, say):
    for name in schema.CONSENT_FIELDS:
        if name not in meta:
            say("testimonial_needs_consent", field=name)


def _check_preview(meta, say):
    preview = meta.get("preview", "")
    if len(preview) > schema.PREVIEW_MAX_LENGTH:
        say("preview_too_long", length=len(preview), limit=schema.PREVIEW_MAX_LENGTH)


def _check_practice(text, meta, practice, say):
    reviewer = meta.get("reviewer", "").strip()
    if reviewer and reviewer not in practice.clinicians:
        say("unknown_reviewer", value=reviewer, known=", ".join(practice.clinicians) or "none yet")
    for copy in copies.find(text, practice.watched):
        say("typed_in", line=copy.line, what=copy.what, value=copy.value, placeholder=copy.placeholder)


def _report_readability(text, practice, say):
    """Every clinical page's reading grade; a warning above the limit."""
    body = text.replace("\r\n", "\n").partition("\n\n")[2]
    grade = readability.grade(readability.prose(body, practice.facts if practice else None))
    if grade > readability.LIMIT:
        say("hard_to_read", grade=grade, limit=f"{readability.LIMIT:g}")
    else:
        say("readability", grade=grade)


def _slug(kind, meta):
    if kind is None:
        return None
    slug = meta.get("slug") or (
        slugify(meta["title"], regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
        if meta.get("title") else "")
    return (kind.folder, slug) if slug else None


def _day(value):
    value = (value or "").strip()
    if not DAY.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _months_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue


def _content_files(content_root):
    for folder, subfolders, files in os.walk(content_root):
        rel = Path(folder).relative_to(content_root).parts
        if rel and rel[0] in schema.STATIC_FOLDERS:
            subfolders[:] = []
            continue
        subfolders[:] = [name for name in subfolders if not name.startswith((".", "_"))]
        for name in files:
            if name.endswith(schema.EXTENSIONS) and not name.startswith("."):
                yield Path(folder) / name


def _shown(path, content_root):
    """The path as the editor sees it in the repository: content/blog/x.md."""
    return str(Path(content_root.name) / path.relative_to(content_root))


def report(problems, files_checked):
    """The lines to print and whether the lint passed (warnings do not fail it)."""
    lines = [p.line for p in problems]
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = sum(1 for p in problems if p.severity == WARNING)
    lines.append(summary(errors, warnings, files_checked))
    return lines, errors == 0
