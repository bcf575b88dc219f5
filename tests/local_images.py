"""Pictures for the pull tests: PNGs made on the spot, fetched from 127.0.0.1 only."""

import io

import requests
from PIL import Image

from synergy_newsletter import pull_images


def png(width, height, colour=(47, 111, 106)):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


class LocalOnly(requests.adapters.HTTPAdapter):
    """Downloads in tests reach 127.0.0.1 only: a test never fetches from the internet."""

    def send(self, request, **kwargs):
        if requests.utils.urlparse(request.url).hostname != "127.0.0.1":
            raise AssertionError(f"a test tried to fetch {request.url}")
        return super().send(request, **kwargs)


def local_session():
    """The pull's own download session, able to reach only this machine."""
    session = pull_images.session()
    session.mount("http://", LocalOnly())
    session.mount("https://", LocalOnly())
    return session
