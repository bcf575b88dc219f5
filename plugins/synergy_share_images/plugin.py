"""Signal receivers: check the settings, give templates `share_image`, draw or copy at the end."""

import logging

import jinja2
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

    @jinja2.pass_context
    def share_image(context, title):
        page = context.get("output_file")
        return images.image_of_page(page, title) if page else images.image_for(title)

    generator.env.globals["share_image"] = share_image


def page_written(path, context):
    """At `content_written`: the page is part of the site, whether rendered now or kept."""
    if _images is not None and context and context.get("output_file"):
        _images.page_written(context["output_file"])


def write_images(pelican):
    """At `finalized`: every image a page named, drawn or copied from the cache."""
    if _images is None:
        return
    drawn, reused = _images.write(pelican.settings["OUTPUT_PATH"])
    logger.info("Share images: %d drawn, %d reused from the cache", drawn, reused)


def register():
    connect(signals.initialized, initialize)
    connect(signals.generator_init, add_function)
    connect(signals.content_written, page_written)
    connect(signals.finalized, write_images)
