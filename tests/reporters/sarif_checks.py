"""Validate SARIF against the vendored official SARIF 2.1.0 schema (see schemas/README.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
from jsonschema import _keywords

SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """The schema writes ``^(?i)...``: Python wants a global flag first; same meaning."""
    if "(?i)" in pattern:
        pattern = "(?i)" + pattern.replace("(?i)", "")
    yield from _keywords.pattern(validator, pattern, instance, schema)


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})
VALIDATOR = _Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def sarif_errors(log: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(log)]


def assert_valid_sarif(text: str) -> dict[str, Any]:
    """Parse the text, assert it is a valid SARIF 2.1.0 log, and return it."""
    log = json.loads(text)
    assert sarif_errors(log) == []
    assert isinstance(log, dict)
    return log
