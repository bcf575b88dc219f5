"""The content rules and the content lint.

schema.py says what each kind of file may and must carry; site.py reads the
content folder; rules.py holds the rules; skeletons.py the files `invoke new`
writes. `invoke lint` runs the rules over the content folder (checker.py), and
every build runs the same rules (plugins/synergy_content_rules). Each problem
is one line, `content/blog/x.md: date: what is wrong -- what to do`, worded in
synergy/catalogue.py. Errors fail the lint; warnings (a review more than 12
months old) are printed and do not.
"""

import os
import sys

from .checker import content_files, lint, no_folder, report


def main(content_root, today=None, out=sys.stdout, settings=None):
    """Print every problem and a summary; the exit status: 0 when no errors."""
    if not os.path.isdir(content_root):
        print(no_folder(content_root).line, file=out)
        return 1
    problems = lint(content_root, today, settings)
    lines, passed = report(problems, len(content_files(content_root)))
    for line in lines:
        print(line, file=out)
    return 0 if passed else 1
