"""Compiled templates kept between builds that use the content cache.

Pelican compiles every template of the theme in every build, once per
generator; on a small site that is a good part of an editor's rebuild. When
LOAD_CONTENT_CACHE is on, Jinja's own FileSystemBytecodeCache keeps the
compiled code in CACHE_PATH/templates/ (the folder the live preview uses too);
Jinja compiles a template again whenever its source changed. Cold and strict
builds (LOAD_CONTENT_CACHE off) compile every template afresh, once, into a
folder of their own that is removed when the build ends.

Signals: `initialized`, `finalized`.
"""

from .bytecode import register  # noqa: F401
