"""PRACTICE and CLINICIANS checked as the build receives them: one SettingsError per mistake.

They usually come from data/practice.yaml (synergy.practice.details), but a
settings file or `pelican -e` may give them directly, so the build checks
what it is given, not the file.
"""

import os
import re

from ..errors import SettingsError
from ..placeholders import PELICAN_MARKERS
from .details import CLINICIAN_FIELDS, KEY, social_placeholder

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")
# What a reader needs to know who a clinician is; the bio and photo may wait.
CLINICIAN_REQUIRED = ("name", "credentials", "license_type", "license_number", "role")
FILE = "data/practice.yaml"
# The Markdown placeholders of the practice's details (a social profile adds its own).
PLACEHOLDERS = {"booking": "booking_url", "email": "email", "phone": "phone",
                "postal_address": "postal_address"}


def practice(settings):
    """PRACTICE, checked; returns it."""
    details = settings.get("PRACTICE")
    if not isinstance(details, dict):
        raise SettingsError("PRACTICE", f"{type(details).__name__} is not a dict",
                            f"make it a dict of the practice's details, as {FILE} gives it")
    for key in ("email", "booking_url", "area_served", "postal_address"):
        if not str(details.get(key) or "").strip():
            raise SettingsError(f"PRACTICE['{key}']", "is empty", f"set {key} in {FILE}")
    if not EMAIL.match(details["email"]):
        raise SettingsError("PRACTICE['email']", f"{details['email']!r} is not an email address",
                            f"set email in {FILE} to the address readers should write to")
    _url("PRACTICE['booking_url']", details["booking_url"], "the online booking page")
    phone = str(details.get("phone") or "")
    if phone and len(re.sub(r"\D", "", phone).removeprefix("1")) != 10:
        raise SettingsError("PRACTICE['phone']", f"{phone!r} is not a US phone number",
                            f"write it with its area code, such as (312) 555-0100, in {FILE}, or leave it empty")
    taken = {*PLACEHOLDERS, *PELICAN_MARKERS}
    for entry in details.get("social") or ():
        if not (isinstance(entry, (list, tuple)) and len(entry) == 2):
            raise SettingsError("PRACTICE['social']", f"{entry!r} is not a (label, url) pair",
                                "give each social profile as ('Instagram', 'https://...')")
        label, url = entry
        name = social_placeholder(str(label))
        if not name or name in taken:
            raise SettingsError("PRACTICE['social']", f"the label {label!r} cannot name a placeholder",
                                "give the profile a label of its own, such as 'Instagram'")
        taken.add(name)
        _url(f"PRACTICE['social']['{label}']", url, "the profile's address")
    return details


def _url(name, value, meaning):
    if not URL.match(str(value)):
        raise SettingsError(name, f"{value!r} is not an absolute URL",
                            f"set it to {meaning}, starting with https://, in {FILE}")


def clinicians(settings):
    """CLINICIANS, checked; returns it."""
    people = settings.get("CLINICIANS")
    if not isinstance(people, dict):
        raise SettingsError("CLINICIANS", f"{type(people).__name__} is not a dict",
                            f"give each clinician under 'clinicians:' in {FILE}")
    for key, person in people.items():
        name = f"CLINICIANS['{key}']"
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise SettingsError(name, "is not a key", "use lower-case words joined by hyphens, such as jane-doe")
        if not isinstance(person, dict):
            raise SettingsError(name, f"{type(person).__name__} is not a dict",
                                f"give {', '.join(CLINICIAN_FIELDS)} under the key")
        for field in CLINICIAN_REQUIRED:
            if not str(person.get(field) or "").strip():
                raise SettingsError(f"{name}['{field}']", "is empty",
                                    f"set clinicians.{key}.{field} in {FILE}")
        photo = str(person.get("photo") or "")
        if photo and not os.path.isfile(photo):
            raise SettingsError(f"{name}['photo']", f"{photo} does not exist",
                                f"put the photo in data/team/ and name it in {FILE}, or remove the line")
    return people


def placeholder_values(details):
    """{placeholder name: text} for the practice's details a content file may refer to."""
    values = {name: str(details.get(key) or "") for name, key in PLACEHOLDERS.items()}
    for label, url in details.get("social") or ():
        values[social_placeholder(str(label))] = str(url)
    return values
