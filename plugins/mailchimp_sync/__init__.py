"""Mailchimp for the site: a dependable client, the build-time audience check, offline signups.

- client.py: connect() and the Mailchimp wrapper every Mailchimp call goes through;
- audience.py: the build checks the signup form settings against the real audience;
- signups.py: `invoke signups PATH.csv [--apply]` brings offline signups into the audience.
"""

from .audience import register  # noqa: F401
