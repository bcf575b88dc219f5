"""Which share images this build's pages name, and writing them: from the cache, or drawn.

An image is named by a digest of everything it shows, so its file name changes
when its picture does (a social network that cached the old picture sees a new
address) and a cached drawing is never stale. The cache folder keeps the images
this build used and a small record of what the last build did.
"""

import importlib.metadata
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from synergy.cache import digest, file_digest, write_atomically
from synergy.palette import site_colours

from . import draw

RECORD_NAME = "record.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class ShareImage:
    path: str      # in the output folder, also the URL below SITEURL
    alt: str       # what the picture shows, in words
    width: int = draw.WIDTH
    height: int = draw.HEIGHT
    type: str = "image/png"


def share_title(title, site_name):
    """The words to show: a page's title without the site's name around it."""
    text = " ".join(str(title or "").split())
    for cut in (f" · {site_name}", f" - {site_name}", f" | {site_name}"):
        if text.endswith(cut):
            text = text[: -len(cut)]
    if text.startswith(f"{site_name} · "):
        text = text[len(site_name) + 3:]
    return text.strip() or site_name


class ShareImages:
    """One build's share images: named while pages render, written at the end."""

    def __init__(self, config, settings):
        self.config = config
        self.site_name = str(settings.get("SITENAME", ""))
        self.colours = site_colours(settings["THEME"], draw.COLOURS)
        self.wanted = {}   # file name -> words of the title
        # Everything but the title that decides the picture.
        self.design = digest([
            ("site", self.site_name),
            ("colours", json.dumps(self.colours, sort_keys=True)),
            ("font", file_digest(config.font)),
            ("drawing", file_digest(draw.__file__)),
            ("pillow", importlib.metadata.version("pillow")),
        ])

    def image_for(self, title):
        """The share image of a page titled `title` (the <title> text); drawn at the build's end."""
        text = share_title(title, self.site_name)
        name = digest([("design", self.design), ("title", text)])[:20] + ".png"
        self.wanted[name] = text
        return ShareImage(path=f"{self.config.output}/{name}", alt=f"{text} – {self.site_name}")

    def write(self, output_path):
        """Copy or draw every wanted image into the output; returns (drawn, reused)."""
        cache = Path(self.config.cache_dir)
        target = Path(output_path) / self.config.output
        target.mkdir(parents=True, exist_ok=True)
        base, drawn, reused = None, 0, 0
        for name, text in sorted(self.wanted.items()):
            kept = cache / name
            if not self._copy(kept, target / name):
                if base is None:
                    base = draw.background(self.colours, self.site_name, self.config.font)
                write_atomically(kept, draw.share_png(base, text, self.colours, self.config.font))
                shutil.copyfile(kept, target / name)
                drawn += 1
            else:
                reused += 1
        # Pictures of titles that are gone, here and in the cache, go too.
        for folder in (target, cache):
            for old in folder.glob("*.png"):
                if old.name not in self.wanted:
                    old.unlink(missing_ok=True)
        write_atomically(cache / RECORD_NAME, json.dumps({"drawn": drawn, "reused": reused}))
        return drawn, reused

    @staticmethod
    def _copy(kept, destination):
        """Copy a cached image; False when there is none to copy.

        Another build sharing the cache may have just removed it, and a file that is
        not a PNG (cut short by a full disk, or edited by hand) is drawn again.
        """
        try:
            with open(kept, "rb") as handle:
                if handle.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
                    return False
            shutil.copyfile(kept, destination)
        except FileNotFoundError:
            return False
        return True
