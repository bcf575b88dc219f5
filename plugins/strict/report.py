"""One way for any plugin to report a content mistake as one line naming the file."""

import os


def content_problem(logger, source_path, problem, settings):
    """Log `problem` (already worded as "what is wrong -- what to do") for a content file.

    In a strict build the collector names the file itself (it reads `source_path`
    off the stack), so the message is logged bare; outside strict builds the
    line carries the file's path, relative to the folder that holds the content.
    """
    if settings.get("STRICT_BUILD"):
        logger.error("%s", problem)
    else:
        root = os.path.dirname(os.path.abspath(settings.get("PATH", "content")))
        logger.error("%s: %s", os.path.relpath(source_path, root), problem)
