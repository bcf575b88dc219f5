"""The build checks the signup form settings against the real Mailchimp audience."""

import logging
from types import SimpleNamespace

import pytest

import pelicanconf
from sitebuild import build_site
from synergy.errors import SettingsError
from synergy.mailchimp import connect
from synergy.mailchimp import settings as mailchimp_settings
from synergy_mailchimp_audience.check import check_audience, form_problems

FAST = {"timeout": (1.0, 1.0), "retries": 1, "backoff": 0.01}


def conf(**changes):
    settings = {name: getattr(pelicanconf, name) for name in mailchimp_settings.DEFAULTS
                if hasattr(pelicanconf, name)}
    settings.update(changes)
    return mailchimp_settings.read(settings)


def problems(**changes):
    with connect(**FAST) as mc:
        return [str(problem) for problem in form_problems(mc, conf(**changes))]


def test_the_bundled_settings_match_the_audience(fake_mailchimp):
    assert problems() == []


@pytest.mark.parametrize("name, value", [
    ("MAILCHIMP_FORM_U", "0123456789abcdef0123456789"),
    ("MAILCHIMP_DC", "us6"),
    ("MAILCHIMP_ACCOUNT", "someoneelse"),
    ("MAILCHIMP_TOOLKIT_TAG_ID", "999"),
    ("MAILCHIMP_TOOLKIT_TAG_NAME", "Toolkit"),
])
def test_each_wrong_setting_is_named_in_one_line(fake_mailchimp, name, value):
    found = problems(**{name: value})
    assert len(found) == 1
    assert found[0].startswith(f"settings: {name}: ")
    assert "--" in found[0]


def test_an_audience_id_mailchimp_does_not_know_is_named(fake_mailchimp):
    found = problems(MAILCHIMP_AUDIENCE_ID="ffff000000")
    assert found == [found[0]] and found[0].startswith("settings: MAILCHIMP_AUDIENCE_ID: ")


def test_a_merge_field_the_forms_use_must_exist(fake_mailchimp):
    found = problems(MAILCHIMP_FORM_MERGE_FIELDS=["FNAME", "PHONE"])
    assert len(found) == 1 and "PHONE" in found[0]


def test_a_malformed_setting_is_refused_before_any_request():
    with pytest.raises(SettingsError, match="MAILCHIMP_DC"):
        conf(MAILCHIMP_DC="us 21")


def test_without_a_key_the_check_is_skipped_with_one_info_line(monkeypatch, caplog):
    monkeypatch.delenv("MAILCHIMP_API_KEY", raising=False)
    caplog.set_level(logging.INFO, logger="synergy_mailchimp_audience")
    check_audience(SimpleNamespace(settings=vars(pelicanconf)))
    assert [r.getMessage() for r in caplog.records] == [
        "Mailchimp audience check skipped: MAILCHIMP_API_KEY is not set"]


def test_a_mismatch_is_a_warning_outside_a_publish_build(fake_mailchimp, monkeypatch, caplog):
    settings = dict(vars(pelicanconf), MAILCHIMP_FORM_U="abc123", PUBLISH_BUILD=False)
    check_audience(SimpleNamespace(settings=settings))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "MAILCHIMP_FORM_U" in warnings[0]


def test_a_mismatch_fails_a_publish_build_with_one_line_naming_the_setting(fake_mailchimp, tmp_path):
    build = build_site(tmp_path, settings="publishconf.py", env={"MAILCHIMP_FORM_U": "abc123"})
    assert not build.ok
    lines = [line for line in build.stderr.splitlines() if "MAILCHIMP" in line]
    assert len(lines) == 1 and lines[0].startswith("settings: MAILCHIMP_FORM_U: 'abc123' but")
    assert fake_mailchimp.api_key not in build.stdout + build.stderr


def test_a_publish_build_with_a_key_the_audience_refuses_fails(fake_mailchimp, tmp_path):
    build = build_site(tmp_path, settings="publishconf.py",
                       env={"MAILCHIMP_API_KEY": "0" * 32 + "-us21"})
    assert not build.ok
    assert "settings: MAILCHIMP_API_KEY: refused by Mailchimp" in build.stderr
    assert "0" * 32 not in build.stdout + build.stderr


def test_a_build_with_matching_settings_passes_and_reads_only(fake_mailchimp, tmp_path):
    build = build_site(tmp_path, overrides={"PUBLISH_BUILD": True})
    assert build.ok, build.stderr
    assert fake_mailchimp.calls and not fake_mailchimp.write_calls()
    assert fake_mailchimp.api_key not in build.stdout + build.stderr
    texts = {".html", ".xml", ".json", ".txt", ".js"}
    assert not any(fake_mailchimp.api_key in p.read_text(errors="ignore")
                   for p in build.output.rglob("*") if p.is_file() and p.suffix in texts)


def address_problems(postal_address):
    with connect(**FAST) as mc:
        return [str(problem) for problem in form_problems(mc, conf(), postal_address)]


def test_the_practices_postal_address_is_the_one_every_email_shows(fake_mailchimp):
    assert address_problems(pelicanconf.PRACTICE["postal_address"]) == []


def test_a_postal_address_unlike_the_audiences_is_named_in_one_line(fake_mailchimp):
    found = address_problems("1 Other Street, Springfield, IL 62701")
    assert len(found) == 1
    assert found[0].startswith("settings: PRACTICE['postal_address']: '1 Other Street, Springfield, IL 62701' "
                               "but every email shows the audience's address 'PO Box 0000, Chicago, IL, 60601'")
    assert " -- " in found[0]
