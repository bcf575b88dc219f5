"""The audience check: the form settings compared with what Mailchimp holds."""

import logging
from urllib.parse import parse_qs, urlsplit

from pelican import signals

from synergy.errors import MailchimpConfigError, MailchimpError, SettingsError
from synergy.mailchimp import KEY_VARIABLE, has_key
from synergy.mailchimp import settings as mailchimp_settings
from synergy.plugin import connect

log = logging.getLogger(__name__)

TIMEOUT = (5.0, 15.0)
RETRIES = 2


def _fix(name, found):
    return f"set {name} (in pelicanconf.py or the environment) to {found!r}"


def _plain(text):
    return " ".join(str(text or "").lower().replace(",", " ").split())


def address_problem(contact, postal_address):
    """A SettingsError when the audience's contact address is not the practice's postal address.

    Every newsletter email shows the audience's address (*|LIST:ADDRESS|*, the
    law's physical address); the site shows PRACTICE['postal_address']. They
    are written in different pieces, so each piece Mailchimp holds must appear
    in the practice's address.
    """
    parts = [contact.get(name) for name in ("address1", "address2", "city", "zip")]
    missing = [part for part in parts if part and _plain(part) not in _plain(postal_address)]
    if not missing:
        return None
    shown = ", ".join(str(contact.get(name)) for name in ("address1", "address2", "city", "state", "zip")
                      if contact.get(name))
    return SettingsError("PRACTICE['postal_address']",
                         f"{postal_address!r} but every email shows the audience's address {shown!r}",
                         "make them the same: postal_address in data/practice.yaml, or Audience > "
                         "Settings > Audience name and defaults in Mailchimp")


def form_problems(mc, conf, postal_address=""):
    """A SettingsError per setting that disagrees with the audience in Mailchimp (empty: all agree)."""
    list_id = conf["MAILCHIMP_AUDIENCE_ID"]
    try:
        audience = mc.get(f"/lists/{list_id}", {"fields": "id,name,subscribe_url_long,contact"})
    except MailchimpError as error:
        if error.status == 404:
            return [SettingsError("MAILCHIMP_AUDIENCE_ID",
                                  f"no audience {list_id!r} in this Mailchimp account",
                                  "copy the id from Audience > Settings > Audience name and defaults")]
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
            problems.append(SettingsError(
                name, f"{conf[name]!r} but the audience's signup form uses {found!r}",
                _fix(name, found)))

    if postal_address:
        problem = address_problem(audience.get("contact") or {}, postal_address)
        if problem:
            problems.append(problem)

    tag_id, tag_name = conf["MAILCHIMP_TOOLKIT_TAG_ID"], conf["MAILCHIMP_TOOLKIT_TAG_NAME"]
    try:
        tag = mc.get(f"/lists/{list_id}/segments/{tag_id}", {"fields": "id,name,type"})
    except MailchimpError as error:
        if error.status != 404:
            raise
        problems.append(SettingsError("MAILCHIMP_TOOLKIT_TAG_ID",
                                      f"the audience has no tag with id {tag_id}",
                                      f"create the tag {tag_name!r} in Mailchimp and set its id"))
    else:
        if tag.get("name") != tag_name:
            problems.append(SettingsError(
                "MAILCHIMP_TOOLKIT_TAG_NAME", f"{tag_name!r} but tag {tag_id} is called {tag.get('name')!r}",
                _fix("MAILCHIMP_TOOLKIT_TAG_NAME", tag.get("name"))))

    fields = mc.get(f"/lists/{list_id}/merge-fields", {"count": 100, "fields": "merge_fields.tag"})
    tags = {f.get("tag") for f in fields.get("merge_fields", [])}
    for tag in conf["MAILCHIMP_FORM_MERGE_FIELDS"]:
        if tag not in tags:
            problems.append(SettingsError(
                "MAILCHIMP_FORM_MERGE_FIELDS", f"the audience has no merge field {tag}",
                "add it in Audience > Settings > Audience fields, or remove it from the setting"))
    return problems


def check_audience(pelican):
    """At `initialized`: read the settings once and check them against the audience."""
    conf = mailchimp_settings.read(pelican.settings)
    if not conf["MAILCHIMP_AUDIENCE_CHECK"]:
        return
    missing = [name for name in mailchimp_settings.FORM_SETTINGS if not conf[name]]
    if missing:
        log.info("Mailchimp audience check skipped: %s not set", ", ".join(missing))
        return
    if not has_key():
        log.info("Mailchimp audience check skipped: %s is not set", KEY_VARIABLE)
        return
    # Only a build that will talk to Mailchimp loads its client (and requests).
    from synergy.mailchimp import connect

    try:
        with connect(pelican.settings, timeout=TIMEOUT, retries=RETRIES) as mc:
            problems = form_problems(mc, conf, (pelican.settings.get("PRACTICE") or {}).get("postal_address", ""))
    except (MailchimpConfigError, MailchimpError) as error:
        what = "refused by Mailchimp" if getattr(error, "status", None) == 401 else \
            f"cannot check the Mailchimp audience: {error}"
        problems = [SettingsError(KEY_VARIABLE, what,
                                  f"fix it, or unset {KEY_VARIABLE} to build without the check")]
    if not problems:
        log.info("Mailchimp audience %s matches the signup form settings", conf["MAILCHIMP_AUDIENCE_ID"])
        return
    if pelican.settings.get("PUBLISH_BUILD"):
        raise SettingsError.several(problems)
    for problem in problems:
        log.warning("%s", problem)


def register():
    connect(signals.initialized, check_audience)
