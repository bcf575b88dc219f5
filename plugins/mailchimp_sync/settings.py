"""The Mailchimp settings, read once with defaults and checked at `initialized`.

pelicanconf.py names them (each overridable by an environment variable of the
same name); the API key is never a setting: it comes from MAILCHIMP_API_KEY.
"""

import re

DEFAULTS = {
    "MAILCHIMP_ACCOUNT": "",
    "MAILCHIMP_DC": "",
    "MAILCHIMP_FORM_U": "",
    "MAILCHIMP_AUDIENCE_ID": "",
    "MAILCHIMP_TOOLKIT_TAG_ID": "",
    "MAILCHIMP_TOOLKIT_TAG_NAME": "",
    # Merge tags the site's signup forms post (first name only: the forms stay short).
    "MAILCHIMP_FORM_MERGE_FIELDS": ["FNAME"],
    # Check the form settings against the audience when MAILCHIMP_API_KEY is set.
    "MAILCHIMP_AUDIENCE_CHECK": True,
}

_SHAPES = {
    "MAILCHIMP_ACCOUNT": (r"[a-z0-9][a-z0-9-]*", "the first part of the form's host, <account>.<dc>.list-manage.com"),
    "MAILCHIMP_DC": (r"[a-z]+[0-9]+", "the data center, such as us21"),
    "MAILCHIMP_FORM_U": (r"[0-9a-f]+", "the u= value of the signup form's URL"),
    "MAILCHIMP_AUDIENCE_ID": (r"[0-9a-z]+", "the audience id, the id= value of the signup form's URL"),
    "MAILCHIMP_TOOLKIT_TAG_ID": (r"[0-9]+", "the numeric id of the toolkit tag"),
    "MAILCHIMP_TOOLKIT_TAG_NAME": (r".+", "the toolkit tag's name as Mailchimp shows it"),
}


# The settings the signup form is made of; the audience check needs them all.
FORM_SETTINGS = tuple(_SHAPES)


class MailchimpSettingsError(ValueError):
    """A Mailchimp setting that cannot work, named with what to do about it."""


def read(settings):
    """The Mailchimp settings with defaults filled in; raises MailchimpSettingsError when one is wrong."""
    merged = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    for name, (shape, meaning) in _SHAPES.items():
        value = str(merged[name]).strip()
        # An empty value is a missing setting, not a wrong one: the signup form shows
        # a notice in development and the publish build stops, naming it.
        if value and not re.fullmatch(shape, value):
            raise MailchimpSettingsError(
                f"{name} is {value!r} -- set it (in pelicanconf.py or the environment) to {meaning}")
        merged[name] = value
    fields = merged["MAILCHIMP_FORM_MERGE_FIELDS"]
    if not isinstance(fields, (list, tuple)) or not all(
            isinstance(f, str) and re.fullmatch(r"[A-Z0-9_]+", f) for f in fields):
        raise MailchimpSettingsError(
            f"MAILCHIMP_FORM_MERGE_FIELDS is {fields!r} -- give a list of merge tags such as ['FNAME']")
    merged["MAILCHIMP_FORM_MERGE_FIELDS"] = list(fields)
    return merged
