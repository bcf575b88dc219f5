"""Markdown parsed on every core: a pool of worker processes reads the site's Markdown files
while Pelican goes through them one by one.

Python-Markdown is most of a cold build's reading time, and Pelican reads on one
core. When a build will read many files afresh (no content cache to load, or
many files changed since it was written), a pool of forked workers, one per
core, starts at the first `readers_init` and converts every Markdown file of
the content folder. Pelican's Markdown reader is replaced by one that takes a
file's HTML and metadata lines from the pool when the file's bytes are those
the worker read and the Markdown settings are those it used, and parses the
file itself otherwise. Metadata is processed in the build process, exactly as
Pelican's reader does it, and the result goes through Pelican's content cache as
before. What a worker logged comes back to the build and is logged again about
the file, so a strict build sees every warning.

Signals: `initialized` (a new build forgets the last one's pool),
`readers_init` (the pool starts; the reader is swapped), `finalized` (the pool
stops).
"""

from .plugin import register  # noqa: F401
