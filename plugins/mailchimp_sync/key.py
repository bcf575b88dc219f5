"""The API key and the error for a missing setting: all a build needs to know before it connects.

Kept apart from client.py so that a build without a key never imports the
Mailchimp client and requests.
"""

import os

KEY_VARIABLE = "MAILCHIMP_API_KEY"


class MailchimpConfigError(RuntimeError):
    """Mailchimp cannot be reached because a setting is missing or malformed."""


def api_key():
    """The API key from the environment, or MailchimpConfigError naming the variable."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise MailchimpConfigError(
            f"{KEY_VARIABLE} is not set -- export the Mailchimp API key as {KEY_VARIABLE}")
    return key
