"""The privacy page says exactly what happens, checked against what the code does.

What the signup form sends is read from the built form; what Mailchimp keeps,
from Mailchimp's API description of a list member; that no email is tracked,
from the tracking the sender turns off and the links the bundled emails carry;
who to write to, from the practice's settings.
"""

import json
import re
from urllib.parse import urlsplit

import pytest

import pelicanconf
from sitebuild import ROOT
from synergy_newsletter.sending import TRACKING_OFF

API = ROOT / "tests" / "fake_mailchimp" / "api" / "openapi.json"
# Each field the signup form posts, as the privacy page names it.
FORM_FIELDS = {
    "EMAIL": "your email address",
    "FNAME": "your first name, if you choose to give it",
    "tags": "a label saying that you signed up through the Wellness Toolkit",
    "honeypot": "an empty field that only automated spam programs fill in",
}
# What Mailchimp keeps of a member at signup and confirmation, as the page names it.
MEMBER_FIELDS = {
    "ip_signup": "the IP address you signed up from",
    "timestamp_signup": "the time you signed up",
    "ip_opt": "the IP address you confirmed from",
    "timestamp_opt": "the time you confirmed your subscription",
    "location": "an approximate location (country, region and time zone)",
}
BUNDLED = ("2026-10-welcome", "2026-11-november")


@pytest.fixture(scope="module")
def page(site):
    text = site.soup("privacy/index.html").find("main").get_text(" ")
    text = text.translate(str.maketrans("‘’“”", "''\"\""))  # typographer's quotes
    return " ".join(text.split())


def said(page, phrase):
    return " ".join(phrase.split()) in page


def test_the_page_names_every_field_the_signup_form_sends(site, page):
    form = site.soup("toolkit/index.html").find("form", class_="signup-form")
    names = {field["name"] for field in form.find_all(["input", "select", "textarea"])
             if field.get("name")}
    trap = form.find(class_="signup-trap").find("input")["name"]
    for name in names:
        key = "honeypot" if name == trap else name
        assert key in FORM_FIELDS, f"the form sends {name!r}, which the privacy page does not name"
        assert said(page, FORM_FIELDS[key]), FORM_FIELDS[key]


def test_the_page_says_what_mailchimp_keeps_at_signup_and_confirmation(page):
    schemas = json.loads(API.read_text(encoding="utf-8"))["components"]["schemas"]
    member = next(schema["properties"] for schema in schemas.values()
                  if "ip_signup" in schema.get("properties", {}))
    for field, phrase in MEMBER_FIELDS.items():
        assert field in member, field
        assert said(page, phrase), phrase


def test_every_kind_of_tracking_mailchimp_offers_is_turned_off(page):
    schemas = json.loads(API.read_text(encoding="utf-8"))["components"]["schemas"]
    kinds = set(schemas["CampaignTrackingOptions"]["properties"])
    assert kinds == set(TRACKING_OFF)
    for value in TRACKING_OFF.values():
        assert not (any(value.values()) if isinstance(value, dict) else value)
    assert said(page, "Mailchimp's open tracking and click tracking switched off")
    assert said(page, "if Mailchimp reports any tracking on, the email is not sent")


@pytest.mark.parametrize("slug", BUNDLED)
def test_the_emails_carry_no_pixel_and_link_only_where_the_page_says(publish_site, page, slug):
    email = publish_site.soup(f"email-preview/{slug}/email.html")
    assert email.find("img") is None
    site = "https://www.synergyintegrativehealth.com"
    allowed = {"site": site, "988": pelicanconf.CRISIS_LINE["chat_url"],
               "booking": pelicanconf.PRACTICE["booking_url"]}
    for link in email.find_all("a"):
        href = link["href"]
        scheme = urlsplit(href).scheme
        if href in ("*|UNSUB|*", "*|UPDATE_PROFILE|*"):
            assert said(page, "Only the unsubscribe and preferences links go to Mailchimp's own pages")
        elif scheme in ("tel", "sms", "mailto"):
            assert said(page, "or to your phone or email app")
        else:
            assert any(href == url or href.startswith(site + "/") for url in allowed.values()), href
    assert said(page, "to pages on our website (including \"View this email in your browser\"), to "
                      "the Suicide & Crisis Lifeline (988lifeline.org), to our online booking page")


def test_the_page_is_honest_about_mailchimps_link_checks(page):
    assert said(page, "it still passes links through its own servers to check them for harmful "
                      "sites, even with click tracking off")


def test_the_page_says_who_to_write_to_for_deletion(site):
    soup = site.soup("privacy/index.html")
    heading = soup.find(lambda tag: tag.name == "h2" and "delete" in tag.get_text().lower())
    section = heading.find_next("p")
    address = pelicanconf.PRACTICE["email"]
    assert section.find("a", href=f"mailto:{address}") is not None
    assert re.search(r"permanently delete", section.get_text())
