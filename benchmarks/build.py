"""Build time: plain Pelican (`simple` theme, no plugins) against this project's full build.

What a deploy and an editor feel, each as wall time with CPU time (user + sys of
the build and every process it starts) beside it:

- clean: nothing cached at all (no output, no cache folder: the toolkit PDF,
  share images and compiled templates included), as a deploy from a fresh
  checkout builds; plain Pelican and ours alternate A B A B on the same
  generated articles, so drift in the machine's load hits both alike;
- warm: one article edited, then `invoke build` (what editors run) on the
  output and cache the last build left; plain Pelican's own warm rebuild with
  its content cache is timed alongside, for reference.

Both ratios are to plain Pelican's clean build.
"""

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent

PLAIN_SETTINGS = """
AUTHOR = "Bench"
SITENAME = "Plain Pelican"
SITEURL = ""
TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
THEME = "simple"
PLUGINS = []
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
FEED_DOMAIN = "http://localhost:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
DEFAULT_PAGINATION = 10
CACHE_CONTENT = True
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
"""


def timed(cmd, name="the"):
    """(wall seconds, CPU seconds) of one build command run from the repository.

    CPU time (user + sys of the build and the processes it starts, Pagefind's
    included) hardly moves with the load others put on a shared machine.
    """
    env = {k: v for k, v in os.environ.items() if k != "STRICT_BUILD"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{name} build failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


class Site:
    """One side of the comparison: a content folder, its settings, its output."""

    def __init__(self, name, work, settings, content):
        self.name = name
        self.settings = settings
        self.content = content
        self.output = work / f"{name}-output"
        self.cache = work / f"{name}-cache"

    def command(self, warm):
        return [sys.executable, "-m", "pelican", str(self.content), "-o", str(self.output),
                "-s", str(self.settings), "-q",
                "-e", f"CACHE_PATH={json.dumps(str(self.cache))}",
                f"LOAD_CONTENT_CACHE={json.dumps(bool(warm))}"]

    def build(self, warm):
        """(wall seconds, CPU seconds) of one build; a clean one starts with no output and no cache."""
        if not warm:
            shutil.rmtree(self.output, ignore_errors=True)
            shutil.rmtree(self.cache, ignore_errors=True)
        return self._timed(self.command(warm))

    def _timed(self, cmd):
        return timed(cmd, self.name)

    def touch_one_article(self, n):
        article = self.content / "blog" / f"bench-{n // 2:05d}.md"
        text = article.read_text(encoding="utf-8")
        article.write_text(text + f"\nEdited at {time.time()}.\n", encoding="utf-8")


class OurSite(Site):
    """Ours: the warm rebuild is `invoke build`, as an editor runs it."""

    def build(self, warm):
        if not warm:
            return super().build(warm)
        invoke = Path(sys.executable).parent / "invoke"
        return self._timed([str(invoke), "build", "--content", str(self.content),
                            "--output", str(self.output), "--cache", str(self.cache)])


def prepare(work, count):
    """Two content folders with the same generated articles."""
    plain_content = work / "plain-content"
    write_corpus(plain_content / "blog", count)
    (plain_content / "pages").mkdir(exist_ok=True)
    plain_settings = work / "plainconf.py"
    plain_settings.write_text(PLAIN_SETTINGS)

    ours_content = work / "ours-content"
    shutil.copytree(ROOT / "content", ours_content)
    write_corpus(ours_content / "blog", count)
    return (Site("plain", work, plain_settings, plain_content),
            OurSite("ours", work, ROOT / "pelicanconf.py", ours_content))


def _series(count, runs):
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
        work = Path(tmp)
        plain, ours = prepare(work, count)
        # One untimed build each: the OS file cache holds Python, the theme and the content.
        plain.build(warm=False)
        ours.build(warm=False)
        samples = {f"{kind}_{name}": [] for kind in ("clean", "warm") for name in ("plain", "ours")}
        for _ in range(runs):
            for site in (plain, ours):
                samples[f"clean_{site.name}"].append(site.build(warm=False))
        for site in (plain, ours):
            site.build(warm=True)  # the caches as the last build leaves them
        for _ in range(runs):
            for site in (plain, ours):
                site.touch_one_article(count)
                samples[f"warm_{site.name}"].append(site.build(warm=True))
    return samples


def measure(count, runs=3):
    """Medians of `runs` clean and warm builds of both, and the ratios to plain's clean build."""
    samples = _series(count, runs)
    med = {key: (statistics.median(w for w, _c in pairs), statistics.median(c for _w, c in pairs))
           for key, pairs in samples.items()}
    plain_wall, plain_cpu = med["clean_plain"]
    figures = {"articles": count, "runs": runs}
    for key, (wall, cpu) in med.items():
        figures[key] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                        "wall_ratio": round(wall / plain_wall, 2), "cpu_ratio": round(cpu / plain_cpu, 2)}
    figures["samples"] = {key: [[round(w, 3), round(c, 3)] for w, c in pairs] for key, pairs in samples.items()}
    return figures


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [100]
    for size in sizes:
        print(json.dumps(measure(size, runs=2), indent=2))
