"""Build the real site (or a variant of it) into a temporary folder and look at it."""

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
):
    """Copy content/ to dest, change it, build it with Pelican in a subprocess.

    files: {"blog/new.md": "text"} written into the copied content;
    remove: content-relative paths to delete; overrides: Pelican settings given
    with -e (JSON values); env: extra environment variables.
    """
    dest = Path(dest)
    source = Path(content) if content else ROOT / "content"
    content_dir = dest / "content"
    if content_dir.exists():
        shutil.rmtree(content_dir)
    shutil.copytree(source, content_dir)
    for rel in remove:
        target = content_dir / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for rel, text in (files or {}).items():
        target = content_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    output = dest / "output"
    settings_overrides = {"CACHE_PATH": str(dest / "cache")}
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
