"""Every task answers --help without doing anything, including those that take words in order."""

import json
import subprocess
import sys

import pytest

from sitebuild import ROOT


def invoke(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True)


def task_names():
    listed = json.loads(invoke("--list", "--list-format=json").stdout)
    return sorted(task["name"] for task in listed["tasks"])


def test_the_task_list_holds_the_editing_commands():
    assert {"new", "lint", "build", "livereload", "links", "catalogue"} <= set(task_names())


@pytest.mark.parametrize("task", task_names())
def test_every_task_shows_its_help(task):
    result = invoke(task, "--help")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Usage: inv[oke] [--core-opts] {task} "), result.stdout


@pytest.mark.parametrize("words", [("new", "post", "--help"), ("new", "--help"), ("new", "page", "-h"),
                                   ("signups", "--help"), ("new", "issue", "December", "--help")])
def test_help_after_a_tasks_words_shows_help_and_makes_nothing(words):
    before = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*"))
    result = invoke(*words)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Usage: inv[oke] [--core-opts] {words[0]} "), result.stdout
    assert sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*")) == before
    assert "settings: MAILCHIMP_API_KEY" not in result.stdout + result.stderr


def test_new_still_takes_its_words_in_order(tmp_path):
    result = invoke("new", "post", "A help guide", "--content", str(tmp_path / "content"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "content" / "blog" / "a-help-guide.md").exists()


def test_the_catalogue_task_finds_editing_md_in_step():
    result = invoke("catalogue", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
