"""`invoke newsletter --pull` brings issues sent from Mailchimp into the archive, cleaned.

A past campaign is outside input: its subject and preview are text, its body
keeps an allow-list of markup, nothing personal (unsubscribe, profile, forward,
a subscriber's id, an address, a merge tag) and nothing remote (images are
downloaded, here from a local server). One bad campaign is skipped whole.
"""

import io
import shutil

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from PIL import Image

from local_images import local_session, png
from sitebuild import ROOT, build_site
from synergy.gates.serve import serve_folder
from synergy.mailchimp import connect
from synergy_newsletter import campaign_text, outbox, pull
from synergy_newsletter.pull import pull_campaigns
from synergy_newsletter.pull_images import bring_images
from synergy_newsletter.sanitize import clean_campaign_html

SUBSCRIBER = "e=0123456789"


@pytest.fixture
def pool():
    session = local_session()
    yield session
    session.close()


@pytest.fixture
def images(tmp_path):
    """A local server standing in for Mailchimp's image host; yields its base URL."""
    folder = tmp_path / "image-host"
    folder.mkdir()
    (folder / "photo.png").write_bytes(png(40, 30))
    (folder / "open.png").write_bytes(png(1, 1))
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (folder / "notes.txt").write_text("not an image")
    url, server = serve_folder(folder)
    yield url
    server.shutdown()


# --- the body -----------------------------------------------------------------------------

def clean(html):
    out = clean_campaign_html(html)
    return out, BeautifulSoup(out, "html.parser")


DIRTY = """<!DOCTYPE html><html><head><title>Spring</title><style>p{color:red}</style>
<script>alert('head')</script></head><body>
<h1>Spring notes</h1>
<p onclick="steal()">Hello <a href="javascript:alert(1)">click</a> and
<a href="https://www.synergyintegrativehealth.com/blog/">our blog</a>.</p>
<img src="https://example.org/photo.jpg" alt="A calm lake" width="560" onerror="alert(2)">
<script>document.cookie</script>
<form action="https://evil.example/"><input name="q"></form>
<iframe src="https://evil.example/frame"></iframe>
<svg onload="alert(3)"><script>alert(4)</script></svg>
<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="inline">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<div style="background:url(https://tracker.example/bg.png)">Styled</div>
</body></html>"""


def test_campaign_html_comes_out_without_anything_that_runs_or_loads():
    out, soup = clean(DIRTY)
    assert not soup.find_all(["script", "style", "form", "input", "iframe", "svg", "meta"])
    assert "alert" not in out and "document.cookie" not in out and "javascript:" not in out
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") or a == "style" for a in t.attrs)]
    assert [img["src"] for img in soup.find_all("img")] == ["https://example.org/photo.jpg"]
    assert "data:" not in out and "tracker.example" not in out and "color:red" not in out
    assert soup.find("a", href="https://www.synergyintegrativehealth.com/blog/").text == "our blog"
    assert "click" in soup.get_text() and "Styled" in soup.get_text()


@pytest.mark.parametrize("link", [
    f"https://synergy.us21.list-manage.com/unsubscribe?u=abc&id=def&{SUBSCRIBER}&c=1",
    f"https://synergy.us21.list-manage.com/profile?u=abc&id=def&{SUBSCRIBER}",
    f"https://us21.forward-to-friend.com/forward?u=abc&id=def&{SUBSCRIBER}",
    f"https://synergy.us21.list-manage.com/vcard?u=abc&id=def&{SUBSCRIBER}",
    f"https://us21.campaign-archive.com/?u=abc&id=def&{SUBSCRIBER}",
    "*|UNSUB|*", "*%7CUPDATE_PROFILE%7C*", "https://example.org/newsletter/unsubscribe/",
])
def test_personal_links_are_removed_with_their_words(link):
    out, soup = clean(f'<p>Keep this. <a href="{link}">Leave the list</a></p>')
    assert soup.find("a") is None and "Leave the list" not in out
    assert soup.get_text(strip=True) == "Keep this."


def test_mailchimp_click_tracking_is_unwrapped_to_its_words():
    out, soup = clean(f'<p><a href="https://synergy.us21.list-manage.com/track/click?u=a&id=b&{SUBSCRIBER}">'
                      "Read the blog</a></p>")
    assert soup.find("a") is None and soup.get_text() == "Read the blog"


def test_a_tracking_link_that_names_its_destination_goes_straight_there_without_subscriber_ids():
    out, soup = clean('<p><a href="https://click.example.net/ls/click?url=https%3A%2F%2Fwww.nimh.nih.gov'
                      '%2Fhealth%3Fmc_eid%3D0123%26topic%3Dsleep&e=99">NIMH</a> '
                      '<a href="https://www.example.org/page?utm_source=news&mc_cid=abc&mc_eid=0123">Page</a></p>')
    assert [a["href"] for a in soup.find_all("a")] == [
        "https://www.nimh.nih.gov/health?topic=sleep", "https://www.example.org/page?utm_source=news"]


def test_mailto_links_go_and_an_address_shown_with_one_goes_too():
    out, soup = clean('<p>Sent to <a href="mailto:jane@example.com">jane@example.com</a>. '
                      'Write to <a href="mailto:hello@example.org">the office</a>.</p>')
    assert "mailto:" not in out and "jane@example.com" not in out
    assert soup.get_text() == "Sent to . Write to the office."


def test_merge_tags_are_removed_and_conditional_blocks_keep_their_else_part():
    out, soup = clean("<p>*|IF:FNAME|*Hi *|FNAME|*,*|ELSE:|*Hello,*|END:IF|* welcome.</p>"
                      "<p>*|LIST:ADDRESSLINE|* *|MC:SUBJECT|*</p><p>Dear *&#124;LNAME&#124;*</p>")
    assert "*|" not in out and "&#124;" not in out and "|*" not in out
    assert [p.get_text(strip=True) for p in soup.find_all("p")] == ["Hello, welcome.", "Dear"]


@pytest.mark.parametrize("pixel", [
    '<img src="https://example.org/t.gif" width="1" height="1" alt="">',
    '<img src="https://example.org/t.gif" style="width:1px;height:1px" alt="">',
    '<img src="https://example.org/t.gif" width="0" alt="">',
    '<img src="https://example.org/t.gif" style="display: none" alt="">',
    '<div style="display:none"><img src="https://example.org/t.gif" alt=""></div>',
    '<img src="https://example.org/t.gif" hidden alt="">',
    '<img src="https://synergy.us21.list-manage.com/track/open.php?u=1&id=2&e=3" alt="">',
])
def test_tracking_pixels_are_dropped(pixel):
    out, soup = clean(f"<p>Text</p>{pixel}")
    assert soup.find("img") is None and "t.gif" not in out and "open.php" not in out


def test_text_hidden_by_its_style_stays_hidden_by_being_removed():
    out, soup = clean('<span class="mcnPreviewText" style="display:none; max-height:0">Preheader</span>'
                      "<p>Shown</p>")
    assert soup.get_text() == "Shown"


# --- subject, preview and slug ---------------------------------------------------------------

def test_subject_preview_and_title_are_plain_text_without_merge_tags():
    assert campaign_text.plain('Hi *|FNAME|*! Winter 2025/26 "update" <b>now</b>\n') == (
        'Hi! Winter 2025/26 "update" <b>now</b>')
    assert campaign_text.plain("*|FNAME|*, your December news") == "your December news"


@pytest.mark.parametrize("text, slug", [
    ('Winter 2025/26 "update"', "winter-2025-26-update"),
    ("Café & Tom's <b>news</b>", "cafe-tom-s-b-news-b"),
    ("../../etc/passwd", "etc-passwd"),
    ("日本語", "ri-ben-yu"),
    ("***", ""),
    ("a" * 70, "a" * 60),
    ("word " * 20, "-".join(["word"] * 12)),
])
def test_slugs_are_ascii_letters_digits_and_hyphens(text, slug):
    assert campaign_text.slug(text) == slug


def test_a_slug_that_is_taken_gets_a_suffix():
    assert campaign_text.unique("2026-01-news", {"2026-01-news", "2026-01-NEWS-2"}) == "2026-01-news-3"


# --- images -------------------------------------------------------------------------------------

def test_images_are_downloaded_and_pointed_at_locally_or_left_out_with_a_note(images, pool):
    html = (f'<p><img src="{images}/photo.png" alt="Lake"><img src="{images}/photo.png" alt="Again">'
            f'<img src="{images}/open.png" alt=""><img src="{images}/logo.svg" alt="Logo">'
            f'<img src="{images}/gone.png" alt="Gone"><img src="{images}/notes.txt" alt="Notes">'
            '<img src="photo.png" alt="Relative"></p>')
    out, files, notes = bring_images(html, "{static}/images/newsletter/x", pool)
    soup = BeautifulSoup(out, "html.parser")
    assert [(img["src"], img["alt"]) for img in soup.find_all("img")] == [
        ("{static}/images/newsletter/x/1.png", "Lake"), ("{static}/images/newsletter/x/1.png", "Again")]
    assert list(files) == ["1.png"] and Image.open(io.BytesIO(files["1.png"])).size == (40, 30)
    assert notes == [
        f"image {images}/logo.svg was left out (not a PNG, JPEG, GIF or WebP image)",
        f"image {images}/gone.png was left out (the server answered 404)",
        f"image {images}/notes.txt was left out (not a PNG, JPEG, GIF or WebP image)",
        "an image without a web address ('photo.png') was left out",
    ]


# --- pulling -------------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


@pytest.fixture
def settings(project, fake_mailchimp):
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "reader@example.org")
    return read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(project), "MAILCHIMP_AUDIENCE_ID": fake_mailchimp.audience_id})


@pytest.fixture
def mc(fake_mailchimp):
    with connect(timeout=(2, 2), retries=1) as connection:
        yield connection


def sent_campaign(mc, fake, subject, html, title=None, preview="A short preview"):
    body = {"type": "regular", "recipients": {"list_id": fake.audience_id},
            "settings": {"subject_line": subject, "title": title or subject,
                         "from_name": "Synergy", "reply_to": "hello@example.org",
                         "preview_text": preview}}
    campaign = mc.post("/campaigns", body, creates=True)
    mc.put(f"/campaigns/{campaign['id']}/content", {"html": html})
    mc.post(f"/campaigns/{campaign['id']}/actions/send")
    return campaign["id"]


def test_pull_writes_each_sent_campaign_without_an_issue_as_a_published_file(
        project, settings, mc, fake_mailchimp, tmp_path, pool):
    old = sent_campaign(mc, fake_mailchimp, "Spring notes", DIRTY.replace("https://example.org/photo.jpg", ""))
    # One of ours: its marker names an issue the content already has.
    sent_campaign(mc, fake_mailchimp, "November", "<p>ours</p>", title="November [newsletter:2026-11-november]")
    before = len(fake_mailchimp.write_calls())
    lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
    assert len(fake_mailchimp.write_calls()) == before  # pulling only reads
    again = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
    pulled = sorted((project / "newsletter").glob("*.html"))
    assert len(pulled) == 1 and len(lines) == 1, lines
    assert again == ["Nothing to pull: every sent campaign already has an issue in the content."]
    text = pulled[0].read_text()
    assert f'<meta name="mailchimp_id" content="{old}">' in text
    assert '<meta name="status" content="published">' in text
    assert 'name="archive_url" content="https://' in text
    assert "<script" not in text and "onerror" not in text and "javascript:" not in text
    assert outbox.ledger_for(settings).get(pulled[0].stem)["state"] == "sent"

    # It is on the web archive with its Mailchimp link, and is never sent again.
    build = build_site(tmp_path / "site", content=project, strict=False)
    assert build.ok, build.stderr
    page = build.soup(f"newsletter/{pulled[0].stem}/index.html")
    assert page.find("a", string="see it as it was sent")["href"].startswith("https://")
    assert not build.exists(f"email-preview/{pulled[0].stem}/email.html")
    records, problems = outbox.outgoing(settings, str(build.output))
    plan = {r.slug: r for r in records}[pulled[0].stem]
    assert plan.mailchimp_id == old


def test_an_issue_renamed_after_it_was_sent_is_not_pulled_back_as_a_second_page(
        project, settings, mc, fake_mailchimp, pool):
    # November went out under its first slug; since then its file and slug were renamed,
    # and its Issue_id line keeps the name its campaign's marker carries.
    source = project / "newsletter" / "2026-11-november.md"
    text = source.read_text(encoding="utf-8").replace("Slug: 2026-11-november", "Slug: november-notes")
    source.unlink()
    (project / "newsletter" / "november-notes.md").write_text(
        text.replace("Title:", "Issue_id: 2026-11-november\nTitle:", 1), encoding="utf-8")
    sent_campaign(mc, fake_mailchimp, "November", "<p>ours</p>", title="November [newsletter:2026-11-november]")
    lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
    assert lines == ["Nothing to pull: every sent campaign already has an issue in the content."]
    assert sorted(p.name for p in (project / "newsletter").glob("*.html")) == []


def test_a_campaign_the_ledger_records_is_not_pulled_even_without_its_marker(
        project, settings, mc, fake_mailchimp, pool):
    campaign = sent_campaign(mc, fake_mailchimp, "Renamed in Mailchimp", "<p>ours</p>")
    outbox.ledger_for(settings).record("2026-11-november", campaign_id=campaign, state="sent")
    lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
    assert lines == ["Nothing to pull: every sent campaign already has an issue in the content."]


def test_a_subject_with_a_slash_and_quotes_names_a_plain_file_and_a_clash_gets_a_suffix(
        project, settings, mc, fake_mailchimp, pool):
    sent_campaign(mc, fake_mailchimp, 'Winter 2025/26 "update"', "<p>One</p>")
    sent_campaign(mc, fake_mailchimp, "Winter 2025-26 update", "<p>Two</p>")
    lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
    month = fake_mailchimp.now().astimezone(pull.ZoneInfo(settings["TIMEZONE"])).strftime("%Y-%m")
    assert sorted(p.name for p in (project / "newsletter").glob(f"{month}-winter*")) == [
        f"{month}-winter-2025-26-update-2.html", f"{month}-winter-2025-26-update.html"]
    assert not any(line.failed for line in lines)
    text = (project / "newsletter" / f"{month}-winter-2025-26-update.html").read_text()
    assert "<title>Winter 2025/26 &#34;update&#34;</title>" in text


def test_one_bad_campaign_is_reported_and_skipped_and_the_others_still_import(
        project, settings, mc, fake_mailchimp, images, pool):
    good = sent_campaign(mc, fake_mailchimp, "Good one", f'<p>Fine</p><img src="{images}/photo.png" alt="Lake">')
    broken = sent_campaign(mc, fake_mailchimp, "Broken one", f'<p>Lost</p><img src="{images}/photo.png" alt="x">')
    empty = sent_campaign(mc, fake_mailchimp, "Only a script", "<script>alert(1)</script><img src='x' width=1>")
    fake_mailchimp.inject("GET", f"/campaigns/{broken}/content", 500, 99)
    lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings), pool))
    failures = [line for line in lines if line.failed]
    assert failures == [
        f"campaign {broken} (Broken one): not imported: GET /campaigns/{broken}/content: 500 Internal "
        "Server Error -- Injected 500. -- nothing of it was written; the other campaigns were imported; "
        "run `invoke newsletter --pull` again once this is fixed",
        f"campaign {empty} (Only a script): not imported: nothing is left of its body once scripts, "
        "tracking and personal links are taken out; copy what it said into a new issue by hand -- nothing "
        "of it was written; the other campaigns were imported; run `invoke newsletter --pull` again once "
        "this is fixed"]
    written = [p.name for p in (project / "newsletter").glob("*-one.html")]
    assert [name.endswith("-good-one.html") for name in written] == [True]
    folders = sorted(p.name for p in (project / pull.IMAGES).iterdir())
    assert len(folders) == 1 and folders[0].endswith("-good-one")
    ledger = outbox.ledger_for(settings).entries()
    assert {e["campaign_id"] for e in ledger.values() if e.get("campaign_id") in (good, broken, empty)} == {good}


def test_a_campaign_whose_file_cannot_be_written_leaves_no_images_behind(
        project, settings, mc, fake_mailchimp, images, pool, monkeypatch):
    sent_campaign(mc, fake_mailchimp, "Full disk", f'<p>Text</p><img src="{images}/photo.png" alt="Lake">')

    def no_space(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pull, "write_atomically", no_space)
    (line,) = pull_campaigns(settings, mc, outbox.ledger_for(settings), pool)
    assert line.failed and "not imported: [Errno 28] No space left on device" in line
    assert not list((project / pull.IMAGES).iterdir())
    assert not list((project / "newsletter").glob("*full-disk*"))
