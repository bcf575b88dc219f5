"""Signal receivers: read the content once, check each file, take the broken ones out."""

import logging
import os

from pelican import signals
from pelican.contents import Content

from synergy import problems, settings
from synergy.content import checker, rules, schema
from synergy.content.site import scan
from synergy.plugin import connect

from .consequences import Consequences

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The categories a post may name (`Category:`), exactly as written.
    "CONTENT_CATEGORIES": list(schema.CATEGORIES),
    # Host names of the live site: an absolute link to one is checked like /blog/x/.
    "SITE_HOSTS": [],
    # Folders of testimonials (checked for the client's consent).
    "TESTIMONIAL_PATHS": ["testimonials"],
}

_build = None


class Build:
    """One build's view of the content: the plan, each file's problems, the broken files."""

    def __init__(self, site_settings):
        self.settings = site_settings
        self.plan = None
        self.checked = set()     # rel of sources whose HTML was checked
        self.broken = set()      # rel of sources with an error: never written
        self.missing = set()     # rel of files that links point at and that are not there

    def read(self):
        """Read the content folder; report what the metadata and the folders get wrong."""
        self.plan = scan(self.settings)
        across = rules.site_rules(self.plan)
        for rel, source in sorted(self.plan.sources.items()):
            self.tell(source, rules.file_rules(self.plan, source) + across.get(rel, []))

    def tell(self, source, found):
        for said in found:
            problems.said(logger, self.settings, source.path, said)
            if not said.is_warning:
                self.broken.add(source.rel)

    def check(self, source, html):
        if source.rel in self.checked:
            return
        self.checked.add(source.rel)
        self.tell(source, rules.body_rules(self.plan, source, html))
        self.missing |= {rel for rel in rules.linked_files(source, html)
                         if rel not in self.plan.files and rel not in self.plan.sources}

    def rel_of(self, content):
        path = getattr(content, "source_path", None)
        if not path:
            return None
        return os.path.relpath(os.path.abspath(path), self.plan.root).replace(os.sep, "/")

    def check_contents(self, contents):
        for content in contents:
            source = self.plan.sources.get(self.rel_of(content))
            if source is not None:
                self.check(source, getattr(content, "_content", "") or "")

    def keeps(self, item):
        return not (isinstance(item, Content) and self.rel_of(item) in self.broken)


def check_settings(pelican):
    """At `initialized`: the rules' own settings, and a fresh view for this build."""
    global _build
    values = settings.resolve(pelican.settings, DEFAULTS)
    settings.strings(values, "CONTENT_CATEGORIES", example='["Wellness", "Telehealth"]')
    for name in ("SITE_HOSTS", "TESTIMONIAL_PATHS"):
        if values[name]:
            settings.strings(values, name, example=repr(DEFAULTS[name] or ["www.example.org"]))
        values[name] = list(values[name])
    pelican.settings.update(values)
    _build = Build(pelican.settings)
    Consequences.install(lambda: _build)


def read_content(generator):
    """At `generator_init` (the first generator, before any file is read)."""
    if _build is not None and _build.plan is None:
        _build.read()


def _keep_the_good(lists):
    """Take every file left out by a rule out of each list, in place (others hold the same lists)."""
    for items in lists:
        if isinstance(items, list):
            items[:] = [item for item in items if _build.keeps(item)]


ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations",
              "draft_pages", "draft_translations")


def _check(generator, names):
    if _build is None or _build.plan is None:
        return
    lists = [getattr(generator, name, None) or [] for name in names]
    for items in lists:
        _build.check_contents(items)
    _keep_the_good(lists)


def check_articles(generator):
    """At `article_generator_pretaxonomy`: before tags, categories, archives and feeds."""
    _check(generator, ARTICLE_LISTS)


def check_pages(generator):
    """At `page_generator_finalized`."""
    _check(generator, PAGE_LISTS)


def check_the_rest(generators):
    """At `all_generators_finalized`: every other generator's content, and files none read."""
    if _build is None or _build.plan is None:
        return
    for generator in generators:
        for value in list(vars(generator).values()):
            if isinstance(value, list):
                _build.check_contents(item for item in value if isinstance(item, Content))
    render = None
    for rel, source in sorted(_build.plan.sources.items()):
        if rel in _build.checked or not source.markdown or source.kind is None or source.text is None:
            continue
        render = render or checker.markdown_renderer(_build.plan.settings)
        _build.check(source, render(source.text))
    for generator in generators:
        _keep_the_good(vars(generator).values())
        _keep_the_good((getattr(generator, "context", None) or {}).values())
    if generators:
        _clear_earlier_pages(generators[0].output_path)


def _clear_earlier_pages(output):
    """Take away what an earlier build wrote for a file now left out (before this build writes).

    A development build writes over the same output/ each time: without this,
    the page of a post that has since broken would still be there, as it was.
    """
    preview = _build.settings.get("NEWSLETTER_PREVIEW_SAVE_AS")
    for rel in sorted(_build.broken):
        source = _build.plan.sources[rel]
        earlier = [source.save_as] if source.save_as else []
        if preview and source.kind is not None and source.kind.name == "issue" and source.slug:
            folder = str(preview).format(slug=source.slug)
            earlier += [os.path.join(folder, "email.html"), os.path.join(folder, "email.txt")]
        for path in earlier:
            target = os.path.abspath(os.path.join(output, path))
            if target.startswith(os.path.abspath(output) + os.sep) and os.path.isfile(target):
                os.remove(target)


def register():
    connect(signals.initialized, check_settings)
    connect(signals.generator_init, read_content)
    connect(signals.article_generator_pretaxonomy, check_articles)
    connect(signals.page_generator_finalized, check_pages)
    connect(signals.all_generators_finalized, check_the_rest)
