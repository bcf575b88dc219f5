"""The /search/ page in a real browser: a reader types a word and finds the answer."""

from urllib.parse import urlparse

import pytest

LABEL = "Search articles, answers, newsletters and the toolkit"
RESULT_LINKS = ".pagefind-ui__result-link"
FAQ_ANCHOR = "/ketamine-assisted-psychotherapy/#is-ketamine-legal"
TOOLKIT_PDF = "/toolkit/wellness-toolkit.pdf"
SLEEP_ARTICLE = "/blog/sleep-hygiene-basics/"


def _results(page, expected_href):
    """The result links once the one we wait for is shown (Pagefind loads results in steps)."""
    page.wait_for_selector(f"{RESULT_LINKS}[href='{expected_href}']", timeout=15000)
    return [link.get_attribute("href") for link in page.query_selector_all(RESULT_LINKS)]


def _search(page, site_url, words):
    page.goto(f"{site_url}/search/")
    page.get_by_label(LABEL).fill(words)


def test_typing_legal_shows_the_faq_answer_on_legality_linking_to_its_anchor(page, site_url):
    _search(page, site_url, "legal")
    results = _results(page, FAQ_ANCHOR)
    title = page.locator(f".pagefind-ui__result-title {RESULT_LINKS}[href='{FAQ_ANCHOR}']")
    assert title.inner_text().strip() == "Is ketamine legal?"
    assert results.index(FAQ_ANCHOR) < 3, "the direct answer comes first, not buried"


def test_typing_sleep_shows_the_toolkit_pdf_and_the_sleep_article(page, site_url):
    _search(page, site_url, "sleep")
    results = _results(page, TOOLKIT_PDF)
    assert SLEEP_ARTICLE in results
    assert page.locator(f"{RESULT_LINKS}[href='{TOOLKIT_PDF}']").first.is_visible()


def test_following_the_faq_result_opens_that_answer(page, site_url):
    _search(page, site_url, "legal")
    _results(page, FAQ_ANCHOR)
    page.locator(f".pagefind-ui__result-title {RESULT_LINKS}[href='{FAQ_ANCHOR}']").click()
    page.wait_for_url(f"**{FAQ_ANCHOR}")
    answer = page.locator("#is-ketamine-legal")
    answer.wait_for(state="visible")
    assert "legal" in answer.inner_text().lower()


def test_a_search_can_be_linked_with_q(page, site_url):
    page.goto(f"{site_url}/search/?q=legal")
    _results(page, FAQ_ANCHOR)
    assert page.get_by_label(LABEL).input_value() == "legal"


def test_typing_puts_the_search_in_the_address_so_it_can_be_shared(page, site_url):
    _search(page, site_url, "sleep")
    _results(page, SLEEP_ARTICLE)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'sleep'")


def test_search_works_from_the_keyboard_alone(page, site_url):
    page.goto(f"{site_url}/search/")
    box = page.get_by_label(LABEL)
    assert box.evaluate("el => el === document.activeElement"), "the search box has the focus"
    page.keyboard.type("legal")
    _results(page, FAQ_ANCHOR)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == FAQ_ANCHOR:
            break
    else:
        pytest.fail("Tab never reached the FAQ answer's result")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{FAQ_ANCHOR}")


def test_the_search_box_has_a_visible_label(page, site_url):
    page.goto(f"{site_url}/search/")
    label = page.locator("label.search-label")
    assert label.is_visible()
    assert label.inner_text().strip() == LABEL
    assert page.get_by_label(LABEL).is_visible()


def test_without_javascript_the_page_says_so_and_links_to_the_topics(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/search/")
        notice = page.locator(".search-noscript")
        assert notice.is_visible()
        assert "JavaScript" in notice.inner_text()
        assert notice.get_by_role("link").get_attribute("href") == "/blog/tags/"
        assert not page.locator("label.search-label").is_visible()
    finally:
        context.close()


def test_search_runs_under_the_pages_security_policy_from_our_own_origin(page, site_url):
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    _search(page, site_url, "sleep")
    _results(page, SLEEP_ARTICLE)
    origin = urlparse(site_url).netloc
    assert [u for u in requests if urlparse(u).scheme.startswith("http") and urlparse(u).netloc != origin] == []
    assert problems == []


@pytest.mark.parametrize("path", ["/", "/blog/", SLEEP_ARTICLE, "/ketamine-assisted-psychotherapy/"])
def test_pages_that_do_not_search_load_none_of_it(page, site_url, path):
    requests = []
    page.on("request", lambda request: requests.append(urlparse(request.url).path))
    page.goto(f"{site_url}{path}", wait_until="networkidle")
    assert [p for p in requests if p.startswith("/pagefind/") or p.endswith(("/search.js", "/search.css"))] == []


@pytest.mark.parametrize("width", [375, 1280], ids=lambda w: f"{w}px")
def test_the_page_with_results_and_open_filters_meets_wcag(browser, site_url, width):
    from gates.browser import VIEWPORTS, format_violations, require_axe, run_axe

    require_axe()
    # axe-core is injected inline, so this context alone bypasses the page's policy.
    context = browser.new_context(bypass_csp=True, viewport=VIEWPORTS[width])
    try:
        page = context.new_page()
        page.goto(f"{site_url}/search/?q=sleep")
        _results(page, TOOLKIT_PDF)
        page.get_by_role("button", name="Filter results").click()
        for summary in page.locator(".pagefind-ui__filter-name").all():
            summary.click()
        violations = run_axe(page)
        assert not violations, format_violations(violations)
    finally:
        context.close()
