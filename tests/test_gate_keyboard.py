"""Everything works without a mouse: skip link, FAQ answers, visible focus, the signup form."""

import pytest

from gates.browser import (
    VIEWPORTS,
    invisible_focus,
    require_page,
    skip_link_problem,
    start_at_top,
)
from synergy.gates.pages import TEMPLATES

pytestmark = pytest.mark.browser

# Enough stops to go through the banner, header and well into the page's own content.
TAB_STOPS_CHECKED = 40


@pytest.fixture(scope="module")
def kb_page(browser):
    """One page with the site's Content Security Policy in force (no bypass)."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("template", TEMPLATES)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(template, site, site_url,
                                                                 kb_page):
    kb_page.set_viewport_size(VIEWPORTS[1280])
    kb_page.goto(site_url + require_page(site.output, template))
    problem = skip_link_problem(kb_page)
    assert not problem, problem


@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
@pytest.mark.parametrize("template", TEMPLATES)
def test_focus_is_always_visible(template, width, site, site_url, kb_page):
    kb_page.set_viewport_size(VIEWPORTS[width])
    kb_page.goto(site_url + require_page(site.output, template))
    stops, problems = invisible_focus(kb_page, TAB_STOPS_CHECKED)
    assert len(stops) >= 3, f"only {len(stops)} Tab stops: the header links are not reachable"
    assert not problems, "\n".join(problems)


@pytest.fixture
def faq_summary(site, site_url, kb_page):
    """The KAP page loaded, its first FAQ question focused with every answer closed."""
    kb_page.set_viewport_size(VIEWPORTS[375])
    kb_page.goto(site_url + require_page(site.output, "kap-faq"))
    summary = kb_page.locator("main details > summary").first
    if summary.count() == 0:
        pytest.fail("the KAP page has no FAQ disclosures (<details><summary>) in <main>",
                    pytrace=False)
    kb_page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = false)")
    summary.focus()
    return summary


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_faq_answer_opens_and_closes_with_the_keyboard(key, faq_summary, kb_page):
    details = faq_summary.locator("xpath=..")
    assert kb_page.evaluate("document.activeElement.tagName") == "SUMMARY"
    kb_page.keyboard.press(key)
    assert details.evaluate("d => d.open"), f"{key} on the question did not open its answer"
    kb_page.keyboard.press(key)
    assert not details.evaluate("d => d.open"), f"{key} again did not close the answer"


def test_faq_questions_are_reachable_with_tab(faq_summary, kb_page):
    start_at_top(kb_page)
    kb_page.keyboard.press("Tab")
    for _ in range(200):
        if kb_page.evaluate("document.activeElement.tagName") == "SUMMARY":
            return
        kb_page.keyboard.press("Tab")
    pytest.fail("no FAQ question within 200 Tab presses")


# --- the toolkit signup form, with a local stand-in for Mailchimp ------------------------

@pytest.fixture(scope="module")
def signup_site(tmp_path_factory, browser):
    from gates.signup import signup_site

    with signup_site(tmp_path_factory.mktemp("keyboard-signup")) as served:
        yield served


def tab_to(page, predicate_js, limit=80):
    """Press Tab until the focused element matches; fails naming what it tried."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return
    pytest.fail(f"no Tab stop matching {predicate_js} within {limit} presses")


def test_signup_form_is_filled_sent_and_answered_with_the_keyboard_alone(signup_site, kb_page):
    url, stand_in = signup_site
    stand_in.requests.clear()
    kb_page.set_viewport_size(VIEWPORTS[375])
    kb_page.goto(url + "/toolkit/")
    start_at_top(kb_page)
    tab_to(kb_page, "el.type === 'email'")
    kb_page.keyboard.type("keyboard@example.org")
    tab_to(kb_page, "el.autocomplete === 'given-name'", limit=1)
    kb_page.keyboard.type("Kim")
    tab_to(kb_page, "el.type === 'submit'", limit=5)
    kb_page.keyboard.press("Space")

    live = kb_page.locator("main form [aria-live]")
    assert live.count() == 1, "the form has no aria-live region for its result"
    assert live.get_attribute("aria-live") in ("polite", "assertive")
    live.filter(has_text="Thank you").wait_for(timeout=5000)
    sent = [query for method, _, query in stand_in.requests if method == "GET"]
    assert sent and sent[-1].get("EMAIL") == "keyboard@example.org"
    assert sent[-1].get("FNAME") == "Kim"
    # The toolkit the answer offers is the next thing the keyboard reaches.
    tab_to(kb_page, "el.hasAttribute('download')", limit=3)
