"""The values `{booking}`, `{email}`, ... and `{clinician:key}` stand for, as HTML."""

from markupsafe import escape

from synergy.practice.check import placeholder_values
from synergy.practice.clinicians import byline

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
    """What is wrong with a placeholder left unfilled, and what to do."""
    if name in known:
        return (f"placeholder {{{name}}} has no value -- set it in data/practice.yaml, "
                f"or take {{{name}}} out of the text")
    choices = ", ".join("{" + other + "}" for other in sorted(known))
    return (f"unknown placeholder {{{name}}} -- write one of {choices}, "
            "or {filename} before the file name in a link to a page")
