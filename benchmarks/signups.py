"""Offline signups at scale: 50,000 rows into the fake Mailchimp, timed and accounted for.

The rows are generated (example.com addresses, a quarter of them consented,
three tags spread over them in mixed case, one in fifty repeated in upper case,
one in a thousand not an address) and imported with `run(..., apply_changes=True)`
against the local fake, which checks every request against Mailchimp's API
description as it does in the tests. Prints the wall time, the calls (all, and
the writes) and the accounting line of the first run, then of a second
identical run (which should write nothing). Targets for 50,000 rows: under
60 s, at most 250 write calls (about 2 per 500 rows: the members, then the
tags), the second run no write, and the accounting adds up.

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
SPELLINGS = ["Workshop", "front desk", "WELLNESS TOOLKIT"]   # one tag whatever the case
ROWS = 50_000


def write_rows(path, count):
    with path.open("w", encoding="utf-8") as handle:
        handle.write("email,first_name,last_name,tags,consented_at\n")
        for n in range(count):
            email = f"person{n:05}@example.com"
            if n % 50 == 49:  # the same person again, in upper case: counted once
                email = f"PERSON{n - 1:05}@EXAMPLE.COM"
            if n % 1000 == 999:  # a typo: rejected with its line
                email = f"person{n:05}.example.com"
            consent = "2026-01-15" if n % 4 == 0 else ""
            tag = (SPELLINGS if n % 7 == 0 else TAGS)[n % 3]
            handle.write(f"{email},First{n},Last{n},{tag},{consent}\n")


def timed_run(fake, path, private):
    """(exit status, seconds, write calls, all calls, printed lines) of one applied run."""
    writes, calls = len(fake.write_calls()), len(fake.calls)
    lines = []
    started = time.perf_counter()
    with connect() as mc:
        status = run(path, apply_changes=True, mc=mc, list_id=fake.audience_id, root=ROOT,
                     private=private, out=lines.append)
    seconds = time.perf_counter() - started
    return status, seconds, len(fake.write_calls()) - writes, len(fake.calls) - calls, lines


def accounting(lines):
    """The run's accounting line, and whether it adds up."""
    line = next((line for line in reversed(lines) if line.startswith("Accounting: ")), "")
    return line, line.endswith(": every line accounted for")


def main(count=ROWS):
    with tempfile.TemporaryDirectory() as folder, FakeMailchimp() as fake:
        os.environ["MAILCHIMP_API_KEY"] = fake.api_key
        os.environ["MAILCHIMP_API_URL"] = fake.url
        path = Path(folder) / "signups.csv"
        write_rows(path, count)
        status, seconds, writes, calls, lines = timed_run(fake, path, Path(folder) / "private")
        print("\n".join(line for line in lines if ": line " not in line))
        print(f"first run:  {count} rows, {seconds:.1f} s wall time, {writes} write calls, "
              f"{calls} calls in all, exit {status}")
        status2, seconds2, writes2, calls2, lines2 = timed_run(fake, path, Path(folder) / "private")
        print(f"second run: {seconds2:.1f} s wall time, {writes2} write calls, {calls2} calls in all, "
              f"exit {status2}")
        print(f"audience: {len(fake.members())} members; "
              + ", ".join(f"{t}: {len(fake.tag_members(t))}" for t in TAGS))
        if fake.violations:
            print(f"{len(fake.violations)} requests disagreed with the API description", file=sys.stderr)
            return 1
        adds_up = accounting(lines)[1] and accounting(lines2)[1]
        ok = seconds < 60 and writes <= 250 and writes2 == 0 and adds_up
        print("targets (< 60 s, <= 250 write calls, second run writes nothing, accounting adds up):",
              "met" if ok else "NOT met")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS))
