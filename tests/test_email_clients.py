"""Every newsletter email renders in the clients readers use, and points to crisis help.

Checked with caniemail.com's data (tests/gates/email_clients.py) against Gmail
(web, iOS, Android), Outlook (Windows, Mac, web) and Apple Mail (Mac, iOS):
nothing any of them lacks unless theme/email/client-support.json names the
fallback that covers it.
"""

import re

import pytest

from gates.email_clients import CLIENTS, allowed, check, unsupported

BUNDLED = ("2026-10-welcome", "2026-11-november")


@pytest.fixture(scope="module")
def emails(publish_site):
    """The bundled issues' emails as a publish build renders them for Mailchimp."""
    return {slug: publish_site.path(f"email-preview/{slug}/email.html") for slug in BUNDLED}


@pytest.fixture(scope="module")
def findings(emails):
    return check(emails.values())


def test_every_bundled_issue_has_an_email(emails):
    for slug, path in emails.items():
        assert path.exists(), f"no email rendered for {slug}"


def test_the_check_covers_gmail_outlook_and_apple_mail():
    families = {client.split(".")[0] for client in CLIENTS}
    assert families == {"gmail", "outlook", "apple-mail"}
    assert {"gmail.ios", "gmail.android", "outlook.windows", "outlook.macos",
            "outlook.outlook-com", "apple-mail.ios", "apple-mail.macos"} <= set(CLIENTS)


@pytest.mark.parametrize("slug", BUNDLED)
def test_no_email_uses_a_feature_a_client_lacks_without_a_named_fallback(findings, emails, slug):
    mine = [f for f in findings if f.file == str(emails[slug])]
    missing = unsupported(mine, allowed())
    assert missing == [], "\n".join(str(f) for f in missing)


def test_every_fallback_in_the_allow_list_is_still_needed_and_says_why(findings):
    used = {(f.feature, f.client) for f in findings if f.support == "none"}
    for (feature, client), fallback in allowed().items():
        assert client in CLIENTS, f"{client}: not a client the check covers"
        assert (feature, client) in used, f"{feature} for {client}: no email needs this any more"
        assert len(fallback.split()) >= 5, f"{feature}: say what covers it"


def test_the_check_finds_a_feature_a_client_lacks(tmp_path):
    email = tmp_path / "email.html"
    email.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>'
                     '<body><div style="display: flex; position: absolute">Hi</div></body></html>')
    missing = unsupported(check([email]), allowed())
    assert {f.feature for f in missing} & {"display:flex", "position"}, missing


@pytest.mark.parametrize("slug", BUNDLED)
@pytest.mark.parametrize("part", ["email.html", "email.txt"])
def test_every_email_names_988_and_911(publish_site, slug, part):
    text = publish_site.text(f"email-preview/{slug}/{part}")
    if part.endswith(".html"):
        text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    assert "988" in text
    assert "in an emergency, call 911" in text.lower()
