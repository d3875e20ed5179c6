"""Validate VOSviewer JSON files against testdata/vosviewer.schema.json.

usage: vosviewer_validate.py SCHEMA FILE...
prints one line per file: "ok" or the first validation errors.
"""
import json
import sys

import jsonschema

with open(sys.argv[1]) as f:
    schema = json.load(f)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
for path in sys.argv[2:]:
    with open(path) as f:
        doc = json.load(f)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        print(path + ": " + "; ".join("%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in errors[:5]))
    else:
        print("ok")
