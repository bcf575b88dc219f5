"""At `initialized`: give Pelican's Jinja environments a bytecode cache, in every build.

Each generator has its own Jinja environment, so without one a build compiles
every template once per generator. A build that reuses cached work keeps the
compiled code in CACHE_PATH/templates/ for the next build; a cold or strict
build uses a folder of its own, removed at `finalized`, so it takes nothing
from an earlier build and still compiles each template only once.
"""

import os
import shutil
import tempfile

import jinja2
from pelican import signals

from synergy.cache import reads_cache
from synergy.plugin import connect

FOLDER = "templates"

_scratch = None


def use_bytecode_cache(pelican):
    global _scratch
    settings = pelican.settings
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if environment.get("bytecode_cache") is not None:
        return  # the live preview brings its own
    if reads_cache(settings):
        folder = os.path.join(settings.get("CACHE_PATH", "cache"), FOLDER)
        os.makedirs(folder, exist_ok=True)
    else:
        folder = _scratch = tempfile.mkdtemp(prefix="synergy-templates-")
    # A class of Jinja's own: Pelican pickles the settings into its content cache.
    settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": jinja2.FileSystemBytecodeCache(folder)}


def remove_scratch(pelican):
    global _scratch
    if _scratch is not None:
        shutil.rmtree(_scratch, ignore_errors=True)
        _scratch = None


def register():
    connect(signals.initialized, use_bytecode_cache)
    connect(signals.finalized, remove_scratch)
