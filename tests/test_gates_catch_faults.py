"""Each quality gate fails on the fault it exists to catch, and passes the same page without it."""

import pytest

from gates import vnu
from gates.browser import invisible_focus, require_axe, run_axe, skip_link_problem, visit
from gates.thirdparty import third_party_loads
from synergy.gates.links import check_links
from synergy.gates.serve import serve_folder

PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Fault</title>{head}</head>
<body><main id="main"><h1>Fault</h1>{body}</main></body>
</html>
"""


def write(folder, rel, head="", body=""):
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    return path


@pytest.fixture
def served(tmp_path):
    url, server = serve_folder(tmp_path)
    yield tmp_path, url
    server.shutdown()


# --- axe-core ---------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("field, faulty", [
    ('<label for="email">Email</label><input id="email" type="email">', False),
    ('<input id="email" type="email">', True),
])
def test_axe_finds_an_input_without_a_label(field, faulty, browser, served):
    require_axe()
    folder, url = served
    write(folder, "index.html", body=f"<form>{field}<button>Send</button></form>")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(url + "/")
    rules = {v["id"] for v in run_axe(page)}
    context.close()
    assert ("label" in rules) == faulty, rules


# --- privacy ----------------------------------------------------------------------

EXTERNAL_FONT = ('<link rel="stylesheet" '
                 'href="https://fonts.googleapis.com/css2?family=Inter&display=swap">')
EXTERNAL_SCRIPT = '<script src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>'


@pytest.mark.browser
def test_request_check_catches_an_external_font_and_script(browser, served):
    folder, url = served
    write(folder, "index.html", head=EXTERNAL_FONT + EXTERNAL_SCRIPT)
    foreign = visit(browser, url + "/").foreign
    assert any(u.startswith("https://fonts.googleapis.com/") for u in foreign), foreign
    assert any(u.startswith("https://www.googletagmanager.com/") for u in foreign), foreign


@pytest.mark.browser
def test_request_check_passes_a_page_that_loads_only_its_own_files(browser, served):
    folder, url = served
    (folder / "site.css").write_text("body { color: #111; }")
    write(folder, "index.html", head='<link rel="stylesheet" href="/site.css">',
          body='<p><a href="https://988lifeline.org/chat/">Chat</a></p>')
    record = visit(browser, url + "/")
    assert any(u.endswith("/site.css") for u in record.requests)
    assert record.foreign == []


@pytest.mark.browser
def test_request_check_catches_a_font_a_stylesheet_pulls_in(browser, served):
    folder, url = served
    (folder / "site.css").write_text(
        "@font-face { font-family: X; src: url(https://fonts.gstatic.com/x.woff2); }\n"
        "body { font-family: X; }")
    write(folder, "index.html", head='<link rel="stylesheet" href="/site.css">',
          body="<p>Text in the web font.</p>")
    assert any("fonts.gstatic.com" in u for u in visit(browser, url + "/").foreign)


def test_static_check_catches_an_external_font_script_and_css_url(tmp_path):
    write(tmp_path, "index.html", head=EXTERNAL_FONT + EXTERNAL_SCRIPT,
          body='<p><a href="https://988lifeline.org/chat/">Chat</a></p>')
    (tmp_path / "site.css").write_text(
        "@import url(https://use.typekit.net/abc.css);\n.x { background: url(/local.png); }")
    problems = third_party_loads(tmp_path)
    assert len(problems) == 3, problems
    assert any("fonts.googleapis.com" in p and "<link rel=stylesheet>" in p for p in problems)
    assert any("googletagmanager.com" in p and "<script src>" in p for p in problems)
    assert any(p.startswith("site.css:") and "typekit" in p for p in problems)


def test_static_check_accepts_the_sites_own_absolute_urls_only(tmp_path):
    own = "https://www.synergyintegrativehealth.com"
    write(tmp_path, "index.html", head=f'<link rel="stylesheet" href="{own}/theme/site.css">'
          '<link rel="preconnect" href="https://fonts.gstatic.com">')
    problems = third_party_loads(tmp_path, site_origins={own})
    assert problems == [
        "index.html: <link rel=preconnect> loads https://fonts.gstatic.com from another host"]


# --- Nu HTML Checker ----------------------------------------------------------------

@pytest.fixture
def checker():
    why_not = vnu.available()
    if why_not:
        pytest.fail(why_not, pytrace=False)


def test_html_checker_finds_an_invalid_element(checker, tmp_path):
    good = write(tmp_path, "good.html", body="<p>Fine.</p>")
    bad = write(tmp_path, "bad.html",
                body="<p>Not <blink>fine</blink>.</p><div><li>stray</li></div>")
    result = vnu.validate([good, bad], root=tmp_path)
    assert result.errors, "the checker reported no error"
    assert all(e.startswith("bad.html:") for e in result.errors), result.errors
    assert any("blink" in e for e in result.errors), result.errors
    assert any("li" in e for e in result.errors), result.errors


# --- links ---------------------------------------------------------------------------

def test_link_checker_finds_a_broken_link_and_a_broken_fragment(tmp_path):
    write(tmp_path, "index.html", body=(
        '<a href="/about/">ok</a> <a href="about/#team">ok fragment</a> <a href="#main">top</a>'
        ' <a href="/nowhere/">broken</a> <a href="/about/#missing">broken fragment</a>'
        ' <a href="mailto:a@b.c">mail</a> <a href="*|UNSUB|*">unsubscribe</a>'
        ' <a href="https://example.org/x">external</a>'))
    write(tmp_path, "about/index.html", body='<h2 id="team">Team</h2>')
    report = check_links(tmp_path)
    assert report.problems == [
        "index.html: link '/nowhere/' points at no file in the built site",
        "index.html: link '/about/#missing': no id 'missing' on about/index.html",
    ]
    assert report.external == {"https://example.org/x": ["index.html"]}


def test_link_checker_finds_a_missing_image_and_stylesheet_file(tmp_path):
    write(tmp_path, "index.html", head='<link rel="stylesheet" href="/theme/site.css">',
          body='<img src="../img/logo.svg" alt="Logo">')
    problems = check_links(tmp_path).problems
    assert len(problems) == 2 and all("points at no file" in p for p in problems), problems


# --- keyboard ------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("css, problem", [
    ("a:focus { outline: none; }", "shows no focus indicator"),
    ("a:focus-visible { outline: 3px solid transparent; }", "shows no focus indicator"),
    ("body { background: #1f2a30; } a:focus-visible { outline: 3px solid #2f3a40; }",
     "has a focus ring of 1.2"),
    ("a.away { position: absolute; left: -9999px; }", "is off screen when focused"),
])
def test_focus_check_finds_focus_that_cannot_be_seen(css, problem, browser, served):
    folder, url = served
    (folder / "site.css").write_text(css)
    write(folder, "index.html", head='<link rel="stylesheet" href="/site.css">',
          body='<p><a href="#a">One</a> <a class="away" href="#b">Two</a></p>')
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    stops, problems = invisible_focus(page)
    context.close()
    assert len(stops) == 2
    assert problems and all(problem in p for p in problems), problems


@pytest.mark.browser
def test_focus_check_passes_the_browsers_default_focus_ring(browser, served):
    folder, url = served
    write(folder, "index.html", body='<p><a href="#a">One</a> <button>Two</button></p>')
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    stops, problems = invisible_focus(page)
    context.close()
    assert len(stops) == 2 and problems == []


SKIP_LINK = '<a class="skip" href="#main">Skip to main content</a>'


@pytest.mark.browser
@pytest.mark.parametrize("before_main, main, problem", [
    ('<nav><a href="/">Home</a></nav>', '<main id="main" tabindex="-1">',
     "not a skip link to #main"),
    (SKIP_LINK, '<main id="content">', "not <main id=main>"),
    ("", "", ""),
], ids=["no skip link", "skip link to nowhere", "working skip link"])
def test_skip_link_check_finds_a_missing_or_broken_skip_link(before_main, main, problem,
                                                             browser, served):
    folder, url = served
    html = PAGE.format(head="", body="<p>x</p>").replace(
        '<body><main id="main">',
        "<body>" + (before_main or SKIP_LINK) + (main or '<main id="main" tabindex="-1">'))
    (folder / "index.html").write_text(html)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/")
    found = skip_link_problem(page)
    context.close()
    assert (problem in found) if problem else found == "", found


@pytest.mark.browser
def test_request_check_reports_content_the_pages_own_policy_blocks(browser, served):
    folder, url = served
    write(folder, "index.html",
          head='<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">',
          body="<script>document.title = 'inline';</script>")
    record = visit(browser, url + "/")
    assert record.csp_violations and "script-src" in record.csp_violations[0]


# --- the page list ---------------------------------------------------------------------

def test_a_template_whose_page_is_missing_is_named_with_where_it_was_expected(tmp_path):
    from synergy.gates.pages import MissingPage, find_page

    write(tmp_path, "index.html")
    write(tmp_path, "blog/tag/sleep/index.html")
    assert find_page(tmp_path, "home") == "index.html"
    assert find_page(tmp_path, "tag") == "blog/tag/sleep/index.html"
    with pytest.raises(MissingPage, match=r"'toolkit' template .* expected toolkit/index.html"):
        find_page(tmp_path, "toolkit")
    with pytest.raises(MissingPage, match=r"'article' template .* expected blog/<first>/"):
        find_page(tmp_path, "article")  # blog/tag/ is a list, not an article
