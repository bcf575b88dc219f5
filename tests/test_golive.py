"""`invoke golive`: nothing marked !placeholder goes live, and the Mailchimp steps done by hand are named.

It lists every practice detail still a placeholder, one line each saying where
to set it, and fails; with every detail given it passes. `invoke publish` and
the deploy workflow run it before building.
"""

import importlib.util
import os
import re
import subprocess
import sys

import pytest
from invoke import MockContext

from content_files import clinical_files
from practice_fixtures import FILLED_SETTINGS, approved_content, photo_with_location
from sitebuild import ROOT

PRACTICE_FILE = ROOT / "data" / "practice.yaml"
LINE = re.compile(r"^(?P<name>[A-Z_]+(?:\['[^']+'\])*): still a placeholder \((?P<value>.*)\) -- write the real "
                  r"value at (?P<key>[\w.-]+) in data/practice\.yaml and delete its !placeholder mark"
                  r"(?:, or set the environment variable (?P<variable>[A-Z_]+))?$")


def golive(*args, env=None):
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("PRACTICE_", "MAILCHIMP_"))}
    return subprocess.run([sys.executable, "-m", "invoke", "golive", *args], cwd=ROOT,
                          env={**environment, **(env or {})}, capture_output=True, text=True)


def marked_keys():
    """The keys data/practice.yaml marks !placeholder, read from the file's text."""
    keys, path = [], []
    for line in PRACTICE_FILE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(?P<indent> *)(?P<key>[\w-]+):(?P<rest>.*)$", line)
        if not match or line.lstrip().startswith("#"):
            continue
        depth = len(match["indent"]) // 2
        path = [*path[:depth], match["key"]]
        if match["rest"].strip().startswith("!placeholder"):
            keys.append(".".join(path))
    return keys


@pytest.fixture(scope="module")
def bundled():
    return golive()


def placeholder_lines(run):
    return [line for line in run.stdout.splitlines() if "still a placeholder" in line]


def test_the_bundled_site_is_not_ready_to_go_live(bundled):
    assert bundled.returncode == 1, bundled.stdout + bundled.stderr
    assert "Traceback" not in bundled.stderr


def test_each_placeholder_in_the_practice_file_is_one_line_saying_where_to_set_it(bundled):
    lines = placeholder_lines(bundled)
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), [line for line, match in zip(lines, parsed, strict=True) if not match]
    assert [match["key"] for match in parsed] == marked_keys()
    names = {match["name"]: match for match in parsed}
    assert names["PRACTICE['booking_url']"]["variable"] == "PRACTICE_BOOKING_URL"
    assert names["MAILCHIMP_AUDIENCE_ID"]["variable"] == "MAILCHIMP_AUDIENCE_ID"
    assert "CLINICIANS['prescriber']['name']" in names
    assert f"Not ready to go live: {len(lines)} placeholder details and " in bundled.stdout


def test_the_mailchimp_steps_done_by_hand_are_named_with_the_live_addresses(bundled):
    text = bundled.stdout
    assert "'Final welcome email'" in text and "'Confirmation thank you page'" in text
    assert "https://www.synergyintegrativehealth.com/toolkit/wellness-toolkit.pdf" in text
    assert "https://www.synergyintegrativehealth.com/toolkit/thanks/" in text
    assert text.count("Mailchimp's API cannot") == 2


def test_a_placeholder_set_in_the_environment_is_no_longer_listed():
    run = golive(env={"PRACTICE_BOOKING_URL": "https://booking.example.org/x/", "PRACTICE_EMAIL": ""})
    names = [LINE.match(line)["name"] for line in placeholder_lines(run)]
    assert "PRACTICE['booking_url']" not in names
    assert "PRACTICE['email']" in names, "an empty variable counts as unset"
    assert run.returncode == 1


def filled(tmp_path):
    settings = tmp_path / "filledconf.py"
    settings.write_text(FILLED_SETTINGS.format(root=str(ROOT), photo=str(photo_with_location(tmp_path / "p.jpg"))),
                        encoding="utf-8")
    return settings


def test_a_settings_file_giving_every_detail_passes_once_the_practice_has_approved(tmp_path):
    run = golive("--settings", str(filled(tmp_path)), "--content", str(approved_content(tmp_path)))
    assert run.returncode == 0, run.stdout + run.stderr
    assert placeholder_lines(run) == []
    assert "Every practice detail is set, and the practice has approved every clinical page." in run.stdout
    assert "'Final welcome email'" in run.stdout


def test_every_detail_given_is_not_enough_while_pages_wait_for_approval(tmp_path):
    run = golive("--settings", str(filled(tmp_path)))
    assert run.returncode == 1
    assert placeholder_lines(run) == []
    assert "Not ready to go live: 0 placeholder details and " in run.stdout


def test_a_settings_file_leaving_one_placeholder_fails_naming_only_it(tmp_path):
    settings = tmp_path / "almostconf.py"
    text = FILLED_SETTINGS.format(root=str(ROOT), photo="")
    settings.write_text(text.replace('MAILCHIMP_DC = "us6"', 'MAILCHIMP_DC = "us21"'), encoding="utf-8")
    run = golive("--settings", str(settings))
    assert run.returncode == 1
    assert [LINE.match(line)["name"] for line in placeholder_lines(run)] == ["MAILCHIMP_DC"]


# --- What the practice must approve ---------------------------------------------------------

def test_each_clinical_page_not_yet_approved_is_listed_with_what_to_do(bundled):
    waiting = [line.split(": ", 1)[0] for line in bundled.stdout.splitlines()
               if ": clinical page not approved yet -- a clinician reads it, then adds 'Approved_by: " in line]
    assert waiting == [f"content/{path.relative_to(ROOT / 'content').as_posix()}"
                       for path in clinical_files(ROOT / "content")]


def test_each_changed_answer_is_shown_beside_the_practices_own_wording(bundled):
    import yaml

    changes = yaml.safe_load((ROOT / "data" / "approvals.yaml").read_text(encoding="utf-8"))["changes"]
    lines = bundled.stdout.splitlines()
    assert len(changes) == 2
    for change in changes:
        heading = next(i for i, line in enumerate(lines) if f"the answer to '{change['question']}' differs" in line)
        assert lines[heading].startswith(f"content/{change['page']}: ")
        assert lines[heading + 1] == "    the practice's wording: " + " ".join(change["original"].split())
        assert lines[heading + 2].startswith("    the site's wording:     ")
        assert lines[heading + 2].strip() != lines[heading + 1].strip()
    safety = next(line for line in lines if line.startswith("    the site's wording:     No medicine is free"))
    assert "Call 911 right away if, after a dose" in safety, "facts are written out, not {fact:...}"


def test_an_approver_who_is_not_a_clinician_does_not_count(tmp_path):
    run = golive("--settings", str(filled(tmp_path)), "--content", str(approved_content(tmp_path, "dr-nobody")))
    assert run.returncode == 1
    assert "content/pages/ketamine-assisted-psychotherapy.md: Approved_by: 'dr-nobody' is not a clinician" \
        in run.stdout


def test_a_change_whose_question_is_gone_is_named(tmp_path):
    content = approved_content(tmp_path)
    page = content / "pages" / "ketamine-assisted-psychotherapy.md"
    page.write_text(page.read_text(encoding="utf-8").replace("### Is ketamine safe?", "### How safe is ketamine?"),
                    encoding="utf-8")
    settings = filled(tmp_path)
    settings.write_text(settings.read_text(encoding="utf-8") + "APPROVALS = [dict(APPROVALS[0], approved_by='')]\n",
                        encoding="utf-8")
    run = golive("--settings", str(settings), "--content", str(content))
    assert run.returncode == 1
    assert "content/pages/ketamine-assisted-psychotherapy.md: no question 'Is ketamine safe?'" in run.stdout


def test_publish_stops_before_building_while_placeholders_are_left(monkeypatch, capsys):
    spec = importlib.util.spec_from_file_location("project_tasks_publish", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    built = []
    monkeypatch.setattr(tasks, "preview", lambda c: built.append("preview"))
    for name in [key for key in os.environ if key.startswith(("PRACTICE_", "MAILCHIMP_"))]:
        monkeypatch.delenv(name)
    with pytest.raises(SystemExit) as stopped:
        tasks.publish(MockContext())
    assert stopped.value.code == 1
    assert built == []
    assert "still a placeholder" in capsys.readouterr().out


def test_the_readme_says_where_each_value_the_practice_must_provide_goes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Before going live", 1)[1].split("\n## ", 1)[0]
    missing = []
    for key in marked_keys():
        if key.startswith("clinicians."):
            field = key.split(".")[-1]
            written = "`clinicians.<key>.name`" if field == "name" else f"`{field}`"
        else:
            written = f"`{key}`"
        if written not in section:
            missing.append(written)
    assert missing == []
    assert "`photo`" in section and "invoke golive" in section
