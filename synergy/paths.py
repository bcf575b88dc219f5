"""A file as the editor knows it: relative to the folder that holds the content folder.

An editor sees `content/blog/x.md` in their repository, so every message names
files that way; a file outside that folder keeps its absolute path.
"""

import os


def project_root(settings):
    """The folder that holds the content folder (PATH)."""
    return os.path.dirname(os.path.abspath(settings.get("PATH", "content")))


def shown(path, content_root):
    """`path` (absolute, or relative to content_root) as content/blog/x.md."""
    if not path:
        return ""
    path = os.fspath(path)
    content_root = os.path.abspath(os.fspath(content_root))
    absolute = os.path.abspath(path if os.path.isabs(path) else os.path.join(content_root, path))
    rel = os.path.relpath(absolute, os.path.dirname(content_root))
    return absolute if rel.startswith("..") else rel


def shown_in(path, settings):
    """shown() for a build's settings."""
    return shown(path, os.path.abspath(settings.get("PATH", "content")))
