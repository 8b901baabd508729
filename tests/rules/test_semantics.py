"""Vocabulary checks on a rule with schema errors look only at its well-formed parts: what they
find there is reported with the schema errors, and no malformed part ever makes them fail."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.documents.read import load_document
from ruleset.documents.schema import schema_problems
from ruleset.errors import Problem
from ruleset.rules.load import RULE_SCHEMA
from ruleset.rules.ruleset import RuleSet
from ruleset.rules.semantics import vocabulary_problems
from tests.conftest import RULES_DIR
from tests.helpers import value_paths

RULE = RULES_DIR / "catalogue/286-CV-TU/1.1.yaml"
DATA: dict[str, Any] = yaml.safe_load(RULE.read_text(encoding="utf-8"))


PATHS = [path for path in value_paths(DATA) if path]
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _replaced(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    copy = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    parent = copy
    for token in path[:-1]:
        parent = parent[token]
    parent[path[-1]] = value
    return copy


def _found(data: Any, rule_set: RuleSet) -> tuple[list[Problem], list[Problem]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rule.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        document = load_document(str(path))
        found = schema_problems(document, RULE_SCHEMA)
        vocabulary = vocabulary_problems(
            document,
            rule_set.agency_kinds,
            rule_set.provinces,
            rule_set.topics.vocabulary,
            schema_found=found,
        )
        assert all(p.path == str(path) and p.line is not None for p in vocabulary)
    return found, vocabulary


def _problems(data: Any, rule_set: RuleSet) -> tuple[list[str], list[str]]:
    schema, vocabulary = _found(data, rule_set)
    return [p.message.en for p in schema], [p.message.en for p in vocabulary]


def test_a_misspelt_kind_shows_beside_a_schema_error(rule_set: RuleSet) -> None:
    data = _replaced(DATA, ("severity",), "urgent")  # not a severity
    data["applies_to"]["agency_kinds"][0] = "so-ban-nghanh"
    schema, vocabulary = _problems(data, rule_set)
    assert schema and vocabulary == ["unknown agency kind 'so-ban-nghanh'"]


def test_an_unknown_topic_is_reported_only_in_a_well_formed_check(rule_set: RuleSet) -> None:
    data = _replaced(DATA, ("severity",), "urgent")
    text = yaml.safe_dump(data["checks"][0]["require"], allow_unicode=True)
    topic = next(t for t in rule_set.topics.vocabulary.ids if t in text)
    data = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True).replace(topic, "no-such-topic"))
    _, vocabulary = _problems(data, rule_set)
    assert "unknown topic 'no-such-topic'" in vocabulary
    data["checks"][0]["id"] = ["not", "an", "id"]  # the check is malformed: not walked
    _, vocabulary = _problems(data, rule_set)
    assert "unknown topic 'no-such-topic'" not in vocabulary


@settings(max_examples=150, deadline=None)
@given(path=st.sampled_from(PATHS), value=VALUES)
def test_any_malformed_part_is_skipped_never_fatal(
    rule_set: RuleSet, path: tuple[str | int, ...], value: Any
) -> None:
    schema, vocabulary = _found(_replaced(DATA, path, value), rule_set)
    bad = [p.pointer or "" for p in schema]
    for problem in vocabulary:  # a topic's part is its whole check; a kind's, the kind itself
        here = problem.pointer or ""
        check = re.match(r"(/versions/\d+)?/checks/\d+", here)
        part = check.group(0) if check else here
        assert not any(b == part or b.startswith(part + "/") for b in bad), (here, bad)
