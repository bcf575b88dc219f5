"""The values `{booking}`, `{email}`, ... and `{clinician:key}` stand for, as HTML.

The build (plugins/synergy_practice) and the lint fill content with them.
"""

from markupsafe import escape

from .. import catalogue
from .check import placeholder_values
from .clinicians import byline

CLINICIAN = "clinician:"


def values(settings):
    """{placeholder name: HTML} for this build's practice and clinicians."""
    found = {name: str(escape(text)) for name, text in placeholder_values(settings["PRACTICE"]).items()}
    for key, person in settings["CLINICIANS"].items():
        found[CLINICIAN + key] = str(escape(byline(person)))
    return found


def owns(name):
    """Placeholders without a namespace, and clinicians', are the practice's to fill."""
    return ":" not in name or name.startswith(CLINICIAN)


def problem(name, known):
    """The catalogue's words for a placeholder left unfilled (synergy.catalogue.Said)."""
    if name in known:
        return catalogue.say("practice.empty_placeholder", name=name)
    choices = ", ".join("{" + other + "}" for other in sorted(known))
    return catalogue.say("practice.unknown_placeholder", name=name, choices=choices)
