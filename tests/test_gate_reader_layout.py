"""The reader's path on real screens: a compact header of one height, answers and results on
the first phone screen, a next step after every article, one left edge for every page type.

Widths: a small phone (320), a common phone (375 × 812, the size the fold is
measured at), a tablet (768) and a laptop (1280).
"""

import pytest

from gates.browser import require_page
from synergy.gates.pages import TEMPLATES

pytestmark = pytest.mark.browser

SCREENS = {320: (320, 568), 375: (375, 812), 768: (768, 1024), 1280: (1280, 800)}
PHONE = 375
HEADER_MAX = 160
# The compact crisis box clinical pages carry near their top, when a page has none yet.
CRISIS_BOX_ALLOWANCE = 110
BOOKING = "https://synergyintegrativehealth.janeapp.com/"

HEADER_BOTTOM_JS = "() => document.querySelector('.site-header').getBoundingClientRect().bottom + scrollY"


@pytest.fixture(scope="module")
def screen(browser):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()

    def open_at(url, width):
        w, h = SCREENS[width]
        page.set_viewport_size({"width": w, "height": h})
        page.goto(url)
        return page

    yield open_at
    context.close()


def url_of(site, site_url, template):
    return site_url + require_page(site.output, template)


# --- The header ---------------------------------------------------------------------

def test_the_header_is_at_most_160_pixels_tall_on_a_375_pixel_phone(site, site_url, screen):
    heights = {t: screen(url_of(site, site_url, t), PHONE).evaluate(HEADER_BOTTOM_JS) for t in TEMPLATES}
    tall = {t: h for t, h in heights.items() if h > HEADER_MAX}
    assert not tall, f"banner and header taller than {HEADER_MAX}px at {PHONE}px: {tall}"


@pytest.mark.parametrize("width", sorted(SCREENS), ids=lambda w: f"{w}px")
def test_the_header_has_the_same_height_on_every_page_type(site, site_url, screen, width):
    heights = {t: screen(url_of(site, site_url, t), width).evaluate(HEADER_BOTTOM_JS) for t in TEMPLATES}
    assert len(set(heights.values())) == 1, f"header heights differ at {width}px: {heights}"


@pytest.mark.parametrize("width", sorted(SCREENS), ids=lambda w: f"{w}px")
def test_book_online_is_always_on_the_first_screen(site, site_url, screen, width):
    for template in TEMPLATES:
        page = screen(url_of(site, site_url, template), width)
        button = page.locator(f"header.site-header a[href='{BOOKING}']")
        assert button.is_visible(), template
        box = button.bounding_box()
        assert box["y"] + box["height"] <= SCREENS[width][1], template


def test_on_a_phone_the_navigation_waits_behind_menu_and_opens_without_script(site, site_url, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    try:
        page = context.new_page()
        page.goto(url_of(site, site_url, "article"))
        blog = page.locator("nav.site-nav a", has_text="Blog")
        assert not blog.is_visible()
        page.get_by_role("button", name="Menu").click()
        assert blog.is_visible()
        for link in page.locator("nav.site-nav a").all():
            assert link.bounding_box()["height"] >= 44
        page.keyboard.press("Escape")
        assert not blog.is_visible()
        page.get_by_role("button", name="Menu").click()
        page.get_by_role("button", name="Close menu").click()
        assert not blog.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [768, 1280], ids=lambda w: f"{w}px")
def test_from_tablet_width_the_navigation_is_a_row_of_links(site, site_url, screen, width):
    page = screen(url_of(site, site_url, "page"), width)
    links = page.locator("nav.site-nav a")
    assert links.count() >= 6 and all(link.is_visible() for link in links.all())
    tops = {round(link.bounding_box()["y"]) for link in links.all()}
    assert len(tops) == 1, f"the links wrap onto {len(tops)} rows"
    assert not page.get_by_role("button", name="Menu").is_visible()


# --- Answers and results first ------------------------------------------------------------

CRISIS_BOX_JS = """list => [...document.querySelectorAll('main *')]
    .filter(el => el.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING)
    .some(el => /\\b988\\b/.test(el.textContent) && !el.contains(list))"""


def test_the_kap_pages_first_question_is_on_the_first_phone_screen(site, site_url, screen):
    page = screen(url_of(site, site_url, "kap-faq"), PHONE)
    first = page.locator("main .question-list a").first
    assert first.is_visible()
    box = first.bounding_box()
    has_crisis_box = page.locator("main .question-list").evaluate(CRISIS_BOX_JS)
    room = 0 if has_crisis_box else CRISIS_BOX_ALLOWANCE
    assert box["y"] + box["height"] + room <= SCREENS[PHONE][1], (
        f"the first question ends at {box['y'] + box['height']:.0f}px"
        + ("" if has_crisis_box else f", {CRISIS_BOX_ALLOWANCE}px kept for the crisis box"))


def test_following_a_question_link_opens_its_answer(site, site_url, screen):
    page = screen(url_of(site, site_url, "kap-faq"), PHONE)
    page.locator("main .question-list a", has_text="Is ketamine safe?").click()
    answer = page.locator("#is-ketamine-safe")
    answer.wait_for(state="visible")
    assert answer.evaluate("el => el.getBoundingClientRect().top") < SCREENS[PHONE][1]


@pytest.mark.parametrize("width", [375, 768, 1280], ids=lambda w: f"{w}px")
def test_the_first_result_for_sleep_is_on_the_first_screen(site, site_url, screen, width):
    page = screen(url_of(site, site_url, "search") + "?q=sleep", width)
    first = page.locator("main .pagefind-ui__result-link").first
    first.wait_for(timeout=15000)
    box = first.bounding_box()
    assert box["y"] + min(box["height"], 40) <= SCREENS[width][1], f"first result at {box['y']:.0f}px"


def test_the_filters_wait_behind_one_button(site, site_url, screen):
    page = screen(url_of(site, site_url, "search") + "?q=sleep", PHONE)
    page.locator("main .pagefind-ui__result-link").first.wait_for(timeout=15000)
    toggle = page.get_by_role("button", name="Filter results")
    panel = page.locator(".pagefind-ui__filter-panel")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not panel.is_visible()
    toggle.click()
    assert panel.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert toggle.get_attribute("aria-controls") == panel.get_attribute("id")
    toggle.click()
    assert not panel.is_visible()


# --- A next step after every article ----------------------------------------------------

def article_paths(site):
    return sorted("/" + p.parent.relative_to(site.output).as_posix() + "/"
                  for p in site.output.glob("blog/*/index.html")
                  if p.parent.name not in {"tag", "tags", "category", "categories", "archive", "page"})


@pytest.mark.parametrize("width", sorted(SCREENS), ids=lambda w: f"{w}px")
def test_every_article_shows_the_call_to_action_and_the_toolkit_card(site, site_url, screen, width):
    paths = article_paths(site)
    assert len(paths) >= 5
    for path in paths:
        page = screen(site_url + path, width)
        step = page.locator("main .next-step")
        assert step.locator(f"a[href='{BOOKING}']").is_visible(), path
        assert step.locator("a[href^='mailto:']").is_visible(), path
        card = step.locator(".toolkit-card")
        assert card.is_visible() and card.locator("a[href='/toolkit/']").is_visible(), path


# --- One grid ------------------------------------------------------------------------

LEFT_EDGE_JS = """() => ({
    text: document.querySelector('main h1').getBoundingClientRect().left,
    brand: document.querySelector('.site-header .brand').getBoundingClientRect().left,
})"""


@pytest.mark.parametrize("width", sorted(SCREENS), ids=lambda w: f"{w}px")
def test_the_text_starts_at_the_same_left_edge_on_every_page_type(site, site_url, screen, width):
    edges = {t: screen(url_of(site, site_url, t), width).evaluate(LEFT_EDGE_JS) for t in TEMPLATES}
    text_edges = {t: round(e["text"]) for t, e in edges.items()}
    assert len(set(text_edges.values())) == 1, f"at {width}px the text starts at {text_edges}"
    brand = {round(e["brand"]) for e in edges.values()}
    assert brand == set(text_edges.values()), "the header and the text do not line up"


def test_the_home_hero_fills_the_width_with_its_illustration(site, site_url, screen):
    page = screen(url_of(site, site_url, "home"), 1280)
    art = page.locator(".hero .art")
    assert art.is_visible()
    box = art.bounding_box()
    wrap = page.locator(".hero .wrap").bounding_box()
    assert box["x"] > 1280 / 2, "the illustration sits in the right half"
    assert wrap["x"] + wrap["width"] - (box["x"] + box["width"]) <= 32, "it reaches the grid's right edge"


@pytest.mark.parametrize("width, rail", [(375, False), (768, False), (1280, True)], ids=["375px", "768px", "1280px"])
def test_on_this_page_sits_beside_the_text_only_on_a_wide_screen(site, site_url, screen, width, rail):
    page = screen(url_of(site, site_url, "kap-faq"), width)
    assert page.locator(".toc-rail").is_visible() is rail
    assert page.locator(".toc-compact").is_visible() is not rail
    if rail:
        toc = page.locator(".toc-rail").bounding_box()
        text = page.locator("main .main").bounding_box()
        assert toc["x"] >= text["x"] + text["width"], "the list is beside the text, not over it"


@pytest.mark.parametrize("width", [375, 1280], ids=lambda w: f"{w}px")
def test_every_page_leaves_room_between_the_header_and_its_first_words(site, site_url, screen, width):
    for template in TEMPLATES:
        page = screen(url_of(site, site_url, template), width)
        gap = page.evaluate("""() => {
            const header = document.querySelector('.site-header').getBoundingClientRect().bottom;
            const first = [...document.querySelectorAll('main :is(h1, p, a)')]
                .find(el => el.getClientRects().length);
            return first.getBoundingClientRect().top - header;
        }""")
        assert gap >= 16, f"{template} at {width}px: its first words start {gap:.0f}px under the header"
