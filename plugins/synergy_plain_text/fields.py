"""Turn the text fields of each content object into Text, and report markup in them."""

import logging

from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.readers import MarkdownReader

from synergy import catalogue, plain_text, problems
from synergy.errors import SettingsError
from synergy.plugin import connect

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "subject", "preview")

_markdown = None   # the site's Markdown, for the summaries of Markdown files


def check_settings(pelican):
    """At `initialized`: Pelican must leave Summary lines as written; the summaries' Markdown is made here."""
    global _markdown
    formatted = pelican.settings.get("FORMATTED_FIELDS", [])
    if "summary" in formatted:
        raise SettingsError("FORMATTED_FIELDS", f"{formatted!r} has 'summary', which makes Summary "
                            "lines Markdown before their HTML can be escaped",
                            "set FORMATTED_FIELDS = [] (this plugin renders summaries itself)")
    config = dict(pelican.settings.get("MARKDOWN") or {})
    configs = config.get("extension_configs") or {}
    config["extensions"] = list(dict.fromkeys([*config.get("extensions", []), *configs]))
    _markdown = Markdown(**config)


def summary_html(raw, source_path):
    """A summary's HTML: in a Markdown file, its Markdown (typographic quotes, *emphasis*) with
    every <, > and & written as text first; in any other file, a paragraph of its text."""
    if _markdown is None or not str(source_path).endswith(tuple(f".{e}" for e in MarkdownReader.file_extensions)):
        return plain_text.as_paragraph(raw)
    text = str(plain_text.as_text(raw))
    _markdown.reset()
    return Markup(_markdown.convert(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")))


def as_text(content):
    """At `content_object_init`: title, subject and preview become Text; summary a paragraph of it."""
    metadata = getattr(content, "metadata", None)
    if not metadata:
        return
    for name in (*TEXT_FIELDS, "summary"):
        if name not in metadata or not isinstance(metadata[name], (str, list, tuple)):
            continue
        raw = metadata[name]
        if plain_text.holds_markup(raw):
            _report(content, name, raw)
        if name == "summary":
            metadata[name] = content._summary = summary_html(raw, content.source_path)
        else:
            metadata[name] = plain_text.as_text(raw)
            setattr(content, name, metadata[name])


def _report(content, name, raw):
    shown = " ".join(raw) if isinstance(raw, (list, tuple)) else str(raw)
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    problems.report(logger, content.settings, content.source_path,
                    catalogue.text("plain_text.holds_markup", field=name, value=shown),
                    level=logging.WARNING)


def register():
    connect(signals.initialized, check_settings)
    connect(signals.content_object_init, as_text)
