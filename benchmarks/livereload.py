"""Live preview latency: from saving an article to the changed page being shown.

Starts the real `invoke livereload` on a copy of the bundled content, then edits
one article several times. For each edit it measures:
  served  -- until the served page (plain HTTP) carries the edit;
  browser -- until a page open in Chromium (reloaded by livereload's script)
             shows the edit; skipped when Chromium is not installed.
Edits are spaced 4 s apart because livereload ignores reload requests that
come within 3 s of the previous one.

    .venv/bin/python benchmarks/livereload.py [--edits 5] [--port 8791] [--articles 300]

--articles adds that many generated articles (benchmarks/corpus.py) to the copy.
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "blog/sleep-hygiene-basics.md"
PAGE = "blog/sleep-hygiene-basics/"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, timeout):
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.01)
    return None


def edit(article, marker):
    """Save the article with one more paragraph, as an editor would."""
    text = article.read_text(encoding="utf-8")
    article.write_text(text + f"\nA sentence added while previewing: {marker}.\n", encoding="utf-8")
    return time.perf_counter()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--articles", type=int, default=0)
    args = parser.parse_args()
    summary = measure(edits=args.edits, port=args.port, articles=args.articles)
    out = ROOT / "benchmarks" / "results" / "livereload.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n")


def measure(edits=5, port=8791, articles=0, browser_too=True):
    """{'served': {...}, 'browser': {...}}: edit saved -> page updated, median and worst seconds."""
    args = argparse.Namespace(edits=edits, port=port)
    work = Path(tempfile.mkdtemp(prefix="livereload-bench-"))
    shutil.copytree(ROOT / "content", work / "content")
    if articles:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from corpus import write_corpus

        write_corpus(work / "content" / "blog", articles)
    article = work / "content" / ARTICLE
    url = f"http://localhost:{args.port}/{PAGE}"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "invoke"), "livereload", "--port", str(args.port),
         "--content", str(work / "content"), "--output", str(work / "output"),
         "--cache", str(work / "cache")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    results = {"served": [], "browser": []}
    try:
        if wait_for(lambda: "</html>" in fetch(url), 600) is None:
            sys.exit("livereload did not start within 600 s")
        time.sleep(4)
        browser = page = None
        if browser_too and Path(CHROMIUM).exists():
            from playwright.sync_api import sync_playwright

            pw = sync_playwright().start()
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_timeout(1500)  # livereload.js connects its websocket
        for number in range(args.edits):
            marker = f"edit-{number}-{time.time_ns()}"
            saved = edit(article, marker)
            if wait_for(lambda marker=marker: marker in fetch(url), 30) is None:
                sys.exit(f"edit {number}: the served page never changed")
            results["served"].append(time.perf_counter() - saved)
            if page is not None:
                page.wait_for_function(
                    "marker => document.body && document.body.innerText.includes(marker)",
                    arg=marker, timeout=30000)
                results["browser"].append(time.perf_counter() - saved)
            time.sleep(4)
        if browser is not None:
            browser.close()
            pw.stop()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'measure':<10}{'edits':>6}{'median s':>10}{'max s':>8}")
    summary = {}
    for name, times in results.items():
        if times:
            summary[name] = {"edits": len(times), "median_s": round(statistics.median(times), 3),
                             "max_s": round(max(times), 3)}
            print(f"{name:<10}{len(times):>6}{statistics.median(times):>10.2f}{max(times):>8.2f}")
    return summary


if __name__ == "__main__":
    main()
