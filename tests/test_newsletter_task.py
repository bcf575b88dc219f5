"""`invoke newsletter` end to end: the task reads the settings, builds, and only reads Mailchimp."""

import os
import subprocess
import sys

from sitebuild import ROOT, build_site


def test_the_dry_run_task_says_what_each_issue_needs_and_writes_nothing(fake_mailchimp):
    env = dict(os.environ, SITE_BUILD_NOW="2026-11-10T12:00")
    run = subprocess.run([sys.executable, "-m", "invoke", "newsletter"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Dry run: nothing was written to Mailchimp" in run.stdout
    # The bundled issues are samples nobody approved for email: no `Email: yes`.
    assert "2026-11-november: web only: add `Email: yes` to email it" in run.stdout.splitlines()
    assert "2026-10-welcome: web only: add `Email: yes` to email it" in run.stdout.splitlines()
    assert fake_mailchimp.write_calls() == []
    assert any(call.path == "/campaigns" for call in fake_mailchimp.calls)  # it did look


def test_a_fresh_copy_sending_its_sample_issues_mails_nobody(fake_mailchimp):
    env = dict(os.environ, SITE_BUILD_NOW="2026-11-10T12:00")
    before = _git_status()
    run = subprocess.run([sys.executable, "-m", "invoke", "newsletter", "--send", "--no-commit"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert fake_mailchimp.store.campaigns == {}
    assert fake_mailchimp.store.test_emails == [] and fake_mailchimp.store.sent == []
    assert fake_mailchimp.write_calls() == []
    assert _git_status() == before  # neither the ledger nor an issue file was touched


def _git_status():
    return subprocess.run(["git", "status", "--porcelain", "--", "content", "data"], cwd=ROOT,
                          capture_output=True, text=True).stdout


def test_send_without_an_api_key_stops_with_one_line(monkeypatch):
    monkeypatch.delenv("MAILCHIMP_API_KEY", raising=False)
    run = subprocess.run([sys.executable, "-m", "invoke", "newsletter", "--send"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "settings: MAILCHIMP_API_KEY: not set "
        "-- export the Mailchimp API key as MAILCHIMP_API_KEY"]


def test_building_the_site_never_writes_to_mailchimp(fake_mailchimp, tmp_path):
    build = build_site(tmp_path, settings="publishconf.py", strict=False)
    assert build.ok, build.stderr
    assert fake_mailchimp.write_calls() == []
