"""Every internal link in the built site resolves; external links are listed, never fetched."""

import pytest

from conftest import ARTIFACTS
from synergy.gates.links import check_links

FEED_DOMAIN = "http://localhost:8000"  # pelicanconf.FEED_DOMAIN: feed links are absolute


@pytest.fixture(scope="module")
def report(site):
    return check_links(site.output, site_origins=[FEED_DOMAIN])


def test_every_internal_link_and_fragment_resolves(report):
    assert report.ok, f"{len(report.problems)} broken links:\n" + "\n".join(report.problems[:80])


def test_external_links_are_listed_in_a_report(report):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "external-links.txt"
    path.write_text(report.external_text(), encoding="utf-8")
    # The footer's crisis chat link is on every page, so the list is never empty.
    assert "https://988lifeline.org/chat/" in report.external
    assert path.read_text(encoding="utf-8").count("\n") == len(report.external)


def test_publish_build_links_resolve_with_absolute_urls(publish_site):
    from conftest import PUBLISH_SITEURL

    report = check_links(publish_site.output, site_origins=[PUBLISH_SITEURL])
    assert report.ok, f"{len(report.problems)} broken links:\n" + "\n".join(report.problems[:80])
    assert not any(url.startswith(PUBLISH_SITEURL) for url in report.external)
