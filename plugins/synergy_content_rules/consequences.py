"""Pelican's complaints that a content rule has already explained, kept off the report.

A file with a date Pelican cannot read makes Pelican say "Could not process
blog/x.md", and then "Unable to find '/blog/x.md'" for every link to it; a
missing image makes it say "Cannot get modification stamp for ...". The rules
have already said what is wrong and what to do, in the file's own line, so these
records are dropped where they are made (a filter on Pelican's loggers), before
any handler prints or collects them.
"""

import logging
import os

from synergy import problems

PELICAN_LOGGERS = ("pelican.generators", "pelican.contents", "pelican.readers", "pelican.utils",
                   "pelican.cache")


class Consequences(logging.Filter):
    def __init__(self, build):
        super().__init__()
        self.build = build          # () -> the current Build, or None

    @classmethod
    def install(cls, build):
        for name in PELICAN_LOGGERS:
            log = logging.getLogger(name)
            for old in [f for f in log.filters if isinstance(f, cls)]:
                log.removeFilter(old)
            log.addFilter(cls(build))

    def filter(self, record):
        build = self.build()
        if build is None or build.plan is None:
            return True
        return not any(self._explained(build, arg) for arg in _args(record))

    @staticmethod
    def _explained(build, value):
        """True when value names a file left out by a rule, or a missing file a rule named."""
        path = getattr(value, "source_path", None) or value
        if not isinstance(path, str) or not path:
            return False
        path = path.split("?")[0].split("#")[0]
        root = build.plan.root
        candidates = []
        if path.startswith(root + os.sep):
            candidates.append(os.path.relpath(path, root))
        else:
            # A content path ('blog/x.md'), or a link as Pelican prints it ('/blog/x.md',
            # or relative to the file being rendered).
            candidates.append(path.lstrip("/"))
            current = problems.current()
            if current and not path.startswith("/"):
                here = os.path.dirname(os.path.relpath(os.path.abspath(current), root))
                candidates.append(os.path.join(here, path))
        for candidate in candidates:
            rel = os.path.normpath(candidate).replace(os.sep, "/")
            if rel in build.broken or rel in build.missing:
                return True
        return False


def _args(record):
    args = record.args
    if isinstance(args, dict):
        return list(args.values())
    return list(args or ())
