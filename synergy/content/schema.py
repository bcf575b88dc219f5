"""What each kind of content file must carry. The one place to change the rules.

A file's kind comes from its folder under content/. Field names are lower case
(Pelican's); editors write them in any case, usually `Title:`.
"""

from dataclasses import dataclass

from .. import words

EDITORIAL_STATUSES = ("draft", "published", "hidden")


@dataclass(frozen=True)
class Kind:
    name: str
    folder: str                     # under content/
    required: tuple = ()            # every file of this kind
    required_if_listed: tuple = ()  # unless `Status: hidden` (kept out of lists)
    statuses: tuple = EDITORIAL_STATUSES
    status_required: bool = False


KINDS = (
    Kind("article", "blog", required=("title", "date", "summary", "category")),
    Kind("page", "pages", required=("title",), required_if_listed=("summary",)),
    # Mirrors plugins/newsletter: an issue's slug names its Mailchimp campaign,
    # and only `published` issues are ever sent.
    Kind("issue", "newsletter",
         required=("title", "date", "slug", "subject", "preview", "summary", "status"),
         statuses=("draft", "published"), status_required=True),
    Kind("testimonial", "testimonials", required=("title",)),
    # The Wellness Toolkit's source (plugins/toolkit_pdf makes the PDF from it).
    Kind("toolkit", "toolkit", required=("title", "summary")),
)

# Dates Pelican reads (any form it understands).
DATE_FIELDS = ("date", "modified")
# Days shown as written and compared with today: strictly YYYY-MM-DD, never ahead.
DAY_FIELDS = ("last_reviewed", "consent_on")
# `Email: yes` approves a newsletter issue for email (plugins/synergy_newsletter).
YES_NO_FIELDS = ("clinical", "email")
# The words the build understands (synergy.words).
YES = words.YES
NO = words.NO

# Clinical content must say who reviewed it and when before it is published (a
# draft may leave it for later). A file is clinical when it says `Clinical: yes`,
# or its category or one of its tags is one of these.
CLINICAL_CATEGORIES = ("ketamine therapy",)
CLINICAL_TAGS = ("ketamine", "esketamine", "medication", "prescription")
REVIEW_FIELDS = ("reviewer", "last_reviewed")
# Any review (clinical or not) older than this is flagged, as a warning.
REVIEW_MAX_AGE_MONTHS = 12

# A testimonial (a file in content/testimonials/, or any file with a
# `Testimonial:` line) is published only with the client's recorded consent.
TESTIMONIAL_FIELD = "testimonial"
CONSENT_FIELDS = ("consent_on", "consent_by")

PREVIEW_MAX_LENGTH = 150

EXTENSIONS = (".md", ".markdown")
# Folders of static files, never content with metadata.
STATIC_FOLDERS = ("images", "extra")


# Fields that mean nothing empty (others, like `URL:` on the home page, may be).
NEED_A_VALUE = tuple(sorted(
    {name for kind in KINDS for name in kind.required + kind.required_if_listed}
    | set(DATE_FIELDS) | set(DAY_FIELDS) | set(YES_NO_FIELDS) | set(REVIEW_FIELDS)
    | set(CONSENT_FIELDS) | {"slug", "status", "tags"}
))


def kind_of(relative_parts):
    """The Kind of a file from its path parts under content/, or None."""
    if not relative_parts:
        return None
    for kind in KINDS:
        if relative_parts[0] == kind.folder:
            return kind
    return None
