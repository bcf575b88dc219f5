"""The last render, kept in the cache folder beside the fingerprint of everything it was made from."""

import json
import os
import time

from synergy.cache import read_json, write_atomically

PDF_NAME = "wellness-toolkit.pdf"
RECORD_NAME = "wellness-toolkit.json"


class RenderCache:
    """One slot: the PDF and a JSON record of it.

    The record holds the fingerprint, when and how long the render took, and
    how many renders this cache folder has seen, which shows (to an editor or
    a test) whether a build rendered the PDF or reused it.
    """

    def __init__(self, folder):
        self.folder = folder
        self.pdf_path = os.path.join(folder, PDF_NAME)
        self.record_path = os.path.join(folder, RECORD_NAME)

    def record(self):
        return read_json(self.record_path, {}) or {}

    def lookup(self, key):
        """The cached PDF's path when it was rendered from exactly these inputs, else None."""
        if self.record().get("fingerprint") == key and os.path.isfile(self.pdf_path):
            return self.pdf_path
        return None

    def store(self, key, pdf_bytes, seconds, pages):
        renders = int(self.record().get("renders", 0)) + 1
        # An interrupted build must never leave a half-written PDF that a later build would reuse.
        write_atomically(self.pdf_path, pdf_bytes)
        record = {
            "fingerprint": key,
            "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "render_seconds": round(seconds, 3),
            "bytes": len(pdf_bytes),
            "pages": pages,
            "renders": renders,
        }
        write_atomically(self.record_path, json.dumps(record, indent=2))
        return self.pdf_path
