#!/usr/bin/env python3
"""Writes coder-response-fields.json: the field names and JSON types of the Coder response definitions that the
stand-in writes, and of every definition they reach, taken from Coder's swagger.json. Names and types only; Coder's
descriptions stay out of the repository. CoderResponseShapeTest checks the stand-in's answers against it.

    python3 sandbox/src/test/resources/extract-response-fields.py [path/to/swagger.json]
"""

import hashlib
import json
import sys
from pathlib import Path

ROOTS = ["codersdk.WorkspacesResponse", "codersdk.Workspace", "codersdk.WorkspaceBuild", "codersdk.ProvisionerJob",
         "codersdk.Response", "codersdk.BuildInfoResponse"]
OUTPUT = Path(__file__).resolve().parent / "coder-response-fields.json"


def referenced(prop):
    if "$ref" in prop:
        return prop["$ref"].split("/")[-1]
    all_of = prop.get("allOf", [])
    if len(all_of) == 1 and "$ref" in all_of[0]:
        return all_of[0]["$ref"].split("/")[-1]
    return None


def describe(prop, definitions):
    """The property's JSON type, and the definition it nests, if any."""
    ref = referenced(prop)
    if ref:
        target = definitions[ref]
        if target.get("type") == "object" or "properties" in target:
            return {"type": "object", "ref": ref}, ref
        out = {"type": target.get("type", "string")}
        if "enum" in target:
            out["enum"] = target["enum"]
        return out, None
    out = {"type": prop.get("type")}
    for key in ("format", "enum"):
        if key in prop:
            out[key] = prop[key]
    nested = None
    if prop.get("type") == "array":
        out["items"], nested = describe(prop["items"], definitions)
    if prop.get("type") == "object" and "additionalProperties" in prop:
        out["values"], _ = describe(prop["additionalProperties"], definitions)
    return out, nested


def main():
    swagger = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/coder/swagger.json")
    raw = swagger.read_bytes()
    definitions = json.loads(raw)["definitions"]
    result, todo = {}, list(ROOTS)
    while todo:
        name = todo.pop()
        if name in result:
            continue
        props = {}
        for key, prop in sorted(definitions[name].get("properties", {}).items()):
            props[key], nested = describe(prop, definitions)
            if nested and nested not in result:
                todo.append(nested)
        result[name] = props
    out = {"_source": "Names and types only, from Coder swagger.json sha256 " + hashlib.sha256(raw).hexdigest()
                      + "; regenerate with extract-response-fields.py beside this file",
           "definitions": dict(sorted(result.items()))}
    OUTPUT.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
