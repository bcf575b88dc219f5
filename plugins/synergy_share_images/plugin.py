"""Signal receivers: check the settings, give templates `share_image`, draw or copy at the end."""

import logging

from pelican import signals

from synergy.plugin import connect

from . import settings as share_settings
from .images import ShareImages

logger = logging.getLogger(__name__)

_images = None


def initialize(pelican):
    """At `initialized`: the settings and the font, checked before anything is built."""
    global _images
    config = share_settings.read(pelican.settings)
    _images = ShareImages(config, pelican.settings)


def add_function(generator):
    """At `generator_init`: templates get `share_image(title)`."""
    images = _images or ShareImages(share_settings.read(generator.settings), generator.settings)
    generator.env.globals["share_image"] = images.image_for


def write_images(pelican):
    """At `finalized`: every image a page named, drawn or copied from the cache."""
    if _images is None:
        return
    drawn, reused = _images.write(pelican.settings["OUTPUT_PATH"])
    logger.info("Share images: %d drawn, %d reused from the cache", drawn, reused)


def register():
    connect(signals.initialized, initialize)
    connect(signals.generator_init, add_function)
    connect(signals.finalized, write_images)
