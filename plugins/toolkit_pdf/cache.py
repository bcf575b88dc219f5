"""The last render, kept in the cache folder beside the fingerprint of everything it was made from."""

import hashlib
import json
import os
import tempfile
import time

PDF_NAME = "wellness-toolkit.pdf"
RECORD_NAME = "wellness-toolkit.json"


def fingerprint(parts):
    """A SHA-256 over (label, bytes) pairs; a label keeps two inputs from running together."""
    digest = hashlib.sha256()
    for label, data in parts:
        if isinstance(data, str):
            data = data.encode("utf-8")
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


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
        try:
            with open(self.record_path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return {}

    def lookup(self, key):
        """The cached PDF's path when it was rendered from exactly these inputs, else None."""
        if self.record().get("fingerprint") == key and os.path.isfile(self.pdf_path):
            return self.pdf_path
        return None

    def store(self, key, pdf_bytes, seconds, pages):
        renders = int(self.record().get("renders", 0)) + 1
        os.makedirs(self.folder, exist_ok=True)
        _write_atomically(self.pdf_path, pdf_bytes)
        record = {
            "fingerprint": key,
            "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "render_seconds": round(seconds, 3),
            "bytes": len(pdf_bytes),
            "pages": pages,
            "renders": renders,
        }
        _write_atomically(self.record_path, json.dumps(record, indent=2).encode("utf-8"))
        return self.pdf_path


def _write_atomically(path, data):
    # An interrupted build must never leave a half-written PDF that a later build would reuse.
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
