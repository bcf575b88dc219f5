"""`invoke audit`: Lighthouse (npm, pinned) in mobile emulation over a local copy of the live build.

The site is built with publishconf.py, as it will be published, except that SITEURL is
the local server's address, so absolute links (canonical, feeds) stay on this machine.
A report, not a test: it prints the four category scores of each audited page and,
for anything under 100, the audits that cost points.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .pages import AUDITED, find_page, url_path
from .serve import serve_folder

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-extensions"


def _serve(folder):
    return serve_folder(folder)


def build_for_audit(dest, site_url):
    """The publish build with SITEURL pointing at the local server; returns the output folder."""
    output = Path(dest) / "output"
    env = dict(os.environ, SITEURL=site_url, FEED_DOMAIN=site_url)
    subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(output),
         "-s", str(ROOT / "publishconf.py"), "-e", f'CACHE_PATH="{Path(dest) / "cache"}"'],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )
    return output


def run_lighthouse(url, report_base, chrome):
    """Run Lighthouse on one URL; writes <report_base>.report.html and .json; returns the JSON."""
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=html", "--output=json",
         f"--output-path={report_base}", "--form-factor=mobile",
         f"--chrome-flags={CHROME_FLAGS}"],
        env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}: {proc.stderr.strip()[-1500:]}")
    return json.loads(Path(f"{report_base}.report.json").read_text(encoding="utf-8"))


def lost_points(report):
    """(category, audit title, why) for every weighted audit scoring under 1."""
    found = []
    for cid in CATEGORIES:
        for ref in report["categories"][cid]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue") or audit.get("explanation") or ""
                found.append((cid, audit["title"], value))
    return found


def audit(out_dir, pages=AUDITED, chrome=None):
    """Audit each named template's page; returns rows of (name, path, scores, lost points)."""
    chrome = chrome or os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} not found: run `npm ci` in {ROOT}")
    if not (shutil.which(chrome) or Path(chrome).exists()):
        raise SystemExit(f"Chromium not found at {chrome}: run `apt-get install chromium`")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        served = Path(tmp) / "output"
        served.mkdir()
        base, server = _serve(served)
        try:
            build_for_audit(tmp, base)
            for name in pages:
                path = url_path(find_page(served, name))
                report = run_lighthouse(base + path, out_dir / name, chrome)
                scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
                lost = lost_points(report)
                # Lighthouse's own doubts about the run, such as a busy CPU.
                lost += [("warning", w.split(". ")[0], "") for w in report.get("runWarnings", [])]
                rows.append((name, path, scores, lost))
        finally:
            server.shutdown()
    return rows


def table(rows):
    """The printed report: one line per page, then what cost points and run warnings."""
    width = max([len("path")] + [len(path) for _, path, _, _ in rows])
    head = f"{'page':<10} {'path':<{width}}" + "".join(f"{c:>16}" for c in CATEGORIES)
    lines = [head, "-" * len(head)]
    for name, path, scores, _ in rows:
        lines.append(f"{name:<10} {path:<{width}}"
                     + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
    for name, _, _, lost in rows:
        for category, title, why in lost:
            lines.append(f"{name}: {category}: {title}" + (f" ({why})" if why else ""))
    return "\n".join(lines)
