"""Build the real site (or a variant of it) into a temporary folder and look at it.

Test builds are made cheaper where a test does not look: no search index unless
asked for (`search=True`, or SEARCH_INDEX in overrides), and a cache folder
seeded with the bundled site's toolkit PDF and share images, which the plugins
reuse only when their inputs are unchanged (`warm_cache=False` for a cold one).
`shared_build` builds a site once per test run, for every pytest-xdist worker.
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Build:
    root: Path          # the temporary folder
    content: Path       # the content folder that was built
    output: Path        # the built site
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self):
        return self.returncode == 0

    def path(self, rel):
        return self.output / rel

    def text(self, rel):
        return (self.output / rel).read_text(encoding="utf-8")

    def soup(self, rel):
        return BeautifulSoup(self.text(rel), "html.parser")

    def html_files(self):
        return sorted(p for p in self.output.rglob("*.html"))

    def exists(self, rel):
        return (self.output / rel).exists()


def write_files(content, files):
    """Write files ({"blog/x.md": text or bytes}, or (path, text) pairs) into the content folder."""
    for rel, text in (files.items() if isinstance(files, dict) else files):
        path = Path(content) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")


def build_site(
    dest,
    *,
    files=None,
    remove=(),
    settings="pelicanconf.py",
    overrides=None,
    env=None,
    strict=True,
    content=None,
    search=False,
    warm_cache=True,
):
    """Copy content/ to dest, change it, build it with Pelican in a subprocess.

    files: {"blog/new.md": "text"} written into the copied content;
    remove: content-relative paths to delete; overrides: Pelican settings given
    with -e (JSON values); env: extra environment variables; search: write the
    Pagefind index; warm_cache: seed dest/cache (when it is not there yet) with
    the bundled site's rendered PDF and drawn share images.
    """
    dest = Path(dest)
    if warm_cache and not (dest / "cache").exists():
        _seed_cache(dest / "cache")
    source = Path(content) if content else ROOT / "content"
    content_dir = dest / "content"
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(source, content_dir)
    for rel in remove:
        target = content_dir / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    write_files(content_dir, files or {})
    output = dest / "output"
    settings_overrides = {"CACHE_PATH": str(dest / "cache"), "SEARCH_INDEX": search}
    settings_overrides.update(overrides or {})
    cmd = [sys.executable, "-m", "pelican", str(content_dir), "-o", str(output),
           "-s", str(ROOT / settings)]
    # One -e for all pairs: Pelican keeps only the last -e flag it is given.
    cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings_overrides.items())]
    run_env = dict(os.environ)
    run_env.pop("STRICT_BUILD", None)
    if strict:
        run_env["STRICT_BUILD"] = "1"
    run_env["COLUMNS"] = "200"
    run_env.update(env or {})
    proc = subprocess.run(cmd, cwd=ROOT, env=run_env, capture_output=True, text=True)
    return Build(dest, content_dir, output, proc.returncode, proc.stdout, proc.stderr)


# --- Builds shared by the whole test run ---------------------------------------------

# A folder every pytest-xdist worker of this run sees; conftest.py sets it.
SHARED_ENV = "SYNERGY_TEST_SHARED"
# The cache folders a build may start from: each plugin checks a fingerprint of
# its inputs before reusing a file, so a variant that changes them renders anew.
SEEDED = ("toolkit_pdf", "share_images")


def shared_build(name, **options):
    """build_site(**options) once per test run, whichever worker asks first.

    The others wait for it and read the same folder, so its output is for reading
    only.
    """
    shared = os.environ.get(SHARED_ENV)
    if not shared:
        raise RuntimeError(f"shared_build needs {SHARED_ENV}: run it under pytest (conftest.py sets it)")
    dest = Path(shared) / name
    record = dest / "build.json"
    with _locked(Path(shared) / f"{name}.lock"):
        if record.exists():
            done = json.loads(record.read_text(encoding="utf-8"))
            return Build(dest, dest / "content", dest / "output", **done)
        build = build_site(dest, **options)
        record.write_text(json.dumps({"returncode": build.returncode, "stdout": build.stdout,
                                      "stderr": build.stderr}), encoding="utf-8")
        return build


def bundled_site():
    """The bundled site, built strictly with the development settings: once per test run."""
    return shared_build("site", search=True, warm_cache=False)


def _seed_cache(cache):
    """Copy the bundled site's PDF and share-image caches into a new cache folder."""
    if not os.environ.get(SHARED_ENV):
        return
    seed = bundled_site().root / "cache"
    for name in SEEDED:
        if (seed / name).is_dir():
            shutil.copytree(seed / name, cache / name)


class _locked:
    """An exclusive lock on a file, held across processes (the xdist workers)."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
