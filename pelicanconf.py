"""Development settings for the Synergy Integrative Health & Wellness site.

publishconf.py imports everything here and overrides what a live deploy needs.
Settings that may differ per machine or per deploy can be given as environment
variables (env(): an empty variable counts as unset), so CI secrets need no
file edits.
"""

import os

from synergy import boundary
from synergy.clinical import data as clinical
from synergy.practice import details
from synergy.settings import environment as env

# --- The practice -----------------------------------------------------------
# Its details and clinicians live in data/practice.yaml, the one place they are
# written; the PRACTICE_* environment variables override them. A mistake in
# that file stops the build with one line, as a wrong setting does.

boundary.install()
_data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_details = details.load(os.path.join(_data, "practice.yaml"))

PRACTICE = _details.practice()
CLINICIANS = _details.clinicians()
# Values still marked !placeholder there: previews say so, `invoke golive` lists them.
PRACTICE_PLACEHOLDERS = _details.placeholders()

AUTHOR = PRACTICE["name"]
SITENAME = PRACTICE["name"]
SITE_DESCRIPTION = (
    "Ketamine-assisted psychotherapy screening, integrative mental-health care "
    "and telehealth for adults throughout Illinois."
)
SITEURL = ""
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"

LICENSURE_NOTICE = (
    "Licensed to work with clients throughout the state of Illinois – "
    "Virtual telehealth appointments available"
)
# The same notice in a few words, for the one-line banner on a phone.
LICENSURE_NOTICE_SHORT = "Licensed in Illinois · Telehealth visits"
CRISIS_LINE = {
    "text": "988 Suicide & Crisis Lifeline: if you are in crisis, call or text 988, or chat at 988lifeline.org",
    "tel": "988",
    "chat_url": "https://988lifeline.org/chat/",
}

# --- Clinical content ---------------------------------------------------------
# The public sources clinical pages cite (their `Sources:` line names the keys),
# the facts several pages state ({fact:key}), and the changes to the practice's
# own wording it has still to approve (`invoke golive` lists them).
SOURCES = clinical.load_sources(os.path.join(_data, "sources.yaml"))
FACTS = clinical.load_facts(os.path.join(_data, "facts.yaml"))
APPROVALS = clinical.load_approvals(os.path.join(_data, "approvals.yaml"))

# Main navigation: (label, URL relative to SITEURL).
MENU = [
    ("Ketamine therapy", "ketamine-assisted-psychotherapy/"),
    ("Blog", "blog/"),
    ("Toolkit", "toolkit/"),
    ("Newsletter", "newsletter/"),
    ("About", "about/"),
    ("Contact", "contact/"),
    ("Search", "search/"),
]

# --- Content layout -----------------------------------------------------------

PATH = "content"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/robots.txt": {"path": "robots.txt"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}
# Folders whose files are neither blog articles nor pages: other plugins read them.
IGNORE_FILES = [".#*", "__pycache__"]

DEFAULT_CATEGORY = "Wellness"
# The only categories a post may name (plugins/synergy_content_rules refuses others).
CONTENT_CATEGORIES = ["Wellness", "Telehealth", "Ketamine therapy"]
# The live site's host names: a link written as https://<one of them>/... must
# lead to a page of this build, as /blog/x/ must.
SITE_HOSTS = ["www.synergyintegrativehealth.com", "synergyintegrativehealth.com"]
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
DELETE_OUTPUT_DIRECTORY = False
# A draft is never published, and neither is a post dated in the future.
WITH_FUTURE_DATES = False
# "Now" for that check is the build clock (plugins/scheduling): the setting
# BUILD_NOW or the environment variable SITE_BUILD_NOW, an ISO date or datetime
# read in TIMEZONE; when neither is set, the real time.
SUMMARY_MAX_LENGTH = 40
# Summary lines are plain text, not Markdown: HTML in one is shown as text
# (plugins/synergy_plain_text), like HTML in a title.
FORMATTED_FIELDS = []

# --- URLs: clean, one folder per page -------------------------------------------

ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = "blog/index.html"
# Without it the list's first page is "index.html", the home page: "Newer posts" would lead there.
INDEX_URL = "blog/"
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
CATEGORIES_URL = "blog/categories/"
CATEGORIES_SAVE_AS = "blog/categories/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
TAGS_URL = "blog/tags/"
TAGS_SAVE_AS = "blog/tags/index.html"
ARCHIVES_URL = "blog/archive/"
ARCHIVES_SAVE_AS = "blog/archive/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 10
# The archive lists titles only, so a page can hold more of them.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "archives": 50}
# Page N of a list lives inside that list's own folder, so page 2 of tag "tag5"
# can never be written over the page of tag "tag52".
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# --- Feeds ------------------------------------------------------------------------

# Feeds need absolute links even in development.
FEED_DOMAIN = env("FEED_DOMAIN", "http://localhost:8000")
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Markdown -------------------------------------------------------------------

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# --- Theme and plugins ------------------------------------------------------------

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
# Our plugins carry the synergy_ prefix, so an installed pelican.plugins.*
# package of the same short name can never stand in for one of them. None
# imports another and the order does not matter: each says in its docstring
# which signals it uses, and shared code comes from the synergy library.
PLUGINS = [
    "synergy_strict",
    "synergy_content_rules",
    "synergy_markdown_pool",
    "synergy_practice",
    "synergy_clinical",
    "synergy_plain_text",
    "synergy_scheduling",
    "synergy_template_cache",
    "synergy_sitemap",
    "synergy_faq",
    "synergy_structured_data",
    "pelican.plugins.neighbors",
    "synergy_related",
    "synergy_reading_time",
    "synergy_sections",
    "synergy_newsletter",
    "synergy_toolkit_pdf",
    "synergy_signup_form",
    "synergy_mailchimp_audience",
    "synergy_share_images",
    "synergy_search",
]

# Warnings fail the build when true (publishconf.py and the tests set it).
STRICT_BUILD = env("STRICT_BUILD", "") in ("1", "true", "yes")

# The caches make an editor's rebuild after a one-file change cheap.
LOAD_CONTENT_CACHE = True
CACHE_CONTENT = True
CACHE_PATH = "cache"

# --- Mailchimp -------------------------------------------------------------------
# The signup form's values stand in every page's HTML, so they are public; each
# can be overridden by an environment variable of the same name. The API key is
# never a setting: it comes only from MAILCHIMP_API_KEY in the environment.

# The form's values are the practice's, kept in data/practice.yaml ("mailchimp:").
MAILCHIMP_ACCOUNT = env("MAILCHIMP_ACCOUNT", _details.mailchimp("account"))  # <account>.<dc>.list-manage.com
MAILCHIMP_DC = env("MAILCHIMP_DC", _details.mailchimp("dc"))
MAILCHIMP_FORM_U = env("MAILCHIMP_FORM_U", _details.mailchimp("form_u"))
MAILCHIMP_AUDIENCE_ID = env("MAILCHIMP_AUDIENCE_ID", _details.mailchimp("audience_id"))
MAILCHIMP_TOOLKIT_TAG_ID = env("MAILCHIMP_TOOLKIT_TAG_ID", _details.mailchimp("toolkit_tag_id"))
MAILCHIMP_TOOLKIT_TAG_NAME = env("MAILCHIMP_TOOLKIT_TAG_NAME", "Wellness Toolkit")
MAILCHIMP_FROM_NAME = env("MAILCHIMP_FROM_NAME", SITENAME)
MAILCHIMP_REPLY_TO = env("MAILCHIMP_REPLY_TO", PRACTICE["email"])
# Editors who receive each newsletter's test email (comma-separated in the environment).
MAILCHIMP_TEST_EMAILS = [
    e.strip() for e in env("MAILCHIMP_TEST_EMAILS", PRACTICE["email"]).split(",") if e.strip()
]
