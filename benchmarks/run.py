"""`invoke bench`: every benchmark in one run, a table on screen and a JSON file.

    .venv/bin/invoke bench                 # 100 and 1,000 articles, 5 runs each
    .venv/bin/invoke bench --sizes 100 --runs 3

Figures land in benchmarks/latest.json (kept in git, so the README's figures
can be traced to a run).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "plugins"), str(ROOT / "tests")]

import build as build_bench  # noqa: E402
import content_rules as rules_bench  # noqa: E402
import pages as page_bench  # noqa: E402

GMAIL_CLIP_BYTES = 102 * 1024


def built_site(folder):
    """The bundled site built once with the live settings, for the size figures."""
    output = Path(folder) / "output"
    subprocess.run(
        [sys.executable, "-m", "pelican", str(ROOT / "content"), "-o", str(output),
         "-s", str(ROOT / "publishconf.py"), "-q",
         "-e", f"CACHE_PATH={json.dumps(str(Path(folder) / 'cache'))}"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return output


def email_sizes(output):
    previews = sorted((output / "email-preview").glob("*/email.html"))
    return {p.parent.name: {"html_bytes": p.stat().st_size,
                            "under_gmail_clip": p.stat().st_size < GMAIL_CLIP_BYTES}
            for p in previews}


def pdf_render():
    from pelican.settings import read_settings

    from synergy_toolkit_pdf import settings as toolkit_settings
    from synergy_toolkit_pdf.plugin import _print_values
    from synergy_toolkit_pdf.render import build_html, render_pdf
    from synergy_toolkit_pdf.source import read_toolkit

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    config = toolkit_settings.read(settings)
    toolkit = read_toolkit(config.source, settings)
    html = build_html(toolkit, config.print_path, _print_values(settings))
    times = []
    for _ in range(3):
        pdf, pages, seconds = render_pdf(html, config.print_path)
        times.append(seconds)
    return {"render_s": round(sorted(times)[1], 2), "bytes": len(pdf), "pages": pages}


def signups(rows=None):
    import signups as signup_bench

    from fake_mailchimp import FakeMailchimp

    rows = rows or signup_bench.ROWS
    with tempfile.TemporaryDirectory() as folder, FakeMailchimp() as fake:
        saved = {k: os.environ.get(k) for k in ("MAILCHIMP_API_KEY", "MAILCHIMP_API_URL")}
        os.environ["MAILCHIMP_API_KEY"] = fake.api_key
        os.environ["MAILCHIMP_API_URL"] = fake.url
        try:
            path = Path(folder) / "signups.csv"
            signup_bench.write_rows(path, rows)
            private = Path(folder) / "private"
            status, seconds, writes, calls, lines = signup_bench.timed_run(fake, path, private)
            _, seconds2, writes2, _, lines2 = signup_bench.timed_run(fake, path, private)
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        line, adds_up = signup_bench.accounting(lines)
        return {"rows": rows, "wall_s": round(seconds, 2), "write_calls": writes,
                "all_calls": calls, "second_run_write_calls": writes2,
                "second_run_wall_s": round(seconds2, 2), "accounting": line,
                "accounting_adds_up": adds_up and signup_bench.accounting(lines2)[1], "exit": status}


def table(results):
    lines = ["", "Build (median seconds)",
             f"{'articles':>9} {'plain':>8} {'ours':>8} {'ratio':>6} {'warm plain':>11} "
             f"{'warm ours':>10} {'warm/cold':>10}"]
    for b in results["build"]:
        lines.append(f"{b['articles']:>9} {b['cold_plain_s']:>8.2f} {b['cold_ours_s']:>8.2f} "
                     f"{b['cold_ratio']:>6.2f} {b['warm_plain_s']:>11.2f} {b['warm_ours_s']:>10.2f} "
                     f"{b['warm_over_our_cold']:>10.2f}")
    lines += ["", "Build (median CPU seconds, user + sys: steadier on a shared machine)"]
    for b in results["build"]:
        c = b["cpu"]
        lines.append(f"{b['articles']:>9} {c['cold_plain_s']:>8.2f} {c['cold_ours_s']:>8.2f} "
                     f"{c['cold_ratio']:>6.2f} {c['warm_plain_s']:>11.2f} {c['warm_ours_s']:>10.2f} "
                     f"{c['warm_over_our_cold']:>10.2f}")
    lines += ["  targets: ratio <= 1.30, warm/cold <= 0.60", "", "Pages (bytes loaded)",
              f"{'page':>9} {'raw':>9} {'gzip':>9}"]
    for name, w in results["pages"].items():
        lines.append(f"{name:>9} {w['raw']:>9} {w['gzip']:>9}")
    lines += ["  target: <= 51200 gzip per page", "", "Email HTML (bytes)"]
    for slug, e in results["email"].items():
        lines.append(f"  {slug}: {e['html_bytes']} ({'under' if e['under_gmail_clip'] else 'OVER'} 102 KB)")
    p = results["pdf"]
    lines += ["", f"Toolkit PDF: {p['bytes']} bytes, {p['pages']} pages, rendered in {p['render_s']} s "
              "(targets: < 500 KB, < 3 s)"]
    s = results["signups"]
    lines += [f"Signups: {s['rows']} rows in {s['wall_s']} s, {s['all_calls']} calls of which "
              f"{s['write_calls']} write; second run {s['second_run_write_calls']} write calls "
              "(targets: < 60 s, <= 250, 0)",
              f"  {s['accounting']}"
              + ("" if s["accounting_adds_up"] else "  (DOES NOT ADD UP)")]
    lines += ["", "Content rules (median seconds; builds cold, without the search index)",
              f"{'articles':>9} {'rules':>6} {'with':>7} {'without':>8} {'cpu with':>9} {'cpu without':>12}"]
    for r in results.get("content_rules", []):
        lines.append(f"{r['markdown_files']:>9} {r['rules_alone_s']:>6.3f} {r['build_with_s']:>7.2f} "
                     f"{r['build_without_s']:>8.2f} {r['cpu_with_s']:>9.2f} {r['cpu_without_s']:>12.2f}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "build": [],
    }
    for size in args.sizes:
        print(f"timing builds of {size} articles ({args.runs} runs each)...", flush=True)
        results["build"].append(build_bench.measure(size, runs=args.runs))
    print("timing the content rules on the bundled site and the largest corpus...", flush=True)
    results["content_rules"] = [rules_bench.measure(size, runs=args.runs) for size in (0, max(args.sizes))]
    with tempfile.TemporaryDirectory() as folder:
        output = built_site(folder)
        results["pages"] = page_bench.measure(output)
        results["email"] = email_sizes(output)
    results["pdf"] = pdf_render()
    results["signups"] = signups()
    (HERE / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nwritten to {HERE / 'latest.json'}")


if __name__ == "__main__":
    main()
