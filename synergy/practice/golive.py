"""What still stops the site going live: `invoke golive` prints it, publish and deploy obey it.

A practice detail is left as a placeholder while its setting still holds the
value data/practice.yaml marks `!placeholder`, however the settings were put
together (the file, an environment variable, another settings file). The
practice's approvals (synergy.clinical.approval) must be given too.
"""

from ..clinical import approval

_MISSING = object()

# Two steps only Mailchimp's own screens can take: its API's signup-form call
# (POST /lists/{list_id}/signup-forms) takes the form's header, contents and
# styles only, not the redirect after signing up nor the final welcome email.
MAILCHIMP_BY_HAND = (
    "Mailchimp: Audience > Signup forms > Form builder > 'Confirmation thank you page': "
    "send subscribers to {thanks} -- set it by hand: Mailchimp's API cannot",
    "Mailchimp: Audience > Signup forms > Form builder > 'Final welcome email': link the toolkit "
    "PDF {pdf} and {thanks}, so people who confirm later from their inbox get it "
    "-- set it by hand: Mailchimp's API cannot",
)
# Where the toolkit lives on the site (content/pages/toolkit-thanks.md, TOOLKIT_PDF_SAVE_AS's default).
THANKS_PATH = "toolkit/thanks/"
PDF_PATH = "toolkit/wellness-toolkit.pdf"


def current(settings, setting, keys):
    """The value at settings[setting][key]...; a (label, url) list is looked up by label."""
    value = settings.get(setting, _MISSING)
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key, _MISSING)
        elif isinstance(value, (list, tuple)):
            value = next((pair[1] for pair in value
                          if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] == key), _MISSING)
        else:
            return _MISSING
    return value


def left(settings):
    """The placeholders whose settings still hold the marked value, in the file's order."""
    return [mark for mark in settings.get("PRACTICE_PLACEHOLDERS") or ()
            if current(settings, mark["setting"], mark["keys"]) == mark["value"]]


def placeholder_line(mark):
    value = mark["value"] if len(mark["value"]) <= 50 else mark["value"][:47] + "..."
    shown = f"'{value}'" if value else "empty"
    also = f", or set the environment variable {mark['variable']}" if mark.get("variable") else ""
    return (f"{mark['name']}: still a placeholder ({shown}) -- write the real value at "
            f"{mark['key']} in {mark['file']} and delete its !placeholder mark{also}")


def by_hand(settings):
    """The Mailchimp steps to check by hand, with this site's addresses."""
    site = str(settings.get("SITEURL") or "").rstrip("/")
    pdf = settings.get("TOOLKIT_PDF_SAVE_AS") or PDF_PATH
    return [line.format(thanks=f"{site}/{THANKS_PATH}", pdf=f"{site}/{pdf}") for line in MAILCHIMP_BY_HAND]


def _counted(number, word):
    return f"{number} {word}{'' if number == 1 else 's'}"


def report(settings):
    """(lines to print, ready): a line per placeholder left and approval missing, then the steps done by hand."""
    marks = left(settings)
    lines = [placeholder_line(mark) for mark in marks]
    waiting, count = approval.lines(settings["PATH"], settings)
    lines += waiting
    if marks or count:
        lines.append(f"Not ready to go live: {_counted(len(marks), 'placeholder detail')} and "
                     f"{_counted(count, 'approval')} still to give, above "
                     "-- README.md, 'Before going live', says what each one is")
    else:
        lines.append("Every practice detail is set, and the practice has approved every clinical page.")
    lines.append("Check by hand before the first deploy (they are not in this repository):")
    lines += [f"  {line}" for line in by_hand(settings)]
    return lines, not (marks or count)
