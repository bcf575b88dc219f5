"""What `invoke lint` checks beyond the rules every build runs, given the site's settings.

The build fills the practice's placeholders and the shared facts (plugins
synergy_practice and synergy_clinical) and checks them itself; the lint renders
each file with the same placeholders, so `[Book online]({booking})` is a link
to the booking page and not a misspelt link marker, and adds:

- a placeholder nobody fills (practice.unknown_placeholder, clinical.unknown_fact);
- a practice detail typed in where its placeholder belongs (lint.typed_in);
- `Reviewer:` and `Approved_by:` naming no clinician (practice.unknown_clinician);
- the reading grade of each clinical page (lint.readability, lint.hard_to_read).

Without the practice's settings (a bare content folder checked on its own
terms) there is nothing to add.
"""

from .. import catalogue, placeholders
from ..clinical import facts, pages
from ..practice import copies, fill
from ..practice.clinicians import known
from . import readability

FACT = "fact:"
CLINICIAN_FIELDS = (("reviewer", "Reviewer"), ("approved_by", "Approved_by"))


def knows_the_practice(settings):
    return isinstance(settings.get("PRACTICE"), dict)


def extensions(settings):
    """The Markdown extensions that fill placeholders as the build does (none without the practice)."""
    if not knows_the_practice(settings):
        return []
    return [placeholders.Placeholders("practice", fill.values(settings)),
            placeholders.Placeholders("facts", facts.placeholder_values(settings.get("FACTS") or {},
                                                                        settings.get("MARKDOWN")))]


def rules(plan, source, html):
    """(what the lint adds about one Markdown source, its HTML with unfilled placeholders disarmed)."""
    settings = plan.settings
    if not knows_the_practice(settings) or source.text is None:
        return [], html
    found = []
    left = placeholders.unfilled(html, lambda name: True)
    values = fill.values(settings)
    for name in left:
        if name.startswith(FACT):
            found.append(catalogue.say("clinical.unknown_fact", key=name.removeprefix(FACT),
                                       known=", ".join(sorted(settings.get("FACTS") or {}))))
        elif fill.owns(name):
            found.append(fill.problem(name, values))
    for name, label in CLINICIAN_FIELDS:
        key = source.meta.get(name, "").strip()
        if key and key not in (settings.get("CLINICIANS") or {}):
            found.append(catalogue.say("practice.unknown_clinician", field=label, key=key, known=known(settings)))
    for copy in copies.find(source.text, copies.watched(settings)):
        found.append(catalogue.say("lint.typed_in", line=copy.line, what=copy.what, value=copy.value,
                                   placeholder=copy.placeholder))
    found += _readability(source, settings)
    return found, placeholders.disarm(html, left)


def _readability(source, settings):
    meta = source.meta
    tags = [tag for tag in meta.get("tags", "").split(",") if tag.strip()]
    if source.draft or source.kind is None or source.kind.name not in ("article", "page") \
            or not pages.is_clinical(meta.get("clinical"), meta.get("category"), tags):
        return []
    body = source.text.replace("\r\n", "\n").partition("\n\n")[2]
    grade = readability.grade(readability.prose(body, settings.get("FACTS")))
    if grade > readability.LIMIT:
        return [catalogue.say("lint.hard_to_read", grade=grade, limit=f"{readability.LIMIT:g}")]
    return [catalogue.say("lint.readability", grade=grade)]
