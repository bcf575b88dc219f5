"""The MAILCHIMP_* settings, checked once, the same way for everyone who reads them.

pelicanconf.py names them, each overridable by an environment variable of the
same name (an empty variable counts as unset). The signup form, the audience
check, the newsletter and `invoke signups` all read them through `read()`; the
API key is never a setting: it comes only from MAILCHIMP_API_KEY.
"""

import re

from .. import settings as checks
from ..errors import SettingsError

DEFAULTS = {
    "MAILCHIMP_ACCOUNT": "",
    "MAILCHIMP_DC": "",
    "MAILCHIMP_FORM_U": "",
    "MAILCHIMP_AUDIENCE_ID": "",
    "MAILCHIMP_TOOLKIT_TAG_ID": "",
    "MAILCHIMP_TOOLKIT_TAG_NAME": "",
    # A stand-in for list-manage (tests, staging): scheme, host and optional port only.
    "MAILCHIMP_FORM_BASE_URL": "",
    # Merge tags the site's signup forms post (first name only: the forms stay short).
    "MAILCHIMP_FORM_MERGE_FIELDS": ["FNAME"],
    # Check the form settings against the audience when MAILCHIMP_API_KEY is set.
    "MAILCHIMP_AUDIENCE_CHECK": True,
    "MAILCHIMP_FROM_NAME": "",
    "MAILCHIMP_REPLY_TO": "",
    # Editors who receive each newsletter's test email.
    "MAILCHIMP_TEST_EMAILS": [],
}

# (setting, pattern, what a valid value is). The form's values stand in every
# page's HTML and its Content-Security-Policy, so anything else is refused, not escaped.
SHAPES = (
    ("MAILCHIMP_ACCOUNT", r"[a-z0-9][a-z0-9-]*",
     "the first part of the form's host, <account>.<dc>.list-manage.com (lower-case letters, digits, hyphens)"),
    ("MAILCHIMP_DC", r"[a-z]+[0-9]+", "the data center, such as us21"),
    ("MAILCHIMP_FORM_U", r"[0-9a-f]+", "the hex u= value of the signup form's URL"),
    ("MAILCHIMP_AUDIENCE_ID", r"[0-9a-f]+", "the audience id, the hex id= value of the signup form's URL"),
    ("MAILCHIMP_TOOLKIT_TAG_ID", r"[0-9]+", "the toolkit tag's number, digits only"),
    ("MAILCHIMP_TOOLKIT_TAG_NAME", r"[^\r\n]+", "the toolkit tag's name as Mailchimp shows it"),
)
# The settings the signup form is made of; the audience check needs them all.
FORM_SETTINGS = tuple(name for name, _shape, _meaning in SHAPES)
ORIGIN = r"https?://[A-Za-z0-9.-]+(:[0-9]+)?"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def read(settings):
    """The Mailchimp settings with defaults written back; SettingsError when one is wrong.

    An empty form value is a missing setting, not a wrong one: the signup form
    shows a notice in development and the publish build stops, naming it.
    """
    values = checks.resolve(settings, DEFAULTS)
    for name, shape, meaning in SHAPES:
        checks.pattern(values, name, shape, meaning=meaning, allow_empty=True)
    values["MAILCHIMP_FORM_BASE_URL"] = str(values["MAILCHIMP_FORM_BASE_URL"] or "").strip().rstrip("/")
    checks.pattern(values, "MAILCHIMP_FORM_BASE_URL", ORIGIN, allow_empty=True,
                   meaning="an origin (scheme and host only), such as https://example.us21.list-manage.com")
    fields = values["MAILCHIMP_FORM_MERGE_FIELDS"]
    if isinstance(fields, str) or not isinstance(fields, (list, tuple)) or not all(
            isinstance(f, str) and re.fullmatch(r"[A-Z0-9_]+", f) for f in fields):
        raise SettingsError("MAILCHIMP_FORM_MERGE_FIELDS", f"{fields!r} is not a list of merge tags",
                            "give a list of merge tags such as ['FNAME']")
    values["MAILCHIMP_FORM_MERGE_FIELDS"] = list(fields)
    checks.yes_or_no(values, "MAILCHIMP_AUDIENCE_CHECK")
    tests = values["MAILCHIMP_TEST_EMAILS"]
    if isinstance(tests, str):
        tests = [t.strip() for t in tests.split(",") if t.strip()]
    if not isinstance(tests, (list, tuple)) or not all(isinstance(t, str) and EMAIL.match(t) for t in tests):
        raise SettingsError("MAILCHIMP_TEST_EMAILS", f"{tests!r} is not a list of email addresses",
                            "give the editors' addresses, comma-separated in the environment")
    values["MAILCHIMP_TEST_EMAILS"] = list(tests)
    reply_to = str(values["MAILCHIMP_REPLY_TO"] or "").strip()
    if reply_to and not EMAIL.match(reply_to):
        raise SettingsError("MAILCHIMP_REPLY_TO", f"{reply_to!r} is not an email address",
                            "set it to the address replies should reach")
    values["MAILCHIMP_REPLY_TO"] = reply_to
    values["MAILCHIMP_FROM_NAME"] = str(values["MAILCHIMP_FROM_NAME"] or "").strip()
    settings.update(values)
    return values


def missing_form_settings(values):
    """The form settings still empty (with a stand-in origin, account and dc are not needed)."""
    stand_in = bool(values["MAILCHIMP_FORM_BASE_URL"])
    return [name for name in FORM_SETTINGS
            if not values[name] and not (stand_in and name in ("MAILCHIMP_ACCOUNT", "MAILCHIMP_DC"))]
