"""The content lint: the content rules over a whole content folder, one Problem per mistake.

The rules are the build's (synergy.content.rules); only the HTML differs in
origin: a build hands over what Pelican's Markdown reader made, the lint
renders each file with the same reader settings (MARKDOWN).
"""

import copy
import os
from typing import NamedTuple

from ..catalogue import ERROR, WARNING, counted, line, say, text
from . import extras, rules
from .site import BOM, scan


class Problem(NamedTuple):
    path: str      # as the editor knows it: content/blog/x.md
    said: object   # synergy.catalogue.Said

    @property
    def ref(self):
        return self.said.ref

    @property
    def severity(self):
        return self.said.severity

    @property
    def line(self):
        return line(self.path, self.said)


def lint_settings(content_root, today=None, settings=None):
    """The settings the lint runs with: the site's (if given), its folder, and its clock."""
    merged = dict(settings or {})
    merged["PATH"] = os.path.abspath(content_root)
    if today is not None:
        merged["BUILD_NOW"] = today
    return merged


def lint(content_root, today=None, settings=None):
    """All problems in the content folder, file by file in name order."""
    plan = scan(lint_settings(content_root, today, settings))
    across = rules.site_rules(plan)
    render = markdown_renderer(plan.settings)
    found = []
    for rel, source in sorted(plan.sources.items()):
        said = rules.file_rules(plan, source) + across.get(rel, [])
        if source.markdown and source.kind is not None and source.text is not None:
            added, html = extras.rules(plan, source, render(source.text))
            said += rules.body_rules(plan, source, html) + added
        found += [Problem(source.shown, item) for item in said]
    return found


def markdown_renderer(settings):
    """A function Markdown text -> HTML, made as Pelican's Markdown reader makes it."""
    import markdown

    config = copy.deepcopy(settings.get("MARKDOWN") or {})
    configs = config.setdefault("extension_configs", {})
    configs.setdefault("markdown.extensions.meta", {})
    extensions = config.setdefault("extensions", [])
    extensions += [name for name in configs if name not in extensions]
    # The practice's placeholders and the shared facts, filled as the build fills them.
    extensions += extras.extensions(settings)
    engine = markdown.Markdown(**config)

    def render(text_):
        engine.reset()
        return engine.convert(text_.lstrip(BOM))

    return render


def content_files(content_root):
    """The files the lint checks: every Markdown source under the content folder."""
    plan = scan(lint_settings(content_root))
    return [source.path for _, source in sorted(plan.sources.items()) if source.markdown]


def report(problems, files_checked):
    """The lines to print and whether the lint passed (warnings do not fail it)."""
    lines = [problem.line for problem in problems]
    errors = sum(1 for problem in problems if problem.severity == ERROR)
    warnings = sum(1 for problem in problems if problem.severity == WARNING)
    lines.append(text("lint.summary", errors=counted(errors, "error"),
                      warnings=counted(warnings, "warning"), files=counted(files_checked, "file")))
    return lines, errors == 0


def no_folder(path):
    return Problem(str(path), say("lint.no_folder"))
