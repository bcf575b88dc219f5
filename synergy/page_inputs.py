"""What a page is made from, as a digest: a page whose digest did not change need not be rendered.

A page is its template and the values the template can read. Which names a
template can read is known from its source (Jinja's own analysis, through every
template it extends, includes or imports); their values are in the page's
context. The digest of a page is made of:

- the site's digest, once a build: every setting, every file of the theme, the
  code of the plugins and of this library (file names, sizes and times), and
  the versions of Pelican, Jinja and Python-Markdown;
- the template's name and, for each name it reads, the value's fingerprint.

A content object's fingerprint holds every attribute (its HTML, with a digest
of where every `{filename}` and `{static}` link of the site leads, its metadata,
what plugins put on it: FAQ, related posts, neighbours, reading time...), and
the same of each
content object it points to (a related post's title, a neighbour's URL). One
hop only: a page that showed a related post's related posts would need more.
A list of posts (a tag's page, the blog's) fingerprints each post.

Anything whose fingerprint cannot be told from its value (an object whose text
is only its address) makes the page's digest new, so such a page is always
rendered: a value never seen is never trusted.
"""

import datetime
import importlib.metadata
import json
import os
import re
import secrets
from pathlib import Path

import jinja2
from jinja2 import meta
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from . import problems
from .cache import digest, read_json, reads_cache, write_atomically

RECORD = "pages.json"
LIBRARY = Path(__file__).resolve().parent
# Attributes of a content object that are the whole site, not the object.
NOT_OWN = frozenset({"settings", "_context"})
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
PACKAGES = ("pelican", "jinja2", "markdown")
# Settings that say how a build runs, not what a page shows (a template that reads one
# has its value in the page's own digest all the same).
HOW_TO_BUILD = frozenset({
    "LOAD_CONTENT_CACHE", "CACHE_CONTENT", "CACHE_PATH", "CHECK_MODIFIED_METHOD", "GZIP_CACHE",
    "STRICT_BUILD", "STRICT_REPORT", "SEARCH_INDEX", "WRITE_SELECTED", "DELETE_OUTPUT_DIRECTORY",
    "OUTPUT_PATH", "LOG_FILTER", "JINJA_ENVIRONMENT",
})


class Unknown(Exception):
    """A value whose fingerprint cannot be told."""


def _files(folder, pattern="*"):
    return sorted(p for p in Path(folder).rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def site_digest(settings):
    """Everything every page depends on: the settings, the theme, the code."""
    parts = [("setting " + name, ADDRESS.sub("", repr(settings[name])))
             for name in sorted(settings) if name not in HOW_TO_BUILD]
    environment = {k: v for k, v in (settings.get("JINJA_ENVIRONMENT") or {}).items() if k != "bytecode_cache"}
    parts.append(("jinja", repr(sorted(environment.items()))))
    theme = settings.get("THEME", "")
    parts += [(f"theme {p.relative_to(theme)}", p.read_bytes()) for p in _files(theme)] if theme else []
    code = [LIBRARY] + [Path(folder) for folder in settings.get("PLUGIN_PATHS", [])]
    for folder in code:
        for path in _files(folder, "*.py"):
            stat = path.stat()
            parts.append((f"code {path}", f"{stat.st_size} {stat.st_mtime_ns}"))
    parts += [(f"version {name}", importlib.metadata.version(name)) for name in PACKAGES]
    return digest(parts)


class TemplateNames:
    """The names each template can read, through every template it uses.

    Each template's source is parsed once (its own names, the templates it uses);
    what was found is kept with the page record under a digest of the source, so
    a later build parses only templates that changed.
    """

    def __init__(self, kept=None):
        self.parsed = {}   # template name -> {"digest", "names", "uses"} (uses None: named at run time)
        self.kept = kept if isinstance(kept, dict) else {}
        self.known = {}

    def of(self, template):
        """A frozenset of names, or None when the template uses one it names only at run time."""
        # Every generator has its own environment, over the same theme: a template's file is the key.
        key = (template.name, template.filename)
        if key not in self.known:
            self.known[key] = self._walk(template.environment, template.name, set())
        return self.known[key]

    def _own(self, environment, name):
        if name not in self.parsed:
            source = environment.loader.get_source(environment, name)[0]
            source_digest = digest([("source", source)])
            kept = self.kept.get(name)
            if isinstance(kept, dict) and kept.get("digest") == source_digest:
                self.parsed[name] = kept
            else:
                tree = environment.parse(source)
                uses = list(meta.find_referenced_templates(tree))
                self.parsed[name] = {"digest": source_digest,
                                     "names": sorted(meta.find_undeclared_variables(tree)),
                                     "uses": None if None in uses else uses}
        return self.parsed[name]

    def _walk(self, environment, name, seen):
        if name in seen:
            return frozenset()
        seen.add(name)
        try:
            own = self._own(environment, name)
        except jinja2.TemplateError:
            return None
        if own["uses"] is None:
            return None
        names = set(own["names"])
        for used in own["uses"]:
            more = self._walk(environment, used, seen)
            if more is None:
                return None
            names |= more
        return frozenset(names)


class Fingerprints:
    """Fingerprints of the values pages are made from, each object's made once a build."""

    def __init__(self):
        self.memo = {}   # id -> (object, fingerprint); the object is kept so its id is never reused
        self.link_maps = {}

    def _links(self, context):
        """Where every page and file of the site is: what a `{filename}` or `{static}` link resolves to.

        A content object's HTML as pages show it is its own HTML with those links
        resolved; its own HTML and this map decide it, without resolving every link
        of every post in every build (a Pelican URL costs more than hashing them all).
        """
        kept = self.link_maps.get(id(context))
        if kept is None:
            parts = []
            for name in ("generated_content", "static_content"):
                for path, target in sorted((context.get(name) or {}).items()):
                    parts.append((f"{name} {path}", str(getattr(target, "url", ""))))
            kept = (context, digest(parts))
            self.link_maps[id(context)] = kept
        return kept[1]

    def of(self, value):
        """The fingerprint of a value a template reads (a content object with those it points to)."""
        if isinstance(value, Content):
            return self._full(value)
        return self._value(value, shallow_refs=None)

    def _remember(self, kind, value, make):
        kept = self.memo.get((kind, id(value)))
        if kept is None:
            kept = (value, make())
            self.memo[(kind, id(value))] = kept
        return kept[1]

    def _full(self, content):
        def make():
            refs = []
            own = self._own(content, refs)
            return digest([("own", own)] + [("points to", self._own(r, None)) for r in refs])
        return self._remember("full", content, make)

    def _own(self, content, refs):
        """A content object's own fingerprint; the objects it points to go to refs, as references."""
        def make():
            collected = []
            context = getattr(content, "_context", None)
            if context is not None and not hasattr(content, "_get_content"):
                parts = [("html", str(content._content or "")), ("links", self._links(context))]
            else:
                with problems.about(getattr(content, "source_path", None)):
                    shown = content.content  # with {filename} links resolved, as pages show it
                parts = [("content", str(shown or ""))]
            parts.insert(0, ("class", type(content).__qualname__))
            for name in sorted(vars(content)):
                if name not in NOT_OWN:
                    parts.append((name, self._value(getattr(content, name), collected)))
            return digest(parts), collected
        fingerprint, collected = self._remember("own", content, make)
        if refs is not None:
            refs.extend(collected)
        return fingerprint

    def _value(self, value, shallow_refs):
        """A value's fingerprint (a string that tells values apart). Inside a content object
        (shallow_refs is a list) the content objects it holds are references, collected;
        elsewhere each is its own fingerprint, and shared lists are digested once."""
        if value is None or isinstance(value, (bool, int, float, str)):
            return f"{type(value).__name__}:{value}"
        if isinstance(value, (datetime.date, datetime.time)):
            return f"{type(value).__name__}:{value.isoformat()}"
        if isinstance(value, Content):
            # Inside another value: what the object shows, and where it is.
            if shallow_refs is not None:
                shallow_refs.append(value)
                return f"ref:{getattr(value, 'source_path', '') or id(value)}"
            return self._own(value, None)
        if isinstance(value, URLWrapper):
            return f"{type(value).__name__}:{value.name}:{value.slug}"
        if isinstance(value, (list, tuple)):
            return self._kept(value, shallow_refs, lambda: _joined(
                "list", (self._value(item, shallow_refs) for item in value)))
        if isinstance(value, (set, frozenset)):
            return _joined("set", sorted(self._value(item, shallow_refs) for item in value))
        if isinstance(value, dict):
            return self._kept(value, shallow_refs, lambda: _joined("dict", (
                f"{_joined('', (repr(k), self._value(v, shallow_refs)))}"
                for k, v in sorted(value.items(), key=lambda i: repr(i[0])))))
        if isinstance(value, Page):
            paginator = value.paginator
            return _joined("page", (f"{value.number} of {paginator.num_pages}, {paginator.count} "
                                    f"at {paginator.per_page}: {value.base_url} {value.full_name}",
                                    self._value(list(value.object_list), shallow_refs)))
        if isinstance(value, Paginator):
            return f"paginator:{value.name}:{value.url}:{value.count}:{value.num_pages}:{value.per_page}"
        if callable(value):
            return f"code:{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
        if hasattr(value, "__dict__"):
            return self._kept(value, shallow_refs, lambda: _joined(type(value).__qualname__, (
                _joined("", (name, self._value(v, shallow_refs)))
                for name, v in sorted(vars(value).items()) if name not in NOT_OWN)))
        text = repr(value)
        if ADDRESS.search(text):
            raise Unknown(text)
        return f"{type(value).__qualname__}:{text}"

    def _kept(self, value, shallow_refs, make):
        # Shared values (all posts, a tag's posts) are fingerprinted once a build, as a digest;
        # inside a content object a value is met once anyway, and its references must be collected.
        if shallow_refs is not None:
            return make()
        return self._remember("value", value, lambda: digest([("value", make())]))


def _joined(kind, parts):
    """Parts in one string that cannot be read two ways (each part carries its length)."""
    return kind + "(" + "".join(f"{len(part)}:{part}" for part in parts) + ")"


class PageInputs:
    """One build's page digests, and the last build's, kept in CACHE_PATH/pages.json."""

    def __init__(self, settings, output_path):
        self.output_path = os.path.abspath(output_path)
        self.path = os.path.join(settings.get("CACHE_PATH", "cache"), RECORD)
        # Digests are made in builds that reuse cached work, the builds that can use them: a cold
        # or strict build renders every page and leaves no record (the next cached build makes one).
        self.enabled = reads_cache(settings) and bool(settings.get("CACHE_CONTENT"))
        self.save_enabled = self.enabled
        old = read_json(self.path, {}) if self.enabled else {}
        old = old if isinstance(old, dict) else {}
        self.old = old.get("pages") if isinstance(old.get("pages"), dict) else {}
        self.new = {}
        self.site = site_digest(settings) if self.enabled else ""
        self.names = TemplateNames(old.get("templates"))
        self.fingerprints = Fingerprints()

    def digest(self, template, context):
        """The digest of the page this template would render from this context."""
        names = self.names.of(template)
        if names is None:
            return secrets.token_hex(16)
        parts = [("site", self.site), ("template", template.name)]
        try:
            parts += [(name, self.fingerprints.of(context[name])) for name in sorted(names) if name in context]
        except Unknown:
            return secrets.token_hex(16)
        return digest(parts)

    def rel(self, path):
        return os.path.relpath(os.path.abspath(path), self.output_path).replace(os.sep, "/")

    def unchanged(self, path, page_digest):
        """True when the file at path is the one the last build made from these very inputs."""
        kept = self.old.get(self.rel(path))
        if not kept or kept[0] != page_digest:
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == kept[1:]

    def made(self, path, page_digest):
        self.new[self.rel(path)] = page_digest

    def save(self):
        """Keep this build's pages (with each file's size and time as written) for the next build."""
        if not self.save_enabled:
            return
        self.save_enabled = False  # once a build
        record = {}
        for rel, page_digest in self.new.items():
            try:
                stat = os.stat(os.path.join(self.output_path, rel))
            except OSError:
                continue
            record[rel] = [page_digest, stat.st_size, stat.st_mtime_ns]
        write_atomically(self.path, json.dumps({"pages": record, "templates": self.names.parsed}))
