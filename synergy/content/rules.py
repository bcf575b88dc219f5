"""The content rules: what makes a file fit to publish. `invoke lint` and every build run them.

Three groups, each returning catalogue messages (synergy.catalogue.Said):

- file_rules(plan, source): the metadata as written (unknown lines, dates,
  categories, required lines, review and consent records, the template's words);
- site_rules(plan): what depends on other files (two files at one address, an
  address the site keeps for itself, a file in a folder nothing reads);
- body_rules(plan, source, html): the links and images of the file's HTML, as
  the Markdown reader made it (a build passes Pelican's; the lint renders it).

A file with an error is left out of a build; a warning stops nothing.
"""

import datetime
import difflib
import html as html_escape
import posixpath
import re
from urllib.parse import unquote, urljoin, urlsplit

from ..catalogue import say
from . import schema
from .site import address, parse_date
from .skeletons import PLACEHOLDERS

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- one file's metadata ----------------------------------------------------------------

def file_rules(plan, source):
    """Problems in one Markdown source's metadata, in the order an editor reads them."""
    if not source.markdown or source.kind is None:
        return []
    if source.text is None:
        return [say("content.not_utf8")]
    if source.blank_first_line:
        return [say("content.blank_first_line")]
    found = []
    if source.stranded:
        first = source.stranded[0]
        found.append(say("content.metadata_after_blank", line=first.line, label=first.label))
    kind, meta = source.kind, source.meta
    labels = {item.name: item.label for item in reversed(source.fields + source.stranded)}
    seen = set()
    for item in source.fields:
        if item.name in seen:
            found.append(say("content.given_twice", field=item.name))
        seen.add(item.name)
    found += _unknown(kind, source.fields)
    found += _empty(source, labels)
    found += _required(kind, meta)
    found += _values(plan, kind, meta, labels)
    draft = source.draft
    if kind.name in ("article", "page") and not draft:
        found += _review(meta)
    if not draft:
        found += _review_age(plan, meta)
    if kind.name == "testimonial" or schema.TESTIMONIAL_FIELD in meta:
        found += [say("content.testimonial_needs_consent", field=name)
                  for name in schema.CONSENT_FIELDS if name not in meta]
    if kind.name == "issue" and len(meta.get("preview", "")) > schema.PREVIEW_MAX_LENGTH:
        found.append(say("content.preview_too_long", length=len(meta["preview"]),
                         limit=schema.PREVIEW_MAX_LENGTH))
    if not draft:
        found += [say("content.placeholder", words=_short(marker))
                  for name in ("summary", "preview") for marker in _placeholders(meta.get(name, ""))][:1]
    return found


def _unknown(kind, fields):
    known = schema.known_keys(kind)
    found, seen = [], set()
    for item in fields:
        if item.name in known or item.name in seen:
            continue
        seen.add(item.name)
        near = difflib.get_close_matches(item.name, known, n=1, cutoff=0.6)
        if near:
            found.append(say("content.unknown_key_near", label=item.label, suggestion=_label(near[0])))
        else:
            listed = ", ".join(_label(name) for name in known)
            found.append(say("content.unknown_key", label=item.label, known=listed))
    return found


def _label(name):
    return name[:1].upper() + name[1:]


def _empty(source, labels):
    found = []
    for name, value in source.meta.items():
        if value or not schema.needs_value(name):
            continue
        # A draft may leave its review for later; publishing needs it.
        if source.draft and name in schema.REVIEW_FIELDS:
            continue
        found.append(say("content.empty", field=name, label=labels[name]))
    return found


def _required(kind, meta):
    listed = meta.get("status", "").strip().lower() != "hidden"
    needed = kind.required + (kind.required_if_listed if listed else ())
    own = dict(kind.missing)
    return [say(own[name]) if name in own else say("content.missing", field=name, label=_label(name))
            for name in needed if name not in meta]


def _values(plan, kind, meta, labels):
    found = []
    status = meta.get("status")
    if status and status.strip().lower() not in kind.statuses:
        found.append(say("content.unknown_status", value=status))
    for name, value in meta.items():
        key = schema.KEYS.get(name)
        if key is None or not value:
            continue
        if key.value == schema.DATE and parse_date(value, plan.now.tzinfo) is None:
            found.append(say("content.not_a_date", field=name, value=value))
        elif key.value == schema.DAY:
            day = _day(value)
            if day is None:
                found.append(say("content.not_a_day", field=name, value=value))
            elif day > plan.now.date():
                found.append(say("content.in_the_future", field=name, value=value))
        elif key.value == schema.YES_NO and value.strip().lower() not in schema.YES + schema.NO:
            found.append(say("content.not_yes_or_no", field=name, value=value, label=labels[name]))
        elif key.value == schema.CATEGORY and value.strip() not in _categories(plan):
            found.append(say("content.unknown_category", value=value,
                             choices=", ".join(_categories(plan))))
    return found


def _categories(plan):
    return [str(name) for name in plan.settings.get("CONTENT_CATEGORIES") or schema.CATEGORIES]


def _clinical_reason(meta):
    if meta.get("clinical", "").strip().lower() in schema.YES:
        return "it says Clinical: yes"
    category = meta.get("category", "").strip()
    if category.lower() in schema.CLINICAL_CATEGORIES:
        return f"its category is {category}"
    for tag in (t.strip() for t in meta.get("tags", "").split(",")):
        if tag.lower() in schema.CLINICAL_TAGS:
            return f"it is tagged {tag}"
    return None


def _review(meta):
    why = _clinical_reason(meta)
    if why is None:
        return []
    return [say("content.clinical_needs_review", field=name, why=why, label=_label(name))
            for name in schema.REVIEW_FIELDS if name not in meta]


def _review_age(plan, meta):
    reviewed = _day(meta.get("last_reviewed", ""))
    today = plan.now.date()
    if reviewed is not None and reviewed < _months_before(today, schema.REVIEW_MAX_AGE_MONTHS):
        return [say("content.review_overdue", value=meta["last_reviewed"])]
    return []


def _day(value):
    value = (value or "").strip()
    if not DAY.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _months_before(day, months):
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue


def _placeholders(text):
    """The template's words in text, in the order they appear."""
    flat = " ".join(str(text).split())
    return sorted((marker for marker in PLACEHOLDERS if marker in flat), key=flat.index)


def _short(text, limit=60):
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


# --- across the site ---------------------------------------------------------------------

def site_rules(plan):
    """{rel: [Said, ...]} for problems that depend on more than one file."""
    found = {}
    taken = {}
    for rel, source in sorted(plan.sources.items()):
        if not source.readable:
            name = posixpath.basename(rel).split(".")[0] or "post"
            found.setdefault(rel, []).append(say("content.misnamed", name=f"{name}.md"))
        if source.kind is None:
            found.setdefault(rel, []).append(say("content.wrong_folder", folder=_belongs(plan, source)))
            continue
        if not source.readable:
            continue
        if not source.save_as:
            continue
        site_page = plan.site_files.get(source.save_as)
        if site_page:
            found.setdefault(rel, []).append(
                say("content.reserved_slug", value=source.slug, url=address(source.save_as)))
            continue
        first = taken.setdefault(source.save_as, source)
        if first is not source:
            found.setdefault(rel, []).append(
                say("content.slug_taken", value=source.slug, other=first.shown))
    return found


def _belongs(plan, source):
    """The folder a stray file was probably meant for, as the editor knows it."""
    meta = source.meta
    if "subject" in meta or "preview" in meta:
        return plan.folder_of("issue")
    if "category" in meta or "tags" in meta or "date" in meta:
        return plan.folder_of("article")
    if meta:
        return plan.folder_of("page")
    return f"{plan.folder_of('article')} (a post) or {plan.folder_of('page')} (a page)"


# --- links and images -------------------------------------------------------------------

# The elements that link or load something (the rest of the HTML is not looked at).
TAG = re.compile(r"<(?P<tag>a|img|source|link|area|iframe|embed|video|audio|track|object)\b(?P<attrs>[^>]*)>",
                 re.IGNORECASE)
ATTRIBUTE = re.compile(r"""\b(?P<name>href|src|srcset|alt)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""",
                       re.IGNORECASE)
INDICATOR = re.compile(r"^[{|](?P<what>[^}|]*)[}|](?P<value>.*)$")
PELICAN_INDICATORS = ("filename", "static", "attach", "category", "tag", "author", "index")
IMAGES = ("img", "source")
WEB = ("http", "https")


def links(html):
    """(tag, attribute, value, alt or None) of every link and image address in html."""
    for match in TAG.finditer(html or ""):
        tag = match["tag"].lower()
        attrs = {}
        for found in ATTRIBUTE.finditer(match["attrs"]):
            value = found["dq"] if found["dq"] is not None else found["sq"]
            attrs.setdefault(found["name"].lower(), html_escape.unescape(value))
        for name in ("href", "src"):
            if name in attrs:
                yield tag, name, attrs[name].strip(), attrs.get("alt")
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.split():
                yield tag, "srcset", candidate.split()[0], attrs.get("alt")


def text_of(html):
    """The words of html, tags removed, spaces collapsed."""
    return " ".join(html_escape.unescape(re.sub(r"<[^>]+>", "", html or "")).split())


def body_rules(plan, source, html):
    """Problems in one source's text (its HTML): links, images, the template's words."""
    if not source.markdown or source.kind is None or source.text is None:
        return []
    found = []
    for tag, attribute, value, alt in links(html):
        image = tag in IMAGES
        if image and tag == "img" and attribute == "src" and not (alt or "").strip():
            found.append(say("content.empty_alt", image=posixpath.basename(value)))
        problem = _link(plan, source, value, image, attribute)
        if problem and problem not in found:
            found.append(problem)
    if not source.draft and any(marker[:12] in html for marker in PLACEHOLDERS):
        found += [say("content.placeholder", words=_short(marker))
                  for marker in _placeholders(text_of(html))][:1]
    return found


def _link(plan, source, value, image, attribute):
    if not value or value.startswith("#"):
        return None
    indicator = INDICATOR.match(value)
    if indicator:
        if attribute == "srcset":
            return None  # Pelican replaces no {static} inside srcset; the link check sees it
        return _indicated(plan, source, indicator["what"], indicator["value"], value, image)
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if value.startswith("//") or scheme in WEB:
        if parts.hostname and parts.hostname.lower() in _own_hosts(plan):
            return _internal(plan, source, parts.path or "/", value, image)
        return say("content.remote_image", target=value) if image else None
    if scheme:
        return None  # mailto:, tel:, data: ...
    return _internal(plan, source, value, value, image)


def _indicated(plan, source, what, rest, value, image):
    if what not in PELICAN_INDICATORS:
        return say("content.unknown_link_kind", target=value, kind=what)
    rel = _resolve(source, what, rest)
    if rel is None:
        return None  # {tag}, {category}, {index}: Pelican's own lists
    target = plan.sources.get(rel)
    if what == "filename":
        if target is not None:
            return _unpublished(plan, source, target, rest)
        if rel in plan.files:
            return say("content.filename_for_static", target=rest)
        return say("content.missing_link", target=rest)
    if target is None and rel not in plan.files:
        return say("content.missing_image" if image else "content.missing_link", target=rest)
    return None


def _resolve(source, what, rest):
    """The content file a {filename}, {static} or {attach} link names (posix, under content/)."""
    if what not in ("filename", "static", "attach"):
        return None
    path = unquote(urlsplit(rest).path)
    if not path:
        return None
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source.rel), path))


def linked_files(source, html):
    """Every content file the {filename}, {static} and {attach} links in html name."""
    for _tag, attribute, value, _alt in links(html):
        indicator = INDICATOR.match(value)
        if indicator and attribute != "srcset":
            rel = _resolve(source, indicator["what"], indicator["value"])
            if rel:
                yield rel


def _unpublished(plan, source, target, shown_target):
    """A problem when a file that is not a draft links to one the site does not publish."""
    if source.draft or plan.on_site(target):
        return None
    when = plan.scheduled(target)
    if target.kind is None:
        what = "a file in a folder the site does not read"
    elif when is not None:
        what = f"a file dated {when:%Y-%m-%d %H:%M}, not on the site until then"
    elif target.draft or target.kind.name == "issue":
        what = "a draft, which is not on the site"
    else:
        what = "a file the site does not publish as a page of its own"
    return say("content.link_to_unpublished", target=shown_target, what=what)


def _own_hosts(plan):
    hosts = {str(host).lower() for host in plan.settings.get("SITE_HOSTS") or ()}
    siteurl = urlsplit(str(plan.settings.get("SITEURL") or ""))
    if siteurl.hostname:
        hosts.add(siteurl.hostname.lower())
    return hosts


def _internal(plan, source, path, shown_target, image):
    """A link to a page or file of this site, written as an address."""
    base = "/" + (source.url or "")
    where = address(unquote(urlsplit(urljoin(base, path)).path))
    candidates = [where] + ([where + "/"] if where and not where.endswith("/") else [])
    for candidate in candidates:
        if candidate in plan.urls:
            return None
        target = plan.by_url.get(candidate)
        if target is not None:
            return _unpublished(plan, source, target, shown_target)
    if image:
        return say("content.missing_image", target=shown_target)
    pages = [url for url, what in plan.urls.items() if what in plan.sources or url.endswith("/")]
    near = difflib.get_close_matches(where, pages, n=1, cutoff=0.8)
    if near:
        return say("content.no_such_page_near", target=shown_target, suggestion="/" + near[0])
    return say("content.no_such_page", target=shown_target)
