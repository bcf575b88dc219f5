"""The share images' settings, read once with defaults (written back) and checked at `initialized`."""

import os
from dataclasses import dataclass

from synergy import settings as checks
from synergy.errors import SettingsError

from . import fonts

DEFAULTS = {
    # Folder of the images inside the output folder (and in their URLs).
    "SHARE_IMAGES_OUTPUT": "share",
    # A TrueType or OpenType font file for the words; empty finds DejaVu Sans Bold.
    "SHARE_IMAGES_FONT": "",
}


@dataclass(frozen=True)
class ShareSettings:
    output: str      # folder inside the output folder
    font: str        # absolute path of the font file
    cache_dir: str   # where drawn images are kept between builds


def _folder(value):
    if not isinstance(value, str) or not value.strip("/ ") or ".." in value.split("/") \
            or value.startswith("/"):
        raise SettingsError("SHARE_IMAGES_OUTPUT", f"{value!r} is not a folder name",
                            "give a folder inside the output folder, such as 'share'")
    return value.strip("/ ")


def _font(value):
    if not isinstance(value, str):
        raise SettingsError("SHARE_IMAGES_FONT", f"{value!r} is not a path",
                            "give the path of a .ttf or .otf file, or '' for DejaVu Sans Bold")
    if not value.strip():
        found = fonts.find_default()
        if found is None:
            raise SettingsError("SHARE_IMAGES_FONT", f"no {fonts.DEFAULT_NAME} font found "
                                f"(asked fontconfig and looked in {', '.join(fonts.KNOWN_PATHS)})",
                                "install it (apt-get install fonts-dejavu-core) or set "
                                "SHARE_IMAGES_FONT to a .ttf file")
        return found
    path = os.path.abspath(value.strip())
    if not os.path.isfile(path):
        raise SettingsError("SHARE_IMAGES_FONT", f"{value!r} does not exist",
                            "give the path of a .ttf or .otf file, or '' for DejaVu Sans Bold")
    if not fonts.readable(path):
        raise SettingsError("SHARE_IMAGES_FONT", f"{value!r} is not a font Pillow can read",
                            "give the path of a .ttf or .otf file, or '' for DejaVu Sans Bold")
    return path


def read(settings):
    """The share image settings (defaults written back), or SettingsError naming what to fix."""
    values = checks.resolve(settings, DEFAULTS)
    values["SHARE_IMAGES_OUTPUT"] = _folder(values["SHARE_IMAGES_OUTPUT"])
    font = _font(values["SHARE_IMAGES_FONT"])
    settings.update(values)
    return ShareSettings(
        output=values["SHARE_IMAGES_OUTPUT"],
        font=font,
        cache_dir=os.path.join(os.path.abspath(settings.get("CACHE_PATH", "cache")), "share_images"),
    )
