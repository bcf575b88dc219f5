"""The newsletter: issues written in Markdown, published on the site, sent once.

Issues live in content/newsletter/ (NEWSLETTER_PATHS). They are not blog
articles: this plugin reads them with Pelican's own readers, writes each one's
web page ("view in browser"), the archive at /newsletter/ and its Atom feed, and
renders each issue's email (HTML with inlined CSS, plus a plain-text part) into
output/email-preview/<slug>/ for editors to open.

Sending is not part of the build: `invoke newsletter` (a dry run) and
`invoke newsletter --send` do that (see publish.py and campaigns.py).
"""

from .plugin import register  # noqa: F401
