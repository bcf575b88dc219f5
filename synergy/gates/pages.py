"""One built page per distinct template, found in the output so the list follows the content.

Each template is named once with where its page lives. Fixed pages are given by path;
pages whose URL depends on content (an article, a tag, a newsletter issue) are found
by looking at the output, so adding or renaming content never breaks the gates.
"""

from pathlib import Path

# Folders under blog/ that hold lists, not articles.
BLOG_LIST_FOLDERS = {"tag", "tags", "category", "categories", "archive", "page"}


def _fixed(rel):
    def find(output):
        return rel if (output / rel).is_file() else None
    find.expected = rel
    return find


def _first_child(folder, exclude=()):
    """The first (alphabetical) <folder>/<name>/index.html, skipping list folders."""
    def find(output):
        base = output / folder
        if not base.is_dir():
            return None
        for child in sorted(p for p in base.iterdir() if p.is_dir()):
            if child.name not in exclude and (child / "index.html").is_file():
                return f"{folder}/{child.name}/index.html"
        return None
    find.expected = f"{folder}/<first>/index.html"
    return find


# name -> how to find its page. Every entry is required: a missing page fails the gates.
TEMPLATES = {
    "home": _fixed("index.html"),
    "article": _first_child("blog", exclude=BLOG_LIST_FOLDERS),
    "blog-index": _fixed("blog/index.html"),
    "archive": _fixed("blog/archive/index.html"),
    "tag": _first_child("blog/tag"),
    "category": _first_child("blog/category"),
    "tags-index": _fixed("blog/tags/index.html"),
    "categories-index": _fixed("blog/categories/index.html"),
    "page": _fixed("about/index.html"),
    "kap-faq": _fixed("ketamine-assisted-psychotherapy/index.html"),
    "toolkit": _fixed("toolkit/index.html"),
    "toolkit-thanks": _fixed("toolkit/thanks/index.html"),
    "privacy": _fixed("privacy/index.html"),
    "newsletter-archive": _fixed("newsletter/index.html"),
    "newsletter-issue": _first_child("newsletter", exclude={"page"}),
    "404": _fixed("404.html"),
    "search": _fixed("search/index.html"),
}

# The pages Lighthouse audits (`invoke audit`).
AUDITED = ["home", "article", "kap-faq", "toolkit"]


class MissingPage(LookupError):
    pass


def find_page(output, name):
    """The output-relative path of the page for template `name`; MissingPage when absent."""
    finder = TEMPLATES[name]
    rel = finder(Path(output))
    if rel is None:
        raise MissingPage(
            f"no page for the {name!r} template in the built site: expected {finder.expected}"
        )
    return rel


def url_path(rel):
    """The URL path a browser asks for: folders end in '/', not 'index.html'."""
    rel = str(rel)
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def html_pages(output):
    """Every built HTML file, output-relative, sorted."""
    output = Path(output)
    return sorted(str(p.relative_to(output)) for p in output.rglob("*.html"))
