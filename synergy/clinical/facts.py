"""A fact's sentence as HTML, rendered with the site's own Markdown settings."""

import copy
import re

import markdown

from ..placeholders import Placeholders

PARAGRAPH = re.compile(r"^<p>(?P<inner>.*)</p>$", re.DOTALL)


def renderer(markdown_settings):
    """A function Markdown sentence -> inline HTML, as the site's pages render it."""
    config = copy.deepcopy(markdown_settings or {})
    configs = config.get("extension_configs") or {}
    extensions = [item for item in config.get("extensions") or [] if not isinstance(item, Placeholders)]
    extensions += [name for name in configs if name not in extensions]
    engine = markdown.Markdown(extensions=extensions, extension_configs=configs,
                               output_format=config.get("output_format", "html5"))

    def render(text):
        engine.reset()
        html = engine.convert(text).strip()
        match = PARAGRAPH.match(html)
        return match["inner"] if match else html

    return render


def placeholder_values(facts, markdown_settings):
    """{"fact:key": HTML} for every fact."""
    render = renderer(markdown_settings)
    return {f"fact:{key}": render(fact["text"]) for key, fact in facts.items()}


def used(text):
    """The fact keys a Markdown text writes as {fact:key}, in order, each once."""
    return list(dict.fromkeys(re.findall(r"\{fact:([a-z0-9][a-z0-9_-]*)\}", text)))
