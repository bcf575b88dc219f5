"""Health metadata of a page or article: Clinical, Reviewer and Last_reviewed."""

import calendar
import datetime

from synergy import catalogue
from synergy.content.schema import REVIEW_MAX_AGE_MONTHS
from synergy.errors import ContentError
from synergy.practice import clinicians
from synergy.words import yes_or_no


def is_clinical(content):
    value = str(getattr(content, "clinical", "") or "").strip().lower()
    answer = yes_or_no(value) if value else False
    if answer is None:
        raise ContentError(catalogue.text("content.not_yes_or_no", field="clinical", value=value,
                                          label="Clinical"))
    return answer


def names_a_reviewer(content):
    return bool(str(getattr(content, "reviewer", "") or "").strip())


def reviewer(content):
    """The clinician `Reviewer:` names by key, or None when there is no such line."""
    if not names_a_reviewer(content):
        return None
    return clinicians.find(content.settings, content.reviewer)


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


def next_review(day):
    """When a review done on day falls due again: REVIEW_MAX_AGE_MONTHS later."""
    year, month = divmod(day.month - 1 + REVIEW_MAX_AGE_MONTHS, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fail(text):
    raise ContentError(catalogue.text("content.not_a_day", field="last_reviewed", value=text))
