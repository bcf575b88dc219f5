"""Link checker for the built site: internal links must resolve, external ones are only listed.

Every href, src and srcset in every built HTML file (and every url() in its CSS) is
resolved the way a static server would: a folder means its index.html, and a
#fragment must name an id (or <a name>) on the target page. Links to other hosts
are collected for a report and never fetched.
"""

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import tinycss2
from bs4 import BeautifulSoup

from .pages import url_path

IGNORED_SCHEMES = {"mailto", "tel", "sms", "data"}
URL_ATTRIBUTES = ("href", "src", "poster")
# Mailchimp merge tags (*|UNSUB|*) in email previews: Mailchimp writes the link at send time.
MERGE_TAG = re.compile(r"^\*\|[A-Z0-9_:]+\|\*$")
# Fragments a browser understands without any id on the page.
BUILT_IN_FRAGMENTS = {"", "top"}


@dataclass
class LinkReport:
    problems: list = field(default_factory=list)        # one line each
    external: dict = field(default_factory=dict)        # url -> sorted pages using it

    @property
    def ok(self):
        return not self.problems

    def external_text(self, shown=3):
        """One line per external URL with where it is used (never fetched)."""
        lines = []
        for url in sorted(self.external):
            pages = self.external[url]
            more = f" and {len(pages) - shown} more" if len(pages) > shown else ""
            lines.append(f"{url}\t{len(pages)} page(s): {', '.join(pages[:shown])}{more}")
        return "\n".join(lines) + ("\n" if lines else "")


def srcset_urls(value):
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if parts:
            yield parts[0]


def html_urls(html):
    """(url, ids) of one HTML document: every linked URL, and every fragment target it offers."""
    soup = BeautifulSoup(html, "html.parser")
    urls = []
    for tag in soup.find_all(True):
        for attr in URL_ATTRIBUTES:
            value = tag.get(attr)
            if value is not None:
                urls.append(value.strip())
        if tag.get("srcset"):
            urls += list(srcset_urls(tag["srcset"]))
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    ids |= {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
    return urls, ids


def css_urls(css):
    """Every url() and @import in a stylesheet."""
    found = []

    def walk(nodes, in_import=False):
        for node in nodes or ():
            if node.type == "url":
                found.append(node.value)
            elif node.type == "string" and in_import:
                found.append(node.value)
            elif node.type == "function" and node.lower_name == "url":
                found.extend(t.value for t in node.arguments if t.type == "string")
            elif node.type == "at-rule":
                walk(node.prelude, in_import=node.lower_at_keyword == "import")
                walk(node.content)
            else:
                for child in ("prelude", "content", "arguments"):
                    walk(getattr(node, child, None))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


class _Site:
    def __init__(self, output):
        self.output = Path(output)
        self._ids = {}

    def target(self, path):
        """The file a static server returns for a URL path, or None."""
        rel = unquote(path).lstrip("/")
        candidate = self.output / rel
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        try:
            candidate.resolve().relative_to(self.output.resolve())
        except ValueError:
            return None  # climbs out of the site
        return candidate if candidate.is_file() else None

    def ids(self, file):
        if file not in self._ids:
            self._ids[file] = html_urls(file.read_text(encoding="utf-8", errors="replace"))[1]
        return self._ids[file]


def check_links(output, site_origins=()):
    """Check every internal link under output/; returns a LinkReport.

    site_origins: absolute origins (such as "http://localhost:8000") that are this
    site, so absolute links to them are checked like relative ones.
    """
    site = _Site(output)
    origins = {o.rstrip("/") for o in site_origins if o}
    report = LinkReport()
    external = defaultdict(set)

    files = sorted(p for p in site.output.rglob("*") if p.suffix in (".html", ".css"))
    for file in files:
        rel = str(file.relative_to(site.output))
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix == ".html":
            urls, ids = html_urls(text)
            site._ids[file] = ids
        else:
            urls = css_urls(text)
        base = "http://site.invalid" + url_path(rel)
        for url in dict.fromkeys(urls):
            problem = _check_one(site, origins, file, base, url, external, rel)
            if problem:
                report.problems.append(f"{rel}: {problem}")

    report.external = {url: sorted(pages) for url, pages in external.items()}
    return report


def _check_one(site, origins, file, base, url, external, rel):
    if not url or MERGE_TAG.match(url):
        return None  # an empty href links to the page itself
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in IGNORED_SCHEMES:
        return None
    if scheme == "javascript":
        return f"link {url!r} runs script: use a button"
    origin = f"{scheme}://{parts.netloc}" if parts.netloc else ""
    if parts.netloc and origin not in origins:
        external[url].add(rel)
        return None
    if scheme and not parts.netloc:
        external[url].add(rel)  # another kind of URL (sip:, ...): listed, not checked
        return None
    absolute = urlsplit(urljoin(base, url)) if not parts.netloc else parts
    target = site.target(absolute.path or "/")
    if target is None:
        return f"link {url!r} points at no file in the built site"
    fragment = unquote(absolute.fragment)
    if (fragment not in BUILT_IN_FRAGMENTS and not fragment.startswith(":~:")
            and target.suffix == ".html" and fragment not in site.ids(target)):
        where = "this page" if target == file else str(target.relative_to(site.output))
        return f"link {url!r}: no id {fragment!r} on {where}"
    return None


def main(argv=None):
    """`python -m synergy.gates.links OUTPUT [REPORT] [ORIGIN...]`: print problems, write the report."""
    argv = list(sys.argv[1:] if argv is None else argv)
    output = Path(argv[0] if argv else "output")
    report_path = Path(argv[1]) if len(argv) > 1 else None
    report = check_links(output, argv[2:])
    if report_path:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(report.external_text(), encoding="utf-8")
    for line in report.problems:
        print(line)
    print(f"{len(report.problems)} broken internal links; "
          f"{len(report.external)} external links listed"
          + (f" in {report_path}" if report_path else ""))
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
