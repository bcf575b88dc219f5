"""Campaign HTML from Mailchimp, made safe to publish on the site.

nh3 keeps only harmless tags and attributes (no scripts, event handlers,
javascript: URLs, forms or iframes); before that, the open-tracking pixels and
Mailchimp's merge-tag links (unsubscribe, preferences) are taken out, since the
web copy is not anyone's email.
"""

import re

import nh3
from bs4 import BeautifulSoup

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "div", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Open-tracking images: Mailchimp's own and the common patterns of others.
TRACKING_SRC = re.compile(
    r"list-manage\.com/track|/track/open|open\.php|[/?&](pixel|beacon|tracking)[/.?=&_-]|"
    r"/(o|open)\.gif|/e/o/|mcusercontent\.com/.*/open",
    re.IGNORECASE,
)
MERGE_TAG = re.compile(r"\*\|[A-Z0-9_:]+\|\*")


def clean_campaign_html(html):
    """The body of a sent campaign as safe HTML for the web archive."""
    soup = BeautifulSoup(html or "", "html.parser")
    root = soup.body or soup
    for image in root.find_all("img"):
        if is_tracking_pixel(image):
            image.decompose()
    for link in root.find_all("a"):
        if MERGE_TAG.search(link.get("href", "")):
            link.decompose()
    body = MERGE_TAG.sub("", root.decode_contents())
    cleaned = nh3.clean(
        body, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "title", "noscript", "template", "iframe",
                            "object", "embed", "form", "select", "textarea", "button"},
        link_rel="noopener noreferrer",
    )
    return _drop_empty(cleaned)


def is_tracking_pixel(image):
    if TRACKING_SRC.search(image.get("src", "")):
        return True
    style = re.sub(r"\s+", "", image.get("style", "").lower())
    if "display:none" in style or re.search(r"(^|;)(width|height):[01]px", style):
        return True
    for attribute in ("width", "height"):
        value = str(image.get(attribute, "")).strip().lower().removesuffix("px")
        if value.isdigit() and int(value) <= 1:
            return True
    return False


def _drop_empty(html):
    # Layout tables leave empty cells and paragraphs behind; they carry nothing.
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["p", "span", "div", "td"]):
        if not tag.get_text(strip=True) and not tag.find(["img", "br", "hr"]):
            tag.decompose()
    return str(soup).strip()
