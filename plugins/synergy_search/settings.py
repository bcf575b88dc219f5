"""The search settings, read once with defaults (written back) and checked at `initialized`."""

from synergy import settings as checks
from synergy.errors import SettingsError

DEFAULTS = {
    # Write the index at the end of every build.
    "SEARCH_INDEX": True,
    # Built paths (relative to the output folder) never indexed, whatever their markup.
    "SEARCH_EXCLUDE": ["email-preview/", "drafts/", "pagefind/", "404.html", "404/"],
    # Parts of an indexed page that would only add noise to every result; the FAQ's
    # "Link to this answer" links would otherwise show in the page's excerpts.
    "SEARCH_IGNORE_SELECTORS": [
        ".medical-note", ".review-line", "header .meta", ".signup-card", ".newsletter-recent",
        ".faq-permalink",
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


def _documents(value):
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise SettingsError("SEARCH_DOCUMENTS", f"{value!r} is not a list",
                            "give a list of {'path', 'title', 'kind'} dicts")
    documents = []
    for number, doc in enumerate(value, 1):
        missing = [k for k in ("path", "title", "kind")
                   if not isinstance(doc, dict) or not isinstance(doc.get(k), str) or not doc.get(k)]
        if missing:
            raise SettingsError("SEARCH_DOCUMENTS", f"item {number} has no '{missing[0]}'",
                                "give each document a path (in the output folder), a title and a kind")
        documents.append({"path": doc["path"].lstrip("/"), "title": doc["title"], "kind": doc["kind"]})
    return documents


def read(settings):
    """The search settings with defaults written back; SettingsError when one is wrong."""
    values = checks.resolve(settings, DEFAULTS)
    output = values["SEARCH_OUTPUT"]
    if not isinstance(output, str) or not output.strip("/") or ".." in output:
        raise SettingsError("SEARCH_OUTPUT", f"{output!r} is not a folder name",
                            "give a folder inside the output folder, such as 'pagefind'")
    selector = values["SEARCH_FAQ_SELECTOR"]
    if not isinstance(selector, str):
        raise SettingsError("SEARCH_FAQ_SELECTOR", f"{selector!r} is not a CSS selector",
                            "give a selector such as 'details', or '' for no FAQ results")
    checks.yes_or_no(values, "SEARCH_INDEX")
    checks.strings(values, "SEARCH_EXCLUDE", example="['email-preview/', '404.html']")
    checks.strings(values, "SEARCH_IGNORE_SELECTORS", example="['.medical-note']")
    values["SEARCH_DOCUMENTS"] = _documents(values["SEARCH_DOCUMENTS"])
    values["SEARCH_OUTPUT"] = output.strip("/")
    settings.update(values)
    return {
        "index": values["SEARCH_INDEX"],
        "exclude": values["SEARCH_EXCLUDE"],
        "ignore_selectors": values["SEARCH_IGNORE_SELECTORS"],
        "faq_selector": selector,
        "documents": values["SEARCH_DOCUMENTS"],
        "output": values["SEARCH_OUTPUT"],
    }
