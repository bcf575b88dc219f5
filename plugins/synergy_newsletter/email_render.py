"""An issue's email: the theme's email template, every URL absolute, CSS inlined.

Mail clients ignore or strip <style> (Gmail drops it in many cases, Outlook uses
Word's renderer), so css-inline moves every rule into style attributes; only
the @media rules (dark mode, narrow screens) stay in a <style> block, where the
clients that understand them find them and the others ignore them.
"""

import os
from urllib.parse import urljoin, urlparse

import css_inline
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .plaintext import html_to_text

KEEP_SCHEMES = ("http", "https", "mailto", "tel", "sms")
URL_ATTRIBUTES = ("href", "src", "background", "action")

_INLINER = css_inline.CSSInliner(
    keep_at_rules=True, load_remote_stylesheets=False, resolve_css_variables=True,
)


def environment(theme_path, folder):
    base = os.path.join(theme_path, folder)
    env = Environment(
        loader=FileSystemLoader(base),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env, base


def render(env, base, issue, *, siteurl, web_url, recent, settings):
    """Return (html, text) for one issue, both ready to hand to Mailchimp."""
    with open(os.path.join(base, "email.css"), encoding="utf-8") as handle:
        css = handle.read()
    body = absolutize(issue.get_content(siteurl), web_url)
    html = env.get_template("issue.html").render(
        issue=issue,
        body=Markup(body),
        recent=[
            {"title": Markup(post.title).striptags(),
             "url": urljoin(siteurl + "/", post.url),
             "summary": Markup(post.summary).striptags().strip(),
             "date": post.locale_date}
            for post in recent
        ],
        css=Markup(css),
        siteurl=siteurl,
        web_url=web_url,
        SITENAME=settings["SITENAME"],
        PRACTICE=settings.get("PRACTICE", {}),
        CRISIS_LINE=settings.get("CRISIS_LINE", {}),
        LICENSURE_NOTICE=settings.get("LICENSURE_NOTICE", ""),
    )
    html = absolutize(html, web_url)
    html = _style_after_meta(_INLINER.inline(html))
    return html, html_to_text(html)


def _style_after_meta(html):
    """css-inline puts the kept @media rules first in <head>; the charset must come
    within the first 1024 bytes, so the <style> goes to the end of <head>."""
    soup = BeautifulSoup(html, "html.parser")
    if soup.head:
        for style in soup.head.find_all("style"):
            soup.head.append(style.extract())
    return str(soup)


def absolutize(html, base_url):
    """Make every link and image address absolute against base_url.

    Mailchimp merge tags (*|UNSUB|*) are left alone; everything else relative,
    fragments included, is resolved as a browser would (in-message anchors work
    in few mail clients, so they point at the web copy).
    """
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = tag.get(attribute)
            if value:
                tag[attribute] = absolute(value.strip(), base_url)
        if tag.get("srcset"):
            tag["srcset"] = ", ".join(
                " ".join([absolute(part.split()[0], base_url)] + part.split()[1:])
                for part in tag["srcset"].split(",") if part.strip()
            )
    return str(soup)


def absolute(url, base_url):
    if url.startswith("*|"):
        return url
    if url.startswith("//"):
        return "https:" + url
    if urlparse(url).scheme in KEEP_SCHEMES:
        return url
    return urljoin(base_url, url)


def relative_urls(html):
    """Every link or image address in html that is not absolute (for checks)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES + ("srcset",):
            value = tag.get(attribute)
            if not value:
                continue
            for url in ([p.split()[0] for p in value.split(",") if p.strip()]
                        if attribute == "srcset" else [value]):
                if url.startswith("*|"):
                    continue
                if urlparse(url).scheme not in KEEP_SCHEMES:
                    found.append(url)
    return found
