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
    # Each FAQ question (the FAQ plugin's `faq` list on a page) is also a result of its
    # own, at page#answer-id, holding the answer's text.
    "SEARCH_FAQ": True,
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
    checks.yes_or_no(values, "SEARCH_INDEX")
    checks.yes_or_no(values, "SEARCH_FAQ")
    checks.strings(values, "SEARCH_EXCLUDE", example="['email-preview/', '404.html']")
    checks.strings(values, "SEARCH_IGNORE_SELECTORS", example="['.medical-note']")
    values["SEARCH_DOCUMENTS"] = _documents(values["SEARCH_DOCUMENTS"])
    values["SEARCH_OUTPUT"] = output.strip("/")
    settings.update(values)
    return {
        "index": values["SEARCH_INDEX"],
        "exclude": values["SEARCH_EXCLUDE"],
        "ignore_selectors": values["SEARCH_IGNORE_SELECTORS"],
        "faq": values["SEARCH_FAQ"],
        "documents": values["SEARCH_DOCUMENTS"],
        "output": values["SEARCH_OUTPUT"],
    }
