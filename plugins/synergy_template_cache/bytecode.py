"""At `initialized`: give Pelican's Jinja environments a bytecode cache in a cached build."""

import os

import jinja2
from pelican import signals

from synergy.cache import reads_cache
from synergy.plugin import connect

FOLDER = "templates"


def use_bytecode_cache(pelican):
    settings = pelican.settings
    # Cold and strict builds compile every template afresh.
    if not reads_cache(settings):
        return
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if environment.get("bytecode_cache") is not None:
        return  # the live preview brings its own
    folder = os.path.join(settings.get("CACHE_PATH", "cache"), FOLDER)
    os.makedirs(folder, exist_ok=True)
    # A class of Jinja's own: Pelican pickles the settings into its content cache.
    settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": jinja2.FileSystemBytecodeCache(folder)}


def register():
    connect(signals.initialized, use_bytecode_cache)
