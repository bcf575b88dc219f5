"""Static check: no built page makes the browser fetch anything from another host.

Links a visitor may follow (<a href>, a form's action) are fine; what a page loads by
itself (scripts, styles, fonts, images, frames, preconnects) must come from the site.
"""

from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from synergy.gates.links import css_urls, srcset_urls

# <link rel=...> values that make the browser contact the URL when the page loads.
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "dns-prefetch",
                "preconnect", "icon", "apple-touch-icon", "manifest", "prerender"}
SRC_TAGS = {"script", "img", "iframe", "embed", "source", "video", "audio", "track", "input"}


def is_third_party(url, site_origins=()):
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    return origin not in site_origins


def loaded_urls_in_html(html):
    """URLs a page fetches as it loads, as (what, url)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name in SRC_TAGS and tag.get("src"):
            found.append((f"<{tag.name} src>", tag["src"]))
        if tag.get("srcset"):
            found += [(f"<{tag.name} srcset>", u) for u in srcset_urls(tag["srcset"])]
        if tag.name == "video" and tag.get("poster"):
            found.append(("<video poster>", tag["poster"]))
        if tag.name == "object" and tag.get("data"):
            found.append(("<object data>", tag["data"]))
        if tag.name == "link" and tag.get("href"):
            rels = {r.lower() for r in tag.get("rel", [])}
            if rels & LOADING_RELS:
                found.append((f"<link rel={' '.join(sorted(rels))}>", tag["href"]))
        if tag.get("style"):
            found += [("style attribute", u) for u in css_urls(f"x{{{tag['style']}}}")]
        if tag.name == "style":
            found += [("<style>", u) for u in css_urls(tag.get_text())]
    return found


def third_party_loads(output, site_origins=()):
    """One line per resource under output/ that the browser would fetch from another host."""
    output = Path(output)
    problems = []
    for file in sorted(output.rglob("*")):
        if file.suffix == ".html":
            found = loaded_urls_in_html(file.read_text(encoding="utf-8", errors="replace"))
        elif file.suffix == ".css":
            found = [("stylesheet url()", u) for u in css_urls(file.read_text(encoding="utf-8"))]
        else:
            continue
        rel = file.relative_to(output)
        problems += [f"{rel}: {what} loads {url} from another host"
                     for what, url in found if is_third_party(url, site_origins)]
    return problems
