"""Pelican's Markdown reader, taking what the pool already made."""

from markdown import Markdown
from pelican.readers import MarkdownReader

from synergy import worker


class _MetadataMarkdown:
    """What the reader's metadata step asks of its Markdown: a `meta` step to drop, and, only
    for FORMATTED_FIELDS, a converter (made when first needed)."""

    def __init__(self, config):
        self.config = config
        self.markdown = None
        self.preprocessors = self
        self.dropped = None

    def deregister(self, name, strict=True):
        # Pelican drops the `meta` step so a formatted field's text is not read as metadata.
        self.dropped = name

    def reset(self):
        return self._real().reset()

    def convert(self, text):
        return self._real().convert(text)

    def _real(self):
        if self.markdown is None:
            self.markdown = Markdown(**self.config)
            if self.dropped:
                self.markdown.preprocessors.deregister(self.dropped, strict=False)
        return self.markdown


def reader_class(take):
    """A MarkdownReader that asks take(path, settings) first; None from it means: parse here."""

    class PooledMarkdownReader(MarkdownReader):
        def read(self, source_path):
            done = take(source_path, self.settings)
            if done is None:
                return super().read(source_path)
            html, meta, records = done
            worker.replay(records, source_path)
            self._source_path = source_path
            self._md = _MetadataMarkdown(self.settings["MARKDOWN"])
            return html, self._parse_metadata(meta)

    return PooledMarkdownReader
