"""Clinicians' photos, resized for the About page, without the camera's metadata.

Only the resized copy is published: the original in data/team/ may be large
and may carry where and when it was taken. Each copy is kept in the cache by
a digest of the original and the width, so a build re-encodes a photo only
when it changed.
"""

import os
import shutil

from PIL import Image, UnidentifiedImageError

from synergy.cache import digest, file_digest
from synergy.errors import SettingsError

SAVE_AS = "images/team/{key}.jpg"


def _resize(source, target, width):
    with Image.open(source) as original:
        image = original.convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    temporary = target + ".part"
    # A new image carries none of the camera's EXIF, GPS or colour-profile data.
    image.save(temporary, "JPEG", quality=82, optimize=True, progressive=True)
    os.replace(temporary, target)


def publish(key, source, width, cache_dir, output_path):
    """{url, width, height} of the clinician's resized photo, written into the output."""
    cached = os.path.join(cache_dir, digest([("photo", file_digest(source)), ("width", str(width))]) + ".jpg")
    try:
        if not os.path.exists(cached):
            _resize(source, cached, width)
        with Image.open(cached) as image:
            size = image.size
    except (UnidentifiedImageError, OSError) as error:
        raise SettingsError(f"CLINICIANS['{key}']['photo']", f"{source} cannot be read as a picture ({error})",
                            "save it as a JPEG or PNG file") from None
    save_as = SAVE_AS.format(key=key)
    target = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(cached, target)
    return {"url": save_as, "width": size[0], "height": size[1]}
