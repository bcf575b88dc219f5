"""The content folder as the rules see it: every file, its kind, its address.

`scan(settings)` walks the content folder (PATH) once. Each source file (the
formats Pelican reads) becomes a Source with its metadata lines as the editor
wrote them (synergy.metadata), its kind and the address it will have; every
other file is a plain file that `{static}` and `/images/...` links may point at.
The addresses come from the same settings Pelican uses (ARTICLE_URL, ...), so a
link can be checked before anything is written.
"""

import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from .. import clock
from ..metadata import CONTINUATION, FENCE, KEY, Field, read_fields, read_html_fields
from ..paths import shown
from . import schema

BOM = "\ufeff"
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$")


def layout(settings):
    """The settings the rules read: Pelican's defaults, then ours (schema.LAYOUT), then the site's."""
    merged = dict(DEFAULT_CONFIG)
    merged.update(schema.LAYOUT)
    merged.update(settings or {})
    return merged


@dataclass
class Source:
    """One file Pelican reads as content (Markdown, HTML or reStructuredText)."""
    rel: str                      # posix path under the content folder: blog/x.md
    path: str                     # absolute
    shown: str                    # as the editor knows it: content/blog/x.md
    kind: object                  # schema.Kind, or None when no part of the build reads it
    text: str = None              # None when it is not UTF-8
    fields: list = field(default_factory=list)     # the metadata lines, duplicates kept
    stranded: list = field(default_factory=list)   # metadata lines below an empty line
    blank_first_line: bool = False
    readable: bool = True         # False: a name Pelican reads no file by (x.MD, x.txt, x)
    slug: str = ""
    url: str = None               # its address (no leading slash), when it has one
    save_as: str = None

    @property
    def markdown(self):
        return self.readable and _extension(self.rel) in schema.MARKDOWN

    @cached_property
    def meta(self):
        """{name: value} of the first line of each name, stranded lines included."""
        found = {}
        for item in self.fields + self.stranded:
            found.setdefault(item.name, item.value)
        return found

    @property
    def status(self):
        return self.meta.get("status", "").strip().lower()

    @property
    def draft(self):
        return self.status == "draft"



class Plan:
    """Every file under the content folder, and every address the build will make."""

    def __init__(self, settings):
        self.settings = layout(settings)
        self.root = os.path.abspath(self.settings.get("PATH", "content"))
        self.sources = {}          # rel -> Source
        self.files = set()         # rel of every other file
        self._slugs = {}
        self.now = clock.now(self.settings)

    # -- addresses -------------------------------------------------------------

    @cached_property
    def published(self):
        """Sources the build publishes now (published or hidden, and due)."""
        return {rel: source for rel, source in self.sources.items()
                if source.url is not None and self.on_site(source)}

    def on_site(self, source):
        if not source.readable or source.kind is None or source.kind.name not in ("article", "page", "issue"):
            return False
        if source.status not in ("", "published", "hidden"):
            return False
        if source.kind.name == "issue" and source.status != "published":
            return False
        return not self.scheduled(source)

    def scheduled(self, source):
        """The date a published post or issue waits for, or None."""
        if source.kind is None or source.kind.name not in ("article", "issue"):
            return None
        moment = parse_date(source.meta.get("date", ""), self.now.tzinfo)
        return moment if moment is not None and moment > self.now else None

    @cached_property
    def urls(self):
        """{address: what is there} for every page and file of this build."""
        found = {}
        for rel in sorted(self.files):
            found[self.static_url(rel)] = rel
        for name in sorted(self.settings):
            value = self.settings[name]
            feed = "FEED" in name and name.endswith(("_ATOM", "_RSS"))
            if (feed or name.endswith("_SAVE_AS")) and isinstance(value, str) and value and "{" not in value:
                found.setdefault(address(value), name)
        for destination in (self.settings.get("TEMPLATE_PAGES") or {}).values():
            found.setdefault(address(destination), "TEMPLATE_PAGES")
        for source in self.published.values():
            found[address(source.url)] = source.rel
            if source.kind.name == "article" and source.status != "hidden":
                self._add_lists(found, source)
        return found

    def _add_lists(self, found, source):
        meta = source.meta
        pairs = [("TAG_SAVE_AS", tag.strip()) for tag in meta.get("tags", "").split(",")]
        pairs.append(("CATEGORY_SAVE_AS", meta.get("category", "").strip()))
        for setting, name in pairs:
            pattern = self.settings.get(setting)
            if name and isinstance(pattern, str) and pattern:
                try:
                    found.setdefault(address(pattern.format(slug=self.slugify(name))), setting)
                except (KeyError, IndexError, ValueError):
                    continue

    @cached_property
    def by_url(self):
        """{address: Source} of every source with an address, published or not."""
        return {address(source.url): source for rel, source in sorted(self.sources.items())
                if source.url is not None and source.readable}

    @cached_property
    def site_files(self):
        """{save_as: setting} of the pages the site makes itself (lists, feeds, indexes)."""
        found = {}
        for name, value in self.settings.items():
            if name.endswith("_SAVE_AS") and isinstance(value, str) and value and "{" not in value:
                found[value.lstrip("/")] = name
        return found

    def static_url(self, rel):
        extra = (self.settings.get("EXTRA_PATH_METADATA") or {}).get(rel) or {}
        return address(extra.get("path") or rel)

    def slugify(self, text):
        """Pelican's slug of text (remembered: a thousand posts share a dozen tags)."""
        if text not in self._slugs:
            self._slugs[text] = slugify(
                text, regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                preserve_case=self.settings.get("SLUGIFY_PRESERVE_CASE", False),
                use_unicode=self.settings.get("SLUGIFY_USE_UNICODE", False))
        return self._slugs[text]

    def folder_of(self, kind_name):
        """content/blog/ (the first folder of that kind), as the editor knows it."""
        folders = self.settings.get(schema.KIND[kind_name].folders) or []
        first = folders[0] if isinstance(folders, (list, tuple)) and folders else folders
        return f"{os.path.basename(self.root)}/{str(first).strip('/')}/"

    def shown(self, rel):
        return shown(rel, self.root)


def address(path):
    """A page's address as a key: no leading slash, a folder's index.html as the folder."""
    path = str(path or "").lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path


def parse_date(text, tz):
    """An aware datetime from YYYY-MM-DD or YYYY-MM-DD HH:MM, or None."""
    import datetime

    match = DATE.match(str(text or "").strip())
    if not match:
        return None
    year, month, day, hour, minute = (int(part) if part else 0 for part in match.groups())
    try:
        return datetime.datetime(year, month, day, hour, minute, tzinfo=tz)
    except ValueError:
        return None


def _slug(meta, plan):
    if meta.get("slug"):
        return meta["slug"].strip()
    return plan.slugify(meta["title"]) if meta.get("title") else ""


# -- reading ---------------------------------------------------------------------------

def scan(settings):
    """A Plan of the content folder named by settings["PATH"]."""
    plan = Plan(settings)
    ignores = plan.settings.get("IGNORE_FILES") or []
    for folder, subfolders, files in os.walk(plan.root, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if not _ignored(name, ignores))
        for name in sorted(files):
            if _ignored(name, ignores):
                continue
            rel = posixpath.join(*os.path.relpath(os.path.join(folder, name), plan.root).split(os.sep))
            if _is_source(rel, plan.settings):
                plan.sources[rel] = read_source(plan, rel)
            else:
                plan.files.add(rel)
    return plan


def _ignored(name, patterns):
    return name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _under(rel, folders):
    for folder in folders or ():
        folder = str(folder).strip("/")
        if folder == "" or rel == folder or rel.startswith(folder + "/"):
            return True
    return False


def _extension(rel):
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1] if "." in name.lstrip(".") else ""


def _is_source(rel, settings):
    """A file Pelican reads as content, or one an editor meant as such but misnamed."""
    extension = _extension(rel)
    if extension not in schema.SOURCES and extension.lower() not in schema.SOURCES + schema.MISNAMED:
        return False
    return not _under(rel, settings.get("STATIC_PATHS"))


def kind_of(rel, settings):
    """The schema.Kind of the source at rel, or None when no part of the build reads it."""
    if rel == str(settings.get("TOOLKIT_SOURCE", "")).strip("/"):
        return schema.KIND["toolkit"]
    for name in ("issue", "page", "article", "testimonial"):
        folders = settings.get(schema.KIND[name].folders)
        if isinstance(folders, str):
            folders = [folders]
        if _under(rel, folders):
            return schema.KIND[name]
    return None


def read_source(plan, rel):
    path = os.path.join(plan.root, *rel.split("/"))
    source = Source(rel, path, plan.shown(rel), kind_of(rel, plan.settings))
    source.readable = _extension(rel) in schema.SOURCES
    try:
        with open(path, encoding="utf-8") as handle:
            source.text = handle.read()
    except UnicodeDecodeError:
        return source
    if source.markdown or not source.readable:
        _read_header(source)
    elif rel.endswith((".html", ".htm")):
        source.fields = read_html_fields(source.text)
    _address(plan, source)
    return source


def _read_header(source):
    """Metadata lines, the empty first line, and metadata lines stranded below an empty line."""
    lines = source.text.lstrip(BOM).replace("\r\n", "\n").split("\n")
    source.fields = read_fields("\n".join(lines))
    start = 0 if not source.fields else source.fields[-1].line
    if lines and FENCE.match(lines[0]):
        return
    # Skip the empty lines that end the metadata (or come first), then look
    # at the next paragraph: metadata lines there were meant as metadata.
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == 0:
        return
    stranded = []
    for number in range(index, len(lines)):
        text = lines[number]
        if not text.strip():
            break
        match = KEY.match(text)
        if match and match["key"].lower() in schema.KEYS:
            stranded.append(Field(match["key"].lower(), match["key"], match["value"].strip(), number + 1))
        elif CONTINUATION.match(text) and stranded:
            continue
        else:
            return
    if stranded:
        source.stranded = stranded
        source.blank_first_line = not source.fields


def _address(plan, source):
    kind = source.kind
    source.slug = _slug(source.meta, plan)
    if kind is None or not kind.url:
        return
    meta = source.meta
    slug = source.slug
    if not slug and "url" not in meta:
        return
    values = {"slug": slug, "lang": meta.get("lang", plan.settings.get("DEFAULT_LANG", "en")),
              "category": plan.slugify(meta.get("category", "")) if meta.get("category") else "",
              "date": parse_date(meta.get("date"), plan.now.tzinfo)}
    try:
        source.url = meta["url"] if "url" in meta else str(plan.settings[kind.url]).format(**values)
        source.save_as = (meta["save_as"] if "save_as" in meta
                          else str(plan.settings[kind.save_as]).format(**values))
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        source.url = source.save_as = None
    if source.save_as is not None:
        source.save_as = source.save_as.lstrip("/")
