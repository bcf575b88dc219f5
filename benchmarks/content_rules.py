"""What the content rules cost a build: the rules alone, and a build with and without them.

- rules: in one process, the content folder read and every rule run over it
  (metadata, across the site, links and images over HTML made beforehand, as a
  build hands Pelican's HTML over): what the checks themselves take;
- build: the whole build (cold, no search index) with and without
  plugins/synergy_content_rules, alternating, medians of wall and CPU time.

    .venv/bin/python benchmarks/content_rules.py [ARTICLES ...]   # 0 = the bundled site
"""

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from build import timed  # noqa: E402
from corpus import write_corpus  # noqa: E402


def _content(work, count):
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    if count:
        write_corpus(content / "blog", count)
    return content


def rules_alone(content, runs):
    """Median seconds of reading the folder and running every rule (HTML made beforehand)."""
    from pelican.settings import read_settings

    from synergy.content import checker, rules
    from synergy.content.site import scan

    settings = dict(read_settings(str(ROOT / "pelicanconf.py")), PATH=str(content))
    render = checker.markdown_renderer(settings)
    html = {rel: render(source.text) for rel, source in scan(settings).sources.items()
            if source.markdown and source.text is not None}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        plan = scan(settings)
        across = rules.site_rules(plan)
        for rel, source in plan.sources.items():
            rules.file_rules(plan, source)
            across.get(rel)
            if rel in html and source.kind is not None:
                rules.body_rules(plan, source, html[rel])
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(html)


def _build(content, output, plugins):
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s",
           str(ROOT / "pelicanconf.py"), "-q", "-e", f"CACHE_PATH={json.dumps(str(output) + '-cache')}",
           "LOAD_CONTENT_CACHE=false", "SEARCH_INDEX=false", f"PLUGINS={json.dumps(plugins)}"]
    return timed(cmd)


def with_and_without(content, work, runs):
    import pelicanconf

    plugins = {"with": list(pelicanconf.PLUGINS),
               "without": [p for p in pelicanconf.PLUGINS if p != "synergy_content_rules"]}
    wall = {name: [] for name in plugins}
    cpu = {name: [] for name in plugins}
    for name, chosen in plugins.items():  # untimed: fills the toolkit PDF cache
        _build(content, work / f"out-{name}", chosen)
    for _ in range(runs):
        for name, chosen in plugins.items():
            seconds, used = _build(content, work / f"out-{name}", chosen)
            wall[name].append(seconds)
            cpu[name].append(used)
    return ({name: statistics.median(series) for name, series in wall.items()},
            {name: statistics.median(series) for name, series in cpu.items()})


def measure(count, runs=5):
    with tempfile.TemporaryDirectory(prefix="bench-rules-") as tmp:
        work = Path(tmp)
        content = _content(work, count)
        alone, files = rules_alone(content, runs)
        wall, cpu = with_and_without(content, work, runs)
    return {"articles_added": count, "markdown_files": files, "runs": runs,
            "rules_alone_s": round(alone, 3),
            "build_with_s": round(wall["with"], 3), "build_without_s": round(wall["without"], 3),
            "cpu_with_s": round(cpu["with"], 3), "cpu_without_s": round(cpu["without"], 3)}


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [0, 1000]:
        print(json.dumps(measure(size)), flush=True)
