"""What builds keep between runs: digests, atomic writes, and digest-keyed JSON caches.

Pelican's content cache keeps what its readers made; plugins keep their own
results (an FAQ rewrite, a page's search answers) in a DigestCache under
CACHE_PATH, keyed by a digest of everything the result depends on. Like
Pelican's cache, it is read only in a build that reuses cached work
(`reads_cache`) and written when CACHE_CONTENT is on, and it keeps only the
entries the last build used, so results for text that is gone drop out.
"""

import hashlib
import json
import os
import tempfile


def reads_cache(settings):
    """True when this build may reuse what an earlier build cached.

    A strict build never does: a file served from a cache would not repeat its
    warnings, and a strict build must see every one.
    """
    return bool(settings.get("LOAD_CONTENT_CACHE")) and not settings.get("STRICT_BUILD")


def digest(parts):
    """A SHA-256 over (label, text or bytes) pairs; labels and lengths keep inputs apart."""
    sha = hashlib.sha256()
    for label, data in parts:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        sha.update(f"{label}\0{len(data)}\0".encode())
        sha.update(data)
    return sha.hexdigest()


def file_digest(path):
    """The SHA-256 of a file's bytes."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            sha.update(block)
    return sha.hexdigest()


def write_atomically(path, data):
    """Write bytes or text so that a reader sees the old file or the new one, never half."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def read_json(path, default=None):
    """A JSON file's value, or default when it is missing or not JSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return default


class DigestCache:
    """{digest: JSON value} kept in one file of the cache folder for the next build."""

    def __init__(self, settings, file_name):
        self.path = os.path.join(settings.get("CACHE_PATH", "cache"), file_name)
        self.save_enabled = bool(settings.get("CACHE_CONTENT"))
        old = read_json(self.path, {}) if reads_cache(settings) else {}
        self.old = old if isinstance(old, dict) else {}
        self.new = {}

    def get(self, key):
        """The entry kept for key by the last build (kept again for the next), or None."""
        entry = self.old.get(key)
        if entry is not None:
            self.new[key] = entry
        return entry

    def put(self, key, entry):
        self.new[key] = entry

    def get_or_make(self, key, make):
        """The cached entry for key, or make() (kept for the next build)."""
        entry = self.get(key)
        if entry is None:
            entry = make()
            self.put(key, entry)
        return entry

    def save(self):
        """Keep this build's entries only."""
        if self.save_enabled:
            write_atomically(self.path, json.dumps(self.new, ensure_ascii=False))
