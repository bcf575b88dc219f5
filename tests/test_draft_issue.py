"""A draft newsletter issue, made as an editor makes one, keeps every link of the built site whole.

A draft has no web page, so its email preview's "view in your browser" link
leads to the preview itself; `invoke links` passes with the draft present.
"""

import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT

PREVIEW_HOST = "http://localhost:8000"   # pelicanconf.FEED_DOMAIN: the email's absolute links


def invoke(*args):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    work = tmp_path_factory.mktemp("draft-issue")
    content, output = work / "content", work / "output"
    shutil.copytree(ROOT / "content", content)
    made = invoke("new", "issue", "December", "--content", str(content))
    assert made.returncode == 0, made.stderr
    built = invoke("build", "--content", str(content), "--output", str(output), "--cache", str(work / "cache"))
    return content, output, built


def test_the_site_builds_with_a_new_draft_issue(drafted):
    content, output, built = drafted
    assert (content / "newsletter" / "december.md").exists()
    assert built.returncode == 0, built.stdout + built.stderr
    assert (output / "email-preview" / "december" / "email.html").exists()
    assert not (output / "newsletter" / "december").exists()


def test_the_drafts_preview_links_to_itself_not_to_a_page_it_does_not_have(drafted):
    _, output, _ = drafted
    soup = BeautifulSoup((output / "email-preview" / "december" / "email.html").read_text(), "html.parser")
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert f"{PREVIEW_HOST}/email-preview/december/email.html" in hrefs
    assert not [href for href in hrefs if "/newsletter/december/" in href]


def test_invoke_links_passes_with_the_draft_present(drafted):
    _, output, _ = drafted
    result = invoke("links", "--output", str(output))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken internal links" in result.stdout


def test_a_published_issues_preview_still_links_to_its_web_page(drafted):
    _, output, _ = drafted
    html = (output / "email-preview" / "2026-11-november" / "email.html").read_text()
    assert f'href="{PREVIEW_HOST}/newsletter/2026-11-november/"' in html
