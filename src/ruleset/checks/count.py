"""``count: {path, where?, at_least?, at_most?}``: how many list items satisfy ``where``."""

from __future__ import annotations

from typing import Any

from ruleset.checks.base import (
    TOO_FEW,
    CheckKind,
    Compile,
    Condition,
    Describe,
    Direction,
    EvalContext,
    Failure,
    FieldPath,
    blocking,
    path_args,
    where_child,
)
from ruleset.text import Text

UNBOUNDED = 10**18


def compile_count(arg: dict[str, Any], compile_: Compile) -> Condition:
    path = FieldPath(arg["path"])
    where_condition = compile_(arg["where"]) if "where" in arg else None
    at_least, at_most = arg.get("at_least"), arg.get("at_most")

    def count(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        members, where = path.members(value, pointer, ctx)
        matching = 0
        advice: list[Failure] = []
        for item, item_pointer in members:
            found = where_condition(item, item_pointer, ctx) if where_condition else []
            if not blocking(found):
                matching += 1
                advice += found
        if at_least is not None and matching < at_least:
            params = {"path": path.text, "expected": at_least, "actual": matching}
            return [Failure(where, "too_few", params)]
        if at_most is not None and matching > at_most:
            params = {"path": path.text, "expected": at_most, "actual": matching}
            return [Failure(where, "too_many", params)]
        return advice

    return count


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    bounds = Text.same(", ").join(
        Text.same(f"{sign} {arg[key]}")
        for key, sign in (("at_least", "≥"), ("at_most", "≤"))
        if key in arg
    )
    where = (
        Text(" thỏa ({where})", " satisfying ({where})").format(where=explain(arg["where"]))
        if "where" in arg
        else Text.same("")
    )
    return Text(
        "số mục trong '{path}'{where} {bounds}", "items in '{path}'{where}: {bounds}"
    ).format(path=arg["path"], where=where, bounds=bounds)


def direction(old: dict[str, Any], new: dict[str, Any]) -> Direction:
    """Raising at_least or lowering at_most is stricter; the opposite looser."""
    bounds = ("at_least", "at_most")
    if {k: v for k, v in old.items() if k not in bounds} != {
        k: v for k, v in new.items() if k not in bounds
    }:
        return Direction.UNKNOWN
    up = new.get("at_least", 0) - old.get("at_least", 0)
    down = old.get("at_most", UNBOUNDED) - new.get("at_most", UNBOUNDED)
    if up >= 0 and down >= 0 and (up or down):
        return Direction.STRICTER
    if up <= 0 and down <= 0 and (up or down):
        return Direction.LOOSER
    return Direction.UNKNOWN


KIND = CheckKind(
    name="count",
    schema={
        "title": "Count",
        "description": "How many items of the list at path satisfy where (all items when where is omitted); bounds at_least / at_most.",
        "type": "object",
        "additionalProperties": False,
        "required": ["path"],
        "anyOf": [{"required": ["at_least"]}, {"required": ["at_most"]}],
        "properties": {
            "path": {"$ref": "#/$defs/path"},
            "where": {"$ref": "#/$defs/condition"},
            "at_least": {"type": "integer", "minimum": 0},
            "at_most": {"type": "integer", "minimum": 0},
        },
    },
    compile=compile_count,
    describe=describe,
    failures={
        "too_few": TOO_FEW,
        "too_many": Text(
            "cần nhiều nhất {expected} mục phù hợp trong '{path}', tìm thấy {actual}",
            "expected at most {expected} matching item(s) in '{path}', found {actual}",
        ),
    },
    fills=frozenset({"path", "expected", "actual"}),
    paths=path_args("path"),
    children=where_child,
    direction=direction,
)
