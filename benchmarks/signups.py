"""Offline signups at scale: 10,000 rows into the fake Mailchimp, timed.

The rows are generated (example.com addresses, a quarter of them consented,
three tags spread over them, one in fifty repeated in upper case) and imported
with `run(..., apply_changes=True)` against the local fake, which checks every
request against Mailchimp's API description as it does in the tests. Prints the
wall time and the number of write calls of the first run, then of a second
identical run (which should write nothing). Targets: under 30 s, at most 50
write calls.

    .venv/bin/python benchmarks/signups.py [ROWS]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

from fake_mailchimp import FakeMailchimp  # noqa: E402
from synergy.mailchimp import connect  # noqa: E402
from synergy.signups.sync import run  # noqa: E402

TAGS = ["Workshop", "Front desk", "Wellness Toolkit"]


def write_rows(path, count):
    with path.open("w", encoding="utf-8") as handle:
        handle.write("email,first_name,last_name,tags,consented_at\n")
        for n in range(count):
            email = f"person{n:05}@example.com"
            if n % 50 == 49:  # the same person again, in upper case: counted once
                email = f"PERSON{n - 1:05}@EXAMPLE.COM"
            consent = "2026-01-15" if n % 4 == 0 else ""
            handle.write(f"{email},First{n},Last{n},{TAGS[n % 3]},{consent}\n")


def timed_run(fake, path, private):
    before = len(fake.write_calls())
    lines = []
    started = time.perf_counter()
    with connect() as mc:
        status = run(path, apply_changes=True, mc=mc, list_id=fake.audience_id, root=ROOT,
                     private=private, out=lines.append)
    seconds = time.perf_counter() - started
    return status, seconds, len(fake.write_calls()) - before, lines


def main(count=10_000):
    with tempfile.TemporaryDirectory() as folder, FakeMailchimp() as fake:
        os.environ["MAILCHIMP_API_KEY"] = fake.api_key
        os.environ["MAILCHIMP_API_URL"] = fake.url
        path = Path(folder) / "signups.csv"
        write_rows(path, count)
        status, seconds, writes, lines = timed_run(fake, path, Path(folder) / "private")
        print("\n".join(lines))
        print(f"first run:  {count} rows, {seconds:.1f} s wall time, {writes} write calls, "
              f"{len(fake.calls)} calls in all, exit {status}")
        status2, seconds2, writes2, _ = timed_run(fake, path, Path(folder) / "private")
        print(f"second run: {seconds2:.1f} s wall time, {writes2} write calls, exit {status2}")
        print(f"audience: {len(fake.members())} members; "
              + ", ".join(f"{t}: {len(fake.tag_members(t))}" for t in TAGS))
        if fake.violations:
            print(f"{len(fake.violations)} requests disagreed with the API description", file=sys.stderr)
            return 1
        ok = seconds < 30 and writes <= 50 and writes2 == 0 and status == 0
        print("targets (< 30 s, <= 50 write calls, second run writes nothing):",
              "met" if ok else "NOT met")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
