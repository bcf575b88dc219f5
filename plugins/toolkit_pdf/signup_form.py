"""The Mailchimp signup form's public settings: checked, combined, and admitted by the CSP.

The form posts to Mailchimp's hosted endpoint on https://<account>.<dc>.list-manage.com,
and the progressive enhancement loads that origin's JSONP answer as a script, so
exactly that origin is added to CSP_FORM_ACTION and CSP_SCRIPT_SRC. The policy
is site-wide because the signup card may stand on any page.
"""

import logging
import re

logger = logging.getLogger(__name__)

# (setting, what a valid value looks like, pattern). The values stand in the
# page's HTML and its CSP, so anything else is refused rather than escaped.
FIELDS = [
    ("MAILCHIMP_ACCOUNT", "letters, digits and hyphens", re.compile(r"^[A-Za-z0-9-]+$")),
    ("MAILCHIMP_DC", "a data centre such as us21", re.compile(r"^[a-z]+[0-9]+$")),
    ("MAILCHIMP_FORM_U", "the hex 'u' value of the form's action URL", re.compile(r"^[0-9a-fA-F]+$")),
    ("MAILCHIMP_AUDIENCE_ID", "the hex 'id' value of the form's action URL", re.compile(r"^[0-9a-fA-F]+$")),
    ("MAILCHIMP_TOOLKIT_TAG_ID", "the tag's number, digits only", re.compile(r"^[0-9]+$")),
]
# A stand-in for list-manage (tests, staging): scheme, host and optional port only.
BASE_URL_SETTING = "MAILCHIMP_FORM_BASE_URL"
BASE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?$")


def _value(settings, name):
    return str(settings.get(name) or "").strip()


def configure(settings):
    """Set SIGNUP_FORM, SIGNUP_FORM_MISSING and the CSP lists in the settings.

    A missing value turns the form into a notice in development and stops a
    publish build (PUBLISH_BUILD) with one line naming the setting; a malformed
    value always stops the build.
    """
    base_url = _value(settings, BASE_URL_SETTING).rstrip("/")
    if base_url and not BASE_URL.match(base_url):
        raise SystemExit(
            f"{BASE_URL_SETTING}: '{base_url}' is not an origin "
            "-- give scheme and host only, such as https://example.us21.list-manage.com"
        )
    needed = [f for f in FIELDS if not (base_url and f[0] in ("MAILCHIMP_ACCOUNT", "MAILCHIMP_DC"))]
    values = {}
    missing = []
    for name, shape, pattern in needed:
        value = _value(settings, name)
        if not value:
            missing.append(name)
        elif not pattern.match(value):
            raise SystemExit(
                f"{name}: '{value}' is not valid -- it should be {shape} "
                "(pelicanconf.py or the environment variable of the same name)"
            )
        values[name] = value

    settings["SIGNUP_FORM"] = None
    settings["SIGNUP_FORM_MISSING"] = missing[0] if missing else ""
    if missing:
        if settings.get("PUBLISH_BUILD"):
            raise SystemExit(
                f"{missing[0]}: not set -- the signup form needs it on the live site; "
                f"set it in pelicanconf.py or as the environment variable {missing[0]}"
            )
        logger.info("Signup form replaced by a notice: %s is not set", missing[0])
        return

    origin = base_url or (
        f"https://{values['MAILCHIMP_ACCOUNT']}.{values['MAILCHIMP_DC']}.list-manage.com"
    )
    query = f"u={values['MAILCHIMP_FORM_U']}&id={values['MAILCHIMP_AUDIENCE_ID']}"
    settings["SIGNUP_FORM"] = {
        "origin": origin,
        "action": f"{origin}/subscribe/post?{query}",
        "json_action": f"{origin}/subscribe/post-json?{query}",
        "honeypot": f"b_{values['MAILCHIMP_FORM_U']}_{values['MAILCHIMP_AUDIENCE_ID']}",
        "tag_id": values["MAILCHIMP_TOOLKIT_TAG_ID"],
        "tag_name": _value(settings, "MAILCHIMP_TOOLKIT_TAG_NAME"),
    }
    for name in ("CSP_FORM_ACTION", "CSP_SCRIPT_SRC"):
        sources = list(settings.get(name) or [])
        if origin not in sources:
            sources.append(origin)
        settings[name] = sources
