"""Page weight: the bytes a reader's phone downloads for the key pages, raw and gzipped."""

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

KEY_PAGES = {
    "home": "index.html",
    "article": "blog/what-is-ketamine-assisted-psychotherapy/index.html",
    "faq": "ketamine-assisted-psychotherapy/index.html",
    "toolkit": "toolkit/index.html",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
KINDS = {".css": "css", ".js": "js", ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts",
         ".png": "images", ".jpg": "images", ".jpeg": "images", ".svg": "images",
         ".webp": "images", ".avif": "images", ".ico": "images", ".html": "html"}


def _local_file(output, page_url, ref):
    url = urlparse(urljoin(page_url, ref))
    if url.scheme not in ("http", "https") or url.netloc != "site.local":
        return None
    path = output / url.path.lstrip("/")
    if url.path.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def _assets(output, rel):
    """Every local file the page loads when it is opened (not what it links to)."""
    page_url = "http://site.local/" + rel
    soup = BeautifulSoup((output / rel).read_text(encoding="utf-8"), "html.parser")
    refs = [t["href"] for t in soup.find_all("link", href=True)
            if set(t.get("rel", [])) & {"stylesheet", "icon", "preload", "modulepreload"}]
    refs += [t["src"] for t in soup.find_all(["script", "img", "source"], src=True)]
    found, queue = {}, [(page_url, r) for r in refs]
    while queue:
        base, ref = queue.pop()
        path = _local_file(output, base, ref)
        if path is None or path in found:
            continue
        found[path] = None
        if path.suffix == ".css":
            css_url = "http://site.local/" + str(path.relative_to(output))
            queue += [(css_url, u) for u in CSS_URL.findall(path.read_text(encoding="utf-8"))]
    return [output / rel] + list(found)


def page_weight(output, rel):
    totals = {}
    for path in _assets(output, rel):
        data = path.read_bytes()
        kind = KINDS.get(path.suffix.lower(), "other")
        raw, gz = totals.get(kind, (0, 0))
        totals[kind] = (raw + len(data), gz + len(gzip.compress(data, 9)))
    return {
        "by_kind": {k: {"raw": r, "gzip": g} for k, (r, g) in sorted(totals.items())},
        "raw": sum(r for r, _ in totals.values()),
        "gzip": sum(g for _, g in totals.values()),
    }


def measure(output):
    output = Path(output)
    return {name: page_weight(output, rel) for name, rel in KEY_PAGES.items()
            if (output / rel).exists()}
