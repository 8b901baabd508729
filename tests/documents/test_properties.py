"""Properties: the engine raises only its own errors, and reports are deterministic."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.documents.read import parse_bytes
from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import validate_submission
from ruleset.reporters import render
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from tests.conftest import RULES_DIR
from tests.helpers import base_submission

RULE_SET: RuleSet = load_rule_set(str(RULES_DIR))
RULE_IDS = [rule.id for rule in RULE_SET.rules]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.text(max_size=12),
    st.sampled_from(["2021-10-15", "2021-02-30", "done", "briefing", "874/QĐ-BTTTT"]),
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)

activity = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["briefing", "dissemination", "other", 3]),
        "date": st.sampled_from(["2021-10-15", "2020-01-01", "x"]),
        "title": st.text(min_size=1, max_size=8),
    },
    optional={"cites": st.lists(st.sampled_from(["874/QĐ-BTTTT", "286-CV/TU"]), max_size=2)},
)
entry = st.fixed_dictionaries(
    {"status": st.sampled_from(["done", "in_progress", "not_done", "not_applicable", "maybe"])},
    optional={
        "reason": st.text(max_size=5),
        "evidence": st.fixed_dictionaries(
            {}, optional={"activities": st.lists(activity, max_size=3)}
        ),
        "figures": st.dictionaries(
            st.sampled_from(["violations_detected", "violations_handled"]), st.integers(-1, 4)
        ),
        "cases": st.lists(
            st.fixed_dictionaries(
                {"date": st.just("2021-11-01"), "summary": st.just("x")},
                optional={"outcome": st.text(max_size=3)},
            ),
            max_size=2,
        ),
        "extra": json_like,
    },
)
submissions = st.builds(
    lambda entries, noise: {**base_submission(**entries), **noise},
    st.dictionaries(st.sampled_from([*RULE_IDS, "999-CV/XX:1"]), entry, max_size=len(RULE_IDS)),
    st.dictionaries(st.sampled_from(["figures", "activities", "unknown"]), json_like, max_size=1),
)


def _check(data: Any) -> str | None:
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    try:
        submission = validate_submission(parse_bytes(raw, "p.json"), RULE_SET)
    except InputError as error:
        assert error.problems and all(p.path == "p.json" for p in error.problems)
        return None
    return render(check_submission(RULE_SET, submission), "json")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions)
def test_structured_submissions_end_in_a_report_or_an_input_error(data: dict[str, Any]) -> None:
    first = _check(data)
    assert first == _check(data)


@settings(max_examples=200, deadline=None)
@given(json_like)
def test_arbitrary_json_values_end_in_a_report_or_an_input_error(data: Any) -> None:
    _check(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_never_raise_anything_else(raw: bytes) -> None:
    for path in ("b.yaml", "b.json"):
        try:
            validate_submission(parse_bytes(raw, path), RULE_SET)
        except InputError as error:
            assert error.problems
