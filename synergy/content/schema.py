"""What each kind of content file may and must carry. The one place to change the rules.

A file's kind comes from the folder it is in (the build's ARTICLE_PATHS,
PAGE_PATHS, NEWSLETTER_PATHS and TOOLKIT_SOURCE settings). Metadata names are
lower case (Pelican's); editors write them in any case, usually `Title:`.

To let files carry a new metadata line, add one line to KEYS:

    "approved_by": Key(),                        # any kind of file
    "email": Key(kinds=("issue",)),              # newsletter issues only
    "reviewed_on": Key(DAY),                     # a day, YYYY-MM-DD, not ahead

Every other line in a file's metadata is refused, with the nearest known name
offered ("Staus" -> did you mean "Status"?).
"""

from dataclasses import dataclass

from .. import words

# What a value must look like.
TEXT = "text"          # anything
DATE = "date"          # YYYY-MM-DD or YYYY-MM-DD HH:MM
DAY = "day"            # YYYY-MM-DD, never ahead of the build clock
YES_NO = "yes/no"      # synergy.words
CATEGORY = "category"  # one of CONTENT_CATEGORIES
LIST = "list"          # comma-separated


@dataclass(frozen=True)
class Key:
    """A metadata line the site understands."""
    value: str = TEXT
    kinds: tuple = ()           # the kinds of file that carry it; () means every kind
    needs_value: bool = True    # False: may be empty (`URL:` on the home page is)


KEYS = {
    "title": Key(),
    "date": Key(DATE),
    "modified": Key(DATE),
    "slug": Key(),
    "status": Key(),
    "summary": Key(),
    "category": Key(CATEGORY),
    "tags": Key(LIST),
    "author": Key(),                            # credited in the page's structured data
    "authors": Key(LIST),
    "lang": Key(),
    "template": Key(),
    "save_as": Key(needs_value=False),
    "url": Key(needs_value=False),
    "clinical": Key(YES_NO),
    "reviewer": Key(),
    "last_reviewed": Key(DAY),
    # Keys into data/sources.yaml. A new post's skeleton leaves it empty; a published
    # clinical page without sources is refused by the build (plugins/synergy_clinical).
    "sources": Key(LIST, needs_value=False),
    "approved_by": Key(),                       # the clinician who approved a clinical page, by key
    "crisis_box": Key(YES_NO),                  # the 988 box near the top: yes or no decides
    "testimonial": Key(needs_value=False),
    "consent_on": Key(DAY),
    "consent_by": Key(),
    "subject": Key(kinds=("issue",)),
    "preview": Key(kinds=("issue",)),
    "recent_posts": Key(YES_NO, kinds=("issue",)),
    "email": Key(YES_NO, kinds=("issue",)),     # `Email: yes` approves the issue for email
    "issue_id": Key(kinds=("issue",)),          # written by the first send: the identity
    "mailchimp_id": Key(kinds=("issue",)),      # issues pulled from Mailchimp's archive
    "archive_url": Key(kinds=("issue",)),
    "subtitle": Key(kinds=("toolkit",)),
}

EDITORIAL_STATUSES = ("draft", "published", "hidden")


@dataclass(frozen=True)
class Kind:
    name: str
    folders: str                    # the setting naming its folders (or file) under content/
    required: tuple = ()            # every file of this kind
    required_if_listed: tuple = ()  # unless `Status: hidden` (kept out of lists)
    statuses: tuple = EDITORIAL_STATUSES
    url: str = ""                   # the settings of its address and file in output/
    save_as: str = ""
    # A missing field with a message of its own (the slug names its campaign).
    missing: tuple = ()             # ((field, catalogue ref), ...)
    a: str = ""                     # "a post": how EDITING.md names one


KINDS = (
    Kind("article", "ARTICLE_PATHS", required=("title", "date", "summary", "category"),
         url="ARTICLE_URL", save_as="ARTICLE_SAVE_AS", a="a post"),
    Kind("page", "PAGE_PATHS", required=("title",), required_if_listed=("summary",),
         url="PAGE_URL", save_as="PAGE_SAVE_AS", a="a page"),
    # Mirrors plugins/synergy_newsletter: an issue's slug names its Mailchimp
    # campaign, and only `published` issues are ever sent. Without Subject the
    # email's subject is the title; without Preview, the summary.
    Kind("issue", "NEWSLETTER_PATHS",
         required=("title", "date", "slug", "summary", "status"),
         statuses=("draft", "published"), url="NEWSLETTER_ISSUE_URL",
         save_as="NEWSLETTER_ISSUE_SAVE_AS", missing=(("slug", "newsletter.slug_missing"),),
         a="a newsletter issue"),
    # The Wellness Toolkit's source (plugins/synergy_toolkit_pdf makes the PDF from it).
    Kind("toolkit", "TOOLKIT_SOURCE", required=("title", "summary")),
    # Read by nothing yet: checked so that no client's words go live without consent.
    Kind("testimonial", "TESTIMONIAL_PATHS", required=("title",)),
)
KIND = {kind.name: kind for kind in KINDS}

# The site's categories, unless the setting CONTENT_CATEGORIES names others.
CATEGORIES = ("Wellness", "Telehealth", "Ketamine therapy")

# Where content lives and where it goes, as the build's plugins resolve it. The
# lint reads pelicanconf.py without running the plugins, so it falls back on
# these; tests/test_content_rules.py checks they equal the plugins' defaults.
LAYOUT = {
    "ARTICLE_PATHS": ["blog"],
    "PAGE_PATHS": ["pages"],
    "STATIC_PATHS": ["images", "extra"],
    "NEWSLETTER_PATHS": ["newsletter"],
    "NEWSLETTER_ISSUE_URL": "newsletter/{slug}/",
    "NEWSLETTER_ISSUE_SAVE_AS": "newsletter/{slug}/index.html",
    "NEWSLETTER_INDEX_SAVE_AS": "newsletter/index.html",
    "NEWSLETTER_FEED_ATOM": "newsletter/feed.atom.xml",
    "TOOLKIT_SOURCE": "toolkit/wellness-toolkit.md",
    "TOOLKIT_PDF_SAVE_AS": "toolkit/wellness-toolkit.pdf",
    "TESTIMONIAL_PATHS": ["testimonials"],
    "CONTENT_CATEGORIES": list(CATEGORIES),
    # Host names of the live site: an absolute link to one is checked like /blog/x/.
    "SITE_HOSTS": [],
}

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

# Files the rules read as Markdown; the other formats Pelican reads (.html, .rst)
# are checked by Pelican itself.
MARKDOWN = ("md", "markdown", "mkd", "mdown")
SOURCES = MARKDOWN + ("html", "htm", "rst")
# Names an editor may give a text file that the site would never read: no
# ending at all, or a word processor's or a plain-text one.
MISNAMED = ("", "txt", "text", "doc", "docx", "rtf", "odt")


def known_keys(kind):
    """The metadata names a file of this kind may carry (kind None: any kind's)."""
    return [name for name, key in KEYS.items()
            if kind is None or not key.kinds or kind.name in key.kinds]


def needs_value(name):
    key = KEYS.get(name)
    return key is not None and key.needs_value


def keys_of_value(value):
    return [name for name, key in KEYS.items() if key.value == value]
