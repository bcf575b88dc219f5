"""Campaign HTML from Mailchimp, made safe and impersonal for the public archive.

What a sent campaign holds that must not reach the site, and what happens to it:
- anything that runs or loads: nh3 keeps an allow-list of tags and attributes
  (no script, style, event handler, iframe, svg, form, meta), and only http(s)
  addresses; elements styled hidden go first, since without their styles they
  would show (Mailchimp hides the preview text in the body so);
- personal links, which act for whoever clicks them on the web copy:
  unsubscribe, profile, forward, a subscriber's id (`e=` on Mailchimp's links,
  `mc_eid` on others) and mailto: links are removed;
- click tracking: a wrapped link goes straight to its destination when the
  wrapper names it, else the link is unwrapped to its text;
- merge tags (*|FNAME|*): removed; *|IF:...|* blocks keep their ELSE part;
- tracking pixels: 1x1, zero-size or hidden images, and known open trackers.
Remote images that remain are for images.py to download or drop.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
URL_SCHEMES = {"http", "https"}
DROPPED_WITH_CONTENT = {"script", "style", "title", "noscript", "template", "iframe", "object",
                        "embed", "form", "select", "textarea", "button", "svg", "math", "head",
                        "video", "audio", "canvas", "map"}
# Open-tracking images: Mailchimp's own and the common patterns of others.
TRACKING_SRC = re.compile(
    r"list-manage\.com/track|/track/open|open\.php|[/?&](pixel|beacon|tracking)[/.?=&_-]|"
    r"/(o|open)\.gif|/e/o/|mcusercontent\.com/.*/open",
    re.IGNORECASE,
)
# A merge tag, also with its pipes encoded in a URL (*%7CUNSUB%7C*).
MERGE_TAG = re.compile(r"\*(?:\||%7C)[A-Za-z0-9_:\- .,/]{1,80}(?:\||%7C)\*", re.IGNORECASE)
MERGE_IF = re.compile(r"\*\|(?:IF|IFNOT|ELSEIF):[^|]*\|\*(?P<then>.*?)"
                      r"(?:\*\|ELSE:\|\*(?P<otherwise>.*?))?\*\|END:IF\|\*", re.DOTALL)
MAILCHIMP_HOSTS = re.compile(r"(^|\.)(list-manage\.com|mailchi\.mp|campaign-archive\.com|eepurl\.com|"
                             r"mailchimp\.com|forward-to-friend\.com|mcusercontent\.com)$", re.IGNORECASE)
PERSONAL_PATHS = re.compile(r"/(unsubscribe|profile|forward|vcard|about|track/open)(/|$|\?)",
                            re.IGNORECASE)
CLICK_TRACKING = re.compile(r"/track/click|/ls/click|/wf/click|/c/|/click\b", re.IGNORECASE)
DESTINATION_PARAMS = ("url", "u", "redirect", "redirect_url", "destination", "dest", "target", "link")
SUBSCRIBER_PARAMS = {"mc_eid", "mc_cid"}
HIDDEN_STYLE = re.compile(r"display:none|visibility:hidden|opacity:0(?:\.0*)?(?:;|$)|"
                          r"(?:^|;)(?:max-)?(?:height|width):0(?:px)?(?:;|$)|font-size:0(?:px)?(?:;|$)")
SIZE_STYLE = re.compile(r"(?:^|;)(?:max-)?(?:width|height):[01](?:px)?(?:;|$)")


def clean_campaign_html(html):
    """The body of a sent campaign as safe, impersonal HTML for the web archive."""
    html = MERGE_IF.sub(lambda m: m["otherwise"] or "", html or "")
    soup = BeautifulSoup(html, "html.parser")
    root = soup.body or soup
    for element in [e for e in root.find_all(True) if _hidden(e)]:
        if not element.decomposed:
            element.decompose()
    for image in root.find_all("img"):
        if is_tracking_pixel(image):
            image.decompose()
    for link in root.find_all("a"):
        _settle_link(link)
    body = MERGE_TAG.sub("", root.decode_contents())
    cleaned = nh3.clean(body, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                        clean_content_tags=DROPPED_WITH_CONTENT, link_rel="noopener noreferrer")
    return _drop_empty(cleaned)


def _style(tag):
    return re.sub(r"\s+", "", str(tag.get("style", "")).lower())


def _hidden(element):
    return element.has_attr("hidden") or bool(HIDDEN_STYLE.search(_style(element)))


def is_tracking_pixel(image):
    if TRACKING_SRC.search(image.get("src", "")):
        return True
    if SIZE_STYLE.search(_style(image)):
        return True
    for attribute in ("width", "height"):
        value = str(image.get(attribute, "")).strip().lower().removesuffix("px")
        if value.isdigit() and int(value) <= 1:
            return True
    return False


def _settle_link(link):
    """Keep, redirect, unwrap or remove one link."""
    href = (link.get("href") or "").strip()
    if link.decomposed or not href or href.startswith("#"):
        return
    if MERGE_TAG.search(href):
        link.decompose()
        return
    if is_click_tracking(href):
        href = tracked_destination(href)
        if href is None:  # Mailchimp's own: the destination is known only to Mailchimp
            link.unwrap()
            return
    if is_personal(href):
        link.decompose()
        return
    scheme = urlsplit(href).scheme.lower()
    if scheme not in URL_SCHEMES:  # mailto:, javascript:, data:, or a path on Mailchimp's site
        if scheme == "mailto" and "@" in link.get_text():
            link.decompose()
        else:
            link.unwrap()
        return
    link["href"] = without_subscriber_params(href)


def is_personal(url):
    """A link that acts for the subscriber it was sent to."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    if MAILCHIMP_HOSTS.search(parts.hostname or ""):
        return "e" in params or bool(PERSONAL_PATHS.search(parts.path))
    return bool(re.search(r"/(unsubscribe|optout|opt-out)(/|$)", parts.path, re.IGNORECASE))


def is_click_tracking(url):
    parts = urlsplit(url)
    return bool(CLICK_TRACKING.search(parts.path)) and (
        bool(MAILCHIMP_HOSTS.search(parts.hostname or "")) or tracked_destination(url) is not None)


def tracked_destination(url):
    """The address a click-tracking link forwards to, when the link names it, else None."""
    for name, value in parse_qsl(urlsplit(url).query):
        if name.lower() in DESTINATION_PARAMS and urlsplit(value).scheme in URL_SCHEMES:
            return value
    return None


def without_subscriber_params(url):
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in SUBSCRIBER_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _drop_empty(html):
    # Layout tables leave empty cells and paragraphs behind; they carry nothing.
    soup = BeautifulSoup(html, "html.parser")
    for image in soup.find_all("img"):
        if not image.get("src", "").strip():  # its data: or javascript: address was taken out
            image.decompose()
    for tag in soup.find_all(["p", "span", "div", "td", "a"]):
        if not tag.decomposed and not tag.get_text(strip=True) and not tag.find(["img", "br", "hr"]):
            tag.decompose()
    return str(soup).strip()
