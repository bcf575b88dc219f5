"""Every template photographed at a phone and a laptop width, for people to look at.

The pictures land in artifacts/screenshots/ (git-ignored): <template>-<width>.png is
the whole page, <template>-<width>-screen.png what the first screen shows.
"""

import struct

import pytest

from conftest import ARTIFACTS
from gates.browser import VIEWPORTS, require_page
from synergy.gates.pages import TEMPLATES

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def shot_page(browser):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


def png_size(path):
    """(width, height) from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def _screenshot(page, site, site_url, template, width, name, full_page=False):
    """The page of this template at this width, photographed into artifacts/screenshots/name."""
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(site_url + require_page(site.output, template))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
@pytest.mark.parametrize("template", TEMPLATES)
def test_full_page_screenshot_is_kept(template, width, site, site_url, shot_page):
    path = _screenshot(shot_page, site, site_url, template, width, f"{template}-{width}.png", full_page=True)
    shot_width, shot_height = png_size(path)
    assert shot_width == width
    assert shot_height >= VIEWPORTS[width]["height"] // 2, f"{path} is almost empty"


@pytest.mark.parametrize("width", sorted(VIEWPORTS), ids=lambda w: f"{w}px")
@pytest.mark.parametrize("template", TEMPLATES)
def test_first_screen_screenshot_is_kept(template, width, site, site_url, shot_page):
    path = _screenshot(shot_page, site, site_url, template, width, f"{template}-{width}-screen.png")
    assert png_size(path) == (width, VIEWPORTS[width]["height"])


# WCAG 1.4.10 Reflow: content fits 320 CSS pixels (a 1280 px screen at 400 % zoom).
REFLOW_WIDTHS = [320, *sorted(VIEWPORTS)]


@pytest.mark.parametrize("width", REFLOW_WIDTHS, ids=lambda w: f"{w}px")
@pytest.mark.parametrize("template", TEMPLATES)
def test_page_fits_the_width_without_sideways_scrolling(template, width, site, site_url,
                                                       shot_page):
    shot_page.set_viewport_size({"width": width, "height": 800})
    shot_page.goto(site_url + require_page(site.output, template))
    wide = shot_page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter(el => !el.closest('.skip-link'))
        .slice(0, 5).map(el => el.outerHTML.slice(0, 100))""")
    scroll_width = shot_page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"at {width}px the page is {scroll_width}px wide; too wide:\n" + "\n".join(wide)
    )
