"""Search: what the Pagefind index weighs and what indexing adds to a build.

For the bundled site and for a generated corpus, full builds with the index
(SEARCH_INDEX on) and without it alternate A B A B, so drift in the machine's
load hits both alike; the difference of the medians is the time indexing adds.
On a shared machine that difference is noisy, so the indexing step is also
timed on its own, in process, over the built output (`indexer_s`). The PDF's
text cache is kept between runs, as between ordinary builds; reading the
PDF's text once, cold, is timed on its own.

    .venv/bin/python benchmarks/search.py [ARTICLES ...]   # e.g. 0 100
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

from corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from synergy_search import indexer  # noqa: E402
from synergy_search.documents import extract  # noqa: E402

# Files that depend on the content; the rest of pagefind/ is Pagefind's UI and runtime.
INDEX_PARTS = ("fragment", "index", "filter")


def _size(paths):
    return sum(p.stat().st_size for path in paths for p in ([path] if path.is_file() else path.rglob("*"))
               if p.is_file())


def index_size(output):
    folder = output / "pagefind"
    index = [folder / part for part in INDEX_PARTS] + list(folder.glob("*.pf_meta"))
    everything = _size([folder])
    content_bound = _size(index)
    return {
        "pagefind_folder_bytes": everything,
        "index_bytes": content_bound,
        "runtime_and_ui_bytes": everything - content_bound,
        "fragments": len(list((folder / "fragment").glob("*"))),
    }


def time_indexer(output, cache, runs):
    """Median seconds of the indexing step alone, as the build's `finalized` receiver runs it."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"),
                             override={"OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)})
    pelican = types.SimpleNamespace(settings=settings)
    indexer.check_settings(pelican)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        indexer.write_index(pelican)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def build(content, output, cache, index):
    shutil.rmtree(output, ignore_errors=True)
    cmd = [sys.executable, "-m", "pelican", str(content), "-o", str(output),
           "-s", str(ROOT / "pelicanconf.py"), "-q",
           "-e", f"CACHE_PATH={json.dumps(str(cache))}", "LOAD_CONTENT_CACHE=false",
           f"SEARCH_INDEX={json.dumps(index)}"]
    env = {k: v for k, v in os.environ.items() if k != "STRICT_BUILD"}
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"build failed:\n{proc.stderr[-2000:]}")
    return elapsed


def measure(articles, runs=3):
    with tempfile.TemporaryDirectory(prefix=f"bench-search-{articles}-") as tmp:
        work = Path(tmp)
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        if articles:
            write_corpus(content / "blog", articles)
        cache, out_on, out_off = work / "cache", work / "with-index", work / "without-index"
        build(content, out_on, cache, True)  # untimed: fills the PDF caches
        times = {"with": [], "without": []}
        for _ in range(runs):
            times["with"].append(build(content, out_on, cache, True))
            times["without"].append(build(content, out_off, cache, False))
        pdf = out_on / "toolkit" / "wellness-toolkit.pdf"
        started = time.perf_counter()
        if pdf.exists():
            extract(pdf)
        pdf_seconds = time.perf_counter() - started if pdf.exists() else None
        indexer_s = time_indexer(out_on, cache, runs)
        with_s, without_s = statistics.median(times["with"]), statistics.median(times["without"])
        return {
            "extra_articles": articles,
            "runs": runs,
            "build_with_index_s": round(with_s, 3),
            "build_without_index_s": round(without_s, 3),
            "indexing_adds_s": round(with_s - without_s, 3),
            "indexer_s": round(indexer_s, 3),
            "pdf_text_extraction_cold_s": round(pdf_seconds, 3) if pdf_seconds is not None else None,
            **index_size(out_on),
            "samples": times,
        }


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [0]
    results = [measure(size) for size in sizes]
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "search.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
