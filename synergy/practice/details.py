"""data/practice.yaml read into the settings pelicanconf.py gives the site.

    details = details.load("data/practice.yaml")
    PRACTICE = details.practice()            # PRACTICE_* environment variables applied
    CLINICIANS = details.clinicians()
    MAILCHIMP_DC = env("MAILCHIMP_DC", details.mailchimp("dc"))
    PRACTICE_PLACEHOLDERS = details.placeholders()

A value written `!placeholder value` is not the practice's real detail yet: it
is used as written (previews show it), and recorded in PRACTICE_PLACEHOLDERS
with the setting it ends up in, so `left()` (synergy.practice.golive) can tell
whether the setting still holds it, whichever way it was set in the end.
"""

import os
import re
from dataclasses import dataclass

import yaml

from ..errors import SettingsError
from ..settings import data_file, environment

MARK = "!placeholder"

# Top-level keys and what each holds; the environment variable overriding it.
FIELDS = {
    "name": None, "area_served": None,
    "email": "PRACTICE_EMAIL", "phone": "PRACTICE_PHONE",
    "booking_url": "PRACTICE_BOOKING_URL", "postal_address": "PRACTICE_POSTAL_ADDRESS",
}
SECTIONS = ("social", "mailchimp", "clinicians")
# data/practice.yaml's mailchimp keys and the setting (and environment variable) each fills.
MAILCHIMP = {
    "account": "MAILCHIMP_ACCOUNT", "dc": "MAILCHIMP_DC", "form_u": "MAILCHIMP_FORM_U",
    "audience_id": "MAILCHIMP_AUDIENCE_ID", "toolkit_tag_id": "MAILCHIMP_TOOLKIT_TAG_ID",
}
CLINICIAN_FIELDS = ("name", "credentials", "license_type", "license_number", "role", "bio", "photo")
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class _Marked:
    """A value written with the placeholder mark."""
    value: str


class _Loader(yaml.SafeLoader):
    """YAML with one extra tag, `!placeholder`."""


_Loader.add_constructor(MARK, lambda loader, node: _Marked(loader.construct_scalar(node)))


def social_variable(label):
    """PRACTICE_INSTAGRAM for "Instagram": the variable overriding a profile's address."""
    return "PRACTICE_" + re.sub(r"[^A-Z0-9]+", "_", label.upper()).strip("_")


def social_placeholder(label):
    """instagram for "Instagram": the Markdown placeholder of a profile's address."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def setting_name(setting, keys):
    """PRACTICE['social']['Instagram'], as settings messages name it."""
    return setting + "".join(f"[{key!r}]" for key in keys)


class Details:
    """The file's values, with the placeholders it marks."""

    def __init__(self, data, shown, folder):
        self.shown = shown
        self.folder = folder
        self._marks = []
        self.data = self._unmark(data, ())

    def _unmark(self, value, path):
        if isinstance(value, dict):
            return {key: self._unmark(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, _Marked):
            self._marks.append((path, value.value))
            return value.value
        return value

    # --- The settings ---------------------------------------------------------

    def practice(self):
        """PRACTICE: the practice's details, each environment variable applied."""
        data = self.data
        found = {name: environment(variable, _text(data.get(name))) if variable else _text(data.get(name))
                 for name, variable in FIELDS.items()}
        found["social"] = [(label, environment(social_variable(label), _text(url)))
                           for label, url in (data.get("social") or {}).items()]
        return found

    def clinicians(self):
        """CLINICIANS: each clinician by key; a photo's path made absolute."""
        found = {}
        for key, entry in (self.data.get("clinicians") or {}).items():
            person = {name: _text(entry.get(name)) for name in CLINICIAN_FIELDS}
            if person["photo"]:
                person["photo"] = os.path.normpath(os.path.join(self.folder, person["photo"]))
            found[key] = person
        return found

    def mailchimp(self, name):
        """The signup form value `name` (the environment variable is pelicanconf.py's to apply)."""
        return _text((self.data.get("mailchimp") or {}).get(name))

    def placeholders(self):
        """PRACTICE_PLACEHOLDERS: each marked value, the setting it fills, where to set it."""
        found = []
        for path, value in self._marks:
            setting, keys, variable = self._destination(path)
            found.append({"name": setting_name(setting, keys), "setting": setting, "keys": list(keys),
                          "value": _text(value), "file": self.shown, "key": ".".join(path),
                          "variable": variable or ""})
        return found

    def _destination(self, path):
        """(setting, keys inside it, environment variable) for a path in the file."""
        head, *rest = path
        if head == "social":
            return "PRACTICE", ("social", rest[0]), social_variable(rest[0])
        if head == "mailchimp":
            return MAILCHIMP[rest[0]], (), MAILCHIMP[rest[0]]
        if head == "clinicians":
            return "CLINICIANS", tuple(rest), None
        return "PRACTICE", (head,), FIELDS.get(head)


def _text(value):
    return "" if value is None else str(value).strip()


def load(path):
    """The practice's details from path; SettingsError naming the file when it cannot be used."""
    shown = os.path.join(os.path.basename(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
    data = data_file(path, _Loader)
    _check_shape(data, shown)
    return Details(data, shown, os.path.dirname(os.path.abspath(path)))


def _check_shape(data, shown):
    """Only the keys the site reads, each holding what it should: a typo is named, not ignored."""
    def fail(problem, fix):
        raise SettingsError(shown, problem, fix)

    if not isinstance(data, dict):
        fail("does not hold the practice's details", "restore it from git and fill in the values")
    for key, value in data.items():
        if key not in FIELDS and key not in SECTIONS:
            fail(f"unknown key '{key}'", f"use one of: {', '.join([*FIELDS, *SECTIONS])}")
        if key in FIELDS and not _scalar(value):
            fail(f"{key}: is not a single value", "write it on one line after the colon")
    for section in ("social", "mailchimp"):
        entries = data.get(section) or {}
        if not isinstance(entries, dict) or not all(_scalar(v) for v in entries.values()):
            fail(f"{section}: is not a list of 'name: value' lines", "indent each under it, as the file shows")
    for key in data.get("mailchimp") or {}:
        if key not in MAILCHIMP:
            fail(f"mailchimp.{key}: unknown key", f"use one of: {', '.join(MAILCHIMP)}")
    clinicians = data.get("clinicians") or {}
    if not isinstance(clinicians, dict):
        fail("clinicians: is not a list of clinicians", "give each clinician a key with their details under it")
    for key, entry in clinicians.items():
        if not isinstance(key, str) or not KEY.fullmatch(key):
            fail(f"clinicians.{key}: is not a key", "use lower-case words joined by hyphens, such as jane-doe")
        if not isinstance(entry, dict):
            fail(f"clinicians.{key}: has no details", f"give {', '.join(CLINICIAN_FIELDS)} under it")
        for name, value in entry.items():
            if name not in CLINICIAN_FIELDS:
                fail(f"clinicians.{key}.{name}: unknown key", f"use one of: {', '.join(CLINICIAN_FIELDS)}")
            if not _scalar(value):
                fail(f"clinicians.{key}.{name}: is not a single value", "write it after the colon")


def _scalar(value):
    return value is None or isinstance(value, (str, int, float, _Marked))
