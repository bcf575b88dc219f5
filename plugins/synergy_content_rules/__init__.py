"""The content rules in every build: a file that breaks one is named, and left out.

The rules are the content lint's (synergy.content.rules), run on every build:
development, live preview, preview and publish, cached or not. Each problem is
logged as its one line from synergy/catalogue.py, with its file, so the build's
report (plugins/synergy_strict) prints it; a file with an error is taken out of
the site before anything is written (its page, its place in lists, feeds and the
sitemap, its email preview), while the good pages are still built.

The metadata lines are read from each file as the editor wrote them (cheap: the
header of each file, once per build); the links and images are checked in the
HTML Pelican's reader already made, cached builds included.

Signals: `initialized` (settings, and a filter that keeps Pelican from
repeating, in its own words, what a rule has said), `generator_init` (read the
content folder and report what its metadata gets wrong),
`article_generator_pretaxonomy` (articles, before tags and archives are made),
`page_generator_finalized` (pages), `all_generators_finalized` (everything else:
newsletter issues, the toolkit's source, files no generator read).
"""

from .receivers import register  # noqa: F401
