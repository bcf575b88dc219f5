"""The content lint: every content file's metadata checked against schema.py.

`invoke lint` runs it; so do the tests. Each problem is one line,
`content/blog/x.md: date: what is wrong -- what to do`, the same shape as the
strict build's. Errors fail the lint; warnings (a review more than 12 months
old) are printed and do not.
"""

import os
import sys

from .checker import content_files, lint, report
from .messages import ERROR, INFO, MESSAGES, WARNING, problem  # noqa: F401


def main(content_root, today=None, out=sys.stdout, settings=None):
    """Print every problem and a summary; the exit status: 0 when no errors.

    settings (the site's) adds the checks against the practice's details.
    """
    if not os.path.isdir(content_root):
        print(problem(str(content_root), "no_folder").line, file=out)
        return 1
    problems = lint(content_root, today, settings)
    lines, passed = report(problems, len(content_files(content_root)))
    for line in lines:
        print(line, file=out)
    return 0 if passed else 1
