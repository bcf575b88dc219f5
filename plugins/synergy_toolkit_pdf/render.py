"""The toolkit as print HTML (theme/print/toolkit.html) and as a tagged PDF/UA-1 (WeasyPrint)."""

import os
import re
import time

import jinja2

# The site's palette, taken from its stylesheet so the PDF follows any change of colour.
TOKEN = re.compile(r"--(ink|paper|muted|accent|accent-ink|sand|line)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;")
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def site_colours(theme_path):
    """{token: hex colour} from the :root block of the site's CSS; empty when it has none."""
    css_path = os.path.join(theme_path, "static", "css", "site.css")
    try:
        with open(css_path, encoding="utf-8") as handle:
            css = handle.read()
    except OSError:
        return {}
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    return dict(TOKEN.findall(root.group(1))) if root else {}


def print_files(print_path):
    """(relative name, bytes) of every file of the PDF's templates and styles, in a stable order."""
    found = []
    for folder, _dirs, files in os.walk(print_path):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                found.append((os.path.relpath(path, print_path), handle.read()))
    return sorted(found)


def build_html(toolkit, print_path, page):
    """The print document: the toolkit's parts in theme/print/toolkit.html; page holds site values."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(print_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("toolkit.html").render(toolkit=toolkit, **page)


def render_pdf(html, print_path):
    """(pdf bytes, page count, seconds taken) for the print document."""
    from weasyprint import HTML  # imported here so a build that reuses the cached PDF never loads it

    started = time.perf_counter()
    document = HTML(string=html, base_url=print_path + os.sep).render(**PDF_OPTIONS)
    pdf = document.write_pdf(**PDF_OPTIONS)
    return pdf, len(document.pages), time.perf_counter() - started
