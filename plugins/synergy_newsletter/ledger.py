"""The ledger: which campaign each issue became, in what state, from which text.

A small JSON file kept in git (NEWSLETTER_LEDGER, data/newsletter-ledger.json)
that `invoke newsletter --send` updates and commits. It is a record for people
and a second guard, not the source of truth: Mailchimp is. An issue the ledger
says was scheduled or sent is never sent again, even if Mailchimp no longer
shows its campaign.

    {"issues": {"2026-11-november": {"campaign_id": "...", "state": "scheduled",
                "content_hash": "sha256:...", "source": "content/newsletter/....md",
                "updated": "2026-11-28T14:03:00+00:00", ...}}}
"""

import fcntl
import json
import os
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

from synergy.cache import write_atomically
from synergy.errors import LedgerError

# States an issue's campaign can be in, as the ledger names them.
DONE = ("scheduled", "sending", "sent")

_THREADS = threading.Lock()


class Ledger:
    def __init__(self, path):
        self.path = os.fspath(path)

    def entries(self):
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            return {}
        except ValueError as error:
            raise LedgerError(
                f"{self.path}: not valid JSON ({error}) -- restore it from git "
                "(git checkout -- the file) before sending"
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("issues", {}), dict):
            raise LedgerError(f"{self.path}: not a ledger (no 'issues' object) -- restore it "
                              "from git (git checkout -- the file) before sending")
        return dict(data.get("issues", {}))

    def get(self, slug):
        return self.entries().get(slug)

    def record(self, slug, **fields):
        """Merge fields into the slug's entry, under a lock, written atomically."""
        with self._locked():
            entries = self.entries()
            entry = dict(entries.get(slug, {}))
            entry.update({k: v for k, v in fields.items() if v is not None})
            entry["updated"] = datetime.now(UTC).replace(microsecond=0).isoformat()
            entries[slug] = entry
            self._write(entries)
        return entry

    @contextmanager
    def _locked(self):
        # Threads of one run and runs on one machine take turns; runs on two
        # machines each keep their own copy, which git merges by key. The lock
        # file lives beside the ledger (git-ignored), so it goes when its folder does.
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        lock_path = os.path.abspath(self.path) + ".lock"
        with _THREADS, open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _write(self, entries):
        text = json.dumps({"issues": dict(sorted(entries.items()))}, indent=2, sort_keys=True)
        write_atomically(self.path, text + "\n")
