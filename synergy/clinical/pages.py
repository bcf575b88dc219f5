"""Which content is clinical, and which needs the crisis box near the top."""

import re

from ..content import schema
from ..words import yes_or_no

# Text that discusses suicidal thoughts, self-harm or mood: a reader of it may be in crisis.
CRISIS_WORDS = re.compile(r"suicid|self-harm|harming (?:your|them)sel|\bmood\b|depress", re.IGNORECASE)


def is_clinical(clinical="", category="", tags=()):
    """Clinical content: `Clinical: yes`, or a category or tag the lint counts as clinical."""
    if yes_or_no(str(clinical or "").strip()):
        return True
    if str(category or "").strip().lower() in schema.CLINICAL_CATEGORIES:
        return True
    return any(str(tag).strip().lower() in schema.CLINICAL_TAGS for tag in tags or ())


def wants_crisis_box(setting, clinical, text, article):
    """`Crisis_box: yes/no` decides; otherwise clinical content, and articles about suicide or mood.

    A page (home, contact, ...) that is not clinical gets one only when it says so.
    """
    said = yes_or_no(str(setting or "").strip()) if setting not in (None, "") else None
    if said is not None:
        return said
    return bool(clinical or (article and CRISIS_WORDS.search(text or "")))
