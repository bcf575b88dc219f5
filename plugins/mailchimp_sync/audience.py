"""At build time, check that the signup form's settings match the real audience.

The forms post to <account>.<dc>.list-manage.com/subscribe/post?u=...&id=...;
a wrong value there loses every signup silently. So when MAILCHIMP_API_KEY is
set, the build reads the audience (GET /lists/{id}) and compares its
subscribe_url_long, its toolkit tag and its merge fields with the settings. A
mismatch stops a publish build (PUBLISH_BUILD) with one line per wrong
setting; other builds log it as a warning. Without a key: one info line.
"""

import logging
import sys
from urllib.parse import parse_qs, urlsplit

from . import settings as mailchimp_settings
from .key import KEY_VARIABLE, MailchimpConfigError, api_key

log = logging.getLogger(__name__)

TIMEOUT = (5.0, 15.0)
RETRIES = 2


def _fix(name, found):
    return f"-- set {name} (in pelicanconf.py or the environment) to {found!r}"


def form_problems(mc, conf):
    """One line per setting that disagrees with the audience in Mailchimp (empty: all agree)."""
    from .client import MailchimpError

    list_id = conf["MAILCHIMP_AUDIENCE_ID"]
    try:
        audience = mc.get(f"/lists/{list_id}", {"fields": "id,name,subscribe_url_long"})
    except MailchimpError as error:
        if error.status == 404:
            return [f"MAILCHIMP_AUDIENCE_ID: no audience {list_id!r} in this Mailchimp account "
                    "-- copy the id from Audience > Settings > Audience name and defaults"]
        raise
    problems = []
    url = urlsplit(audience.get("subscribe_url_long", ""))
    query = parse_qs(url.query)
    host = url.hostname or ""
    account, _, rest = host.partition(".")
    dc = rest.split(".", 1)[0]
    expected = {
        "MAILCHIMP_ACCOUNT": account,
        "MAILCHIMP_DC": dc,
        "MAILCHIMP_FORM_U": (query.get("u") or [""])[0],
        "MAILCHIMP_AUDIENCE_ID": (query.get("id") or [""])[0] or audience.get("id", ""),
    }
    for name, found in expected.items():
        if found and conf[name] != found:
            problems.append(f"{name} is {conf[name]!r} but the audience's signup form uses "
                            f"{found!r} {_fix(name, found)}")

    tag_id, tag_name = conf["MAILCHIMP_TOOLKIT_TAG_ID"], conf["MAILCHIMP_TOOLKIT_TAG_NAME"]
    try:
        tag = mc.get(f"/lists/{list_id}/segments/{tag_id}", {"fields": "id,name,type"})
    except MailchimpError as error:
        if error.status != 404:
            raise
        problems.append(f"MAILCHIMP_TOOLKIT_TAG_ID: the audience has no tag with id {tag_id} "
                        f"-- create the tag {tag_name!r} in Mailchimp and set its id")
    else:
        if tag.get("name") != tag_name:
            problems.append(f"MAILCHIMP_TOOLKIT_TAG_NAME is {tag_name!r} but tag {tag_id} is "
                            f"called {tag.get('name')!r} {_fix('MAILCHIMP_TOOLKIT_TAG_NAME', tag.get('name'))}")

    fields = mc.get(f"/lists/{list_id}/merge-fields", {"count": 100, "fields": "merge_fields.tag"})
    tags = {f.get("tag") for f in fields.get("merge_fields", [])}
    for tag in conf["MAILCHIMP_FORM_MERGE_FIELDS"]:
        if tag not in tags:
            problems.append(f"MAILCHIMP_FORM_MERGE_FIELDS: the audience has no merge field {tag} "
                            f"-- add it in Audience > Settings > Audience fields, or remove it from the setting")
    return problems


def check_audience(pelican):
    """At `initialized`: read the settings once and check them against the audience."""
    try:
        conf = mailchimp_settings.read(pelican.settings)
    except mailchimp_settings.MailchimpSettingsError as error:
        # SystemExit passes through Pelican's catch-all: one line, no traceback.
        print(f"settings: {error}", file=sys.stderr)
        sys.exit(1)
    if not conf["MAILCHIMP_AUDIENCE_CHECK"]:
        return
    missing = [name for name in mailchimp_settings.FORM_SETTINGS if not conf[name]]
    if missing:
        log.info("Mailchimp audience check skipped: %s not set", ", ".join(missing))
        return
    try:
        api_key()
    except MailchimpConfigError:
        log.info("Mailchimp audience check skipped: %s is not set", KEY_VARIABLE)
        return
    # Only a build that will talk to Mailchimp loads its client (and requests).
    from .client import MailchimpError, connect

    publishing = bool(pelican.settings.get("PUBLISH_BUILD"))
    try:
        with connect(pelican.settings, timeout=TIMEOUT, retries=RETRIES) as mc:
            problems = [f"settings: {line}" for line in form_problems(mc, conf)]
    except (MailchimpConfigError, MailchimpError) as error:
        what = f"{KEY_VARIABLE} is refused by Mailchimp" if getattr(error, "status", None) == 401 else str(error)
        problems = [f"settings: cannot check the Mailchimp audience: {what} "
                    f"-- fix it, or unset {KEY_VARIABLE} to build without the check"]
    if not problems:
        log.info("Mailchimp audience %s matches the signup form settings", conf["MAILCHIMP_AUDIENCE_ID"])
        return
    if publishing:
        for line in problems:
            print(line, file=sys.stderr)
        sys.exit(1)
    for line in problems:
        log.warning(line)


def register():
    from pelican import signals

    signals.initialized.connect(check_audience)
