#!/usr/bin/env python3
"""Writes the part of Coder's API description that the Coder client uses, for the contract tests.

Coder's swagger.json (Swagger 2.0, about 650 KB) describes hundreds of operations; the client calls a handful. This
script keeps the operations named in CoderEndpoint.java (only the methods the client uses), every definition they
reach through $ref, and Coder's error body (codersdk.Response, codersdk.ValidationError), which Coder sends on every
failure but does not list under each operation's responses.

Coder's prose (every "description" and "summary" text) is left out: the contract checks names, types and formats,
and the repository should not carry Coder's documentation text.

The operations are read from CoderEndpoint.java rather than listed here, so that adding an endpoint to the client and
re-running this script is all it takes; until then the contract test fails on the new endpoint.

Run from anywhere, again whenever Coder's swagger.json or CoderEndpoint changes:

    python3 build-config/extract-coder-api.py [--coder-dir DIR]

DIR holds swagger.json and SOURCE.txt (the line naming the upstream commit); it defaults to the shared Coder notes.
The output is deterministic, so an unchanged input gives no diff.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS_JAVA = REPO_ROOT / "common/src/main/java/io/ameide/coderguard/common/coder/CoderEndpoint.java"
OUTPUT = REPO_ROOT / "common/src/test/resources/coder-api/swagger-extract.json"
DEFAULT_CODER_DIR = Path("/work/shared/coder")

# Sent by Coder on every error status of every operation, yet described by no operation's responses.
ALWAYS_KEPT = ["codersdk.Response", "codersdk.ValidationError"]

# ("GET", "/api/v2/workspaces") as written in each CoderEndpoint constant, whatever the formatter did to the layout.
ENDPOINT_PATTERN = re.compile(r'\(\s*"(GET|POST|PUT|PATCH|DELETE)"\s*,\s*"(/[^"]*)"')
DEFINITION_PREFIX = "#/definitions/"
PROSE_KEYS = {"description", "summary"}


def main():
    arguments = parse_arguments()
    swagger_file = arguments.coder_dir / "swagger.json"
    swagger_bytes = swagger_file.read_bytes()
    swagger = json.loads(swagger_bytes)

    operations = read_client_operations(ENDPOINTS_JAVA)
    paths = select_operations(swagger, operations)
    definitions = select_definitions(swagger, paths)

    extract = {
        "swagger": swagger["swagger"],
        "x-extracted-from": describe_source(arguments.coder_dir / "SOURCE.txt", swagger_bytes),
        "info": {"title": swagger.get("info", {}).get("title"), "version": swagger.get("info", {}).get("version")},
        "basePath": swagger.get("basePath", "/"),
        "securityDefinitions": without_prose(select_security(swagger, paths)),
        "paths": without_prose(paths),
        "definitions": without_prose(definitions),
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(extract, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}: {len(operations)} operations, {len(definitions)} definitions")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coder-dir", type=Path, default=DEFAULT_CODER_DIR,
                        help="folder holding swagger.json and SOURCE.txt (default: %(default)s)")
    return parser.parse_args()


def read_client_operations(endpoints_java):
    operations = ENDPOINT_PATTERN.findall(endpoints_java.read_text(encoding="utf-8"))
    if not operations:
        sys.exit(f"no endpoints found in {endpoints_java}; has its layout changed?")
    return operations


def select_operations(swagger, operations):
    paths = {}
    for method, path in operations:
        operation = swagger["paths"].get(path, {}).get(method.lower())
        if operation is None:
            # Kept out of the extract on purpose: the contract test then names the missing operation.
            print(f"warning: Coder's API description has no {method} {path}", file=sys.stderr)
            continue
        paths.setdefault(path, {})[method.lower()] = operation
    return {path: paths[path] for path in sorted(paths)}


def select_definitions(swagger, paths):
    all_definitions = swagger["definitions"]
    wanted = set()
    pending = list(references_in(paths)) + ALWAYS_KEPT
    while pending:
        name = pending.pop()
        if name in wanted:
            continue
        if name not in all_definitions:
            sys.exit(f"Coder's API description references a definition it lacks: {name}")
        wanted.add(name)
        pending.extend(references_in(all_definitions[name]))
    return {name: all_definitions[name] for name in sorted(wanted)}


def select_security(swagger, paths):
    """The security schemes (how a token is presented) that the kept operations name."""
    used = {scheme
            for operations in paths.values()
            for operation in operations.values()
            for requirement in operation.get("security", [])
            for scheme in requirement}
    return {name: scheme for name, scheme in swagger.get("securityDefinitions", {}).items() if name in used}


def references_in(node):
    """Every definition name that a $ref anywhere below node points at."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(DEFINITION_PREFIX):
                yield value[len(DEFINITION_PREFIX):]
            else:
                yield from references_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from references_in(item)


def without_prose(node, is_property_map=False):
    """A copy of node without description and summary texts; a property that is named "description" stays."""
    if isinstance(node, dict):
        return {key: without_prose(value, key == "properties" and not is_property_map)
                for key, value in node.items()
                if is_property_map or not (key in PROSE_KEYS and isinstance(value, str))}
    if isinstance(node, list):
        return [without_prose(item) for item in node]
    return node


def describe_source(source_file, swagger_bytes):
    """Where swagger.json came from, as SOURCE.txt states it, plus the hash of the bytes actually read."""
    line = source_file.read_text(encoding="utf-8").strip()
    commit = re.search(r"\b[0-9a-f]{40}\b", line)
    if commit is None:
        sys.exit(f"no commit id in {source_file}: {line!r}")
    date = re.search(r"\b\d{4}-\d{2}-\d{2}\b", line)
    return {
        "repository": "coder/coder",
        "path": "coderd/apidoc/swagger.json",
        "commit": commit.group(0),
        "date": date.group(0) if date else None,
        "sha256": hashlib.sha256(swagger_bytes).hexdigest(),
    }


if __name__ == "__main__":
    main()
