"""Strict builds: any Pelican warning or error fails the build, one line per problem.

With STRICT_BUILD = True (publishconf.py sets it), every warning or error logged
while the site is built is collected; when the build ends each one is printed as
`path/to/file.md: what went wrong -- what to do` and the process exits non-zero.
Because the switch is a setting, `pelican content -s publishconf.py` is strict
however it is called.
"""

from .collector import register  # noqa: F401
