"""Privacy: loading any page requests nothing from another host.

A page may link to other sites (a plain <a>), but nothing it loads by itself
(scripts, stylesheets, icons, images, frames, media, CSS url()) may come from
anywhere but our own origin, and its Content-Security-Policy says so too.
"""

import re
from urllib.parse import urlsplit

import pytest

from sitebuild import ROOT

# rel values of <link> that make the browser fetch something on load.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                "modulepreload", "prefetch", "prerender", "manifest", "preconnect", "dns-prefetch"}
# (tag, attribute) pairs whose URL is fetched on load.
LOADING_ATTRS = [("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
                 ("source", "srcset"), ("iframe", "src"), ("frame", "src"), ("video", "src"),
                 ("video", "poster"), ("audio", "src"), ("track", "src"), ("embed", "src"),
                 ("object", "data"), ("input", "src"), ("image", "href"), ("use", "href")]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)


def is_foreign(url):
    """True for a URL on another host; relative, root-relative and data: URLs are ours."""
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ftp", "ws", "wss")


def srcset_urls(value):
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


def loaded_urls(soup):
    """(what, url) for everything the page fetches by itself."""
    found = []
    for tag, attr in LOADING_ATTRS:
        for element in soup.find_all(tag, attrs={attr: True}):
            values = srcset_urls(element[attr]) if attr == "srcset" else [element[attr]]
            found += [(f"<{tag} {attr}>", value) for value in values]
    for link in soup.find_all("link", href=True):
        rels = {r.lower() for r in link.get("rel", [])}
        if rels & LOADING_RELS:
            found.append((f"<link rel={' '.join(sorted(rels))}>", link["href"]))
    for element in soup.find_all(style=True):
        found += [("style attribute", m[0] or m[1]) for m in CSS_URL.findall(element["style"])]
    for style in soup.find_all("style"):
        found += [("<style>", m[0] or m[1]) for m in CSS_URL.findall(style.get_text())]
    return found


def pages(site):
    return [p.relative_to(site.output).as_posix() for p in site.html_files()]


def test_no_page_loads_anything_from_another_host(site):
    offenders = [f"{rel}: {what} {url}"
                 for rel in pages(site)
                 for what, url in loaded_urls(site.soup(rel)) if is_foreign(url)]
    assert not offenders, "\n".join(offenders)


def test_no_stylesheet_loads_anything_from_another_host(site):
    sheets = sorted(site.output.rglob("*.css"))
    assert sheets, "no CSS in the output"
    offenders = [f"{css.relative_to(site.output)}: {m[0] or m[1]}"
                 for css in sheets
                 for m in CSS_URL.findall(css.read_text(encoding="utf-8"))
                 if is_foreign(m[0] or m[1])]
    assert not offenders, "\n".join(offenders)


def test_the_theme_sources_load_nothing_from_another_host():
    theme = ROOT / "theme"
    offenders = []
    for path in sorted([*theme.rglob("*.css"), *theme.rglob("*.html")]):
        if "email" in path.relative_to(theme).parts[0]:
            continue  # email templates are read in a mail client, not loaded as pages
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {m[0] or m[1]}"
                      for m in CSS_URL.findall(text) if is_foreign(m[0] or m[1])]
        offenders += [f"{path.relative_to(ROOT)}: {m}" for m in
                      re.findall(r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["'](https?:)?//[^"']+""", text)]
    assert not offenders, "\n".join(offenders)


def test_the_checker_catches_every_kind_of_foreign_load():
    from bs4 import BeautifulSoup

    html = """<link rel="stylesheet" href="https://cdn.example.com/a.css">
    <link rel="preload" href="//fonts.example.com/f.woff2"><script src="http://x.example/s.js"></script>
    <img srcset="/ok.png 1x, https://img.example/b.png 2x"><iframe src="https://video.example/e"></iframe>
    <div style="background:url('https://t.example/p.gif')"></div><style>@import "https://c.example/i.css";</style>
    <a href="https://fine.example/">a plain link is fine</a><link rel="alternate" href="https://feed.example/">"""
    foreign = [url for _what, url in loaded_urls(BeautifulSoup(html, "html.parser")) if is_foreign(url)]
    assert len(foreign) == 7
    assert "https://fine.example/" not in foreign and "https://feed.example/" not in foreign


# --- Content-Security-Policy ---------------------------------------------------------

def csp_of(soup):
    metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(metas) == 1
    return {d.split()[0]: d.split()[1:] for d in metas[0]["content"].split(";") if d.strip()}


def form_hosts(site):
    """Origins our own forms post to (the newsletter signup): the only other host allowed."""
    return {f"https://{urlsplit(form['action']).netloc}"
            for rel in pages(site) for form in site.soup(rel).find_all("form", action=True)
            if is_foreign(form["action"])}


def test_every_page_has_a_content_security_policy_allowing_only_our_origin(site):
    signup = form_hosts(site)
    for rel in pages(site):
        if rel.startswith("email-preview/"):
            continue  # an email's preview, not a page of the site
        policy = csp_of(site.soup(rel))
        for directive in ("default-src", "style-src", "base-uri"):
            assert policy[directive] == ["'self'"], f"{rel}: {directive} {policy[directive]}"
        assert policy["object-src"] == ["'none'"], rel
        assert policy["img-src"] == ["'self'", "data:"], rel
        for directive in ("script-src", "form-action"):
            sources = policy[directive]
            assert sources[0] == "'self'", rel
            # Beyond our origin: only the signup form's host, and for Pagefind's
            # WebAssembly 'wasm-unsafe-eval' (it compiles our own file, loads nothing).
            extra = set(sources[1:]) - signup - {"'wasm-unsafe-eval'"}
            assert not extra, f"{rel}: {directive} also allows {sorted(extra)}"
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, rel


def test_the_policy_comes_before_anything_it_governs(site):
    head = site.soup("index.html").head
    first_loader = head.find(["link", "script", "style"])
    policy = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy.sourceline < first_loader.sourceline or (
        policy.sourceline == first_loader.sourceline and policy.sourcepos < first_loader.sourcepos)


def test_no_page_relies_on_inline_script_or_style_the_policy_would_block(site):
    offenders = []
    for rel in pages(site):
        if rel.startswith("email-preview/"):
            continue  # emails need inline styles; their preview is not a page of the site
        soup = site.soup(rel)
        for script in soup.find_all("script", src=False):
            if script.get("type") != "application/ld+json":
                offenders.append(f"{rel}: inline <script>")
        offenders += [f"{rel}: <style>" for _ in soup.find_all("style")]
        offenders += [f"{rel}: style attribute on <{e.name}>" for e in soup.find_all(style=True)]
        offenders += [f"{rel}: {attr} on <{e.name}>" for e in soup.find_all(True)
                      for attr in e.attrs if attr.lower().startswith("on")]
    assert not offenders, "\n".join(offenders)


# --- In the browser -----------------------------------------------------------------

BROWSED = ["", "ketamine-assisted-psychotherapy/#is-ketamine-safe", "blog/",
           "blog/what-is-ketamine-assisted-psychotherapy/", "about/", "contact/", "toolkit/",
           "newsletter/", "404.html"]


@pytest.mark.browser
@pytest.mark.parametrize("path", BROWSED)
def test_loading_the_page_requests_nothing_from_another_host_and_breaks_no_policy(page, site_url, path):
    requests, violations = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    ours = urlsplit(site_url).netloc
    foreign = [url for url in requests if urlsplit(url).scheme in ("http", "https")
               and urlsplit(url).netloc != ours]
    assert not foreign, foreign
    assert not violations, violations
