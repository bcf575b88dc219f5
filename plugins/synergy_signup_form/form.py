"""At `initialized`: SIGNUP_FORM for the signup partial and the CSP sources it needs."""

import logging

from pelican import signals

from synergy import settings
from synergy.errors import SettingsError
from synergy.mailchimp import settings as mailchimp_settings
from synergy.plugin import connect

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CSP_SCRIPT_SRC": [],
    "CSP_FORM_ACTION": [],
    "SIGNUP_FORM": None,
    "SIGNUP_FORM_MISSING": "",
}


def configure(pelican):
    """Set SIGNUP_FORM, SIGNUP_FORM_MISSING and the CSP lists in the settings."""
    values = settings.resolve(pelican.settings, DEFAULTS)
    for name in ("CSP_SCRIPT_SRC", "CSP_FORM_ACTION"):
        if values[name]:
            settings.strings(values, name, example="['https://example.us21.list-manage.com']")
    form = mailchimp_settings.read(pelican.settings)
    missing = mailchimp_settings.missing_form_settings(form)
    pelican.settings["SIGNUP_FORM"] = None
    pelican.settings["SIGNUP_FORM_MISSING"] = missing[0] if missing else ""
    if missing:
        if pelican.settings.get("PUBLISH_BUILD"):
            raise SettingsError(missing[0], "not set",
                                "the signup form needs it on the live site; set it in "
                                f"pelicanconf.py or as the environment variable {missing[0]}")
        logger.info("Signup form replaced by a notice: %s is not set", missing[0])
        return
    origin = form["MAILCHIMP_FORM_BASE_URL"] or (
        f"https://{form['MAILCHIMP_ACCOUNT']}.{form['MAILCHIMP_DC']}.list-manage.com")
    query = f"u={form['MAILCHIMP_FORM_U']}&id={form['MAILCHIMP_AUDIENCE_ID']}"
    pelican.settings["SIGNUP_FORM"] = {
        "origin": origin,
        "action": f"{origin}/subscribe/post?{query}",
        "json_action": f"{origin}/subscribe/post-json?{query}",
        "honeypot": f"b_{form['MAILCHIMP_FORM_U']}_{form['MAILCHIMP_AUDIENCE_ID']}",
        "tag_id": form["MAILCHIMP_TOOLKIT_TAG_ID"],
        "tag_name": form["MAILCHIMP_TOOLKIT_TAG_NAME"],
    }
    for name in ("CSP_FORM_ACTION", "CSP_SCRIPT_SRC"):
        sources = list(values[name])
        if origin not in sources:
            sources.append(origin)
        pelican.settings[name] = sources


def register():
    connect(signals.initialized, configure)
