#!/usr/bin/env python3
"""Validates SARIF logs against the SARIF 2.1.0 JSON schema.

    scripts/validate-sarif.py SCHEMA FILE...

Uses python3's jsonschema module (pip package "jsonschema"); `make
validate-sarif` falls back to check-jsonschema when it is missing. Exit
status 0 when every file is valid, 1 when one is not, 2 when the files or
the schema cannot be read.
"""
import json
import sys

import jsonschema


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path, files = arguments[0], arguments[1:]
    try:
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"{schema_path}: error: cannot read the schema: {error}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    invalid = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            print(f"{path}: error: cannot read the SARIF log: {error}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
        for error in errors:
            where = "/".join(map(str, error.absolute_path)) or "(root)"
            print(f"{path}: error: {where}: {error.message}", file=sys.stderr)
        if errors:
            invalid += 1
        else:
            print(f"{path}: valid SARIF 2.1.0")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
