"""Checks of the built site that tasks run as well as tests.

- pages.py: which built pages stand for which template (what the gates look at);
- links.py: every internal link and #fragment must resolve (`invoke links`);
- lighthouse.py: Lighthouse over a local copy of the publish build (`invoke audit`);
- serve.py: a folder served on localhost for either.

Checks only the tests run (axe, the Nu HTML Checker, third-party requests in
Chromium) stay in tests/gates.
"""
