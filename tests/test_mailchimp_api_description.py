"""The trimmed copy of Mailchimp's API description covers what the fake serves, and checks it.

tests/fake_mailchimp/api/openapi.json is what tests/fake_mailchimp/api/trim.py makes
of the full description; the fake checks every request against it. These tests fail
when the fake serves a path or method the copy lacks, when the copy points at a
component it does not hold, when it no longer says where it came from, and when a
misspelt field or parameter would get through.
"""

import copy
import importlib.util
import json
import re
from pathlib import Path

import pytest

from fake_mailchimp import routes
from fake_mailchimp import spec as spec_module

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "tests" / "fake_mailchimp" / "api"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _load_trim():
    loaded = importlib.util.spec_from_file_location("trim", API / "trim.py")
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module


trim = _load_trim()


@pytest.fixture(scope="module")
def description():
    return json.loads(spec_module.SPEC_PATH.read_text(encoding="utf-8"))


def _shape(template):
    """'/lists/{listId}' and '/lists/{list_id}' both become '/lists/{}'."""
    return re.sub(r"\{\w+\}", "{}", template)


def served():
    """{(METHOD, shape)} from the fake's route table (routes.ROUTES)."""
    out = set()
    for method, regex, _ in routes.ROUTES:
        template = re.sub(r"\(\?P<\w+>\[\^/\]\+\)", "{}", regex.pattern.strip("^$"))
        assert "(" not in template and "\\" not in template, f"unexpected route pattern {regex.pattern}"
        out.add((method.upper(), template))
    return out


def described(document):
    """{(METHOD, shape)} for every operation in an API description."""
    return {(method.upper(), _shape(path)) for path, item in document["paths"].items()
            for method in item if method in METHODS}


def not_described(document):
    return sorted(served() - described(document))


def dangling_refs(document):
    """Every $ref in the document that points at nothing (or outside it)."""
    out = []
    for ref in trim._refs(document):
        try:
            trim._pointer(document, ref)
        except trim.TrimError:
            out.append(ref)
    return sorted(set(out))


def unused_components(document):
    """Components no kept operation reaches through $refs (the copy should hold none)."""
    reached, pending = set(), list(trim._refs(document["paths"]))
    while pending:
        ref = pending.pop()
        if ref not in reached:
            reached.add(ref)
            pending.extend(trim._refs(trim._pointer(document, ref)))
    return sorted(f"#/components/{kind}/{name}"
                  for kind, items in document["components"].items() if kind != "securitySchemes"
                  for name in items if f"#/components/{kind}/{name}" not in reached)


# --- it is in the repository, and the fake reads it -----------------------------------

def test_the_fake_reads_the_description_kept_in_the_repository():
    assert spec_module.SPEC_PATH == API / "openapi.json"
    assert ROOT in spec_module.SPEC_PATH.resolve().parents
    assert spec_module.SPEC_PATH.is_file()
    assert spec_module.load().document["paths"], "the fake loaded an empty description"


# --- it covers what the fake serves ----------------------------------------------------

def test_every_path_and_method_the_fake_serves_is_in_the_description(description):
    assert len(served()) >= 30, "the route table looks empty"
    assert not_described(description) == []


def test_the_kept_paths_in_trim_py_are_what_the_fake_serves():
    listed = {(method.upper(), _shape(path)) for path, methods in trim.PATHS.items() for method in methods}
    assert sorted(served() - listed) == [], "served by the fake but missing from trim.PATHS"
    assert sorted(listed - served()) == [], "in trim.PATHS but not served by the fake (use ALSO_KEPT)"


def test_the_description_holds_exactly_the_kept_paths_and_methods(description):
    kept = {path: sorted(methods) for path, methods in trim.kept_paths().items()}
    assert {path: sorted(m for m in item if m in METHODS)
            for path, item in description["paths"].items()} == kept
    assert "/campaigns/{campaignId}/actions/unschedule" in kept
    assert "/lists/{listId}/members/{subscriberHash}/tags" in kept


def test_the_description_is_what_trim_py_makes_of_it(description):
    """Regenerated after every change to trim.py: trimming the copy again changes nothing."""
    again = trim.trim(copy.deepcopy(description), description["info"]["x-trimmed-from"]["sha256"])
    assert trim.dump(again) == spec_module.SPEC_PATH.read_bytes()


# --- it is whole -------------------------------------------------------------------------

def test_no_ref_in_the_description_points_at_nothing(description):
    assert sum(1 for _ in trim._refs(description)) > 100
    assert dangling_refs(description) == []


def test_the_description_keeps_no_component_its_paths_do_not_use(description):
    assert unused_components(description) == []


def test_openapi_core_accepts_the_description():
    from openapi_core import OpenAPI

    document = json.loads(spec_module.SPEC_PATH.read_text(encoding="utf-8"))
    OpenAPI.from_dict(document)  # raises on an invalid description


# --- it says where it came from -------------------------------------------------------

def test_the_description_records_its_source_and_version(description):
    assert description["openapi"] == "3.0.1"
    assert description["info"]["version"] == "3.0.85"
    source = description["info"]["x-trimmed-from"]
    assert source["api-version"] == "3.0.85" and source["openapi"] == "3.0.1"
    assert source["repository"].endswith("ballerina-platform/module-ballerinax-mailchimp.marketing")
    assert source["file"] == "docs/spec/openapi.json"
    assert "mailchimp/mailchimp-client-lib-codegen" in source["converted-from"]
    assert "spec/marketing.json" in source["converted-from"]
    assert "camelCase" in source["differences"]
    assert source["script"] == "tests/fake_mailchimp/api/trim.py"
    assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])


def test_trim_py_names_the_same_source_in_its_docstring():
    doc = " ".join(trim.__doc__.split())
    for words in ("Mailchimp Marketing API", "3.0.85", "OpenAPI 3.0.1",
                  "ballerina-platform/module-ballerinax-mailchimp.marketing", "docs/spec/openapi.json",
                  "mailchimp/mailchimp-client-lib-codegen spec/marketing.json", "camelCase"):
        assert words in doc


def test_trim_py_refuses_another_version(description):
    other = copy.deepcopy(description)
    other["info"]["version"] = "3.0.86"
    with pytest.raises(trim.TrimError, match="3.0.85"):
        trim.trim(other, "0" * 64)


# --- the checks above catch what they are for ------------------------------------------

def test_a_path_missing_from_the_description_is_caught(description):
    broken = copy.deepcopy(description)
    del broken["paths"]["/campaigns/{campaignId}/actions/unschedule"]
    assert not_described(broken) == [("POST", "/campaigns/{}/actions/unschedule")]


def test_a_method_missing_from_the_description_is_caught(description):
    broken = copy.deepcopy(description)
    del broken["paths"]["/lists/{listId}/members/{subscriberHash}"]["patch"]
    assert not_described(broken) == [("PATCH", "/lists/{}/members/{}")]


def test_a_dangling_ref_is_caught(description):
    broken = copy.deepcopy(description)
    name = next(iter(broken["components"]["schemas"]))
    del broken["components"]["schemas"][name]
    assert dangling_refs(broken) == [f"#/components/schemas/{name}"]


def test_trim_py_refuses_a_description_that_lacks_a_kept_path(description):
    broken = copy.deepcopy(description)
    del broken["paths"]["/campaigns/{campaignId}/actions/unschedule"]
    with pytest.raises(trim.TrimError, match="unschedule"):
        trim.trim(broken, "0" * 64)


# --- it still refuses what Mailchimp would not take -----------------------------------------

LIST = "/3.0/lists/a1b2c3d4e5"


@pytest.mark.parametrize("method, path, query, body, mistake", [
    ("GET", LIST + "/members", {"cont": "10"}, None, "'cont'"),
    ("GET", "/3.0/campaigns", {"list_id": "a1b2c3d4e5", "stauts": "sent"}, None, "'stauts'"),
    ("POST", LIST, None, {"members": [{"email_adress": "a@example.com", "status": "pending"}]},
     "members[0].email_adress"),
    ("POST", "/3.0/campaigns", None, {"type": "regular", "recipients": {"list_id": "a1b2c3d4e5"},
                                      "settings": {"subject": "Spring"}}, "settings.subject"),
    ("PATCH", LIST + "/members/0123456789abcdef0123456789abcdef", None, {"merge_field": {"FNAME": "Ana"}},
     "merge_field"),
    ("POST", "/3.0/campaigns/abc123/actions/test", None, {"test_email": ["a@example.com"], "send_type": "html"},
     "test_email"),
])
def test_a_misspelt_parameter_or_body_field_is_a_violation(method, path, query, body, mistake):
    problems = spec_module.load().violations(method, path, query, json.dumps(body).encode() if body else None)
    assert any(mistake in problem for problem in problems), problems


@pytest.mark.parametrize("method, path, query, body", [
    ("GET", LIST + "/members", {"count": "10"}, None),
    ("GET", "/3.0/campaigns", {"list_id": "a1b2c3d4e5", "status": "sent"}, None),
    ("POST", LIST, None, {"members": [{"email_address": "a@example.com", "status": "pending"}]}),
    ("POST", "/3.0/campaigns", None, {"type": "regular", "recipients": {"list_id": "a1b2c3d4e5"},
                                      "settings": {"subject_line": "Spring"}}),
    ("PATCH", LIST + "/members/0123456789abcdef0123456789abcdef", None, {"merge_fields": {"FNAME": "Ana"}}),
    ("POST", "/3.0/campaigns/abc123/actions/test", None, {"test_emails": ["a@example.com"], "send_type": "html"}),
    ("POST", "/3.0/lists/a1b2c3d4e5/members/0123456789abcdef0123456789abcdef/tags", None,
     {"tags": [{"name": "Wellness Toolkit", "status": "active"}]}),
])
def test_the_same_requests_spelt_right_are_not(method, path, query, body):
    assert spec_module.load().violations(method, path, query, json.dumps(body).encode() if body else None) == []
