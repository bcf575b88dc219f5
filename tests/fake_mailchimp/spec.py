"""Check a request against Mailchimp's API description (api/openapi.json, beside this file).

api/openapi.json is Mailchimp Marketing API 3.0.85 trimmed to the paths the fake
serves; api/trim.py makes it from the full description and says where that comes
from. Nothing outside the repository is read: without the copy the fake refuses to
start rather than let requests through unchecked.

openapi-core checks the path, method, parameter types and body schema; on top of
that we refuse what it lets through but Mailchimp would ignore: query
parameters and body fields the description does not name (typos included).
The description is loaded once per process.
"""

import functools
import json
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
SPEC_PATH = HERE / "api" / "openapi.json"
TRIM_SCRIPT = HERE / "api" / "trim.py"
SPEC_HOST = "https://server.api.mailchimp.com"


class DescriptionMissing(RuntimeError):
    """The API description the fake checks requests against cannot be read."""


def _correct(document):
    """Fix what the description gets wrong about Mailchimp, so correct requests pass.

    merge_fields: the description types every value as an object, but Mailchimp
    takes a string for text fields (FNAME) and an object only for addresses.
    """
    fixed = 0
    for schema in document["components"]["schemas"].values():
        merge = schema.get("properties", {}).get("merge_fields")
        if merge and merge.get("additionalProperties", {}).get("type") == "object":
            merge["additionalProperties"] = {"oneOf": [{"type": "string"}, {"type": "number"},
                                                       {"type": "object"}]}
            fixed += 1
    return fixed


class Spec:
    def __init__(self, document):
        from openapi_core import OpenAPI

        _correct(document)
        self.document = document
        self.schemas = document["components"]["schemas"]
        self.api = OpenAPI.from_dict(document)
        self._templates = [(_template_parts(p), p) for p in document["paths"]]

    def violations(self, method, path, query, body_bytes, content_type="application/json"):
        """Every way this request disagrees with the description (empty when it agrees)."""
        from openapi_core.contrib.requests import RequestsOpenAPIRequest

        url = SPEC_HOST + path
        request = requests.Request(
            method, url, params=query, data=body_bytes or None,
            headers={"Content-Type": content_type} if body_bytes else {},
            auth=("user", "validation"),
        ).prepare()
        problems = []
        try:
            self.api.validate_request(RequestsOpenAPIRequest(request))
        except Exception as error:  # openapi-core raises one class per kind of mismatch
            cause = f" ({error.__cause__})" if error.__cause__ else ""
            problems.append(f"{type(error).__name__}: {error}{cause}")
            if type(error).__name__ in ("PathNotFound", "OperationNotFound", "ServerNotFound"):
                return problems
        operation = self._operation(method, path)
        if operation is None:
            return problems
        known = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
        for name in query or {}:
            if name not in known:
                problems.append(f"query parameter {name!r} is not one {method} {path} accepts")
        if body_bytes:
            try:
                body = json.loads(body_bytes)
            except ValueError:
                return problems + ["request body is not JSON"]
            schema = (operation.get("requestBody", {}).get("content", {})
                      .get("application/json", {}).get("schema"))
            if schema is None:
                problems.append(f"{method} {path} takes no request body")
            else:
                problems += [f"body field {where} is not in the API description"
                             for where in self._unknown_fields(body, schema, "")]
        return problems

    def _operation(self, method, path):
        parts = path.strip("/").split("/")[1:]  # drop the "3.0" version segment
        for template, name in self._templates:
            if len(template) == len(parts) and all(
                    t.startswith("{") or t == p for t, p in zip(template, parts, strict=True)):
                operation = self.document["paths"][name].get(method.lower())
                if operation is not None:
                    return operation
        return None

    def _resolve(self, schema):
        while "$ref" in schema:
            schema = self.schemas[schema["$ref"].rsplit("/", 1)[1]]
        if "allOf" in schema:
            merged = {"properties": {}}
            for part in schema["allOf"]:
                part = self._resolve(part)
                merged["properties"].update(part.get("properties", {}))
            return merged
        return schema

    def _unknown_fields(self, value, schema, where):
        schema = self._resolve(schema)
        if isinstance(value, dict) and schema.get("properties") and not schema.get("additionalProperties"):
            for key, item in value.items():
                if key not in schema["properties"]:
                    yield f"{where}.{key}".lstrip(".")
                else:
                    yield from self._unknown_fields(item, schema["properties"][key], f"{where}.{key}")
        elif isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value[:50]):  # the shape repeats; 50 items are enough
                yield from self._unknown_fields(item, schema["items"], f"{where}[{index}]")


def _template_parts(template):
    return template.strip("/").split("/")


@functools.lru_cache(maxsize=1)
def load():
    """The Spec made from SPEC_PATH; DescriptionMissing when that file cannot be read."""
    try:
        document = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
        if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
            raise ValueError("it is not an OpenAPI description (no paths)")
    except (OSError, ValueError) as error:
        raise DescriptionMissing(
            f"fake Mailchimp: cannot read Mailchimp's API description {SPEC_PATH} ({error}); "
            f"it is kept in git: restore it with `git checkout -- {_relative(SPEC_PATH)}`, or "
            f"make it again from the full description with `python {_relative(TRIM_SCRIPT)} "
            f"FULL_OPENAPI.json` (that script's docstring says where the full one comes from)"
        ) from error
    return Spec(document)


def _relative(path):
    try:
        return path.relative_to(HERE.parents[1])
    except ValueError:
        return path
