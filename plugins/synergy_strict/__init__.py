"""Every build's report: each problem on one line, last of all; errors fail the build.

Every warning or error logged while the site is built is collected; when the
build ends each one is printed once as `content/blog/x.md: what went wrong --
what to do`, files in name order, and Pelican's console keeps its own copy of
those records to itself. Then:

- any error fails every build (exit status 1, after the good pages are
  written): a development build, `invoke build`, as well as a strict one;
- a warning fails a strict build (STRICT_BUILD = True: publishconf.py and the
  tests set it, `invoke build --strict` too); elsewhere it is printed with
  `warning: ` and stops nothing;
- advice (a review more than 12 months old, see synergy.problems) is printed
  with `warning: ` and never fails anything;
- with STRICT_REPORT = True (the live preview) the lines are printed and the
  build carries on.

A strict build reads every file afresh: a file served from the content cache
would not repeat Pelican's own warnings. Two files with one slug would crash
Pelican when it writes the second, so that is reported as a line, before
writing, in any build.

How a line finds its file: a record names it itself (synergy.problems.report
puts `source_path` in the record), or it was logged while a file was being
processed (the writer here marks each page it renders, so Pelican's link
warnings land on the page's source), or Pelican's message names it.

Signals: `initialized` (start collecting; move the report after every other
`finalized` receiver), `get_writer` (the writer that marks each page),
`all_generators_finalized` (stop before writing on a problem that would crash
Pelican), `finalized` (the report, last of all).

The words of every line come from synergy/catalogue.py; messages.py maps
Pelican's own log messages onto them.
"""

from .collector import register  # noqa: F401
