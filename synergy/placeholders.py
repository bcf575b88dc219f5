"""Markdown placeholders: `{booking}` in a content file, filled in by the build.

Content refers to a value kept in one place (the practice's booking page, a
clinical fact) by writing its placeholder, for example `[Book online]({booking})`;
Markdown renders the text, and the `Placeholders` extension then puts each
value in, in the text and in link addresses alike, but never inside code.
Before rendering it escapes each placeholder's brace (`\\{booking}`), so that
Markdown's attribute lists do not take a placeholder alone on a paragraph's
last line, or at the end of a heading, for the paragraph's attributes.

Pelican's own link markers (`{filename}`, `{static}`, ...) look the same and
are left alone for Pelican, as is any name followed by a path (`{filenam}/x.md`
is a misspelt link marker, which Pelican reports). A placeholder nobody fills is left as written, so
`unfilled()` can name it for the editor, and `disarm()` keeps Pelican from
reading a misspelt one at the start of a link as a link marker of its own: the
mistake is reported once, by whoever owns the placeholder.

Filled text is what Pelican's content cache keeps, so a build whose values
changed must not use it: `cache_is_current()`, `drop_cached_content()` and
`remember()` see to that, leaving every other cache of the build alone.
"""

import json
import os
import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from pelican.cache import FileDataCacher

from .cache import digest, write_atomically

# A placeholder: a lower-case name, and a namespace before a colon if it has one;
# after rendering, the backslash that guarded it may still be in front.
TOKEN = re.compile(r"\\?\{(?P<name>[a-z][a-z0-9_]*(?::[a-z0-9][a-z0-9_-]*)?)\}")
_UNGUARDED = re.compile(r"(?<!\\)\{(?P<name>[a-z][a-z0-9_]*(?::[a-z0-9][a-z0-9_-]*)?)\}")
# A name followed by a path is a link marker ({filename}/blog/x.md), misspelt or not: Pelican's to judge.
_MARKER_WITH_PATH = re.compile(r"\{[a-z][a-z0-9_]*\}/")
# Pelican's link markers; Pelican replaces them itself.
PELICAN_MARKERS = frozenset({"filename", "static", "attach", "category", "tag", "author", "index"})
# Code shows placeholders as written: it may be explaining them.
_CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL | re.IGNORECASE)


def fill(html, values):
    """html with each `{name}` in values replaced by its HTML; empty and unknown ones stay, unguarded.

    Code keeps every placeholder as written.
    """
    def put(match):
        return values.get(match["name"]) or "{" + match["name"] + "}"

    def unguard(match):
        return "{" + match["name"] + "}"

    parts = _CODE.split(html)
    return "".join(TOKEN.sub(unguard if index % 2 else put, part) for index, part in enumerate(parts))


def names(html):
    """Every placeholder name still in html (outside code, link markers aside), in order, each once."""
    prose = _CODE.split(html)[::2]
    return list(dict.fromkeys(m["name"] for text in prose for m in TOKEN.finditer(text)
                              if not _MARKER_WITH_PATH.match(text, m.start())))


def unfilled(html, owns):
    """The names left in html that `owns(name)` claims, Pelican's markers aside."""
    return [name for name in names(html) if name not in PELICAN_MARKERS and owns(name)]


def disarm(html, names_):
    """Turn an address that starts with one of these names into a fragment (#%7Bname%7D).

    Pelican would read it as a link marker of its own, and the content rules as
    a page of the site: each would report the one mistake again, in other words.
    """
    for name in names_:
        html = re.sub(rf"""(=\s*["']){re.escape("{" + name + "}")}""",
                      lambda m, n=name: f"{m.group(1)}#%7B{n}%7D", html)
    return html


class _Guard(Preprocessor):
    """Escapes each placeholder's brace before Markdown reads the text."""

    def run(self, lines):
        return [_UNGUARDED.sub(lambda m: m.group(0) if m["name"] in PELICAN_MARKERS else "\\" + m.group(0), line)
                for line in lines]


class _Fill(Postprocessor):
    def __init__(self, md, values):
        super().__init__(md)
        self.values = values

    def run(self, text):
        return fill(text, self.values)


class Placeholders(Extension):
    """A Markdown extension filling `{name}` with values[name] (HTML) after rendering.

    Registered after Markdown restores raw HTML, so placeholders in raw HTML
    are filled too. Plain data, so Pelican may copy or pickle it with the settings.
    """

    def __init__(self, label, values):
        self.label = label
        self.values = dict(values)
        super().__init__()

    def extendMarkdown(self, md):
        # After the metadata and fenced code are taken out (priorities 27 and 25).
        md.preprocessors.register(_Guard(md), f"placeholders-guard-{self.label}", 5)
        md.postprocessors.register(_Fill(md, self.values), f"placeholders-{self.label}", 5)


def install(settings, extension):
    """Add the extension to the site's MARKDOWN settings, replacing one with the same label."""
    markdown = dict(settings.get("MARKDOWN") or {})
    kept = [item for item in markdown.get("extensions", [])
            if not (isinstance(item, Placeholders) and item.label == extension.label)]
    markdown["extensions"] = [*kept, extension]
    settings["MARKDOWN"] = markdown


def _stamp_path(settings, label):
    return os.path.join(settings.get("CACHE_PATH", "cache"), f"placeholders-{label}.json")


def _stamp(values):
    return digest([("values", json.dumps(values, sort_keys=True))])


def cache_is_current(settings, label, values):
    """False when the cached content was filled with other values (or nobody knows)."""
    try:
        with open(_stamp_path(settings, label), encoding="utf-8") as handle:
            return json.load(handle).get("digest") == _stamp(values)
    except (OSError, ValueError, AttributeError):
        return False


def drop_cached_content(generator):
    """Forget what Pelican's content cache loaded for this generator, at either caching layer.

    At `generator_init` the cache is loaded and nothing has been read from it
    yet; the build then reads every file afresh and caches it anew.
    """
    for cacher in (generator, getattr(generator, "readers", None)):
        if isinstance(cacher, FileDataCacher):
            cacher._cache = {}


def remember(settings, label, values):
    """After a build that cached its content: the values that content was filled with."""
    if settings.get("CACHE_CONTENT"):
        write_atomically(_stamp_path(settings, label), json.dumps({"digest": _stamp(values)}))


class Filling:
    """One plugin's placeholders through a build, in three calls from its receivers.

        filling = Filling("practice")
        filling.connect()                   # in register(): generator_init and finalized
        filling.start(settings, values)     # at `initialized`
    """

    def __init__(self, label):
        self.label = label
        self.values = None
        self.current = True

    def start(self, settings, values):
        """Fill these values from now on; note whether the cached content was filled with them."""
        self.values = dict(values)
        install(settings, Placeholders(self.label, self.values))
        self.current = cache_is_current(settings, self.label, self.values)

    def connect(self):
        """Forget stale cached content at `generator_init`; remember the values at `finalized`."""
        from pelican import signals

        from .plugin import connect

        connect(signals.generator_init, self.forget_stale)
        connect(signals.finalized, self.remember)

    def forget_stale(self, generator):
        """At `generator_init`: content cached with other values is read afresh."""
        if not self.current:
            drop_cached_content(generator)

    def remember(self, pelican):
        """At `finalized`: the values this build's cached content was filled with."""
        if self.values is not None:
            remember(pelican.settings, self.label, self.values)
