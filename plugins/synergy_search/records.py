"""Results that are not built pages (FAQ answers, PDFs), written as small HTML files for Pagefind.

Pagefind's Python API can take them as custom records, but its service answers
one message per tenth of a second, so a site with a hundred FAQ answers would
spend ten seconds on them. Written to a scratch folder and indexed in one
add_directory call they cost a few milliseconds. Each file names the result's
real address in its `url` metadata, which Pagefind's UI links to in place of
the scratch file's own path.
"""

from html import escape
from pathlib import Path


def _meta(kind, key, value):
    return f'<meta data-pagefind-{kind}="{escape(key)}[content]" content="{escape(value)}">'


def record_html(*, url, title, text, kind, language, page_title=""):
    """One result: its title, text, kind filter and the address it links to."""
    meta = [_meta("meta", "url", url), _meta("filter", "kind", kind)]
    if page_title:
        meta.append(_meta("meta", "page", page_title))
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f'<body data-pagefind-body>{"".join(meta)}<h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>'
    )


def write_records(folder, records):
    """Write each record to folder/<n>/index.html; returns how many were written."""
    folder = Path(folder)
    for number, record in enumerate(records, 1):
        target = folder / f"{number:05d}" / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(record_html(**record), encoding="utf-8")
    return len(records)
