"""The API key: all a build needs to know before it connects.

Kept apart from client.py so that a build without a key never imports the
Mailchimp client and requests.
"""

import os

from ..errors import MailchimpConfigError

KEY_VARIABLE = "MAILCHIMP_API_KEY"


def has_key():
    """True when MAILCHIMP_API_KEY is set to something (an empty value counts as unset)."""
    return bool(os.environ.get(KEY_VARIABLE, "").strip())


def api_key():
    """The API key from the environment, or MailchimpConfigError naming the variable."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if not key:
        raise MailchimpConfigError(KEY_VARIABLE, "not set",
                                   f"export the Mailchimp API key as {KEY_VARIABLE}")
    return key
