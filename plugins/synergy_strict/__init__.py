"""Strict builds: any Pelican warning or error fails the build, one line per problem.

With STRICT_BUILD = True (publishconf.py and the tests set it), every warning or
error logged while the site is built is collected; when the build ends each one
is printed as `content/blog/x.md: what went wrong -- what to do` and the process
exits non-zero. Because the switch is a setting, `pelican content -s
publishconf.py` is strict however it is called. A strict build reads every file
afresh: a file served from the content cache would not repeat its warnings.

Every build collects: two files with one slug would crash Pelican when it
writes the second, so that is reported as a line, before writing, in any build.
With STRICT_REPORT = True (the live preview) a lenient build prints the same
lines and carries on.

How a line finds its file: a record names it itself (synergy.problems.report
puts `source_path` in the record), or it was logged while a file was being
processed (the writer here marks each page it renders, so Pelican's link
warnings land on the page's source), or Pelican's message names it.

Signals: `initialized` (start collecting; move the report after every other
`finalized` receiver), `get_writer` (the writer that marks each page),
`all_generators_finalized` (stop before writing on a problem that would crash
Pelican), `finalized` (the report, last of all).

messages.py is the catalogue of every line; EDITING.md lists them with fixes.
"""

from .collector import register  # noqa: F401
