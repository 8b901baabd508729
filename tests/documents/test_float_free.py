"""A document read by the fast path says it holds no decimal number, so the schema check skips the
walk looking for one: on examples and generated documents, a document that says so holds none, and
one with a decimal never says so (its decimal count is still refused)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.documents import fast_path
from ruleset.documents.limits import DEFAULT_LIMITS
from ruleset.documents.read import parse_bytes
from ruleset.documents.schema import has_float, schema_problems
from ruleset.errors import InputError
from tests.conftest import EXAMPLES_DIR
from tests.documents.fast_path_strategies import JSON_TOKENS, YAML_TOKENS, soups, values, yaml_texts

pytestmark = [
    pytest.mark.skipif(
        fast_path.yaml_rs is None or fast_path.orjson is None, reason="compiled packages missing"
    ),
    pytest.mark.usefixtures("warm_fast_path"),
]


def read(text: str, path: str) -> Any:
    """The document, or None when the reader refuses the text."""
    try:
        return parse_bytes(text.encode("utf-8", "surrogatepass"), path, DEFAULT_LIMITS)
    except InputError:
        return None


def holds_no_float_if_it_says_so(text: str, path: str) -> bool:
    document = read(text, path)
    if document is None:
        return False
    assert not (document.float_free and has_float(document.data)), text
    fast = fast_path.fast_json if path.endswith(".json") else fast_path.fast_yaml
    assert document.float_free == (fast(text, DEFAULT_LIMITS) is not None)
    return document.float_free


def test_examples_read_by_the_fast_path_say_they_hold_no_float() -> None:
    paths = sorted([*EXAMPLES_DIR.rglob("*.yaml"), *EXAMPLES_DIR.rglob("*.json")])
    said = [holds_no_float_if_it_says_so(p.read_text("utf-8"), p.name) for p in paths]
    assert sum(said) >= len(paths) // 2  # most take the fast path: not vacuous


@pytest.mark.parametrize("path", ["d.yaml", "d.json"])
@pytest.mark.parametrize("written", ["1.5", "1.0", "1.0e+3", "12.000"])
def test_a_decimal_is_never_float_free_and_a_decimal_count_is_still_refused(
    path: str, written: str
) -> None:
    data = {
        "agency": {"id": "a", "name": "n", "kind": "k", "province": "p"},
        "period": {"start": "2021-10-01", "end": "2021-12-31"},
        "submitted": "2022-01-05",
        "figures": {"members_total": "@"},
        "obligations": {},
    }
    text = json.dumps(data, indent=1).replace('"@"', written)
    document = parse_bytes(text.encode(), path)
    assert not document.float_free and has_float(document.data)
    (problem,) = schema_problems(document, "submission.schema.json")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "members_total" in row)
    assert problem.pointer == "/figures/members_total" and problem.line == line
    assert "expected a whole number" in problem.message.en


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=yaml_texts())
def test_generated_yaml(text: str) -> None:
    holds_no_float_if_it_says_so(text, "g.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=values, indent=st.sampled_from([None, 1]))
def test_generated_json(value: Any, indent: int | None) -> None:
    holds_no_float_if_it_says_so(json.dumps(value, indent=indent), "g.json")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(yaml_text=soups(YAML_TOKENS), json_text=soups(JSON_TOKENS))
def test_token_soups(yaml_text: str, json_text: str) -> None:
    holds_no_float_if_it_says_so(yaml_text, "s.yaml")
    holds_no_float_if_it_says_so(json_text, "s.json")
