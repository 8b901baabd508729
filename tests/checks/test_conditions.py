"""Each condition kind on its own: holds, fails, and the pointer of the failure."""

from __future__ import annotations

from typing import Any

import pytest

from ruleset.checks.base import EvalContext
from ruleset.checks.registry import compile_condition, direction

CTX = EvalContext(
    root={"figures": {"total": 5}},
    period_start="2021-10-01",
    period_end="2021-12-31",
    references={"activities": {}, "documents": {}},
)


def run(spec: dict[str, Any], value: Any) -> list[tuple[str, str]]:
    return [(f.pointer, f.code) for f in compile_condition(spec)(value, "/e", CTX)]


def test_present() -> None:
    assert run({"present": "a.b"}, {"a": {"b": 1}}) == []
    assert run({"present": "a.b"}, {"a": {"b": ""}}) == [("/e/a/b", "missing")]
    assert run({"present": "a.b"}, {"a": {}}) == [("/e/a", "missing")]


@pytest.mark.parametrize(
    ("op", "value", "holds"),
    [
        ("=", 3, True),
        ("!=", 3, False),
        ("<", 4, True),
        ("<=", 2, False),
        (">", 2, True),
        (">=", 4, False),
    ],
)
def test_compare_with_literal(op: str, value: int, holds: bool) -> None:
    failures = run({"compare": {"path": "n", "op": op, "value": value}}, {"n": 3})
    assert (failures == []) is holds
    if not holds:
        assert failures == [("/e/n", "compare")]


def test_compare_with_other_field_and_root() -> None:
    spec = {"compare": {"path": "handled", "op": "<=", "other": "/figures/total"}}
    assert run(spec, {"handled": 5}) == []
    assert run(spec, {"handled": 6}) == [("/e/handled", "compare")]


def test_compare_type_mismatch_is_a_failure_not_an_exception() -> None:
    assert run({"compare": {"path": "n", "op": "<", "value": 3}}, {"n": "x"}) == [
        ("/e/n", "type_mismatch")
    ]


def test_membership() -> None:
    spec = {"in": {"path": "kind", "values": ["briefing", "training"]}}
    assert run(spec, {"kind": "training"}) == []
    assert run(spec, {"kind": "other"}) == [("/e/kind", "not_in")]


def test_pattern_matches_text_or_any_list_item() -> None:
    spec = {"matches": {"path": "cites", "pattern": "874/QĐ-BTTTT"}}
    assert run(spec, {"cites": ["286-CV/TU", "874/qđ-btttt"]}) == []
    assert run(spec, {"cites": ["286-CV/TU"]}) == [("/e/cites", "no_match")]


def test_count_with_where() -> None:
    spec = {
        "count": {
            "path": "xs",
            "where": {"compare": {"path": "v", "op": ">", "value": 1}},
            "at_least": 2,
        }
    }
    assert run(spec, {"xs": [{"v": 2}, {"v": 3}]}) == []
    failures = compile_condition(spec)({"xs": [{"v": 2}, {"v": 0}]}, "/e", CTX)
    assert [(f.pointer, f.params["actual"], f.params["expected"]) for f in failures] == [
        ("/e/xs", 1, 2)
    ]


def test_count_at_most() -> None:
    spec = {"count": {"path": "xs", "at_most": 1}}
    assert run(spec, {"xs": [1]}) == []
    assert run(spec, {"xs": [1, 2]}) == [("/e/xs", "too_many")]


@pytest.mark.parametrize(
    ("quantifier", "items", "expected"),
    [
        ("all", [{"ok": 1}, {}], [("/e/xs/1", "missing")]),
        ("all", [{"ok": 1}], []),
        ("any", [{}, {}], [("/e/xs", "too_few")]),
        ("any", [{}, {"ok": 1}], []),
        ("none", [{}, {"ok": 1}], [("/e/xs/1", "should_not_hold")]),
        ("none", [{}], []),
    ],
)
def test_items_quantifiers(
    quantifier: str, items: list[Any], expected: list[tuple[str, str]]
) -> None:
    spec = {"items": {"path": "xs", "quantifier": quantifier, "where": {"present": "ok"}}}
    assert run(spec, {"xs": items}) == expected


def test_date_in_period() -> None:
    spec = {"date_in_period": {"path": "d"}}
    assert run(spec, {"d": "2021-10-01"}) == []
    assert run(spec, {"d": "2021-12-31"}) == []
    assert run(spec, {"d": "2022-01-01"}) == [("/e/d", "outside_period")]
    assert run(spec, {"d": "soon"}) == [("/e/d", "not_a_date")]


def test_date_before_relative_deadline() -> None:
    spec = {"date_before": {"path": "d", "days_after_period_end": 15}}
    assert run(spec, {"d": "2022-01-15"}) == []
    assert run(spec, {"d": "2022-01-16"}) == [("/e/d", "after_deadline")]
    fixed = {"date_before": {"path": "d", "date": "2021-11-01"}}
    assert run(fixed, {"d": "2021-11-02"}) == [("/e/d", "after_deadline")]


def test_combinators() -> None:
    has_a, has_b = {"present": "a"}, {"present": "b"}
    assert run({"all": [has_a, has_b]}, {"a": 1}) == [("/e", "missing")]
    assert run({"any": [has_a, has_b]}, {"b": 1}) == []
    assert run({"any": [has_a, has_b]}, {}) == [("/e", "missing")]
    assert run({"not": has_a}, {"a": 1}) == [("/e", "should_not_hold")]
    assert run({"not": has_a}, {}) == []


def test_references_resolve_to_agency_wide_records() -> None:
    record = {"kind": "briefing", "date": "2021-10-05"}
    ctx = EvalContext(
        root={},
        period_start="2021-10-01",
        period_end="2021-12-31",
        references={"activities": {"a1": (record, "/activities/4")}, "documents": {}},
    )
    spec = {
        "items": {
            "path": "evidence.activities",
            "quantifier": "all",
            "where": {"date_in_period": {"path": "date"}},
        }
    }
    condition = compile_condition(spec)
    assert condition({"evidence": {"activities": ["a1"]}}, "/e", ctx) == []
    record["date"] = "2020-01-01"
    assert [f.pointer for f in condition({"evidence": {"activities": ["a1"]}}, "/e", ctx)] == [
        "/activities/4/date"
    ]


def test_date_before_deadline_that_leaves_the_calendar_is_a_failure_not_a_crash() -> None:
    late = EvalContext(root={}, period_start="9999-10-01", period_end="9999-12-31", references={})
    spec = {"date_before": {"path": "d", "days_after_period_end": 1}}
    failures = compile_condition(spec)({"d": "9999-12-31"}, "/e", late)
    assert [f.code for f in failures] == ["deadline_off_calendar"]


@pytest.mark.parametrize(
    ("old", "new", "moved"),
    [
        (
            {"count": {"path": "a", "at_least": 1}},
            {"count": {"path": "a", "at_least": 2}},
            "stricter",
        ),
        ({"count": {"path": "a", "at_most": 1}}, {"count": {"path": "a", "at_most": 3}}, "looser"),
        (
            {"count": {"path": "a", "at_least": 1}},
            {"count": {"path": "b", "at_least": 2}},
            "unknown",
        ),
        ({"in": {"path": "k", "values": [1, 2]}}, {"in": {"path": "k", "values": [1]}}, "stricter"),
        ({"in": {"path": "k", "values": [1]}}, {"in": {"path": "k", "values": [1, 2]}}, "looser"),
        (
            {"compare": {"path": "n", "op": ">=", "value": 1}},
            {"compare": {"path": "n", "op": ">=", "value": 3}},
            "stricter",
        ),
        (
            {"compare": {"path": "n", "op": "<=", "value": 1}},
            {"compare": {"path": "n", "op": "<=", "value": 3}},
            "looser",
        ),
        (
            {"date_before": {"path": "d", "days_after_period_end": 30}},
            {"date_before": {"path": "d", "days_after_period_end": 15}},
            "stricter",
        ),
        ({"present": "a"}, {"present": "b"}, "unknown"),
        ({"present": "a"}, {"not": {"present": "a"}}, "unknown"),
    ],
)
def test_each_kind_says_how_a_change_of_its_argument_moves_verdicts(
    old: dict[str, Any], new: dict[str, Any], moved: str
) -> None:
    assert direction(old, new).value == moved
