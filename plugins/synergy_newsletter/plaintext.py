"""The plain-text part of an email, made from its HTML.

Readable as it stands in a text-only mail client: headings underlined,
paragraphs wrapped at 72 columns, lists with dashes or numbers, and each link's
address written after its text.
"""

import re
import textwrap

from bs4 import BeautifulSoup, NavigableString, Tag

WIDTH = 72
BLOCKS = {"p", "div", "td", "th", "tr", "table", "tbody", "thead", "section", "article",
          "header", "footer", "blockquote", "center", "figure", "figcaption", "address"}
SKIP = {"head", "style", "script", "title", "img"}
BREAK = "\x00"  # stands for <br> until lines are wrapped


def html_to_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(_hidden):
        hidden.decompose()
    root = soup.body or soup
    blocks = []
    _blocks(root, blocks, prefix="", width=WIDTH)
    text = "\n\n".join(block for block in blocks if block.strip())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _hidden(tag):
    # What select(".preheader, [aria-hidden=true]") finds, without loading soupsieve
    # (and compiling its patterns) in a rebuild that needs no other selector.
    return "preheader" in (tag.get("class") or ()) or tag.get("aria-hidden") == "true"


def _blocks(node, blocks, prefix, width):
    """Append the text blocks under node; inline runs become one wrapped paragraph."""
    run = []

    def flush():
        text = _squash("".join(run))
        run.clear()
        if text:
            blocks.append(_wrap(text, prefix, width))

    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ in ("Comment", "Doctype", "Declaration"):
                continue
            run.append(_flat(str(child)))
            continue
        if not isinstance(child, Tag) or child.name in SKIP:
            continue
        name = child.name
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            title = _squash(_inline(child))
            if title:
                rule = "=" if name == "h1" else "-"
                blocks.append(title + "\n" + rule * min(len(title), width))
        elif name in ("ul", "ol"):
            flush()
            for number, item in enumerate(child.find_all("li", recursive=False), start=1):
                marker = f"{number}. " if name == "ol" else "- "
                inner = []
                _blocks(item, inner, prefix="", width=width - len(prefix) - len(marker))
                body = "\n".join(inner)
                lines = body.splitlines() or [""]
                indent = " " * len(marker)
                blocks.append("\n".join(
                    [prefix + marker + lines[0]] + [prefix + indent + line for line in lines[1:]]))
        elif name == "hr":
            flush()
            blocks.append("-" * 20)
        elif name == "br":
            run.append(BREAK)
        elif name == "blockquote":
            flush()
            _blocks(child, blocks, prefix=prefix + "> ", width=width)
        elif name in BLOCKS:
            flush()
            _blocks(child, blocks, prefix, width)
        else:
            run.append(_inline(child))
    flush()


def _flat(text):
    # A newline in HTML source is a space; only <br> breaks a line.
    return re.sub(r"\s+", " ", text)


def _inline(node):
    if isinstance(node, NavigableString):
        return _flat(str(node))
    if node.name in SKIP:
        return ""
    if node.name == "br":
        return BREAK
    text = "".join(_inline(child) for child in node.children)
    if node.name == "a" and node.get("href"):
        href = node["href"].strip()
        label = _squash(text)
        if href.startswith("mailto:") and label == href[len("mailto:"):]:
            return label
        if not label or label == href:
            return href
        return f"{text} ({href})"
    return text


def _squash(text):
    lines = [re.sub(r"[ \u00a0]+", " ", line).strip() for line in text.split(BREAK)]
    return "\n".join(line for line in lines if line)


def _wrap(text, prefix, width):
    out = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width - len(prefix), break_long_words=False,
                                 break_on_hyphens=False) or [""])
    return "\n".join(prefix + line for line in out)
