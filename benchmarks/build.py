"""Build time: plain Pelican (`simple` theme, no plugins) against this project's full build.

For each corpus size the two builds alternate A B A B so that drift in the
machine's load hits both alike. A cold run starts from an empty output folder and
does not read the content cache; a warm run rebuilds after one article changed,
with the content cache on. The toolkit PDF's own cache is kept between runs, as
it is between ordinary builds.
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


class Site:
    """One side of the comparison: a content folder, its settings, its output."""

    def __init__(self, name, work, settings, content):
        self.name = name
        self.settings = settings
        self.content = content
        self.output = work / f"{name}-output"
        self.cache = work / f"{name}-cache"

    def build(self, warm):
        if not warm:
            shutil.rmtree(self.output, ignore_errors=True)
        cmd = [sys.executable, "-m", "pelican", str(self.content), "-o", str(self.output),
               "-s", str(self.settings), "-q",
               "-e", f"CACHE_PATH={json.dumps(str(self.cache))}",
               f"LOAD_CONTENT_CACHE={json.dumps(bool(warm))}"]
        env = {k: v for k, v in os.environ.items() if k != "STRICT_BUILD"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise RuntimeError(f"{self.name} build failed:\n{proc.stderr[-2000:]}")
        # CPU time (user + sys of the build and the processes it starts, Pagefind's
        # included) hardly moves with the load others put on a shared machine.
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return elapsed, cpu

    def touch_one_article(self, n):
        article = self.content / "blog" / f"bench-{n // 2:05d}.md"
        text = article.read_text(encoding="utf-8")
        article.write_text(text + f"\nEdited at {time.time()}.\n", encoding="utf-8")


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
            Site("ours", work, ROOT / "pelicanconf.py", ours_content))


def measure(count, runs=5):
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
        work = Path(tmp)
        plain, ours = prepare(work, count)
        # One untimed build each: fills the toolkit PDF cache and warms the OS file cache.
        plain.build(warm=False)
        ours.build(warm=False)
        cold = {"plain": [], "ours": []}
        cold_cpu = {"plain": [], "ours": []}
        for _ in range(runs):
            for site in (plain, ours):
                elapsed, cpu = site.build(warm=False)
                cold[site.name].append(elapsed)
                cold_cpu[site.name].append(cpu)
        warm = {"plain": [], "ours": []}
        warm_cpu = {"plain": [], "ours": []}
        for site in (plain, ours):
            site.build(warm=True)  # fill the content cache
        for _ in range(runs):
            for site in (plain, ours):
                site.touch_one_article(count)
                elapsed, cpu = site.build(warm=True)
                warm[site.name].append(elapsed)
                warm_cpu[site.name].append(cpu)
    med = {f"{kind}_{name}": statistics.median(times)
           for kind, series in (("cold", cold), ("warm", warm), ("cold_cpu", cold_cpu), ("warm_cpu", warm_cpu))
           for name, times in series.items()}
    return {
        "articles": count,
        "runs": runs,
        "cold_plain_s": round(med["cold_plain"], 3),
        "cold_ours_s": round(med["cold_ours"], 3),
        "cold_ratio": round(med["cold_ours"] / med["cold_plain"], 2),
        "warm_plain_s": round(med["warm_plain"], 3),
        "warm_ours_s": round(med["warm_ours"], 3),
        "warm_over_our_cold": round(med["warm_ours"] / med["cold_ours"], 2),
        "cpu": {
            "cold_plain_s": round(med["cold_cpu_plain"], 3),
            "cold_ours_s": round(med["cold_cpu_ours"], 3),
            "cold_ratio": round(med["cold_cpu_ours"] / med["cold_cpu_plain"], 2),
            "warm_plain_s": round(med["warm_cpu_plain"], 3),
            "warm_ours_s": round(med["warm_cpu_ours"], 3),
            "warm_over_our_cold": round(med["warm_cpu_ours"] / med["cold_cpu_ours"], 2),
        },
        "samples": {"cold": cold, "warm": warm, "cold_cpu": cold_cpu, "warm_cpu": warm_cpu},
    }


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [100]
    for size in sizes:
        print(json.dumps(measure(size, runs=2), indent=2))
