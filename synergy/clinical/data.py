"""data/sources.yaml, data/facts.yaml and data/approvals.yaml, read into settings and checked.

    SOURCES = data.load_sources(".../data/sources.yaml")   # {key: {title, publisher, url, date}}
    FACTS = data.load_facts(".../data/facts.yaml")         # {key: {text, sources}}
    APPROVALS = data.load_approvals(".../data/approvals.yaml")

A settings file or `pelican -e` may give them directly, so `check()` checks
what a build receives; a mistake is one SettingsError line naming the setting.
"""

import datetime
import os
import re
from urllib.parse import urlsplit

from ..errors import SettingsError
from ..settings import data_file

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Public bodies a clinical source may come from: the FDA, the NIH (NCBI,
# LiverTox, PubMed, the institutes), SAMHSA and the 988 Lifeline.
SOURCE_HOSTS = ("fda.gov", "nih.gov", "samhsa.gov", "988lifeline.org")


def _read(path):
    """The YAML mapping in path; SettingsError naming the file when it is not one."""
    data = data_file(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SettingsError(_shown(path), "is not a list of 'key:' entries",
                            "restore it from git and add entries like those")
    return data


def _shown(path):
    return os.path.join(os.path.basename(os.path.dirname(os.path.abspath(path))), os.path.basename(path))


def load_sources(path):
    return {key: dict(entry) if isinstance(entry, dict) else entry for key, entry in _read(path).items()}


def load_facts(path):
    facts = {}
    for key, entry in _read(path).items():
        if isinstance(entry, str):
            entry = {"text": entry}
        if isinstance(entry, dict):
            entry = {"text": " ".join(str(entry.get("text") or "").split()),
                     "sources": _list(entry.get("sources"))}
        facts[key] = entry
    return facts


def load_approvals(path):
    return _read(path).get("changes") or []


def _list(value):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def check(settings):
    """SOURCES, FACTS and APPROVALS as the build receives them; SettingsError at the first mistake."""
    _check_sources(settings.get("SOURCES"))
    _check_facts(settings.get("FACTS"), settings["SOURCES"])
    _check_approvals(settings.get("APPROVALS"))


def _empty(name, field, file):
    return SettingsError(f"{name}['{field}']", "is empty", f"write its {field} in {file}")


def _check_sources(sources):
    _mapping("SOURCES", sources, "data/sources.yaml")
    for key, entry in sources.items():
        name = f"SOURCES['{key}']"
        _key(name, key)
        if not isinstance(entry, dict):
            raise SettingsError(name, "has no title, publisher and url", "give all three under the key")
        for field in ("title", "publisher", "url"):
            if not str(entry.get(field) or "").strip():
                raise _empty(name, field, "data/sources.yaml")
        host = urlsplit(str(entry["url"])).hostname or ""
        if not str(entry["url"]).startswith("https://") or not any(
                host == allowed or host.endswith("." + allowed) for allowed in SOURCE_HOSTS):
            raise SettingsError(f"{name}['url']", f"{entry['url']!r} is not an https page of {', '.join(SOURCE_HOSTS)}",
                                "cite the FDA, the NIH, SAMHSA or the 988 Lifeline, by its https address")
        if entry.get("date") not in (None, ""):
            entry["date"] = _day(f"{name}['date']", entry["date"])


def _check_facts(facts, sources):
    _mapping("FACTS", facts, "data/facts.yaml")
    for key, fact in facts.items():
        name = f"FACTS['{key}']"
        _key(name, key)
        if not isinstance(fact, dict) or not str(fact.get("text") or "").strip():
            raise SettingsError(name, "has no text", "write the sentence after the key in data/facts.yaml")
        unknown = [source for source in fact.get("sources") or () if source not in sources]
        if unknown:
            raise SettingsError(f"{name}['sources']", f"{', '.join(unknown)} not in data/sources.yaml",
                                "name sources by their keys in data/sources.yaml")
        if "{fact:" in fact["text"]:
            raise SettingsError(name, "refers to another fact", "write the sentence out in full")


def _check_approvals(approvals):
    if not isinstance(approvals, list):
        raise SettingsError("APPROVALS", f"{type(approvals).__name__} is not a list",
                            "list each change under 'changes:' in data/approvals.yaml")
    for number, change in enumerate(approvals, start=1):
        name = f"APPROVALS[{number}]"
        if not isinstance(change, dict):
            raise SettingsError(name, "is not a change", "give page, question, original and approved_by")
        for field in ("page", "question", "original"):
            if not str(change.get(field) or "").strip():
                raise _empty(name, field, "data/approvals.yaml")


def _mapping(name, value, file):
    if not isinstance(value, dict):
        raise SettingsError(name, f"{type(value).__name__} is not a dict", f"give it as {file} does")


def _key(name, key):
    if not isinstance(key, str) or not KEY.fullmatch(key):
        raise SettingsError(name, "is not a key", "use lower-case words joined by hyphens, such as spravato-label")


def _day(name, value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise SettingsError(name, f"{value!r} is not a date", "write it as YYYY-MM-DD, in quotes") from None
