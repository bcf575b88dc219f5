"""Pelican signal receivers: the pages written, then sitemap.xml and robots.txt."""

import os
import re

from pelican import signals

from synergy import settings
from synergy.cache import write_atomically
from synergy.errors import SettingsError
from synergy.plugin import connect

from .sitemap import Entry, lastmod, robots_with_sitemap, xml

DEFAULTS = {
    # Lists by tag and category repeat the articles; error pages and email previews are no pages.
    # Searched in each URL (no leading slash), so anchored: a post whose slug ends in "tag" stays in.
    "SITEMAP_EXCLUDE": ["^blog/tag/", "^blog/category/", "^drafts/", "^email-preview/", r"^404\.html$"],
}
SAVE_AS = "sitemap.xml"
ROBOTS = "robots.txt"

_state = {"entries": {}, "exclude": []}


def check_settings(pelican):
    """At `initialized`: SITEMAP_EXCLUDE is a list of regular expressions."""
    values = settings.resolve(pelican.settings, DEFAULTS)
    patterns = settings.strings(values, "SITEMAP_EXCLUDE", example="['^drafts/']")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as error:
            raise SettingsError("SITEMAP_EXCLUDE", f"{pattern!r} is not a regular expression ({error})",
                                "write each as a Python regular expression, such as '^drafts/'") from None
    pelican.settings.update(values)
    _state.update(entries={}, exclude=compiled)


def note_page(path, context):
    """At `content_written`: each HTML page, with the date it carries."""
    if not path.endswith(".html") or context is None:
        return
    output = context.get("OUTPUT_PATH") or ""
    url = re.sub(r"(^|/)index\.html$", r"\1", os.path.relpath(path, output).replace(os.sep, "/"))
    item = next((context[key] for key in ("article", "page", "issue") if context.get(key) is not None), None)
    if item is not None and getattr(item, "status", "published") != "published":
        return
    if any(pattern.search(url) for pattern in _state["exclude"]):
        return
    _state["entries"][url] = Entry(url, lastmod(item, context))


def write(pelican):
    """At `finalized`: sitemap.xml, and the Sitemap line in robots.txt."""
    config = pelican.settings
    siteurl = str(config.get("SITEURL") or "")
    write_atomically(os.path.join(pelican.output_path, SAVE_AS), xml(siteurl, _state["entries"].values()))
    robots = os.path.join(pelican.output_path, ROBOTS)
    base = next((url for url in (siteurl, str(config.get("FEED_DOMAIN") or ""))
                 if re.match(r"https?://", url)), "")
    if base and os.path.exists(robots):
        with open(robots, encoding="utf-8") as handle:
            text = handle.read()
        # Written anew, never in place: the copy may be a link to the editors' file.
        write_atomically(robots, robots_with_sitemap(text, f"{base.rstrip('/')}/{SAVE_AS}"))
    _state["entries"] = {}


def register():
    connect(signals.initialized, check_settings)
    connect(signals.content_written, note_page)
    connect(signals.finalized, write)
