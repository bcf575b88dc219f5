"""The ledger: which campaign each issue became, in what state, from which text.

A small JSON file kept in git (NEWSLETTER_LEDGER, data/newsletter-ledger.json)
that `invoke newsletter --send` updates and commits. It is a record for people
and a second guard, not the source of truth: Mailchimp is. An issue the ledger
says was scheduled or sent is never sent again, even if Mailchimp no longer
shows its campaign. Entries are keyed by the issue's identity (issues.py: its
Issue_id, which is the slug it had at its first send), so a renamed issue keeps
its entry.

    {"issues": {"2026-11-november": {"campaign_id": "...", "state": "scheduled",
                "content_hash": "sha256:...", "source": "content/newsletter/....md",
                "slug": "2026-11-november", "tested_version": "sha256:...",
                "send_time": "...", "updated": "2026-11-28T14:03:00+00:00"}}}

What can go wrong with a file in git, and what happens:
- Two runs merged by git can leave one key twice in the JSON. JSON readers
  keep the last silently; here the entry furthest along (sent over scheduled
  over a draft) wins, so a merge never makes a sent issue look unsent.
- Conflict markers, or anything else that is not JSON, stop the run with one
  line naming the file and what to do, before anything is sent.
- Two runs on one machine take turns: `locked()` holds a lock file beside the
  ledger (git-ignored) for a whole run; the second run waits for the first.
"""

import fcntl
import json
import os
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

from synergy.cache import write_atomically
from synergy.errors import LedgerError

# States an issue's campaign can be in, as the ledger names them, least to most done.
STATES = ("draft", "tested", "scheduled", "sending", "sent", "canceled")
# Gone out, or may have (a canceled send reached some readers): never sent again.
DONE = ("scheduled", "sending", "sent", "canceled")

_PROCESS = threading.RLock()
_HELD = threading.local()


class Ledger:
    def __init__(self, path, shown=None):
        self.path = os.fspath(path)
        self.shown = shown or self.path

    def entries(self):
        try:
            with open(self.path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            return {}
        except UnicodeDecodeError:
            raise self._broken("not UTF-8 text") from None
        if "<<<<<<<" in text or ">>>>>>>" in text:
            raise LedgerError(
                f"{self.shown}: has git conflict markers -- keep every entry from both sides, "
                "delete the <<<<<<< ======= >>>>>>> lines, commit, then run again")
        try:
            data = json.loads(text, object_pairs_hook=_merge_pairs)
        except ValueError as error:
            raise self._broken(f"not valid JSON ({error})") from None
        if not isinstance(data, dict) or not isinstance(data.get("issues", {}), dict) or not all(
                isinstance(entry, dict) for entry in data.get("issues", {}).values()):
            raise self._broken("not a ledger (no 'issues' object of entries)")
        return dict(data.get("issues", {}))

    def _broken(self, what):
        return LedgerError(f"{self.shown}: {what} -- restore it from git "
                           f"(git checkout -- {self.shown}) and run again; nothing was sent")

    def get(self, key):
        return self.entries().get(key)

    def record(self, key, **fields):
        """Merge fields into the key's entry, under the lock, written atomically."""
        with self.locked():
            entries = self.entries()
            entry = dict(entries.get(key, {}))
            entry.update({k: v for k, v in fields.items() if v is not None})
            entry["updated"] = datetime.now(UTC).replace(microsecond=0).isoformat()
            entries[key] = entry
            self._write(entries)
        return entry

    @contextmanager
    def locked(self, waiting=None):
        """Hold the ledger's lock; nested uses in one thread share it.

        waiting: called once, before blocking, when another process holds it.
        """
        with _PROCESS:
            depth = getattr(_HELD, "depth", 0)
            if depth:
                _HELD.depth = depth + 1
                try:
                    yield
                finally:
                    _HELD.depth -= 1
                return
            folder = os.path.dirname(os.path.abspath(self.path))
            os.makedirs(folder, exist_ok=True)
            with open(os.path.abspath(self.path) + ".lock", "w") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    if waiting:
                        waiting()
                    fcntl.flock(lock, fcntl.LOCK_EX)
                _HELD.depth = 1
                try:
                    yield
                finally:
                    _HELD.depth = 0
                    fcntl.flock(lock, fcntl.LOCK_UN)

    def _write(self, entries):
        text = json.dumps({"issues": dict(sorted(entries.items()))}, indent=2, sort_keys=True)
        write_atomically(self.path, text + "\n")


def progress(state):
    """How far along a state is (an unknown state counts as done: never resend on doubt)."""
    return STATES.index(state) if state in STATES else len(STATES)


def _merge_pairs(pairs):
    """A JSON object; a key given twice (a git merge of two runs) keeps the entry furthest along."""
    merged = {}
    for key, value in pairs:
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict) and "state" in old:
            if progress(value.get("state")) < progress(old.get("state")):
                value = old
        merged[key] = value
    return merged
