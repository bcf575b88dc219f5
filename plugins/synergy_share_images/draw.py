"""Drawing one share image: the practice's mark and name, the page's title, calm hills.

1200 × 630 pixels, the size Facebook and LinkedIn ask for. Everything comes from
the site's palette (COLOURS, read from site.css) and one font file. The
background (everything but the title) is the same for every page of a build, so
it is drawn once, at twice the size for smooth curves, and each page only adds
its title. The digest of this file is part of every image's cache key: changing
the drawing here redraws every image at the next build.
"""

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
# Colours this drawing uses, by their names in site.css.
COLOURS = ("ink", "paper", "accent", "sand")
MARGIN = 80
TITLE_TOP = 196
TITLE_WIDTH = 920
# (font size, most lines at that size): the largest size that fits wins.
TITLE_SIZES = ((72, 3), (64, 3), (56, 4), (48, 4))
NAME_SIZE = 30
ELLIPSIS = "…"


@dataclass(frozen=True)
class Palette:
    ink: str
    paper: str
    accent: str
    sand: str

    def mix(self, amount):
        """The accent faded towards paper: amount 0 is the accent, 1 is paper."""
        a, p = _rgb(self.accent), _rgb(self.paper)
        return tuple(round(x + (y - x) * amount) for x, y in zip(a, p, strict=True))


def _rgb(hex_colour):
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))


def palette(colours):
    """A Palette from {name: hex}, the site's own colours where it defines them."""
    fallback = {"ink": "#1f2a30", "paper": "#fbfaf7", "accent": "#2f6f6a", "sand": "#f1ece3"}
    return Palette(**{name: colours.get(name, fallback[name]) for name in COLOURS})


@lru_cache(maxsize=16)
def _font(path, size):
    return ImageFont.truetype(path, size)


def background(colours, site_name, font_path):
    """Everything but the title, as an RGB image."""
    pal = palette(colours)
    scale = 2
    big = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), pal.sand)
    draw = ImageDraw.Draw(big)

    def box(x0, y0, x1, y1):
        return [v * scale for v in (x0, y0, x1, y1)]

    # A pale sun and three hills in the bottom right, as on the home page.
    draw.ellipse(box(1032, 78, 1132, 178), fill=pal.paper)
    draw.ellipse(box(690, 450, 1600, 1000), fill=pal.mix(0.75))
    draw.ellipse(box(850, 505, 1560, 1040), fill=pal.mix(0.45))
    draw.ellipse(box(990, 565, 1520, 1080), fill=pal.accent)
    # The practice's mark: two overlapping rings.
    for cx in (108, 132):
        draw.ellipse(box(cx - 22, 78, cx + 22, 122), outline=pal.accent, width=6 * scale)
    image = big.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)

    draw = ImageDraw.Draw(image)
    name_font = _font(font_path, NAME_SIZE)
    draw.text((176, 100), site_name, font=name_font, fill=pal.ink, anchor="lm")
    # A short accent rule under the title's place.
    draw.rounded_rectangle((MARGIN, 548, MARGIN + 120, 556), radius=4, fill=pal.accent)
    return image


def wrap(text, font, width):
    """The words of text in lines no wider than width (a word too long for a line is cut)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width:
            cut = len(line) - 1
            while cut > 1 and font.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def fit_title(text, font_path):
    """(font, lines): the largest of TITLE_SIZES the title fits; else the smallest, shortened."""
    for size, most in TITLE_SIZES:
        font = _font(font_path, size)
        lines = wrap(text, font, TITLE_WIDTH)
        if len(lines) <= most:
            return font, lines
    last = lines[most - 1]
    while last and font.getlength(last + ELLIPSIS) > TITLE_WIDTH:
        last = last[:-1].rstrip()
    return font, lines[:most - 1] + [last + ELLIPSIS]


def share_png(base, title, colours, font_path):
    """The PNG bytes of one share image: `base` (from background()) with the title on it."""
    image = base.copy()
    draw = ImageDraw.Draw(image)
    font, lines = fit_title(title, font_path)
    line_height = round(font.size * 1.18)
    for number, line in enumerate(lines):
        draw.text((MARGIN, TITLE_TOP + number * line_height), line, font=font,
                  fill=palette(colours).ink)
    out = io.BytesIO()
    # Compressing is most of a picture's time; zlib's faster levels save little of it
    # and make the file a quarter larger.
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
