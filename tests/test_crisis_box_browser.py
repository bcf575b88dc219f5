"""In Chromium on a 375 px phone, the crisis box is on the first screen of every page that has one."""

import pytest

from content_files import built, clinical_files

pytestmark = pytest.mark.browser

# The smallest phone screen still common at this width (iPhone SE: 375 x 667).
PHONE = {"width": 375, "height": 667}


def pages_with_the_box(site):
    """Every page the build gave a crisis box, and every clinical page, which must have one."""
    found = {p.relative_to(site.output).as_posix() for p in site.html_files()
             if site.soup(p.relative_to(site.output)).select_one(".crisis-box") is not None}
    return sorted(found | {built(path) for path in clinical_files(site.content)})


def test_the_box_is_on_many_pages(site):
    assert len(pages_with_the_box(site)) >= 8


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def test_the_crisis_box_is_whole_on_the_first_screen_of_a_phone(site, site_url, phone):
    late = []
    for rel in pages_with_the_box(site):
        phone.goto(site_url + "/" + rel.removesuffix("index.html"))
        box = phone.locator("main .crisis-box")
        if box.count() != 1 or not box.is_visible():
            late.append(f"{rel}: no visible crisis box")
            continue
        place = box.bounding_box()
        if place["y"] < 0 or place["y"] + place["height"] > PHONE["height"]:
            late.append(f"{rel}: the box spans {place['y']:.0f}-{place['y'] + place['height']:.0f} px")
    assert late == []
