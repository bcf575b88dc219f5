"""The signup form in Chromium, against a local stand-in for Mailchimp's list-manage endpoints."""

import http.server
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from sitebuild import build_site
from synergy.gates.serve import serve_folder

FORM = {
    "MAILCHIMP_FORM_U": "0a1b2c3d4e5f",
    "MAILCHIMP_AUDIENCE_ID": "f9e8d7c6b5",
    "MAILCHIMP_TOOLKIT_TAG_ID": "4242",
}
HONEYPOT = "b_0a1b2c3d4e5f_f9e8d7c6b5"
HOSTILE = "0 - Sorry, that did not work <img src=x onerror=alert(1)>"


class ListManage(http.server.ThreadingHTTPServer):
    """Answers /subscribe/post-json like Mailchimp (JSONP) and /subscribe/post with a redirect."""

    answer = {"result": "success", "msg": "Almost finished... please confirm your email address."}
    delay = 0.0
    thanks_url = ""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _ListManageHandler)
        self.requests = []

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ListManageHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        self.server.requests.append(("GET", url.path, query))
        if url.path != "/subscribe/post-json" or not query.get("c"):
            self.send_error(404)
            return
        time.sleep(self.server.delay)
        body = f"{query['c']}({json.dumps(self.server.answer)})".encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length", 0))
        fields = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        self.server.requests.append(("POST", url.path, fields))
        # What Mailchimp does with "send subscribers to another URL" set to /toolkit/thanks/.
        self.send_response(303)
        self.send_header("Location", self.server.thanks_url)
        self.end_headers()


@pytest.fixture(scope="module")
def list_manage():
    server = ListManage()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def signup_site(tmp_path_factory, list_manage, browser):
    """The site built with the form pointed at the stand-in, served locally."""
    overrides = dict(FORM, MAILCHIMP_FORM_BASE_URL=list_manage.origin)
    build = build_site(tmp_path_factory.mktemp("signup-site"), overrides=overrides)
    assert build.ok, build.stderr
    url, server = serve_folder(build.output)
    list_manage.thanks_url = f"{url}/toolkit/thanks/"
    yield url
    server.shutdown()


@pytest.fixture
def stand_in(list_manage):
    """The stand-in, reset to a successful answer for each test."""
    list_manage.requests.clear()
    list_manage.answer = dict(ListManage.answer)
    list_manage.delay = 0.0
    return list_manage


@pytest.fixture
def watched(page):
    """The page, with every dialog and CSP violation recorded."""
    page.dialogs = []
    page.csp_errors = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: "Content Security Policy" in msg.text and page.csp_errors.append(msg.text))
    return page


def fill_and_submit(page, url, email="reader@example.org", first_name="Sam"):
    page.goto(f"{url}/toolkit/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("First name").fill(first_name)
    page.get_by_role("button", name="Subscribe and get the toolkit").click()


def test_a_successful_signup_shows_the_message_and_the_download_link(watched, signup_site, stand_in):
    fill_and_submit(watched, signup_site)
    status = watched.locator("#toolkit-form .signup-status")
    status.filter(has_text="Thank you for subscribing").wait_for()
    link = watched.get_by_role("link", name="Download the Wellness Toolkit")
    assert link.is_visible()
    assert link.get_attribute("href") == "/toolkit/wellness-toolkit.pdf"
    assert watched.csp_errors == []


def test_the_signup_sends_the_address_name_tag_and_an_empty_honeypot(watched, signup_site, stand_in):
    fill_and_submit(watched, signup_site)
    watched.locator("#toolkit-form .signup-status").filter(has_text="Thank you").wait_for()
    method, path, query = stand_in.requests[-1]
    assert (method, path) == ("GET", "/subscribe/post-json")
    assert query["u"] == FORM["MAILCHIMP_FORM_U"] and query["id"] == FORM["MAILCHIMP_AUDIENCE_ID"]
    assert query["EMAIL"] == "reader@example.org"
    assert query["FNAME"] == "Sam"
    assert query["tags"] == FORM["MAILCHIMP_TOOLKIT_TAG_ID"]
    assert query[HONEYPOT] == ""
    assert query["c"].startswith("signupCallback_")


def test_mailchimps_message_is_shown_as_text_and_nothing_in_it_runs(watched, signup_site, stand_in):
    stand_in.answer = {"result": "error", "msg": HOSTILE}
    fill_and_submit(watched, signup_site)
    status = watched.locator("#toolkit-form .signup-status")
    status.filter(has_text="Sorry, that did not work").wait_for()
    assert status.text_content() == "Sorry, that did not work <img src=x onerror=alert(1)>"
    assert status.locator("img").count() == 0
    assert watched.evaluate("document.querySelectorAll('img[src=x], img[onerror]').length") == 0
    watched.wait_for_timeout(300)
    assert watched.dialogs == []
    assert not watched.get_by_role("link", name="Download the Wellness Toolkit").is_visible()


def test_an_unanswered_signup_times_out_with_an_error(watched, signup_site, stand_in):
    stand_in.delay = 3.0
    watched.goto(f"{signup_site}/toolkit/")
    watched.locator("#toolkit-form").evaluate("form => form.setAttribute('data-timeout-ms', '500')")
    watched.get_by_label("Email address").fill("slow@example.org")
    watched.get_by_role("button", name="Subscribe and get the toolkit").click()
    watched.locator("#toolkit-form .signup-status").filter(has_text="could not reach").wait_for(timeout=2500)
    assert not watched.get_by_role("link", name="Download the Wellness Toolkit").is_visible()
    assert watched.get_by_role("button", name="Subscribe and get the toolkit").is_enabled()


def test_the_result_is_announced_without_a_mouse(watched, signup_site, stand_in):
    watched.goto(f"{signup_site}/toolkit/")
    watched.get_by_label("Email address").focus()
    watched.keyboard.type("keys@example.org")
    watched.keyboard.press("Enter")
    status = watched.locator("#toolkit-form .signup-status[aria-live=polite]")
    status.filter(has_text="Thank you for subscribing").wait_for()


def test_without_javascript_the_form_posts_to_mailchimp_and_lands_on_the_thanks_page(
        browser, signup_site, stand_in):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{signup_site}/toolkit/")
        page.get_by_label("Email address").fill("nojs@example.org")
        page.get_by_role("button", name="Subscribe and get the toolkit").click()
        page.wait_for_url(f"{signup_site}/toolkit/thanks/")
        method, path, fields = stand_in.requests[-1]
        assert (method, path) == ("POST", "/subscribe/post")
        assert fields["EMAIL"] == "nojs@example.org" and fields["tags"] == FORM["MAILCHIMP_TOOLKIT_TAG_ID"]
        assert page.get_by_role("link", name="Download the Wellness Toolkit").is_visible()
    finally:
        context.close()
