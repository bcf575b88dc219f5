"""The GitHub Actions workflows: valid, and doing what the editors' workflow promises.

They cannot run here, so they are checked against GitHub's workflow schema (the
one check-jsonschema ships) and read for the jobs, steps, triggers, concurrency
and secrets the deploy depends on. Every `invoke` command they run must name a
real task and real options.
"""

import importlib.util
import re
import shlex
import subprocess
import sys

import pytest
import yaml

from sitebuild import ROOT, build_site

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow, job):
    return workflow["jobs"][job]["steps"]


def runs(workflow, job=None):
    jobs = [job] if job else list(workflow["jobs"])
    return "\n".join(step.get("run", "") for name in jobs for step in steps(workflow, name))


def uses(workflow, job):
    return [step["uses"].split("@")[0] for step in steps(workflow, job) if "uses" in step]


def step_using(workflow, job, action):
    return next(step for step in steps(workflow, job) if step.get("uses", "").startswith(action))


@pytest.fixture(scope="module")
def pr():
    return load(PULL_REQUEST)


@pytest.fixture(scope="module")
def deploy():
    return load(DEPLOY)


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(path):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_jobs_run_on_python_311_with_a_time_limit(path):
    for name, job in load(path)["jobs"].items():
        if "steps" in job and any("run" in step for step in job["steps"]):
            assert job.get("container", "").startswith("python:3.11"), name
        assert job.get("timeout-minutes"), name


def test_pull_requests_run_lint_tests_and_a_strict_build(pr):
    assert "pull_request" in pr["on"]
    commands = runs(pr, "check")
    for command in ("invoke lint", "make test", "invoke build --strict", "npm ci"):
        assert command in commands
    assert re.search(r"apt-get install .*\bchromium\b", commands)
    # The lint runs before the slow tests, so a content mistake is reported first.
    assert commands.index("invoke lint") < commands.index("make test")


def test_pull_requests_upload_the_built_site(pr):
    upload = step_using(pr, "check", "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "output"


def test_pull_requests_only_read_the_repository(pr):
    assert pr["permissions"] == {"contents": "read"}
    assert "secrets." not in PULL_REQUEST.read_text(encoding="utf-8")


def test_deploy_runs_on_push_to_main_and_daily(deploy):
    assert deploy["on"]["push"]["branches"] == ["main"]
    hours = []
    for schedule in deploy["on"]["schedule"]:
        minute, hour, day, month, weekday = schedule["cron"].split()
        assert minute.isdigit() and hour.isdigit()
        assert (day, month, weekday) == ("*", "*", "*")
        hours.append(int(hour))
    # Just after midnight in Chicago (an issue's page goes up on its day), and
    # after the default 08:00 send time (accounts that cannot schedule send then).
    assert 6 in hours and any(14 <= hour <= 15 for hour in hours)


def test_deploys_never_overlap_and_are_never_cancelled(deploy):
    assert deploy["concurrency"]["group"]
    assert deploy["concurrency"]["cancel-in-progress"] is False


def test_deploy_builds_with_publishconf_and_lints_first(deploy):
    commands = runs(deploy, "build")
    assert "invoke preview" in commands
    assert commands.index("invoke lint") < commands.index("invoke preview")
    assert "pelicanconf.py" in (ROOT / "publishconf.py").read_text()  # publishconf extends it
    upload = step_using(deploy, "build", "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "output"


def test_deploy_restores_the_build_cache_keyed_on_content_and_theme_before_building(deploy):
    steps = deploy["jobs"]["build"]["steps"]
    restore = next(i for i, step in enumerate(steps) if "actions/cache" in step.get("uses", ""))
    build = next(i for i, step in enumerate(steps) if "invoke preview" in step.get("run", ""))
    assert restore < build
    cache = steps[restore]["with"]
    assert cache["path"].rstrip("/") == "cache"
    assert "content/**" in cache["key"] and "theme/**" in cache["key"]
    assert cache["restore-keys"].strip() and cache["key"].startswith(cache["restore-keys"].strip())


def test_deploy_refuses_placeholder_details_in_its_own_step_before_building(deploy):
    build = steps(deploy, "build")
    checks = [index for index, step in enumerate(build) if step.get("run", "").strip() == ".venv/bin/invoke golive"]
    builds = [index for index, step in enumerate(build) if "invoke preview" in step.get("run", "")]
    assert len(checks) == 1 and builds, "the build job must run `invoke golive` as a step of its own"
    assert checks[0] < builds[0]
    assert "continue-on-error" not in build[checks[0]]


def test_deploy_publishes_to_github_pages(deploy):
    job = deploy["jobs"]["deploy"]
    assert job["needs"] == "build"
    assert "actions/deploy-pages" in uses(deploy, "deploy")
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"


def test_newsletter_is_sent_after_the_site_is_live(deploy):
    job = deploy["jobs"]["newsletter"]
    assert job["needs"] == "deploy"
    assert "invoke newsletter --send" in runs(deploy, "newsletter")


def mailchimp_settings():
    names = set(re.findall(r'env\("(MAILCHIMP_\w+)"', (ROOT / "pelicanconf.py").read_text()))
    assert names, "pelicanconf.py reads no MAILCHIMP_* setting from the environment"
    return names | {"MAILCHIMP_API_KEY"}


@pytest.mark.parametrize("job", ["build", "newsletter"])
def test_the_build_and_newsletter_jobs_get_every_mailchimp_setting_from_secrets(deploy, job):
    env = deploy["jobs"][job]["env"]
    for name in mailchimp_settings():
        assert env.get(name) == f"${{{{ secrets.{name} }}}}", name


def test_the_live_build_checks_the_form_with_the_settings_the_newsletter_uses(deploy):
    build, newsletter = deploy["jobs"]["build"], deploy["jobs"]["newsletter"]
    assert {k: v for k, v in build["env"].items() if k.startswith("MAILCHIMP_")} == \
        {k: v for k, v in newsletter["env"].items() if k.startswith("MAILCHIMP_")}
    # Set for the whole job, so the publish build (before the upload) has them, and
    # no step sets them otherwise.
    assert not any("env" in step for step in steps(deploy, "build"))


def test_a_wrong_form_id_in_the_deploy_secrets_stops_the_live_build(deploy, fake_mailchimp, tmp_path):
    # The build job's env as GitHub would fill it: the key and a wrong form id set,
    # every other secret unset, which GitHub passes as an empty value.
    given = {"MAILCHIMP_API_KEY": fake_mailchimp.api_key, "MAILCHIMP_FORM_U": "abc123"}
    env = {name: given.get(name, "") for name in deploy["jobs"]["build"]["env"]}
    env["MAILCHIMP_API_URL"] = fake_mailchimp.url  # the fake stands in for Mailchimp
    build = build_site(tmp_path, settings="publishconf.py", env=env)
    assert not build.ok
    said = [line for line in build.stderr.splitlines() if line.strip()]
    assert len(said) == 1 and said[0].startswith("settings: MAILCHIMP_FORM_U: 'abc123' but"), said


def test_unset_secrets_arrive_empty_and_count_as_unset(deploy, fake_mailchimp, tmp_path):
    env = {name: "" for name in deploy["jobs"]["build"]["env"]}
    env["MAILCHIMP_API_KEY"] = fake_mailchimp.api_key
    env["MAILCHIMP_API_URL"] = fake_mailchimp.url
    build = build_site(tmp_path, settings="publishconf.py", env=env)
    assert build.ok, build.stderr  # pelicanconf's values, checked against the audience


def test_secrets_reach_only_the_jobs_that_talk_to_mailchimp(deploy):
    for name, job in deploy["jobs"].items():
        if name not in ("build", "newsletter"):
            assert "secrets." not in yaml.safe_dump(job), name
    for name in ("build", "newsletter"):
        for step in steps(deploy, name):
            assert "secrets." not in yaml.safe_dump(step)  # never on a command line or in a log


def test_the_newsletter_ledger_is_committed_and_pushed_back(deploy):
    job = deploy["jobs"]["newsletter"]
    assert job["permissions"] == {"contents": "write"}
    commands = runs(deploy, "newsletter")
    assert "--no-commit" not in commands  # the task commits the ledger itself
    assert re.search(r"git push origin HEAD:main", commands)
    assert commands.index("invoke newsletter --send") < commands.index("git push")


def _tasks():
    spec = importlib.util.spec_from_file_location("project_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from invoke import Collection

    return Collection.from_module(module)


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_every_invoke_command_names_a_real_task_and_options(path):
    collection = _tasks()
    commands = re.findall(r"invoke ([^\n;&|]+)", runs(load(path)))
    assert commands
    for command in commands:
        name, *options = shlex.split(command)
        assert name in collection.task_names, f"no task {name!r}"
        flags = {f"--{arg.name.replace('_', '-')}" for arg in collection[name].get_arguments()}
        for option in options:
            if option.startswith("--"):
                assert option.split("=")[0] in flags, f"invoke {name} has no {option}"


def test_make_targets_used_exist():
    makefile = (ROOT / "Makefile").read_text()
    for path in (PULL_REQUEST, DEPLOY):
        for target in re.findall(r"make ([\w./-]+)", runs(load(path))):
            target = target.replace(".venv/.installed", "$(STAMP)")
            assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target
