"""The newsletter: issues written in Markdown, published on the site, sent once.

Issues live in content/newsletter/ (NEWSLETTER_PATHS). They are not blog
articles: this plugin reads them with Pelican's own readers, writes each one's
web page ("view in browser"), the archive at /newsletter/ and its Atom feed, and
renders each issue's email (HTML with inlined CSS, plus a plain-text part) into
output/email-preview/<slug>/ for editors to open.

Sending is not part of the build: `invoke newsletter` (a dry run) and
`invoke newsletter --send` do that, for published issues that say `Email: yes`,
each once, untracked, at its Date's time (issues.py and sending.py say how).

One job per module: issues.py (the Issue and finding issue files, for the
generator, sending and pulling alike), generator.py (the build's pages, feed
and emails), email_render.py and plaintext.py (one email), outbox.py (what goes
out), sending.py (one untracked campaign per issue, exactly once), ledger.py
(the record kept in git), pull.py (issues sent from Mailchimp before the site),
sanitize.py (their HTML made safe), command.py (`invoke newsletter`).

Settings: NEWSLETTER_* (config.py). Signals: `initialized` (settings, written
back), `get_generators` (the generator).
"""

from .plugin import register  # noqa: F401
