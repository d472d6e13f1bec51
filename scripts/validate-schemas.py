#!/usr/bin/env python3
"""Cross-checks orglint's JSON Schemas with an independent validator.

Checks each schema in schemas/ against the draft-07 meta-schema, and
validates every YAML file under examples/, rules/ and
Tests/OrgSchemaTests/Broken/ against the schema its first line names
(`# yaml-language-server: $schema=...`). A file is accepted, unless it has
lines `# rejected: KEYWORD #POINTER [WORD]`: then it is rejected, for each of
those reasons (the keyword failing at that place, its message naming WORD),
as the Swift tests (OrgSchemaTests) require too. YAML is read as YAML 1.2
(core schema), as orglint and yaml-language-server read it: `no` is text and
dates stay text. Needs python3 with jsonschema and PyYAML (`make
validate-schemas` skips with a message when they are missing).
"""
import importlib.metadata
import json
import os
import re
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELINE = re.compile(r"^#\s+yaml-language-server\s*:\s*\$schema=(\S+)\s*$")
REJECTED = re.compile(r"^# rejected: (\S+) #(\S*)(?: (\S+))?$", re.M)


class CoreLoader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1; this loader types plain scalars by the YAML 1.2 core schema."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
]:
    CoreLoader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), first)


def construct_core_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_core_int)


def schema_of(path):
    """The schema named by the file's first line, as a path."""
    with open(path, encoding="utf-8") as handle:
        first = handle.readline().rstrip("\n")
    match = MODELINE.match(first)
    if not match:
        return None
    return os.path.normpath(os.path.join(os.path.dirname(path), match.group(1)))


def yaml_files(folder):
    for directory, folders, files in os.walk(os.path.join(ROOT, folder)):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                yield os.path.join(directory, name)


def main():
    failures = []
    validators = {}
    for name in sorted(os.listdir(os.path.join(ROOT, "schemas"))):
        path = os.path.join(ROOT, "schemas", name)
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        try:
            jsonschema.Draft7Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            failures.append(f"schemas/{name}: not a valid draft-07 schema: {error.message}")
            continue
        validators[path] = jsonschema.Draft7Validator(schema)

    def errors_below(errors):
        for error in errors:
            yield error
            yield from errors_below(error.context or [])

    accepted = rejected = 0
    folders = ["examples", "rules", "Tests/OrgSchemaTests/Broken"]
    for path in [path for folder in folders for path in yaml_files(folder)]:
        relative = os.path.relpath(path, ROOT)
        schema = schema_of(path)
        if schema is None:
            failures.append(f"{relative}: the first line names no schema")
            continue
        if schema not in validators:
            failures.append(f"{relative}: names {os.path.relpath(schema, ROOT)}, which is not a valid schema file")
            continue
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        document = yaml.load(text, Loader=CoreLoader)
        errors = list(validators[schema].iter_errors(document))
        reasons = REJECTED.findall(text)
        if not reasons:
            for error in errors:
                pointer = "/" + "/".join(str(part) for part in error.absolute_path)
                failures.append(f"{relative}: #{pointer}: {error.message}")
            accepted += not errors
            continue
        found = [
            (error.validator, "".join("/" + str(part) for part in error.absolute_path), error.message)
            for error in errors_below(errors)
        ]
        missing = [
            reason
            for reason in reasons
            if not any(k == reason[0] and p == reason[1] and reason[2] in m for k, p, m in found)
        ]
        for keyword, pointer, word in missing:
            naming = f" naming {word}" if word else ""
            failures.append(f"{relative}: not rejected by {keyword} at #{pointer}{naming}")
        rejected += not missing

    for failure in failures:
        print(failure)
    version = importlib.metadata.version("jsonschema")
    print(
        f"validate-schemas: {len(validators)} schemas are valid draft-07; {accepted} documents accepted; "
        f"{rejected} broken documents rejected for the reasons they name (jsonschema {version})"
    )
    failed = len({failure.split(":")[0] for failure in failures})
    print(f"{accepted + rejected + len(validators)} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
