"""Addresses Mailchimp refuses for good, remembered so that they are not sent on every run.

Mailchimp will not take back a contact who was permanently deleted ("Forgotten
Email Not Subscribed") or who is in a compliance state (unsubscribed, bounced,
reported abuse), and it rejects addresses it judges fake. Those refusals come
back inside a batch answer as per-member errors with the error_code
ERROR_GENERIC, the same code as passing trouble, so the message is what tells
them apart. Worse, a forgotten contact reads back as 404 Not Found, exactly like
someone new: nothing in the audience shows that they cannot be added. So the
first refusal is written to private/signups-refused.json (per audience, keyed
by Mailchimp's subscriber hash, never the address) and later runs report the
row as rejected without sending it. The person can come back only by signing
up through the form; once they are a member again, the record is dropped.
"""

import json
import re
from pathlib import Path

from ..cache import write_atomically
from ..errors import SignupFileError
from .audience import subscriber_hash

FILE_NAME = "signups-refused.json"
# What Mailchimp says (per-member "error" text) when it will never take the address.
PERMANENT = ("permanently deleted", "compliance state", "looks fake or invalid")


def is_permanent(message):
    text = (message or "").lower()
    return any(phrase in text for phrase in PERMANENT)


class RefusedAddresses:
    def __init__(self, private, list_id):
        self.path = Path(private) / FILE_NAME
        self.list_id = list_id
        self._all = self._load()
        self._changed = False

    def _load(self):
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise SignupFileError(
                f"{self.path}: cannot be read ({error}) -- delete it: Mailchimp will refuse those "
                "addresses again on the next run, and they will be recorded again") from None
        if not isinstance(data, dict):
            raise SignupFileError(f"{self.path}: is not a record of refused addresses -- delete it")
        return data

    @property
    def _here(self):
        return self._all.setdefault(self.list_id, {})

    def reason(self, email):
        """Mailchimp's reason for refusing the address, with the day, or ""."""
        entry = self._here.get(subscriber_hash(email))
        return f"{entry['reason']} (refused on {entry['day']})" if entry else ""

    def add(self, email, reason, day):
        # Mailchimp's message names the address; the record keeps none.
        reason = re.sub(re.escape(email.strip()), "the address", reason, flags=re.IGNORECASE)
        self._here[subscriber_hash(email)] = {"reason": reason, "day": day}
        self._changed = True

    def forget(self, email):
        if self._here.pop(subscriber_hash(email), None):
            self._changed = True

    def save(self):
        if self._changed:
            write_atomically(self.path, json.dumps(self._all, indent=1, sort_keys=True) + "\n")
            self._changed = False
