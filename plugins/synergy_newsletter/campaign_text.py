"""A past campaign's words outside its body: subject, preview text and title, and its slug.

In Mailchimp these are plain text: whatever they hold (quotes, a slash, "<b>",
a merge tag) is text, never markup. Here merge tags are taken out (the archive
is nobody's email), control characters and runs of space are tidied, and the
rest stays as it was; whoever writes it out escapes it. The slug, which names
the issue's file, page and image folder, is ASCII letters, digits and hyphens
only, so a subject such as `Winter 2025/26 "update"` cannot name a folder or
break a path.
"""

import re

from unidecode import unidecode

from .sanitize import MERGE_IF, MERGE_TAG

SLUG_LENGTH = 60
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def plain(value):
    """A subject, preview text or title as one line of plain text, merge tags removed."""
    text = MERGE_IF.sub(lambda m: m["otherwise"] or "", str(value or ""))
    text = MERGE_TAG.sub("", text)
    text = " ".join(CONTROL.sub(" ", text).split())
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)   # "Hi *|FNAME|*!" reads "Hi!"
    return re.sub(r"^[\s,;:.!?-]+", "", text)


def slug(text, limit=SLUG_LENGTH):
    """ASCII letters, digits and single hyphens, at most limit long, cut at a hyphen."""
    words = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    if len(words) > limit:
        words = words[:limit + 1].rsplit("-", 1)[0] if "-" in words[:limit + 1] else words[:limit]
    return words.strip("-")


def unique(candidate, taken):
    """candidate, or candidate-2, -3, ... when taken (compared whatever the case)."""
    taken = {t.lower() for t in taken}
    chosen, number = candidate, 2
    while chosen.lower() in taken:
        chosen, number = f"{candidate}-{number}", number + 1
    return chosen
