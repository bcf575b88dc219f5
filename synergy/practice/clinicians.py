"""A clinician named by key (`Reviewer: prescriber`), and how the site names them."""

from .. import catalogue
from ..errors import ContentError

# Each clinician has an entry on the About page; review lines link to it.
PROFILE = "about/#{anchor}"


def anchor(key):
    return f"clinician-{key}"


def find(settings, key, field="Reviewer"):
    """The clinician under key in CLINICIANS, with key and profile_url; ContentError if none."""
    people = settings.get("CLINICIANS") or {}
    key = str(key or "").strip()
    if key in people:
        return {**people[key], "key": key, "profile_url": PROFILE.format(anchor=anchor(key))}
    raise ContentError(catalogue.text("practice.unknown_clinician", field=field, key=key, known=known(settings)))


def known(settings):
    """The clinicians' keys, as messages list them."""
    return ", ".join(sorted(settings.get("CLINICIANS") or {})) or "none yet"


def byline(person):
    """'Name, CREDENTIALS' as a review line names a clinician."""
    return f"{person['name']}, {person['credentials']}" if person.get("credentials") else person["name"]
