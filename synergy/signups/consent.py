"""When a person agreed to the newsletter: the consented_at column, checked and sent as Mailchimp's timestamp_opt.

A date (2026-01-05) means the start of that day in the practice's time zone; a
date-time without an offset (2026-01-05 14:30) is read in that zone too. The
moment must have come (a date in the future is a typo, not a consent) and must
not be before 2000, where spreadsheets put dates they could not read
(0001-01-01, 1900-01-00) and where no consent of this practice can be.
"""

import datetime as dt

EARLIEST = dt.date(2000, 1, 1)
LEAVE_EMPTY = "or leave it empty so that Mailchimp asks the person to confirm by email"


class ConsentError(ValueError):
    """consented_at cannot be used: the message says what is wrong and what to do."""


def parse(text, *, now, zone):
    """The aware moment of consent, or ConsentError."""
    value = text.strip()
    try:
        if len(value) == 10:
            moment = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), zone)
        else:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
    except ValueError:
        raise ConsentError(f"consented_at '{value}' is not a date -- write it as YYYY-MM-DD "
                           f"(or YYYY-MM-DD HH:MM), {LEAVE_EMPTY}") from None
    # The date as written first: comparing year 1 with an offset would leave the calendar.
    if moment.date() < EARLIEST:
        raise ConsentError(f"consented_at '{value}' is before 2000 -- write the day the person "
                           f"agreed (a spreadsheet may have put this date in an empty cell), {LEAVE_EMPTY}")
    if moment > now:
        raise ConsentError(f"consented_at '{value}' is in the future -- write the day the person "
                           f"agreed, {LEAVE_EMPTY}")
    return moment


def for_mailchimp(moment):
    """timestamp_opt as Mailchimp writes its own: ISO 8601 in UTC, whole seconds."""
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()
