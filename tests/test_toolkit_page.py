"""The toolkit's landing page, its thanks page, the signup form and the privacy page."""

import re

import pytest

from sitebuild import ROOT, build_site

FORM_SETTINGS = {
    "MAILCHIMP_ACCOUNT": "examplepractice",
    "MAILCHIMP_DC": "us5",
    "MAILCHIMP_FORM_U": "0a1b2c3d4e5f",
    "MAILCHIMP_AUDIENCE_ID": "f9e8d7c6b5",
    "MAILCHIMP_TOOLKIT_TAG_ID": "4242",
}
ORIGIN = "https://examplepractice.us5.list-manage.com"
HONEYPOT = "b_0a1b2c3d4e5f_f9e8d7c6b5"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site built with form settings chosen here, so every part of the form is traced to one."""
    build = build_site(tmp_path_factory.mktemp("toolkit-page"), overrides=FORM_SETTINGS)
    assert build.ok, build.stderr
    return build


@pytest.fixture(scope="module")
def landing(built):
    return built.soup("toolkit/index.html")


@pytest.fixture(scope="module")
def form(landing):
    forms = landing.select("form.signup-form")
    assert len(forms) == 1
    return forms[0]


def csp(soup):
    meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    directives = {}
    for part in meta["content"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def test_the_form_posts_to_the_audiences_hosted_endpoint(form):
    assert form["method"] == "post"
    assert form["action"] == f"{ORIGIN}/subscribe/post?u=0a1b2c3d4e5f&id=f9e8d7c6b5"


def test_the_email_field_is_labelled_required_and_autocompletes(form):
    email = form.find("input", attrs={"name": "EMAIL"})
    assert email["type"] == "email"
    assert email["autocomplete"] == "email"
    assert email.has_attr("required")
    label = form.find("label", attrs={"for": email["id"]})
    assert label.get_text(strip=True) == "Email address"


def test_the_first_name_is_optional(form):
    first_name = form.find("input", attrs={"name": "FNAME"})
    assert not first_name.has_attr("required")
    assert "optional" in form.find("label", attrs={"for": first_name["id"]}).get_text()


def test_the_honeypot_is_off_screen_unreachable_and_hidden_from_assistive_tech(form, built):
    trap = form.find("input", attrs={"name": HONEYPOT})
    assert trap["tabindex"] == "-1"
    assert trap.get("value") == ""
    wrapper = trap.find_parent(class_="signup-trap")
    assert wrapper["aria-hidden"] == "true"
    css = built.text("theme/css/site.css")
    rule = re.search(r"\.signup-trap\s*\{([^}]*)\}", css).group(1)
    assert "position: absolute" in rule and "left: -5000px" in rule


def test_the_signup_is_tagged_as_coming_from_the_toolkit(form):
    tag = form.find("input", attrs={"name": "tags"})
    assert tag["type"] == "hidden"
    assert tag["value"] == "4242"


def test_the_form_asks_for_nothing_but_an_address_and_a_first_name(form):
    names = {field["name"] for field in form.find_all(["input", "select", "textarea"])}
    assert names == {"EMAIL", "FNAME", "tags", HONEYPOT}


def test_the_consent_text_says_what_is_sent_how_often_and_how_to_leave(form):
    consent = " ".join(form.select_one(".signup-consent").get_text().split())
    assert "email address" in consent and "first name" in consent and "Mailchimp" in consent
    assert "one email a month" in consent
    assert "unsubscribe at any time" in consent
    assert form.select_one(".signup-consent a")["href"] == "/privacy/"


def test_the_result_is_announced_in_a_live_region(form):
    status = form.select_one(".signup-status")
    assert status["aria-live"] == "polite"
    assert status["role"] == "status"


def test_the_download_link_waits_hidden_until_a_signup_succeeds(form, built):
    download = form.select_one(".signup-download")
    assert download.has_attr("hidden")
    href = download.a["href"]
    assert href == "/toolkit/wellness-toolkit.pdf"
    assert built.exists(href.lstrip("/"))


def test_the_only_script_is_our_own_signup_enhancement(landing):
    card = landing.select_one(".signup-card")
    scripts = card.find_all("script")
    assert [s["src"] for s in scripts] == ["/theme/js/signup.js"]
    assert all(not s.string for s in scripts)


def test_the_csp_admits_the_list_manage_origin_and_nothing_more(built):
    for page in ("toolkit/index.html", "privacy/index.html", "index.html"):
        policy = csp(built.soup(page))
        assert policy["form-action"] == ["'self'", ORIGIN], page
        assert set(policy["script-src"]) - {"'self'"} == {ORIGIN}, page
        assert policy["default-src"] == ["'self'"]


def plain(text):
    for curly, straight in (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def test_whats_inside_lists_the_toolkits_own_sections(built, landing):
    source = (built.content / "toolkit/wellness-toolkit.md").read_text(encoding="utf-8")
    chunks = source.split("\n## ")[1:]
    headings = [chunk.split("\n", 1)[0].strip() for chunk in chunks]
    leads = [plain(chunk.split("\n\n")[1]) for chunk in chunks]
    items = landing.select(".toolkit-sections li")
    assert [item.h3.get_text(strip=True) for item in items] == headings
    assert [plain(item.p.get_text()) for item in items] == leads


def test_the_thanks_page_holds_the_download_link(built):
    thanks = built.soup("toolkit/thanks/index.html")
    link = thanks.select_one("a[href='/toolkit/wellness-toolkit.pdf']")
    assert link is not None and "Download" in link.get_text()
    assert thanks.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_privacy_page_says_what_is_collected_and_how_to_leave(built):
    text = " ".join(built.soup("privacy/index.html").find("main").get_text().split())
    for promise in ("No trackers and no analytics", "No cookies", "Mailchimp", "data processor",
                    "We never ask health questions", "unsubscribe", "delete your details"):
        assert promise in text


def test_missing_form_settings_show_a_notice_in_a_development_build(tmp_path):
    build = build_site(tmp_path, overrides={"MAILCHIMP_FORM_U": ""})
    assert build.ok, build.stderr
    page = build.soup("toolkit/index.html")
    assert page.select("form.signup-form") == []
    notice = page.select_one(".signup-card .signup-unavailable").get_text()
    assert "MAILCHIMP_FORM_U" in notice
    assert "list-manage" not in str(page.find("meta", attrs={"http-equiv": "Content-Security-Policy"}))


def test_missing_form_settings_fail_a_publish_build_with_one_line(tmp_path):
    build = build_site(tmp_path, settings="publishconf.py", strict=False,
                       overrides={"MAILCHIMP_AUDIENCE_ID": ""})
    assert not build.ok
    assert "Traceback" not in build.stderr
    lines = [line for line in build.stderr.splitlines() if line.strip()]
    assert lines == [
        "settings: MAILCHIMP_AUDIENCE_ID: not set -- the signup form needs it on the live site; "
        "set it in pelicanconf.py or as the environment variable MAILCHIMP_AUDIENCE_ID"
    ]


def test_a_malformed_form_setting_fails_the_build_naming_it(tmp_path):
    build = build_site(tmp_path, overrides={"MAILCHIMP_DC": 'us5"><script>'})
    assert not build.ok
    assert "MAILCHIMP_DC: 'us5\"><script>' is not valid" in build.stderr
    assert not (tmp_path / "output" / "toolkit" / "index.html").exists()


def test_the_readme_documents_mailchimps_redirect_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "send subscribers to another URL" in readme
    assert "/toolkit/thanks/" in readme
