"""The toolkit as print HTML (theme/print/toolkit.html) and as a tagged PDF/UA-1 (WeasyPrint)."""

import os
import time

import jinja2

from synergy.palette import site_colours as _site_colours

# The colours the PDF uses, taken from the site's stylesheet so it follows any change of palette.
PRINTED_COLOURS = ("ink", "paper", "muted", "accent", "accent-ink", "sand", "line")
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def site_colours(theme_path):
    """{token: hex colour} of the printed colours, from the :root block of the site's CSS."""
    return _site_colours(theme_path, PRINTED_COLOURS)


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
