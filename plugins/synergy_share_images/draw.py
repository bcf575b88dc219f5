"""Drawing one share image: the practice's mark and name, the page's title, calm hills.

1200 × 630 pixels, the size Facebook and LinkedIn ask for. Everything comes from
the site's palette (COLOURS, read from site.css) and one font file. The
background (everything but the title) is the same for every page of a build, so
it is drawn once, at twice the size for smooth curves, and each page only adds
its title. The digest of this file is part of every image's cache key: changing
the drawing here redraws every image at the next build.

Each picture is a palette PNG (one byte a pixel): the background's own colours,
exactly, and TITLE_SHADES shades from the ground under the title to the ink for
the title's smooth edges. Compressing a third of the bytes at a low zlib level,
and only the rows the title changed (png.py), makes a picture several times
quicker to write than the same picture in RGB, and smaller; it looks the same.
"""

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFont

from .png import BandedPng

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
# Shades of ink over the ground for the title's edges; the background keeps the rest of the 256.
TITLE_SHADES = 96
# Where a title's mask starts (it runs to the picture's bottom right corner).
TITLE_AREA = (MARGIN - 8, TITLE_TOP - 8)
PNG_LEVEL = 3
# How far (squared, per channel) a median-cut colour may be from a palette colour to become it.
SNAP_DISTANCE = 27


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


@dataclass(frozen=True)
class Background:
    """Everything but the title, drawn once a build: as RGB, and as the palette image pictures start from."""
    rgb: Image.Image       # the picture as shown (the palette's colours)
    indexed: Image.Image   # the same picture in the palette
    off_ground: Image.Image  # non-zero wherever the picture is not the title's ground colour
    shades: bytes          # title mask value (0-255) -> palette index of that shade of ink on the ground
    writer: BandedPng      # writes a picture, compressing only the rows its title changed


def background(colours, site_name, font_path):
    """Everything but the title, as a Background."""
    return _indexed(_background_rgb(colours, site_name, font_path), palette(colours))


def _background_rgb(colours, site_name, font_path):
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


def _indexed(rgb, pal):
    """The Background in the palette: its colours in 256 - TITLE_SHADES entries, then the shades.

    Median cut gives the flat areas entries a shade or two off their colour; those
    entries are set to the palette's colours exactly, so the sand is the site's sand.
    """
    colours = rgb.quantize(colors=256 - TITLE_SHADES, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    exact = [_rgb(c) for c in (pal.sand, pal.paper, pal.accent, pal.ink)] + [pal.mix(0.75), pal.mix(0.45)]
    entries = [tuple(colours.getpalette()[i:i + 3]) for i in range(0, 3 * (256 - TITLE_SHADES), 3)]
    for number, entry in enumerate(entries):
        near = min(exact, key=lambda c: _distance(c, entry))
        if _distance(near, entry) <= SNAP_DISTANCE:
            entries[number] = near
    ground = rgb.getpixel((MARGIN, TITLE_TOP))
    ground = min(exact, key=lambda c: _distance(c, ground))
    steps = TITLE_SHADES - 1
    ink = _rgb(pal.ink)
    entries += [tuple(round(g + (i - g) * n / steps) for g, i in zip(ground, ink, strict=True))
                for n in range(TITLE_SHADES)]
    indexed = colours.copy()
    indexed.putpalette([v for entry in entries for v in entry])
    shown = indexed.convert("RGB")
    off_ground = ImageChops.difference(shown, Image.new("RGB", shown.size, ground))
    shades = bytes(256 - TITLE_SHADES + round(a * steps / 255) for a in range(256))
    return Background(shown, indexed, off_ground, shades, BandedPng(indexed, PNG_LEVEL))


def _distance(a, b):
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))


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


def _draw_title(draw, title, font_path, fill, origin=(0, 0)):
    font, lines = fit_title(title, font_path)
    line_height = round(font.size * 1.18)
    left, top = MARGIN - origin[0], TITLE_TOP - origin[1]
    for number, line in enumerate(lines):
        draw.text((left, top + number * line_height), line, font=font, fill=fill)


def share_png(base, title, colours, font_path):
    """The PNG bytes of one share image: `base` (from background()) with the title on it."""
    out = io.BytesIO()
    # The title as a mask, each of its values turned into the index of its shade.
    mask = Image.new("L", (WIDTH - TITLE_AREA[0], HEIGHT - TITLE_AREA[1]), 0)
    _draw_title(ImageDraw.Draw(mask), title, font_path, 255, origin=TITLE_AREA[:2])
    box = mask.getbbox()
    if box is None:
        return base.writer.png(base.writer.canvas, 0, 0)
    where = (TITLE_AREA[0] + box[0], TITLE_AREA[1] + box[1], TITLE_AREA[0] + box[2], TITLE_AREA[1] + box[3])
    if base.off_ground.crop(where).getbbox() is not None:
        # The title crosses more than its ground (a drawing changed): blended in RGB instead.
        image = base.rgb.copy()
        _draw_title(ImageDraw.Draw(image), title, font_path, palette(colours).ink)
        image.save(out, "PNG", compress_level=6)
        return out.getvalue()
    canvas = base.writer.canvas.copy()
    title = mask.crop(box)
    canvas.paste(Image.frombytes("P", title.size, title.tobytes().translate(base.shades)),
                 (where[0] + 1, where[1]))
    return base.writer.png(canvas, where[1], where[3])
