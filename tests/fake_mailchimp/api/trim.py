"""Make openapi.json (beside this script): Mailchimp's API description, trimmed.

    python tests/fake_mailchimp/api/trim.py FULL_OPENAPI.json [-o OUT]

FULL_OPENAPI.json is the whole Mailchimp Marketing API description, API version
3.0.85, in OpenAPI 3.0.1 form, as published in the public repository
ballerina-platform/module-ballerinax-mailchimp.marketing at docs/spec/openapi.json
(about 3 MB). That file is converted from Mailchimp's own description,
mailchimp/mailchimp-client-lib-codegen spec/marketing.json (Swagger 2.0). It differs
from Mailchimp's file in that path parameters are camelCase ({listId}, not
{list_id}), and that repository's docs/spec/sanitations.md lists one schema field
and one parameter type it changed.

The fake Mailchimp (tests/fake_mailchimp/) checks every request against the trimmed
copy, so the tests never read anything outside the repository. The copy keeps:
- the paths in PATHS, each with the methods the fake serves (routes.py), plus the
  paths in ALSO_KEPT;
- every component those operations reference, following each $ref transitively;
- the top level (openapi, info, servers, security, externalDocs), with where it came
  from written into info["x-trimmed-from"] (including the SHA-256 of the full file).
It drops the rest, including x-doc-structure (the layout of Mailchimp's web docs).

The script refuses a description of another version: the provenance it writes names
3.0.85. For a newer one, check what changed, then update SOURCE below.
When the fake serves a new path or method, add it to PATHS and run this again;
tests/test_mailchimp_api_description.py fails until the two agree.
The output is sorted and indented, and the same input always gives the same bytes.
"""

import argparse
import copy
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "openapi.json"

SOURCE = {
    "title": "Mailchimp Marketing API",
    "api-version": "3.0.85",
    "openapi": "3.0.1",
    "repository": "https://github.com/ballerina-platform/module-ballerinax-mailchimp.marketing",
    "file": "docs/spec/openapi.json",
    "converted-from": "https://github.com/mailchimp/mailchimp-client-lib-codegen "
                      "spec/marketing.json (Swagger 2.0)",
    "differences": "path parameters are camelCase ({listId} instead of {list_id}); "
                   "docs/spec/sanitations.md of that repository lists one schema field "
                   "and one parameter type it changed",
    "script": "tests/fake_mailchimp/api/trim.py",
}

# What the fake serves (tests/fake_mailchimp/routes.py), in the description's spelling.
PATHS = {
    "/ping": ["get"],
    "/lists/{listId}": ["get", "post", "patch"],
    "/lists/{listId}/merge-fields": ["get"],
    "/lists/{listId}/members": ["get", "post"],
    "/lists/{listId}/members/{subscriberHash}": ["get", "put", "patch"],
    "/lists/{listId}/segments": ["get", "post"],
    "/lists/{listId}/segments/{segmentId}": ["get", "post"],
    "/lists/{listId}/segments/{segmentId}/members": ["get"],
    "/campaigns": ["get", "post"],
    "/campaigns/{campaignId}": ["get", "patch", "delete"],
    "/campaigns/{campaignId}/content": ["get", "put"],
    "/campaigns/{campaignId}/send-checklist": ["get"],
    "/campaigns/{campaignId}/actions/test": ["post"],
    "/campaigns/{campaignId}/actions/schedule": ["post"],
    "/campaigns/{campaignId}/actions/unschedule": ["post"],
    "/campaigns/{campaignId}/actions/send": ["post"],
    "/campaigns/{campaignId}/actions/cancel-send": ["post"],
    "/campaigns/{campaignId}/actions/pause": ["post"],
    "/campaigns/{campaignId}/actions/resume": ["post"],
}

# Kept although the fake does not serve them (yet): a request to them is then checked
# against the description from the first route that serves it.
ALSO_KEPT = {
    # A member's tags, read and changed one member at a time.
    "/lists/{listId}/members/{subscriberHash}/tags": ["get", "post"],
}

TOP_LEVEL = ("openapi", "info", "externalDocs", "servers", "security", "x-original-swagger-version")


class TrimError(Exception):
    pass


def kept_paths():
    """PATHS and ALSO_KEPT together: {path: [method, ...]}."""
    overlap = set(PATHS) & set(ALSO_KEPT)
    if overlap:
        raise TrimError(f"in both PATHS and ALSO_KEPT: {', '.join(sorted(overlap))}")
    return {**PATHS, **ALSO_KEPT}


def _pointer(document, ref):
    """The value a local $ref ("#/components/schemas/Name") points at."""
    if not ref.startswith("#/"):
        raise TrimError(f"$ref {ref!r} points outside the description")
    value = document
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        try:
            value = value[part]
        except (KeyError, TypeError):
            raise TrimError(f"$ref {ref!r} points at nothing") from None
    return value


def _refs(value):
    """Every $ref string inside value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item
            else:
                yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def _component(ref):
    """("schemas", "Name") for "#/components/schemas/Name"."""
    parts = ref[2:].split("/")
    if len(parts) != 3 or parts[0] != "components":
        raise TrimError(f"$ref {ref!r} is not to a whole component")
    return parts[1], parts[2].replace("~1", "/").replace("~0", "~")


def check_source(full):
    """Raise TrimError unless full is the description SOURCE names."""
    info = full.get("info", {})
    found = (info.get("title"), info.get("version"), full.get("openapi"))
    wanted = (SOURCE["title"], SOURCE["api-version"], SOURCE["openapi"])
    if found != wanted:
        raise TrimError(f"expected {wanted[0]} {wanted[1]} (OpenAPI {wanted[2]}), found "
                        f"{found[0]} {found[1]} (OpenAPI {found[2]}): see the docstring of "
                        f"{SOURCE['script']} before trimming another version")


def trim(full, sha256):
    """The trimmed description made from the full one (a new dict; full is not changed)."""
    check_source(full)
    paths = {}
    for path, methods in kept_paths().items():
        item = full["paths"].get(path)
        if item is None:
            raise TrimError(f"{path} is not in the description")
        missing = [m for m in methods if m not in item]
        if missing:
            raise TrimError(f"{path} has no {', '.join(m.upper() for m in missing)} in the description")
        # Methods not kept go; whatever applies to the whole path (parameters, summary) stays.
        paths[path] = {key: copy.deepcopy(value) for key, value in item.items()
                       if key in methods or key not in ("get", "put", "post", "delete", "options",
                                                        "head", "patch", "trace")}

    trimmed = {key: copy.deepcopy(full[key]) for key in TOP_LEVEL if key in full}
    trimmed["paths"] = paths

    components = {}
    pending = list(_refs(paths))
    seen = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        kind, name = _component(ref)
        value = _pointer(full, ref)
        components.setdefault(kind, {})[name] = copy.deepcopy(value)
        pending.extend(_refs(value))

    # Security requirements name their schemes without a $ref.
    requirements = list(full.get("security", []))
    for item in paths.values():
        for operation in item.values():
            if isinstance(operation, dict):
                requirements += operation.get("security", [])
    for requirement in requirements:
        for name in requirement:
            scheme = full.get("components", {}).get("securitySchemes", {}).get(name)
            if scheme is None:
                raise TrimError(f"security scheme {name!r} is not in the description")
            components.setdefault("securitySchemes", {})[name] = copy.deepcopy(scheme)
    trimmed["components"] = components

    info = {key: value for key, value in trimmed.get("info", {}).items() if key != "x-trimmed-from"}
    info["x-trimmed-from"] = {**SOURCE, "sha256": sha256}
    trimmed["info"] = info
    return trimmed


def dump(document):
    """The bytes written: sorted keys, one-space indent, UTF-8, final newline."""
    return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("full", type=Path, help="the whole description (docs/spec/openapi.json, 3.0.85)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    args = parser.parse_args(argv)
    raw = args.full.read_bytes()
    try:
        trimmed = trim(json.loads(raw), hashlib.sha256(raw).hexdigest())
    except (TrimError, ValueError) as error:
        sys.exit(f"{args.full}: {error}")
    data = dump(trimmed)
    args.output.write_bytes(data)
    schemas = len(trimmed["components"].get("schemas", {}))
    operations = sum(len(m) for m in kept_paths().values())
    print(f"{args.output}: {len(trimmed['paths'])} paths, {operations} operations, "
          f"{schemas} schemas, {len(data):,} bytes")


if __name__ == "__main__":
    main()
