"""Which built pages are searchable, and at what URL."""

import re
from pathlib import Path

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


def excluded(rel_path, exclude):
    """A prefix ending in / excludes a folder; any other entry excludes that one file."""
    return any(rel_path.startswith(entry) if entry.endswith("/") else rel_path == entry
               for entry in exclude)


def searchable_pages(output, exclude, skip=()):
    """(relative path, html) for every built page marked searchable, in a stable order
    (pages in `skip` are not read)."""
    output = Path(output)
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        if rel in skip or excluded(rel, exclude):
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        if BODY_MARK in html:
            yield rel, html

