"""Every line the content lint can print: `file: field: what is wrong -- what to do`.

EDITING.md lists each entry with its fix, and a test keeps the two in step.
"""

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
# Printed for the editor's information; never counted as a problem.
INFO = "info"

# key: (severity, template). Each line is printed after "{file}: ".
MESSAGES = {
    "no_folder": (ERROR, "no such folder -- give the content folder, such as content/"),
    "not_utf8": (
        ERROR,
        "could not be read: it is not saved as UTF-8 text "
        "-- save it again as UTF-8 (GitHub's editor always does)",
    ),
    "missing": (
        ERROR,
        "{field}: missing -- add a line '{label}: ...' to the metadata at the top of the file",
    ),
    "empty": (ERROR, "{field}: empty -- write a value after '{label}:' or remove the line"),
    "given_twice": (ERROR, "{field}: given twice -- keep one line for it"),
    "not_a_date": (
        ERROR,
        "{field}: '{value}' is not a date "
        "-- write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2026-03-14",
    ),
    "not_a_day": (
        ERROR,
        "{field}: '{value}' is not a date -- write it as YYYY-MM-DD, for example 2026-03-14",
    ),
    "in_the_future": (
        ERROR,
        "{field}: {value} is in the future -- write the day it actually happened",
    ),
    "unknown_status": (
        ERROR,
        "status: '{value}' is not a status -- use 'Status: draft' or 'Status: published'",
    ),
    "not_yes_or_no": (
        ERROR,
        "{field}: '{value}' is not yes or no -- write '{label}: yes' or '{label}: no'",
    ),
    "clinical_needs_review": (
        ERROR,
        "{field}: missing on clinical content ({why}) "
        "-- add '{label}: ...' so readers see who checked it and when",
    ),
    "review_overdue": (
        WARNING,
        "last_reviewed: {value} is more than 12 months ago "
        "-- ask a clinician to review the text, then update Last_reviewed",
    ),
    "testimonial_needs_consent": (
        ERROR,
        "{field}: missing on a testimonial -- record the client's written consent "
        "with 'Consent_on: YYYY-MM-DD' and 'Consent_by: <who recorded it>'",
    ),
    "preview_too_long": (
        ERROR,
        "preview: {length} characters, more than {limit} "
        "-- shorten it; inboxes show only the first 100 or so",
    ),
    "unknown_reviewer": (
        ERROR,
        "reviewer: '{value}' is not a clinician in data/practice.yaml "
        "-- write the key of one of them ({known}), or add them there",
    ),
    "typed_in": (
        ERROR,
        "line {line}: {what} is typed in ('{value}') "
        "-- write {placeholder} instead: the build fills it in from data/practice.yaml",
    ),
    "readability": (
        INFO,
        "readability: Flesch-Kincaid grade {grade} (health pages aim at grade 8 or below)",
    ),
    "hard_to_read": (
        WARNING,
        "readability: Flesch-Kincaid grade {grade}, above grade {limit} "
        "-- use shorter sentences and everyday words, then check again",
    ),
    "slug_taken": (
        ERROR,
        "slug: '{value}' is also used by {other} -- give one of them a different 'Slug:'",
    ),
}

SUMMARY = "Content lint: {errors}, {warnings} in {files} (see EDITING.md)."


class Problem(NamedTuple):
    path: str       # as the editor knows it: content/blog/x.md
    key: str        # the MESSAGES entry
    severity: str
    text: str

    @property
    def line(self):
        flag = "warning: " if self.severity == WARNING else ""
        return f"{self.path}: {flag}{self.text}"


def counted(number, word):
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(errors, warnings, files):
    return SUMMARY.format(errors=counted(errors, "error"), warnings=counted(warnings, "warning"),
                          files=counted(files, "file"))


def problem(path, key, **values):
    severity, template = MESSAGES[key]
    return Problem(path, key, severity, template.format(**values))
