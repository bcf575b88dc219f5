"""FAQ rewrites kept between builds that use the content cache.

Pelican's content cache keeps what the Markdown reader made, not the objects
built from it, so `content_object_init` runs for every file on every build and
each FAQ page would be parsed and rewritten again. The rewrite is a pure
function of the HTML and the two FAQ settings, so its outcome is kept by a
digest of the three. Like Pelican's own cache it is read only when
LOAD_CONTENT_CACHE is on (cold and strict builds rewrite every page afresh) and
written when CACHE_CONTENT is on.
"""

import hashlib
import json
import os
import tempfile

from .sections import Question, Section

FILE_NAME = "faq-sections.json"


def key(html, css_class, link_text):
    digest = hashlib.sha256()
    for part in (css_class, link_text, html):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def encode(html, sections):
    return {"html": html, "sections": [
        {"heading": s.heading, "questions": [[q.id, q.question, q.answer] for q in s.questions]}
        for s in sections]}


def decode(entry):
    sections = [Section(s["heading"], [Question(*q) for q in s["questions"]]) for s in entry["sections"]]
    return entry["html"], sections


class RewriteCache:
    def __init__(self, settings):
        self.path = os.path.join(settings.get("CACHE_PATH", "cache"), FILE_NAME)
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        self.old = self._load() if settings.get("LOAD_CONTENT_CACHE") else {}
        self.new = {}

    def _load(self):
        try:
            with open(self.path, encoding="utf-8") as handle:
                entries = json.load(handle)
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, digest):
        entry = self.old.get(digest)
        if entry is not None:
            self.new[digest] = entry
        return entry

    def put(self, digest, entry):
        self.new[digest] = entry

    def save(self):
        """Keep this build's entries only: rewrites of text that is gone drop out."""
        if not self.save_enabled:
            return
        folder = os.path.dirname(self.path) or "."
        os.makedirs(folder, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.new, out, ensure_ascii=False)
        os.replace(temporary, self.path)
