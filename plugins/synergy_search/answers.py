"""The FAQ answers of each written page, taken from the content object that page shows.

The FAQ plugin leaves each page's questions on its content object (`faq`: a
list of items with `id`, `question` and `answer`, the answer's visible text, as
its FAQPage JSON-LD gives it). Reading them there, as each page is written,
costs nothing; parsing every built page again to find them was a good part of
a cold build. The attribute is read, never the plugin imported: without the FAQ
plugin there are simply no FAQ results.
"""

import os

from pelican.contents import Content

from .pages import page_url


def _text(value):
    return " ".join(str(value or "").split())


# Where Pelican's generators (and the newsletter's) put the object a page shows.
SHOWN = ("article", "page", "issue")


def shown_content(context, rel_path):
    """The content object a page written at rel_path shows (its own save_as), or None."""
    for key in SHOWN:
        value = context.get(key)
        if isinstance(value, Content) and getattr(value, "save_as", None) == rel_path:
            return value
    for value in context.values():
        if isinstance(value, Content) and getattr(value, "save_as", None) == rel_path:
            return value
    return None


def page_answers(content, rel_path):
    """One record per FAQ question of a content object: {'url', 'question', 'answer', 'page_title'}."""
    return [
        {"url": f"{page_url(rel_path)}#{item.id}", "question": _text(item.question),
         "answer": _text(item.answer), "page_title": _text(getattr(content, "title", ""))}
        for item in getattr(content, "faq", None) or ()
        if getattr(item, "id", None)
    ]


class Answers:
    """The FAQ answers of one build, page by page, as Pelican writes (or keeps) each page."""

    def __init__(self, output_path):
        self.output_path = os.path.abspath(output_path)
        self.by_page = {}

    def page_written(self, path, context):
        rel = os.path.relpath(os.path.abspath(path), self.output_path).replace(os.sep, "/")
        content = shown_content(context, rel)
        if content is not None and getattr(content, "faq", None):
            self.by_page[rel] = page_answers(content, rel)

    def of(self, rel_paths):
        """The answers of these pages, in their order."""
        return [answer for rel in rel_paths for answer in self.by_page.get(rel, ())]
