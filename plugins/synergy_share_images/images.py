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

from synergy import worker
from synergy.cache import digest, file_digest, read_json, write_atomically
from synergy.palette import site_colours

from . import draw

RECORD_NAME = "record.json"
# {page's output file: [picture's file name, its words]} as the last build named them.
PAGES_NAME = "pages.json"
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
        self.named = {}    # page's output file -> (file name, words), for pages rendered this build
        self.present = set()  # every page of this build, rendered or left as it was
        self.drawer = Drawer(self.colours, self.site_name, config.font) if worker.cores() > 1 else None
        # Everything but the title that decides the picture.
        self.design = digest([
            ("site", self.site_name),
            ("colours", json.dumps(self.colours, sort_keys=True)),
            ("font", file_digest(config.font)),
            ("drawing", file_digest(draw.__file__)),
            ("pillow", importlib.metadata.version("pillow")),
        ])

    def image_for(self, title):
        """The share image of a page titled `title` (the <title> text).

        A picture the cache lacks is drawn by a worker process while the pages are
        written (with a second core), else at the build's end.
        """
        text = share_title(title, self.site_name)
        name = digest([("design", self.design), ("title", text)])[:20] + ".png"
        if name not in self.wanted:
            self.wanted[name] = text
            if self.drawer is not None and not (Path(self.config.cache_dir) / name).is_file():
                self.drawer.draw(Path(self.config.cache_dir) / name, text)
        return ShareImage(path=f"{self.config.output}/{name}", alt=f"{text} – {self.site_name}")

    def image_of_page(self, page, title):
        """image_for(title), remembered as the picture of the page written to `page` (its output file)."""
        image = self.image_for(title)
        name = image.path.rsplit("/", 1)[1]
        self.named[page] = (name, self.wanted[name])
        return image

    def page_written(self, page):
        """Every page of the build, also one the writer left as it was (it named its picture before)."""
        self.present.add(page)

    def _pages(self, cache):
        """Each page's picture: as named now, or, for a page not rendered again, as last time."""
        before = read_json(cache / PAGES_NAME, {})
        before = before if isinstance(before, dict) else {}
        pages = dict(self.named)
        for page in self.present - set(self.named):
            kept = before.get(page)
            if isinstance(kept, list) and len(kept) == 2:
                pages[page] = tuple(kept)
                self.wanted.setdefault(*kept)
        return pages

    def write(self, output_path):
        """Copy or draw every wanted image into the output; returns (drawn, reused)."""
        cache = Path(self.config.cache_dir)
        pages = self._pages(cache)
        target = Path(output_path) / self.config.output
        target.mkdir(parents=True, exist_ok=True)
        base, drawn, reused = None, 0, 0
        drawn_ahead = self.drawer.finish() if self.drawer is not None else set()
        for name, text in sorted(self.wanted.items()):
            kept = cache / name
            if name not in drawn_ahead and _same_file(kept, target / name):
                # A picture's name is the digest of what it shows: the one in place is this one.
                reused += 1
            elif not self._copy(kept, target / name):
                if base is None:
                    base = draw.background(self.colours, self.site_name, self.config.font)
                write_atomically(kept, draw.share_png(base, text, self.colours, self.config.font))
                shutil.copyfile(kept, target / name)
                drawn += 1
            elif name in drawn_ahead:
                drawn += 1
            else:
                reused += 1
        # Pictures of titles that are gone, here and in the cache, go too.
        for folder in (target, cache):
            for old in folder.glob("*.png"):
                if old.name not in self.wanted:
                    old.unlink(missing_ok=True)
        write_atomically(cache / RECORD_NAME, json.dumps({"drawn": drawn, "reused": reused}))
        write_atomically(cache / PAGES_NAME, json.dumps(pages, sort_keys=True))
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


def _same_file(kept, placed):
    """True when the output already holds the cached picture (same size, neither missing)."""
    try:
        return placed.stat().st_size == kept.stat().st_size
    except FileNotFoundError:
        return False


_base = None


def _draw_into(kept, text, colours, site_name, font):
    """In the drawing worker: one picture into the cache (the background drawn once)."""
    global _base
    if _base is None:
        _base = draw.background(colours, site_name, font)
    write_atomically(kept, draw.share_png(_base, text, colours, font))


class Drawer:
    """A worker process drawing the pictures the cache lacks, as pages name them.

    Started with the first picture to draw; `finish()` waits for every one. A
    picture that failed is simply not in the cache, and the build's end draws it.
    """

    def __init__(self, colours, site_name, font):
        self.args = (colours, site_name, font)
        self.pool = None
        self.jobs = []

    def draw(self, kept, text):
        if self.pool is None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            self.pool = worker.context().Pool(1)
        self.jobs.append((kept.name, self.pool.apply_async(_draw_into, (kept, text, *self.args))))

    def finish(self):
        """The names of the pictures drawn, once every one is done."""
        if self.pool is None:
            return set()
        for _name, job in self.jobs:
            job.wait()
        done = {name for name, job in self.jobs if job.successful()}
        self.pool.terminate()
        self.pool.join()
        self.pool, self.jobs = None, []
        return done
