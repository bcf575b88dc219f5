"""What the practice has still to approve: clinical pages, and answers reworded from its own.

`invoke golive` lists both and refuses to go live while any is left:

- a clinical page (synergy.clinical.pages) without `Approved_by: <clinician's key>`;
- a change in data/approvals.yaml (an FAQ answer the site words differently
  from the practice's own page) without `approved_by:`, shown with the
  practice's wording beside the site's, so the practice decides knowingly.
"""

import os
import re

from ..metadata import read_fields
from .pages import is_clinical

FACT = re.compile(r"\{fact:([a-z0-9-]+)\}")
FOLDERS = ("blog", "pages")


def _files(content_root):
    for folder in FOLDERS:
        for dirpath, dirs, files in os.walk(os.path.join(content_root, folder)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".md", ".markdown")):
                    yield os.path.join(dirpath, name)


def _shown(path, content_root):
    return os.path.join(os.path.basename(os.path.normpath(content_root)), os.path.relpath(path, content_root))


def _meta(path):
    with open(path, encoding="utf-8") as handle:
        return {field.name: field.value for field in read_fields(handle.read())}


def unapproved_pages(content_root, settings):
    """(file as shown, problem) for each published clinical page without a known Approved_by."""
    people = settings.get("CLINICIANS") or {}
    known = ", ".join(sorted(people)) or "none yet"
    found = []
    for path in _files(content_root):
        meta = _meta(path)
        if meta.get("status", "").strip().lower() == "draft":
            continue
        tags = [tag for tag in meta.get("tags", "").split(",") if tag.strip()]
        if not is_clinical(meta.get("clinical"), meta.get("category"), tags):
            continue
        who = meta.get("approved_by", "").strip()
        if not who:
            found.append((_shown(path, content_root), "clinical page not approved yet -- a clinician reads it, then "
                           f"adds 'Approved_by: <their key>' ({known}) to its metadata"))
        elif who not in people:
            found.append((_shown(path, content_root), f"Approved_by: '{who}' is not a clinician in "
                          f"data/practice.yaml -- write the key of one of them ({known})"))
    return found


def answer(markdown, question):
    """The text under `### question` up to the next heading, or None when the page has no such question."""
    match = re.search(rf"^###\s+{re.escape(question)}\s*$(.*?)(?=^#{{1,6}}\s|\Z)", markdown,
                      re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else None


def plain(text, facts):
    """Markdown text as read aloud: facts written out, emphasis marks dropped."""
    text = FACT.sub(lambda m: (facts.get(m.group(1)) or {}).get("text", m.group(0)), text)
    return " ".join(re.sub(r"\*+", "", text).split())


def pending_changes(content_root, settings):
    """[(file as shown, question, practice's wording, site's wording or None, why)] still to approve."""
    people = settings.get("CLINICIANS") or {}
    facts = settings.get("FACTS") or {}
    found = []
    for change in settings.get("APPROVALS") or ():
        if str(change.get("approved_by") or "").strip() in people:
            continue
        path = os.path.join(content_root, change["page"])
        try:
            with open(path, encoding="utf-8") as handle:
                now = answer(handle.read(), change["question"])
        except OSError:
            now = None
        found.append((_shown(path, content_root), change["question"], " ".join(str(change["original"]).split()),
                      plain(now, facts) if now is not None else None, " ".join(str(change.get("why") or "").split())))
    return found


def lines(content_root, settings):
    """(golive's lines for everything still to approve, how many things that is)."""
    waiting = unapproved_pages(content_root, settings)
    changes = pending_changes(content_root, settings)
    out = [f"{shown}: {problem}" for shown, problem in waiting]
    known = ", ".join(sorted(settings.get("CLINICIANS") or {})) or "none yet"
    for shown, question, original, now, why in changes:
        if now is None:
            out.append(f"{shown}: no question '{question}' for the change in data/approvals.yaml "
                       "-- restore the question, or update the change to the question's new words")
            continue
        out.append(f"{shown}: the answer to '{question}' differs from the practice's own wording -- a clinician "
                   f"compares the two below and, if the practice agrees, writes their key ({known}) after "
                   "approved_by in data/approvals.yaml")
        out.append(f"    the practice's wording: {original}")
        out.append(f"    the site's wording:     {now}")
        if why:
            out.append(f"    why it differs:         {why}")
    return out, len(waiting) + len(changes)
