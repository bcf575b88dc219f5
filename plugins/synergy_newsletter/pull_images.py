"""A past campaign's images, brought onto the site: downloaded and checked, or left out with a note.

The site loads nothing from another host (its Content-Security-Policy admits
only its own origin, and no page may tell a third party who is reading it), so
an image left on Mailchimp's servers would show broken and leak the visit.
Each image with an http(s) address is downloaded (a short timeout, at most
5 MB, redirects only to http(s)), checked with Pillow to be a PNG, JPEG, GIF or
WebP (an SVG file can carry script, so it is not taken), and kept as
`<n>.<ext>` for the issue's image folder; the tag then points at it with
{static}. An image of 1x1 is a tracking pixel and goes. Anything else (no
answer, not an image, too large, not a web address) is left out, with a note.
"""

import io
from urllib.parse import urlsplit

import requests
from bs4 import BeautifulSoup
from PIL import Image

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = (5.0, 20.0)
FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


class ImageProblem(Exception):
    """Why one image was left out."""


def session():
    """One connection pool for a pull's downloads."""
    pool = requests.Session()
    pool.max_redirects = 5
    pool.headers["User-Agent"] = "synergy-newsletter-pull"
    return pool


def fetch(pool, url):
    """The bytes at url, or ImageProblem."""
    try:
        response = pool.get(url, timeout=TIMEOUT, stream=True)
    except requests.RequestException as error:
        raise ImageProblem(f"no answer: {type(error).__name__}") from None
    with response:
        if response.status_code != 200:
            raise ImageProblem(f"the server answered {response.status_code}")
        data = bytearray()
        for chunk in response.iter_content(64 * 1024):
            data += chunk
            if len(data) > MAX_BYTES:
                raise ImageProblem(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return bytes(data)


def examine(data):
    """(file extension, (width, height)) of an image we take, or ImageProblem."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, size = image.format, image.size
            image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageProblem("not a PNG, JPEG, GIF or WebP image") from None
    if kind not in FORMATS:
        raise ImageProblem(f"a {kind} image, which is not taken")
    return FORMATS[kind], size


def bring_images(html, link_prefix, pool):
    """(html with each image local or left out, {file name: bytes}, [notes]).

    link_prefix: what the new src starts with, e.g. {static}/images/newsletter/<slug>.
    """
    soup = BeautifulSoup(html, "html.parser")
    files, notes, done = {}, [], {}
    for image in soup.find_all("img"):
        src = (image.get("src") or "").strip()
        if src in done:
            _point(image, done[src])
            continue
        if urlsplit(src).scheme not in ("http", "https"):
            image.decompose()
            notes.append(f"an image without a web address ('{src[:60]}') was left out")
            continue
        try:
            data = fetch(pool, src)
            extension, (width, height) = examine(data)
        except ImageProblem as problem:
            image.decompose()
            notes.append(f"image {src} was left out ({problem})")
            done[src] = None
            continue
        if width <= 1 or height <= 1:
            image.decompose()
            done[src] = None
            continue
        name = f"{len(files) + 1}.{extension}"
        files[name] = data
        done[src] = f"{link_prefix}/{name}"
        _point(image, done[src])
    return str(soup), files, notes


def _point(image, local):
    if local is None:
        image.decompose()
    else:
        image["src"] = local
