"""The site built with its signup form pointed at the local stand-in for Mailchimp."""

import contextlib
import threading

from sitebuild import build_site
from synergy.gates.serve import serve_folder
from test_signup_browser import FORM, ListManage


@contextlib.contextmanager
def signup_site(folder):
    """Yields (site_url, stand_in); the stand-in records requests and answers like Mailchimp."""
    stand_in = ListManage()
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()
    try:
        build = build_site(folder, overrides=dict(FORM, MAILCHIMP_FORM_BASE_URL=stand_in.origin))
        assert build.ok, build.stderr
        url, server = serve_folder(build.output)
        try:
            yield url, stand_in
        finally:
            server.shutdown()
    finally:
        stand_in.shutdown()
