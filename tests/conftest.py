"""Shared fixtures: the real site built once per run, a local server for it, and Chromium."""

import os
import shutil
from pathlib import Path

import pytest

import assert_count
import sitebuild
from sitebuild import ROOT, bundled_site, shared_build
from synergy.gates.serve import serve_folder

# `fake_mailchimp`: a local Mailchimp that checks every request against the API description.
pytest_plugins = ["fake_mailchimp.fixtures"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"


def pytest_configure(config):
    # `invoke test --count-asserts`: count the asserts each test runs.
    if config.getini("enable_assertion_pass_hook"):
        config.pluginmanager.register(assert_count, "assert_count")


@pytest.fixture(scope="session", autouse=True)
def shared_builds(tmp_path_factory):
    """A folder for the builds made once per run: every pytest-xdist worker of the run sees it."""
    base = tmp_path_factory.getbasetemp()
    # Each worker's base folder is popen-gwN inside the run's own.
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-builds"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(sitebuild.SHARED_ENV, str(shared))
        yield shared


@pytest.fixture(scope="session")
def site():
    """The bundled site, built strictly with the development settings (with its search index)."""
    build = bundled_site()
    assert build.ok, f"the bundled site does not build:\n{build.stderr}"
    return build


PUBLISH_SITEURL = "https://www.synergyintegrativehealth.com"


@pytest.fixture(scope="session")
def publish_site():
    """The bundled site built as it is published (publishconf.py, absolute URLs, search index)."""
    build = shared_build("publish-site", settings="publishconf.py", search=True,
                         env={"SITEURL": PUBLISH_SITEURL})
    assert build.ok, f"the publish build fails:\n{build.stderr}"
    return build


@pytest.fixture(scope="session")
def site_url(site):
    """Base URL of a local server over the built site."""
    url, server = serve_folder(site.output)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skips when it is not installed."""
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `apt-get install chromium` "
                    "(or set CHROMIUM=/path/to/chromium) to enable the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()

