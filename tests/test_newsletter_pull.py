"""`invoke newsletter --pull` brings issues sent from Mailchimp into the archive, cleaned."""

import shutil

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from sitebuild import ROOT, build_site
from synergy.mailchimp import connect
from synergy_newsletter import outbox
from synergy_newsletter.pull import pull_campaigns
from synergy_newsletter.sanitize import clean_campaign_html

DIRTY = """<!DOCTYPE html><html><head><title>Spring</title><style>p{color:red}</style>
<script>alert('head')</script></head><body>
<h1>Spring notes</h1>
<p onclick="steal()">Hello <a href="javascript:alert(1)">click</a> and
<a href="https://www.synergyintegrativehealth.com/blog/">our blog</a>.</p>
<img src="https://example.org/photo.jpg" alt="A calm lake" width="560" onerror="alert(2)">
<img src="https://example.org/t.gif" width="1" height="1" alt="">
<img src="https://synergy.us21.list-manage.com/track/open.php?u=1&id=2&e=3" alt="">
<script>document.cookie</script>
<form action="https://evil.example/"><input name="q"></form>
<iframe src="https://evil.example/frame"></iframe>
<p><a href="*|UNSUB|*">Unsubscribe</a> *|LIST:ADDRESS|*</p>
</body></html>"""


def test_campaign_html_comes_out_without_scripts_handlers_javascript_or_pixels():
    clean = clean_campaign_html(DIRTY)
    soup = BeautifulSoup(clean, "html.parser")
    assert soup.find("script") is None and "alert" not in clean and "document.cookie" not in clean
    assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert "javascript:" not in clean
    assert soup.find("form") is None and soup.find("iframe") is None and soup.find("input") is None
    assert [img["src"] for img in soup.find_all("img")] == ["https://example.org/photo.jpg"]
    assert "*|" not in clean and "Unsubscribe" not in clean
    assert soup.find("style") is None and "color:red" not in clean
    assert soup.find("a", href="https://www.synergyintegrativehealth.com/blog/").text == "our blog"


@pytest.fixture
def project(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def sent_campaign(mc, fake, subject, html, title=None):
    body = {"type": "regular", "recipients": {"list_id": fake.audience_id},
            "settings": {"subject_line": subject, "title": title or subject,
                         "from_name": "Synergy", "reply_to": "hello@example.org",
                         "preview_text": "A short preview"}}
    campaign = mc.post("/campaigns", body, creates=True)
    mc.put(f"/campaigns/{campaign['id']}/content", {"html": html})
    mc.post(f"/campaigns/{campaign['id']}/actions/send")
    return campaign["id"]


def test_pull_writes_each_sent_campaign_without_an_issue_as_a_published_file(
        project, fake_mailchimp, tmp_path):
    fake_mailchimp.store.add_member(fake_mailchimp.audience_id, "reader@example.org")
    settings = read_settings(str(ROOT / "publishconf.py"), override={
        "PATH": str(project), "MAILCHIMP_AUDIENCE_ID": fake_mailchimp.audience_id})
    with connect(timeout=(2, 2), retries=1) as mc:
        old = sent_campaign(mc, fake_mailchimp, "Spring notes", DIRTY)
        # One of ours: its marker names an issue the content already has.
        sent_campaign(mc, fake_mailchimp, "November", "<p>ours</p>",
                      title="November [newsletter:2026-11-november]")
        before = len(fake_mailchimp.write_calls())
        lines = list(pull_campaigns(settings, mc, outbox.ledger_for(settings)))
        assert len(fake_mailchimp.write_calls()) == before  # pulling only reads
        again = list(pull_campaigns(settings, mc, outbox.ledger_for(settings)))
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
    build = build_site(tmp_path / "site", content=project)
    assert build.ok, build.stderr
    page = build.soup(f"newsletter/{pulled[0].stem}/index.html")
    assert page.find("a", string="see it as it was sent")["href"].startswith("https://")
    assert not build.exists(f"email-preview/{pulled[0].stem}/email.html")
    records, problems = outbox.outgoing(settings, str(build.output))
    plan = {r.slug: r for r in records}[pulled[0].stem]
    assert plan.mailchimp_id == old
