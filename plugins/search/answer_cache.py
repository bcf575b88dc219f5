"""The FAQ answers found on each built page, kept between builds that use the content cache.

Finding them parses every page that holds a <details>, and an editor's rebuild
after one edit writes those pages again byte for byte. The answers are a pure
function of the page's path, its HTML and the search settings, so they are
looked up by a digest of all three. Like Pelican's own content cache, they are
read only when LOAD_CONTENT_CACHE is on (so a cold or strict build finds every
answer afresh) and written when CACHE_CONTENT is on.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

FILE_NAME = "search-faq-answers.json"


def _key(rel_path, html, config_key):
    digest = hashlib.sha256()
    for part in (config_key, rel_path, html):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class AnswerCache:
    def __init__(self, cache_path, faq_selector, ignore_selectors, *, load, save):
        self.path = Path(cache_path) / FILE_NAME
        self.config_key = json.dumps([faq_selector, list(ignore_selectors)])
        self.save_enabled = save
        self.old = self._load() if load else {}
        self.new = {}

    def _load(self):
        try:
            with open(self.path, encoding="utf-8") as handle:
                entries = json.load(handle)
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def answers(self, rel_path, html, find):
        """find(rel_path, html), or what it gave for exactly this page in the last build."""
        key = _key(rel_path, html, self.config_key)
        found = self.old.get(key)
        if found is None:
            found = find(rel_path, html)
        self.new[key] = found
        return found

    def save(self):
        """Keep this build's answers only: pages that are gone drop out."""
        if not self.save_enabled:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.new, out, ensure_ascii=False)
        os.replace(temporary, self.path)
