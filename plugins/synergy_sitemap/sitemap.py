"""The sitemap's entries and its XML, and robots.txt's Sitemap line."""

import re
from typing import NamedTuple
from xml.sax.saxutils import escape


class Entry(NamedTuple):
    url: str        # relative to SITEURL, as the site links it
    lastmod: str    # W3C datetime, or "" when the page carries no date


def _when(item):
    return getattr(item, "modified", None) or getattr(item, "date", None)


def lastmod(item, context):
    """A page's Modified or published date; a list's newest item's; else ""."""
    if item is not None:
        dates = [_when(item)]
    else:
        # The newsletter's archive lists `issues`; the blog's lists a page of `articles`.
        page = context.get("articles_page")
        listed = context.get("issues") or (page.object_list if page is not None else context.get("articles")) or ()
        dates = [_when(each) for each in listed]
    dates = [date for date in dates if date is not None]
    return max(dates).isoformat() if dates else ""


def xml(siteurl, entries):
    """sitemap.xml's text: one <url> per entry, in URL order."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for entry in sorted(entries):
        lines.append("<url>")
        lines.append(f"<loc>{escape(f'{siteurl}/{entry.url}')}</loc>")
        if entry.lastmod:
            lines.append(f"<lastmod>{entry.lastmod}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_with_sitemap(text, sitemap_url):
    """robots.txt's text with one Sitemap line, ours, at the end."""
    kept = [line for line in text.splitlines() if not re.match(r"\s*sitemap\s*:", line, re.IGNORECASE)]
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([*kept, "", f"Sitemap: {sitemap_url}"]) + "\n"
