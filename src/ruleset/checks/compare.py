"""``compare: {path, op, value | other}``: compare a value with a literal or another path."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from ruleset.checks.base import (
    MISSING,
    MISSING_VALUE,
    CheckKind,
    Compile,
    Condition,
    Describe,
    Direction,
    EvalContext,
    Failure,
    FieldPath,
    path_args,
    shown,
)
from ruleset.documents.textio import nfc
from ruleset.text import Text

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compile_compare(arg: dict[str, Any], compile_: Compile) -> Condition:
    path, op_name = FieldPath(arg["path"]), arg["op"]
    op = OPERATORS[op_name]
    other = FieldPath(arg["other"]) if "other" in arg else None
    literal = arg.get("value")

    def compare(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        left, where = path.resolve(value, pointer, ctx)
        right = other.resolve(value, pointer, ctx)[0] if other else literal
        if left is MISSING or right is MISSING:
            code = "missing"
        else:
            a, b = (
                (nfc(left), nfc(right))
                if isinstance(left, str) and isinstance(right, str)
                else (left, right)
            )
            try:
                if op(a, b):
                    return []
                code = "compare"
            except TypeError:
                code = "type_mismatch"
        params = {"path": path.text, "op": op_name, "actual": shown(left), "expected": shown(right)}
        if other is not None:
            params["other"] = other.text
        return [Failure(where, code, params)]

    return compare


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    if "other" in arg:
        return Text.same("'{path}' {op} '{other}'").format(**arg)
    return Text.same("'{path}' {op} {value}").format(**arg)


def direction(old: dict[str, Any], new: dict[str, Any]) -> Direction:
    """A bound against a number moved the way its operator reads: ``>= 3`` to ``>= 5`` is stricter."""
    same_shape = {k: v for k, v in old.items() if k != "value"} == {
        k: v for k, v in new.items() if k != "value"
    }
    a, b = old.get("value"), new.get("value")
    if not same_shape or not all(type(v) in (int, float) for v in (a, b)) or a == b:
        return Direction.UNKNOWN
    raised = b > a  # type: ignore[operator]
    if old["op"] in (">", ">="):
        return Direction.STRICTER if raised else Direction.LOOSER
    if old["op"] in ("<", "<="):
        return Direction.LOOSER if raised else Direction.STRICTER
    return Direction.UNKNOWN


KIND = CheckKind(
    name="compare",
    schema={
        "title": "Compare",
        "description": "Compare the value at path with a literal (value) or with the value at another path (other).",
        "type": "object",
        "additionalProperties": False,
        "required": ["path", "op"],
        "oneOf": [{"required": ["value"]}, {"required": ["other"]}],
        "properties": {
            "path": {"$ref": "#/$defs/path"},
            "op": {
                "title": "Operator",
                "description": "Comparison operator.",
                "enum": list(OPERATORS),
            },
            "value": {"$ref": "#/$defs/literal"},
            "other": {"$ref": "#/$defs/path"},
        },
    },
    compile=compile_compare,
    describe=describe,
    failures={
        "missing": MISSING_VALUE,
        "compare": Text(
            "'{path}' là {actual}, cần {op} {expected}",
            "'{path}' is {actual}, expected {op} {expected}",
        ),
        "type_mismatch": Text(
            "không so sánh được '{path}' ({actual}) với {expected}",
            "cannot compare '{path}' ({actual}) with {expected}",
        ),
    },
    fills=frozenset({"path", "op", "actual", "expected", "other"}),
    paths=path_args("path", "other"),
    direction=direction,
)
