"""Health metadata of a page or article: Clinical, Reviewer and Last_reviewed."""

import datetime

from synergy import catalogue
from synergy.errors import ContentError
from synergy.words import yes_or_no


def is_clinical(content):
    value = str(getattr(content, "clinical", "") or "").strip().lower()
    answer = yes_or_no(value) if value else False
    if answer is None:
        raise ContentError(catalogue.text("content.not_yes_or_no", field="clinical", value=value,
                                          label="Clinical"))
    return answer


def reviewer(content):
    return str(getattr(content, "reviewer", "") or "").strip()


def last_reviewed(content):
    """The Last_reviewed date, or None when the file has none."""
    value = getattr(content, "last_reviewed", None)
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else _fail(text)
    except ValueError:
        _fail(text)


def _fail(text):
    raise ContentError(catalogue.text("content.not_a_day", field="last_reviewed", value=text))
