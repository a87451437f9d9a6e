"""Answers for the DRF value readers' differential test, one JSON line per request line on stdin.

Requests: {"uuid": value} (what Django's UUIDField.to_python makes of a JSON value),
{"number": value} (str() of a JSON number), {"strip": text} (str.strip()).
"""
import json
import sys
import uuid


def read_uuid(value):
    # django.db.models.UUIDField.to_python: int for an int, hex for anything else.
    input_form = "int" if isinstance(value, int) and not isinstance(value, bool) else "hex"
    try:
        return str(uuid.UUID(**{input_form: value}))
    except (AttributeError, ValueError):
        return None


for line in sys.stdin:
    request = json.loads(line)
    if "uuid" in request:
        answer = {"uuid": read_uuid(request["uuid"])}
    elif "number" in request:
        answer = {"text": str(request["number"])}
    else:
        answer = {"text": request["strip"].strip()}
    sys.stdout.write(json.dumps(answer) + "\n")
