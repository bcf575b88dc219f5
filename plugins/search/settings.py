"""The search settings, read once with defaults and checked at `initialized`."""

DEFAULTS = {
    # Write the index at the end of every build.
    "SEARCH_INDEX": True,
    # Built paths (relative to the output folder) never indexed, whatever their markup.
    "SEARCH_EXCLUDE": ["email-preview/", "drafts/", "pagefind/", "404.html", "404/"],
    # Parts of an indexed page that would only add noise to every result.
    "SEARCH_IGNORE_SELECTORS": [
        ".medical-note", ".review-line", "header .meta", ".signup-card", ".newsletter-recent",
    ],
    # An element under data-pagefind-body holding one FAQ question (its <summary>)
    # and its answer; each becomes its own result at page#id, the id being the
    # element's own or else the first one inside it (the answer's).
    "SEARCH_FAQ_SELECTOR": "details",
    # Files (paths in the output folder) whose text is searchable, each a result of its own.
    "SEARCH_DOCUMENTS": [
        {"path": "toolkit/wellness-toolkit.pdf", "title": "Boost Your Wellness Toolkit (PDF)", "kind": "toolkit"},
    ],
    # Folder of the index inside the output folder.
    "SEARCH_OUTPUT": "pagefind",
}


class SearchSettingsError(ValueError):
    """A search setting that cannot work, named with what to do about it."""


def _strings(name, value):
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v for v in value):
        raise SearchSettingsError(f"{name} must be a list of non-empty strings -- got {value!r}")
    return list(value)


def _documents(value):
    if not isinstance(value, (list, tuple)):
        raise SearchSettingsError(
            f"SEARCH_DOCUMENTS must be a list of {{'path', 'title', 'kind'}} dicts -- got {value!r}")
    documents = []
    for number, doc in enumerate(value, 1):
        missing = [k for k in ("path", "title", "kind")
                   if not isinstance(doc, dict) or not isinstance(doc.get(k), str) or not doc.get(k)]
        if missing:
            raise SearchSettingsError(
                f"SEARCH_DOCUMENTS item {number}: '{missing[0]}' is missing -- give each document "
                "a path (in the output folder), a title and a kind")
        documents.append({"path": doc["path"].lstrip("/"), "title": doc["title"], "kind": doc["kind"]})
    return documents


def read(settings):
    """The search settings with defaults filled in; raises SearchSettingsError when one is wrong."""
    get = lambda name: settings.get(name, DEFAULTS[name])  # noqa: E731
    output = get("SEARCH_OUTPUT")
    if not isinstance(output, str) or not output.strip("/") or ".." in output:
        raise SearchSettingsError(
            f"SEARCH_OUTPUT must be a folder name inside the output folder -- got {output!r}")
    selector = get("SEARCH_FAQ_SELECTOR")
    if not isinstance(selector, str):
        raise SearchSettingsError(f"SEARCH_FAQ_SELECTOR must be a CSS selector -- got {selector!r}")
    return {
        "index": bool(get("SEARCH_INDEX")),
        "exclude": _strings("SEARCH_EXCLUDE", get("SEARCH_EXCLUDE")),
        "ignore_selectors": _strings("SEARCH_IGNORE_SELECTORS", get("SEARCH_IGNORE_SELECTORS")),
        "faq_selector": selector,
        "documents": _documents(get("SEARCH_DOCUMENTS")),
        "output": output.strip("/"),
    }
