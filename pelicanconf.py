"""Development settings for the Synergy Integrative Health & Wellness site.

publishconf.py imports everything here and overrides what a live deploy needs.
Settings that may differ per machine or per deploy can be given as environment
variables (env(): an empty variable counts as unset), so CI secrets need no
file edits.
"""

from synergy.settings import environment as env

# --- The practice -----------------------------------------------------------

AUTHOR = "Synergy Integrative Health & Wellness"
SITENAME = "Synergy Integrative Health & Wellness"
SITE_DESCRIPTION = (
    "Ketamine-assisted psychotherapy screening, integrative mental-health care "
    "and telehealth for adults throughout Illinois."
)
SITEURL = ""
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"

PRACTICE = {
    "name": SITENAME,
    "email": env("PRACTICE_EMAIL", "hello@synergyintegrativehealth.com"),
    "booking_url": env(
        "PRACTICE_BOOKING_URL", "https://synergyintegrativehealth.janeapp.com/"
    ),
    "area_served": "Illinois",
    "postal_address": env(
        "PRACTICE_POSTAL_ADDRESS",
        "Synergy Integrative Health & Wellness, PO Box 0000, Chicago, IL 60601",
    ),
    "social": [
        ("Instagram", env("PRACTICE_INSTAGRAM", "https://www.instagram.com/synergyintegrativehealth/")),
        ("Facebook", env("PRACTICE_FACEBOOK", "https://www.facebook.com/synergyintegrativehealth/")),
        ("YouTube", env("PRACTICE_YOUTUBE", "https://www.youtube.com/@synergyintegrativehealth")),
    ],
}

LICENSURE_NOTICE = (
    "Licensed to work with clients throughout the state of Illinois – "
    "Virtual telehealth appointments available"
)
# The same notice in a few words, for the one-line banner on a phone.
LICENSURE_NOTICE_SHORT = "Licensed in Illinois · Telehealth visits"
CRISIS_LINE = {
    "text": "If you are in crisis, call or text 988, or chat at 988lifeline.org",
    "tel": "988",
    "chat_url": "https://988lifeline.org/chat/",
}

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
    "synergy_plain_text",
    "synergy_scheduling",
    "synergy_template_cache",
    "pelican.plugins.sitemap",
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

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.7, "indexes": 0.5, "pages": 0.6},
    "changefreqs": {"articles": "monthly", "indexes": "weekly", "pages": "monthly"},
    # Patterns are searched in each URL (no leading slash), so they are anchored:
    # a post whose slug ends in "tag" must not drop out of the sitemap.
    "exclude": ["^blog/tag/", "^blog/category/", "^drafts/", "^email-preview/", r"^404\.html$"],
}

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

MAILCHIMP_ACCOUNT = env("MAILCHIMP_ACCOUNT", "synergyintegrativehealth")  # <account>.<dc>.list-manage.com
MAILCHIMP_DC = env("MAILCHIMP_DC", "us21")
MAILCHIMP_FORM_U = env("MAILCHIMP_FORM_U", "8f3c1e0b6a2d4c9e7b5a1f0d3")
MAILCHIMP_AUDIENCE_ID = env("MAILCHIMP_AUDIENCE_ID", "a1b2c3d4e5")
MAILCHIMP_TOOLKIT_TAG_ID = env("MAILCHIMP_TOOLKIT_TAG_ID", "2840213")
MAILCHIMP_TOOLKIT_TAG_NAME = env("MAILCHIMP_TOOLKIT_TAG_NAME", "Wellness Toolkit")
MAILCHIMP_FROM_NAME = env("MAILCHIMP_FROM_NAME", SITENAME)
MAILCHIMP_REPLY_TO = env("MAILCHIMP_REPLY_TO", PRACTICE["email"])
# Editors who receive each newsletter's test email (comma-separated in the environment).
MAILCHIMP_TEST_EMAILS = [
    e.strip() for e in env("MAILCHIMP_TEST_EMAILS", PRACTICE["email"]).split(",") if e.strip()
]
