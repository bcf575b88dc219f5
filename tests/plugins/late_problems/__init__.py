"""A plugin for tests only: problems logged late in a build, in the ways plugins log them.

At `finalized`, if the setting LATE_PROBLEMS lists them, it logs:
- "reported": a problem through synergy.problems.report, naming its file;
- "about": a bare warning while synergy.problems.about(file) is in force;
- "bare": a warning about no file at all.
The file is the first article's source, reached through no variable named
source_path or path, so a collector that guessed from the stack would miss it.
"""

import logging

from pelican import signals

from synergy import problems

logger = logging.getLogger(__name__)
_articles = []


def remember(generator):
    _articles[:] = list(getattr(generator, "articles", []))


def late(pelican):
    wanted = pelican.settings.get("LATE_PROBLEMS") or []
    article = sorted(_articles, key=lambda a: a.source_path)[0]
    where = article.source_path
    if "reported" in wanted:
        problems.report(logger, pelican.settings, where, "a late problem -- fix the late thing")
    if "about" in wanted:
        with problems.about(where):
            logger.warning("a late warning about the file being processed")
    if "bare" in wanted:
        logger.warning("a late warning about nothing in particular")


def register():
    signals.article_generator_finalized.connect(remember)
    signals.finalized.connect(late)
