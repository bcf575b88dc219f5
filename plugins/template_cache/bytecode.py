"""At `initialized`: give Pelican's Jinja environments a bytecode cache in a cached build."""

import os

import jinja2
from pelican import signals

FOLDER = "templates"


def use_bytecode_cache(pelican):
    settings = pelican.settings
    # Read after the strict plugin's own `initialized`: a strict build turns the cache off.
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if environment.get("bytecode_cache") is not None:
        return  # the live preview brings its own
    folder = os.path.join(settings.get("CACHE_PATH", "cache"), FOLDER)
    os.makedirs(folder, exist_ok=True)
    # A class of Jinja's own: Pelican pickles the settings into its content cache.
    settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": jinja2.FileSystemBytecodeCache(folder)}


def register():
    signals.initialized.connect(use_bytecode_cache)
