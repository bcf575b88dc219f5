"""Mailchimp, the one way: settings, the API key, a dependable client and paging.

- settings.py: the MAILCHIMP_* settings, checked once for everyone who reads them;
- key.py: MAILCHIMP_API_KEY (a build without it never imports the client);
- client.py: connect() and the Mailchimp wrapper every call goes through;
- pages.py: every item of a paged list (campaigns, members, tags).

    from synergy.mailchimp import connect
    with connect(settings) as mc:
        mc.get("/lists/a1b2c3d4e5", {"fields": "id,name"})

connect, every and the error classes are imported lazily, so `import
synergy.mailchimp` costs a build nothing until it really talks to Mailchimp.
"""

from ..errors import AnswerLost, MailchimpConfigError, MailchimpError  # noqa: F401
from .key import KEY_VARIABLE, api_key, has_key  # noqa: F401


def connect(*args, **kwargs):
    """A Mailchimp connection (see client.py); loads the client on first use."""
    from .client import connect as _connect

    return _connect(*args, **kwargs)
