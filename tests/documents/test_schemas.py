"""The shipped schemas are themselves strict: every object closed, every property described."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from ruleset.documents.schema import load_schema
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.reporters.json_report import report_dict
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR

SCHEMAS = sorted(
    p.name for p in resources.files("ruleset.schemas").iterdir() if p.name.endswith(".json")
)


def _objects(node: Any, path: str = "#") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            found.append((path, node))
        for key, value in node.items():
            found.extend(_objects(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_objects(value, f"{path}/{index}"))
    return found


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_and_closed(name: str) -> None:
    schema = load_schema(name)
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert "title" in schema and "description" in schema
    for path, node in _objects(schema):
        assert node.get("additionalProperties") is False, f"{name} {path} is open"
    assert "http" not in json.dumps(schema).replace(schema["$schema"], "")


def test_rule_schema_describes_every_construct() -> None:
    schema = load_schema("rule.schema.json")
    for name, node in schema["properties"].items():
        assert "description" in node or "$ref" in node, name
    for name, node in schema["$defs"]["condition"]["properties"].items():
        assert "title" in node and "description" in node, name


def test_example_reports_match_the_report_schema(rule_set: RuleSet) -> None:
    schema = load_schema("report.schema.json")
    examples = sorted(EXAMPLES_DIR.glob("*.yaml")) + sorted(EXAMPLES_DIR.glob("*.json"))
    assert examples
    for example in examples:
        report = check_submission(rule_set, load_submission(str(example), rule_set))
        jsonschema.validate(report_dict(report, "en"), schema)
