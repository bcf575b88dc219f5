"""Palette PNGs of pictures that differ from one another only in a band of rows.

Every share picture is the same background with a title on it, so most of its
rows are the same in every picture. The background's rows are compressed once,
in bands of BAND rows, each band a deflate block ended by a full flush (which
byte-aligns it and forgets what came before, so bands can be joined in any
mix); a picture compresses only the bands its title touches and joins the rest
as they are. The result is an ordinary PNG (filter "none" on every row).

Pictures are drawn on a `canvas` one pixel wider than the picture, whose first
column is 0: its bytes are then the PNG's rows, each with its filter byte.
"""

import struct
import zlib

from PIL import Image

BAND = 16
SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x01"
LAST_BLOCK = b"\x03\x00"   # an empty final block: the deflate stream ends


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _deflate(data, level):
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


class BandedPng:
    """PNG writer for pictures of one size and palette that start from the same background."""

    def __init__(self, background, level):
        assert background.mode == "P"
        self.width, self.height = background.size
        self.level = level
        self.canvas = Image.new("P", (self.width + 1, self.height), 0)
        self.canvas.paste(background, (1, 0))
        palette = bytes(background.getpalette()[:768])
        self.header = SIGNATURE + _chunk(b"IHDR", struct.pack(">IIBBBBB", self.width, self.height, 8, 3, 0, 0, 0)) \
            + _chunk(b"PLTE", palette + bytes(768 - len(palette)))
        rows = self.canvas.tobytes()
        self.bands = [(top, self._slice(rows, top), _deflate(self._slice(rows, top), level))
                      for top in range(0, self.height, BAND)]

    def _slice(self, rows, top):
        stride = self.width + 1
        return rows[top * stride:min(top + BAND, self.height) * stride]

    def png(self, canvas, top, bottom):
        """The PNG of a canvas (a copy of `canvas` with rows top..bottom changed), as bytes."""
        rows = canvas.tobytes()
        parts, checksum = [], 1
        for start, kept, packed in self.bands:
            if start < bottom and start + BAND > top:
                kept = self._slice(rows, start)
                packed = _deflate(kept, self.level)
            parts.append(packed)
            checksum = zlib.adler32(kept, checksum)
        stream = ZLIB_HEADER + b"".join(parts) + LAST_BLOCK + struct.pack(">I", checksum)
        return self.header + _chunk(b"IDAT", stream) + _chunk(b"IEND", b"")
