"""Every distinct template has no axe-core violation of WCAG 2.2 A/AA, on a phone and a laptop."""

import pytest

from gates.browser import VIEWPORTS, format_violations, require_axe, require_page, run_axe
from synergy.gates.pages import TEMPLATES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_page(browser):
    require_axe()
    # Only this context bypasses the page's Content Security Policy, so axe-core can be
    # injected; the privacy and keyboard tests load pages with the policy in force.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
@pytest.mark.parametrize("template", TEMPLATES)
def test_template_has_no_wcag_violations(template, width, site, site_url, axe_page):
    path = require_page(site.output, template)
    axe_page.set_viewport_size(VIEWPORTS[width])
    axe_page.goto(site_url + path)
    violations = run_axe(axe_page)
    assert not violations, (
        f"{path} at {width}px has {len(violations)} axe-core violations:\n"
        + format_violations(violations)
    )


# States the first paint does not show: axe checks only what is rendered.

@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
def test_faq_with_every_answer_open_has_no_wcag_violations(width, site, site_url, axe_page):
    axe_page.set_viewport_size(VIEWPORTS[width])
    axe_page.goto(site_url + require_page(site.output, "kap-faq"))
    opened = axe_page.evaluate("""() => { const all = document.querySelectorAll('main details');
                                          all.forEach(d => d.open = true); return all.length; }""")
    assert opened, "the KAP page has no FAQ disclosures"
    violations = run_axe(axe_page)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
def test_search_results_have_no_wcag_violations(width, site, site_url, axe_page):
    axe_page.set_viewport_size(VIEWPORTS[width])
    axe_page.goto(site_url + require_page(site.output, "search") + "?q=ketamine")
    axe_page.locator("main .pagefind-ui__result").first.wait_for(timeout=10000)
    violations = run_axe(axe_page)
    assert not violations, format_violations(violations)


@pytest.fixture(scope="module")
def signup_site(tmp_path_factory, browser):
    from gates.signup import signup_site

    with signup_site(tmp_path_factory.mktemp("axe-signup")) as served:
        yield served


@pytest.mark.parametrize("answer, shown", [
    ({"result": "success", "msg": "Almost finished..."}, "Thank you"),
    ({"result": "error", "msg": "0 - Please enter a valid email address."}, "valid email"),
], ids=["success", "error"])
def test_signup_result_has_no_wcag_violations(answer, shown, signup_site, axe_page):
    url, stand_in = signup_site
    stand_in.answer = answer
    axe_page.set_viewport_size(VIEWPORTS[375])
    axe_page.goto(url + "/toolkit/")
    axe_page.locator("main form input[type=email]").fill("reader@example.org")
    axe_page.locator("main form [type=submit]").click()
    axe_page.locator("main form [aria-live]").filter(has_text=shown).wait_for(timeout=5000)
    violations = run_axe(axe_page)
    assert not violations, format_violations(violations)
