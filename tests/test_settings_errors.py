"""Every setting a plugin reads, set wrong, stops the build with one line and exit status 1.

The line is `settings: NAME: what is wrong -- what to do`, printed by the one
boundary (synergy.boundary) whichever plugin found the problem; never a traceback.
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from sitebuild import ROOT

# The practice's details as a settings file could give them, and one clinician.
PLACE = {"email": "a@example.org", "booking_url": "https://book.example.org/", "area_served": "Illinois",
         "postal_address": "1 Main St, Springfield, IL 62701", "social": []}
PERSON = {"name": "A. Person", "credentials": "LCPC", "license_type": "Licensed Clinical Professional Counselor",
          "license_number": "180.000000", "role": "Therapy", "bio": "", "photo": ""}

# (setting as the line names it, overrides, what the line says is wrong)
WRONG = [
    ("BUILD_NOW", {"BUILD_NOW": "next tuesday"}, "'next tuesday' is not a date"),
    ("TIMEZONE", {"TIMEZONE": "Mars/Olympus"}, "'Mars/Olympus' is not a known time zone"),
    ("STRICT_BUILD", {"STRICT_BUILD": "sometimes"}, "'sometimes' is not yes or no"),
    ("STRICT_REPORT", {"STRICT_REPORT": "loud"}, "'loud' is not yes or no"),
    ("CONTENT_CATEGORIES", {"CONTENT_CATEGORIES": "Wellness"}, "'Wellness' is not a list of non-empty texts"),
    ("SITE_HOSTS", {"SITE_HOSTS": "www.example.org"}, "'www.example.org' is not a list of non-empty texts"),
    ("TESTIMONIAL_PATHS", {"TESTIMONIAL_PATHS": [""]}, "[''] is not a list of non-empty texts"),
    ("FAQ_CLASS", {"FAQ_CLASS": ""}, "'' is not a non-empty text"),
    ("FAQ_LINK_TEXT", {"FAQ_LINK_TEXT": 5}, "5 is not a non-empty text"),
    ("PRACTICE", {"PRACTICE": "the practice"}, "str is not a dict"),
    ("PRACTICE['email']", {"PRACTICE": {"booking_url": "https://example.org/", "area_served": "Illinois"}},
     "is empty"),
    ("PRACTICE['social']", {"PRACTICE": {**PLACE, "social": ["https://example.org/"]}},
     "'https://example.org/' is not a (label, url) pair"),
    ("PRACTICE['social']", {"PRACTICE": {**PLACE, "social": [["Booking", "https://example.org/"]]}},
     "the label 'Booking' cannot name a placeholder"),
    ("PRACTICE['social']['Instagram']", {"PRACTICE": {**PLACE, "social": [["Instagram", "instagram.com/x"]]}},
     "'instagram.com/x' is not an absolute URL"),
    ("PRACTICE['email']", {"PRACTICE": {**PLACE, "email": "hello at example"}}, "'hello at example' is not an email address"),
    ("PRACTICE['booking_url']", {"PRACTICE": {**PLACE, "booking_url": "janeapp.com/x"}}, "'janeapp.com/x' is not an absolute URL"),
    ("PRACTICE['postal_address']", {"PRACTICE": {**PLACE, "postal_address": " "}}, "is empty"),
    ("PRACTICE['phone']", {"PRACTICE": {**PLACE, "phone": "555-0100"}}, "'555-0100' is not a US phone number"),
    ("CLINICIANS", {"CLINICIANS": ["prescriber"]}, "list is not a dict"),
    ("CLINICIANS['Dr Who']", {"CLINICIANS": {"Dr Who": PERSON}}, "is not a key"),
    ("CLINICIANS['prescriber']['license_number']", {"CLINICIANS": {"prescriber": {**PERSON, "license_number": ""}}}, "is empty"),
    ("CLINICIANS['prescriber']['photo']", {"CLINICIANS": {"prescriber": {**PERSON, "photo": "/nowhere/p.jpg"}}}, "/nowhere/p.jpg does not exist"),
    ("CLINICIANS['prescriber']['photo']", {"CLINICIANS": {"prescriber": {**PERSON, "photo": str(ROOT / "README.md")}}},
     f"{ROOT / 'README.md'} cannot be read as a picture"),
    ("TEAM_PHOTO_WIDTH", {"TEAM_PHOTO_WIDTH": 0}, "0 is not a whole number, 1 or more"),
    ("PRACTICE_PLACEHOLDERS", {"PRACTICE_PLACEHOLDERS": "none"}, "is not the list data/practice.yaml gives"),
    ("SOURCES", {"SOURCES": ["spravato-label"]}, "list is not a dict"),
    ("SOURCES['Label']", {"SOURCES": {"Label": {"title": "t", "publisher": "p", "url": "https://www.fda.gov/x"}}}, "is not a key"),
    ("SOURCES['label']['publisher']", {"SOURCES": {"label": {"title": "t", "url": "https://www.fda.gov/x"}}}, "is empty"),
    ("SOURCES['blog']['url']", {"SOURCES": {"blog": {"title": "t", "publisher": "p", "url": "https://example.org/ketamine"}}},
     "'https://example.org/ketamine' is not an https page of fda.gov"),
    ("SOURCES['label']['date']", {"SOURCES": {"label": {"title": "t", "publisher": "p", "url": "https://www.fda.gov/x", "date": "May 2025"}}},
     "'May 2025' is not a date"),
    ("FACTS", {"FACTS": "off-label"}, "str is not a dict"),
    ("FACTS['off-label']", {"FACTS": {"off-label": {"text": " "}}}, "has no text"),
    ("FACTS['off-label']['sources']", {"FACTS": {"off-label": {"text": "Off-label.", "sources": ["a-study"]}}}, "a-study not in data/sources.yaml"),
    ("FACTS['both']", {"FACTS": {"both": {"text": "{fact:off-label} too.", "sources": []}}}, "refers to another fact"),
    ("APPROVALS", {"APPROVALS": {"changes": []}}, "dict is not a list"),
    ("APPROVALS[1]['original']", {"APPROVALS": [{"page": "pages/x.md", "question": "Why?"}]}, "is empty"),
    ("SITEMAP_EXCLUDE", {"SITEMAP_EXCLUDE": "^drafts/"}, "'^drafts/' is not a list of non-empty texts"),
    ("SITEMAP_EXCLUDE", {"SITEMAP_EXCLUDE": ["(unclosed"]}, "'(unclosed' is not a regular expression"),
    ("RELATED_POSTS_MAX", {"RELATED_POSTS_MAX": -1}, "-1 is not a whole number, 0 or more"),
    ("READING_TIME_WPM", {"READING_TIME_WPM": 0}, "0 is not a whole number, 1 or more"),
    ("FORMATTED_FIELDS", {"FORMATTED_FIELDS": ["summary"]}, "['summary'] has 'summary'"),
    ("SEARCH_INDEX", {"SEARCH_INDEX": "maybe"}, "'maybe' is not yes or no"),
    ("SEARCH_EXCLUDE", {"SEARCH_EXCLUDE": "404.html"}, "'404.html' is not a list of non-empty texts"),
    ("SEARCH_IGNORE_SELECTORS", {"SEARCH_IGNORE_SELECTORS": [""]}, "[''] is not a list of non-empty texts"),
    ("SEARCH_FAQ", {"SEARCH_FAQ": "some"}, "'some' is not yes or no"),
    ("SEARCH_DOCUMENTS", {"SEARCH_DOCUMENTS": [{"path": "toolkit/x.pdf"}]}, "item 1 has no 'title'"),
    ("SEARCH_OUTPUT", {"SEARCH_OUTPUT": "../elsewhere"}, "'../elsewhere' is not a folder name"),
    ("TOOLKIT_SOURCE", {"TOOLKIT_SOURCE": 5}, "5 is not a path"),
    ("TOOLKIT_PDF_SAVE_AS", {"TOOLKIT_PDF_SAVE_AS": "toolkit/kit.txt"}, "'toolkit/kit.txt' is not a .pdf path"),
    ("TOOLKIT_PRINT_PATH", {"TOOLKIT_PRINT_PATH": "/nowhere"}, "/nowhere/toolkit.html does not exist"),
    ("MAILCHIMP_ACCOUNT", {"MAILCHIMP_ACCOUNT": "Our Account"}, "'Our Account' is not valid"),
    ("MAILCHIMP_DC", {"MAILCHIMP_DC": "us 21"}, "'us 21' is not valid"),
    ("MAILCHIMP_FORM_U", {"MAILCHIMP_FORM_U": "xyz"}, "'xyz' is not valid"),
    ("MAILCHIMP_AUDIENCE_ID", {"MAILCHIMP_AUDIENCE_ID": "NOT-HEX"}, "'NOT-HEX' is not valid"),
    ("MAILCHIMP_TOOLKIT_TAG_ID", {"MAILCHIMP_TOOLKIT_TAG_ID": "abc"}, "'abc' is not valid"),
    ("MAILCHIMP_TOOLKIT_TAG_NAME", {"MAILCHIMP_TOOLKIT_TAG_NAME": "Wellness\nToolkit"}, r"'Wellness\nToolkit' is not valid"),
    ("MAILCHIMP_FORM_BASE_URL", {"MAILCHIMP_FORM_BASE_URL": "ftp://example.org"}, "'ftp://example.org' is not valid"),
    ("MAILCHIMP_FORM_MERGE_FIELDS", {"MAILCHIMP_FORM_MERGE_FIELDS": "FNAME"}, "'FNAME' is not a list of merge tags"),
    ("MAILCHIMP_AUDIENCE_CHECK", {"MAILCHIMP_AUDIENCE_CHECK": "perhaps"}, "'perhaps' is not yes or no"),
    ("MAILCHIMP_TEST_EMAILS", {"MAILCHIMP_TEST_EMAILS": ["editor"]}, "['editor'] is not a list of email addresses"),
    ("MAILCHIMP_REPLY_TO", {"MAILCHIMP_REPLY_TO": "nobody"}, "'nobody' is not an email address"),
    ("CSP_SCRIPT_SRC", {"CSP_SCRIPT_SRC": "https://example.org"}, "'https://example.org' is not a list of non-empty texts"),
    ("CSP_FORM_ACTION", {"CSP_FORM_ACTION": [3]}, "[3] is not a list of non-empty texts"),
    ("NEWSLETTER_PATHS", {"NEWSLETTER_PATHS": "newsletter"}, "'newsletter' is not a list of folders"),
    ("NEWSLETTER_PATHS", {"NEWSLETTER_PATHS": ["blog"]}, "'blog' is also read as blog articles or pages"),
    ("NEWSLETTER_ISSUE_URL", {"NEWSLETTER_ISSUE_URL": "newsletter/"}, "'newsletter/' has no {slug}"),
    ("NEWSLETTER_SITEURL", {"NEWSLETTER_SITEURL": "www.example.org"}, "'www.example.org' is not an absolute URL"),
    ("NEWSLETTER_SCHEDULE_LEAD_MINUTES", {"NEWSLETTER_SCHEDULE_LEAD_MINUTES": -5}, "-5 is not a whole number"),
    ("NEWSLETTER_SEND_WITHIN_DAYS", {"NEWSLETTER_SEND_WITHIN_DAYS": "a month"}, "'a month' is not a whole number"),
    ("NEWSLETTER_SEND_IMMEDIATELY", {"NEWSLETTER_SEND_IMMEDIATELY": "maybe"}, "'maybe' is not yes or no"),
    ("NEWSLETTER_SEND_TIME", {"NEWSLETTER_SEND_TIME": "8am"}, "'8am' is not a time"),
    ("NEWSLETTER_SEND_TIME", {"NEWSLETTER_SEND_TIME": "24:00"}, "'24:00' is not a time"),
    ("NEWSLETTER_SETTLE_SECONDS", {"NEWSLETTER_SETTLE_SECONDS": "soon"}, "'soon' is not a number"),
    ("NEWSLETTER_EMAIL_MAX_BYTES", {"NEWSLETTER_EMAIL_MAX_BYTES": 0}, "0 is not a whole number, 1 or more"),
    ("NEWSLETTER_RECENT_POSTS_MAX", {"NEWSLETTER_RECENT_POSTS_MAX": -1}, "-1 is not a whole number"),
    ("NEWSLETTER_LEDGER", {"NEWSLETTER_LEDGER": 5}, "5 is not a path"),
    ("NEWSLETTER_INDEX_URL", {"NEWSLETTER_INDEX_URL": ["newsletter/"]}, "['newsletter/'] is not a path"),
    ("OUTLINE_MIN_WORDS", {"OUTLINE_MIN_WORDS": "many"}, "'many' is not a whole number, 0 or more"),
    ("OUTLINE_MIN_SECTIONS", {"OUTLINE_MIN_SECTIONS": 0}, "0 is not a whole number, 1 or more"),
    ("SHARE_IMAGES_OUTPUT", {"SHARE_IMAGES_OUTPUT": "../elsewhere"}, "'../elsewhere' is not a folder name"),
    ("SHARE_IMAGES_OUTPUT", {"SHARE_IMAGES_OUTPUT": "/share"}, "'/share' is not a folder name"),
    ("SHARE_IMAGES_FONT", {"SHARE_IMAGES_FONT": "/nowhere/font.ttf"}, "'/nowhere/font.ttf' does not exist"),
    ("SHARE_IMAGES_FONT", {"SHARE_IMAGES_FONT": "pelicanconf.py"}, "'pelicanconf.py' is not a font Pillow can read"),
    ("SHARE_IMAGES_FONT", {"SHARE_IMAGES_FONT": 12}, "12 is not a path"),
    # Only the live site needs every form value.
    ("MAILCHIMP_AUDIENCE_ID", {"MAILCHIMP_AUDIENCE_ID": "", "PUBLISH_BUILD": True}, "not set"),
]
IDS = [f"{name}={json.dumps(overrides)[:40]}" for name, overrides, _ in WRONG]


def _build(overrides, output):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("MAILCHIMP_", "NEWSLETTER_", "STRICT_", "SITE_BUILD"))}
    command = [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(output),
               "-s", str(ROOT / "pelicanconf.py"),
               "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
               f"CACHE_PATH={json.dumps(str(output) + '-cache')}"]
    return subprocess.run(command, cwd=ROOT, env={**env, "COLUMNS": "200"},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every row built at once, a few at a time: each stops at `initialized`."""
    root = tmp_path_factory.mktemp("wrong-settings")
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(_build, overrides, root / f"out-{number}")
                   for number, (_name, overrides, _what) in enumerate(WRONG)]
        return [future.result() for future in futures]


@pytest.mark.parametrize("row", range(len(WRONG)), ids=IDS)
def test_a_wrong_setting_stops_the_build_with_one_line(runs, row):
    name, _overrides, what = WRONG[row]
    run = runs[row]
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"settings: {name}: {what}"), lines[0]
    assert " -- " in lines[0]
    assert "Traceback" not in run.stderr + run.stdout


def test_every_setting_a_plugin_defaults_is_in_the_table():
    """A plugin that gains a setting gains a row here."""
    from synergy.mailchimp.settings import DEFAULTS as MAILCHIMP
    from synergy_clinical.receivers import DEFAULTS as CLINICAL
    from synergy_content_rules.receivers import DEFAULTS as RULES
    from synergy_faq.receivers import DEFAULTS as FAQ
    from synergy_newsletter.config import DEFAULTS as NEWSLETTER
    from synergy_practice.receivers import DEFAULTS as PRACTICE
    from synergy_reading_time.estimate import DEFAULTS as READING
    from synergy_related.ranking import DEFAULTS as RELATED
    from synergy_search.settings import DEFAULTS as SEARCH
    from synergy_sections.outline import DEFAULTS as OUTLINE
    from synergy_share_images.settings import DEFAULTS as SHARE
    from synergy_signup_form.form import DEFAULTS as SIGNUP
    from synergy_sitemap.receivers import DEFAULTS as SITEMAP
    from synergy_strict.collector import DEFAULTS as STRICT
    from synergy_toolkit_pdf.settings import DEFAULTS as TOOLKIT

    named = {name for name, _, _ in WRONG}
    # Values the plugins compute themselves, or that any value of the right kind suits.
    free = {"SIGNUP_FORM", "SIGNUP_FORM_MISSING", "MAILCHIMP_FROM_NAME",
            "NEWSLETTER_ISSUE_SAVE_AS", "NEWSLETTER_INDEX_SAVE_AS", "NEWSLETTER_FEED_ATOM",
            "NEWSLETTER_PREVIEW_SAVE_AS", "NEWSLETTER_EMAIL_THEME"}
    every = set().union(MAILCHIMP, CLINICAL, RULES, FAQ, NEWSLETTER, OUTLINE, PRACTICE, READING, RELATED, SEARCH,
                        SHARE, SIGNUP, SITEMAP, STRICT, TOOLKIT)
    assert sorted(every - named - free) == []
