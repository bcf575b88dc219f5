"""`invoke livereload`: the site served, rebuilt on save, reloaded within the site's CSP.

How fast is measured in benchmarks/livereload.py, not here.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT

ARTICLE = "blog/sleep-hygiene-basics.md"
PAGE = "blog/sleep-hygiene-basics/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def eventually(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    work = tmp_path_factory.mktemp("livereload")
    shutil.copytree(ROOT / "content", work / "content")
    port = free_port()
    log = open(work / "log.txt", "w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port),
         "--content", str(work / "content"), "--output", str(work / "output"),
         "--cache", str(work / "cache")],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://localhost:{port}/"
    try:
        assert eventually(lambda: "</html>" in fetch(base + PAGE), timeout=180), (
            (work / "log.txt").read_text())
        yield work, base, lambda: (work / "log.txt").read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        log.close()


def test_the_reload_script_comes_from_our_own_origin(preview):
    _, base, _ = preview
    soup = BeautifulSoup(fetch(base + PAGE), "html.parser")
    sources = [script.get("src") for script in soup.find_all("script")]
    assert f"/livereload.js?port={base.rsplit(':', 1)[1].strip('/')}" in sources
    # The site's CSP allows scripts from 'self' only: nothing inline may do the reloading.
    assert not [s for s in soup.find_all("script") if not s.get("src") and "livereload" in s.text]
    assert "LiveReload" in fetch(base + "livereload.js")


def test_a_saved_edit_appears_on_the_served_page(preview):
    work, base, _ = preview
    article = work / "content" / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nA line added in preview.\n",
                       encoding="utf-8")
    assert eventually(lambda: "A line added in preview." in fetch(base + PAGE))


def test_a_content_mistake_is_one_line_and_the_preview_keeps_serving(preview):
    work, base, log = preview
    (work / "content" / "blog" / "broken-link.md").write_text(
        "Title: Broken link\nDate: 2026-01-05\nCategory: Wellness\nSummary: s\n\n"
        "See [this]({filename}/blog/nowhere.md).\n", encoding="utf-8")
    expected = ("content/blog/broken-link.md: link to '/blog/nowhere.md' points at no file -- check "
                "the file name and folder after {filename} (or {static} for images)")
    assert eventually(lambda: expected in log().splitlines()), log()
    assert "Traceback" not in log()
    assert re.search(r"problem(s)? to fix \(see EDITING.md\); the preview shows the rest", log())
    assert "</html>" in fetch(base + PAGE), "the rest of the site is still served"
    assert fetch(base + "blog/broken-link/") == "", "the file with the mistake is left out"


def test_a_fixed_mistake_appears_on_the_next_save(preview):
    work, base, _ = preview
    broken = work / "content" / "blog" / "fixed-later.md"
    broken.write_text("Title: Fixed later\nDate: 2026-13-05\nCategory: Wellness\nSummary: s\n\nText.\n",
                      encoding="utf-8")
    assert eventually(lambda: "'2026-13-05' is not a date" in (work / "log.txt").read_text())
    broken.write_text(broken.read_text(encoding="utf-8").replace("2026-13-05", "2026-01-05"), encoding="utf-8")
    assert eventually(lambda: "</html>" in fetch(base + "blog/fixed-later/"))


def test_a_second_preview_on_the_same_port_says_so_in_one_line(preview, tmp_path):
    _, base, _ = preview
    port = base.rsplit(":", 1)[1].strip("/")
    second = subprocess.run(
        [sys.executable, "-m", "invoke", "livereload", "--port", port, "--output", str(tmp_path / "out"),
         "--cache", str(tmp_path / "cache")], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"port {port} is in use, perhaps by a preview already running -- stop that one with Ctrl+C "
        f"in its window, or add --port {int(port) + 1}"]
    assert not (tmp_path / "out").exists()


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_a_save(preview, page):
    work, base, _ = preview
    page.goto(base + PAGE)
    # livereload.js opens its websocket to the same origin once loaded.
    page.wait_for_function("() => !!window.LiveReload")  # the CSP let its script run
    page.wait_for_timeout(3500)  # connected; livereload ignores a reload within 3 s of the last
    article = work / "content" / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nSeen without a click.\n",
                       encoding="utf-8")
    page.wait_for_function("() => document.body.innerText.includes('Seen without a click.')",
                           timeout=60000)
