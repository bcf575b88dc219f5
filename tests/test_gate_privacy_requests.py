"""No page tells a third party who is reading it: every request goes to the site itself."""

import pytest

from gates.browser import require_page, visit
from gates.thirdparty import third_party_loads
from synergy.gates.pages import TEMPLATES


@pytest.fixture(scope="module")
def visits(browser, site, site_url):
    """Each template's page loaded once, in a fresh context with the page's own policy."""
    done = {}

    def load(template):
        if template not in done:
            done[template] = visit(browser, site_url + require_page(site.output, template))
        return done[template]

    return load


def test_no_built_page_or_stylesheet_loads_anything_from_another_host(site):
    problems = third_party_loads(site.output)
    assert not problems, "\n".join(problems[:50])


@pytest.mark.browser
@pytest.mark.parametrize("template", TEMPLATES)
def test_page_requests_go_only_to_the_site(template, visits):
    record = visits(template)
    assert record.requests, f"{record.url} made no request at all"
    assert not record.foreign, (
        f"{record.url} asked other hosts for:\n" + "\n".join(sorted(set(record.foreign)))
    )


@pytest.mark.browser
@pytest.mark.parametrize("template", TEMPLATES)
def test_page_breaks_no_content_security_policy_rule(template, visits):
    record = visits(template)
    assert not record.csp_violations, (
        f"{record.url} has content its own policy blocks:\n" + "\n".join(record.csp_violations)
    )


def test_publish_build_loads_nothing_from_another_host(publish_site):
    """The live build's absolute URLs all point at the site itself."""
    from conftest import PUBLISH_SITEURL

    assert f'href="{PUBLISH_SITEURL}/theme/css/site.css"' in publish_site.text("index.html")
    problems = third_party_loads(publish_site.output, site_origins={PUBLISH_SITEURL})
    assert not problems, "\n".join(problems[:50])
