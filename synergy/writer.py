"""The site's writer: Pelican's, naming the file each page comes from, and leaving alone a page
whose inputs did not change.

- Pelican replaces `{filename}` links when a page's content is first rendered,
  and its warnings name only the link; rendered inside `problems.about()`, they
  name the file they are in.
- In a build that reuses cached work, a page whose digest (synergy.page_inputs:
  its template and every value the template can read) is the one the last
  build recorded, and whose file is still the one that build wrote (same size
  and time), is not rendered again and its file is not touched. Pelican's
  `content_written` signal is still sent for it, so whoever lists the site's
  pages (the sitemap, search, share images) hears of every page. An editor's
  rebuild after one change renders what shows that change, not the whole site.

Cold and strict builds render every page and make no digests: the first cached
build after one renders every page too, and records them for the next.
"""

import os

from pelican import signals
from pelican.contents import Content
from pelican.writers import Writer

from . import problems
from .page_inputs import PageInputs


class _Template:
    """The page's template, rendered only when the writer says the page changed."""

    def __init__(self, template, writer):
        self.template = template
        self.writer = writer

    def render(self, context):
        return self.writer.render(self.template, context)

    def __getattr__(self, name):
        return getattr(self.template, name)


class SiteWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.inputs = PageInputs(self.settings, output_path)
        self._keeping = None
        # Held weakly by the signal: gone with this writer, so builds in one process never pile up.
        signals.finalized.connect(self.save)

    def _add_item_to_the_feed(self, feed, item):
        # A feed renders each post's content again (with the feed's absolute links).
        with problems.about(getattr(item, "source_path", None)):
            return super()._add_item_to_the_feed(feed, item)

    def write_file(self, name, template, context, *args, **kwargs):
        source = next((value.source_path for value in kwargs.values()
                       if isinstance(value, Content) and getattr(value, "source_path", None)),
                      None)
        with problems.about(source):
            return super().write_file(name, _Template(template, self), context, *args, **kwargs)

    def render(self, template, context):
        """The page's HTML; or, for a page left as it is, nothing (its file is then not opened)."""
        if not self.inputs.enabled:
            return template.render(context)
        path = os.path.abspath(os.path.join(self.output_path, context["output_file"]))
        page_digest = self.inputs.digest(template, context)
        first_write = path not in self._written_files and path not in self._overridden_files
        if first_write and self.inputs.unchanged(path, page_digest):
            self._keeping = path
            self.inputs.made(path, page_digest)
            return ""
        html = template.render(context)
        self.inputs.made(path, page_digest)
        return html

    def _open_w(self, filename, encoding, override=False):
        if self._keeping is None or os.path.abspath(filename) != self._keeping:
            return super()._open_w(filename, encoding, override)
        # Pelican's own record of what was written, as if it had written it; the file is kept.
        self._keeping = None
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return open(os.devnull, "w", encoding=encoding)

    def save(self, _pelican=None):
        """At `finalized`: keep the record of every page for the next build."""
        self.inputs.save()
