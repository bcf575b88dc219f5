"""How many assert statements each test ran: the measure that a faster suite checks no less.

Active when pytest runs with `-o enable_assertion_pass_hook=true` (`invoke test
--count-asserts`): pytest then calls pytest_assertion_pass for every assert that
holds in a rewritten module (test files, conftest.py, fake_mailchimp.fixtures).
The summary line splits the asserts of test bodies from those of fixtures, which
run once per process (per pytest-xdist worker); artifacts/assert-counts.json
holds the counts of each test, to compare two runs test by test.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

REPORT = Path(__file__).resolve().parent.parent / "artifacts" / "assert-counts.json"
_COUNTS = pytest.StashKey[Counter]()
_phase = {"name": None}
_totals = {}


class _phase_of_test:
    """Which phase of a test is running, for the asserts it runs."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        _phase["name"] = self.name

    def __exit__(self, *exc):
        _phase["name"] = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    with _phase_of_test("setup"):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _phase_of_test("call"):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    with _phase_of_test("teardown"):
        return (yield)


def pytest_assertion_pass(item, lineno, orig, expl):
    counts = item.stash.setdefault(_COUNTS, Counter())
    counts[_phase["name"] or "other"] += 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "teardown":
        # user_properties travel from a pytest-xdist worker to the controller.
        report.user_properties.append(("asserts", dict(item.stash.get(_COUNTS, Counter()))))
    return report


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        for name, value in report.user_properties:
            if name == "asserts":
                _totals[report.nodeid] = value


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workerinput"):
        return
    body = sum(counts.get("call", 0) for counts in _totals.values())
    fixtures = sum(counts.get("setup", 0) + counts.get("teardown", 0) for counts in _totals.values())
    terminalreporter.write_line(f"asserts that held: {body} in the bodies of {len(_totals)} tests, "
                                f"{fixtures} more in fixtures")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(_totals, indent=0, sort_keys=True), encoding="utf-8")
