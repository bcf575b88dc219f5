"""Which built pages are searchable, at what URL, and the FAQ answers they hold."""

import re
from pathlib import Path

from bs4 import BeautifulSoup

# Templates put this on the element whose text may be found; a page without it
# (tag lists, the 404 page, the search page, email previews) is never indexed.
BODY_MARK = "data-pagefind-body"


def page_url(rel_path):
    """The URL Pagefind gives a built file: folders for index.html, from the site root."""
    url = "/" + rel_path.replace("\\", "/")
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def only_these(rel_paths):
    """A Pagefind (wax) glob matching these relative paths and, in practice, nothing else.

    A character the glob syntax could read as an operator matches as `?` (any one
    character): Pelican's slugs never hold one, and wax rejects escaped spaces.
    """
    safe = (re.sub(r"[^A-Za-z0-9._/-]", "?", rel) for rel in rel_paths)
    return "{" + ",".join(safe) + "}"


def _excluded(rel_path, exclude):
    """A prefix ending in / excludes a folder; any other entry excludes that one file."""
    return any(rel_path.startswith(entry) if entry.endswith("/") else rel_path == entry
               for entry in exclude)


def searchable_pages(output, exclude):
    """(relative path, html) for every built page marked searchable, in a stable order."""
    output = Path(output)
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        if _excluded(rel, exclude):
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        if BODY_MARK in html:
            yield rel, html


def _text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def faq_answers(rel_path, html, faq_selector, ignore_selectors):
    """One record per FAQ question on a page: {'url', 'question', 'answer', 'page_title'}."""
    # Every FAQ item has a <summary>; parsing only pages that hold one keeps big sites quick.
    if not faq_selector or "<summary" not in html:
        return []
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find(attrs={BODY_MARK: True})
    if body is None:
        return []
    heading = body.find("h1")
    page_title = _text(heading) if heading else ""
    answers = []
    for item in body.select(faq_selector):
        # Parts the templates keep out of the index (an "On this page" disclosure) are no answers.
        if item.find_parent(attrs={"data-pagefind-ignore": True}) or item.has_attr("data-pagefind-ignore"):
            continue
        summary = item.find("summary")
        if summary is None:
            continue
        question = _text(summary)
        summary.extract()
        inner = item.find(id=True)
        anchor = item.get("id") or (inner["id"] if inner else None)
        if not anchor:
            continue
        # Drop the item's own "link to this answer" and anything the index ignores.
        # The same as select('a[href$="#anchor"]'), without compiling a selector for every anchor.
        for link in item.find_all("a", href=True):
            if link["href"].endswith(f"#{anchor}"):
                link.decompose()
        for selector in ignore_selectors:
            for noise in item.select(selector):
                noise.decompose()
        answers.append({
            "url": f"{page_url(rel_path)}#{anchor}",
            "question": question,
            "answer": _text(item),
            "page_title": page_title,
        })
    return answers
