"""``in: {path, values}``: the value is one of the values."""

from __future__ import annotations

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


def compile_in(arg: dict[str, Any], compile_: Compile) -> Condition:
    path = FieldPath(arg["path"])
    allowed = [nfc(v) if isinstance(v, str) else v for v in arg["values"]]

    def member(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        if found in allowed and not isinstance(found, (dict, list)):
            return []
        params = {
            "path": path.text,
            "actual": shown(found),
            "expected": ", ".join(map(str, allowed)),
        }
        return [Failure(where, "missing" if found is MISSING else "not_in", params)]

    return member


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    values = ", ".join(map(str, arg["values"]))
    return Text("'{path}' là một trong: {values}", "'{path}' is one of: {values}").format(
        path=arg["path"], values=values
    )


def direction(old: dict[str, Any], new: dict[str, Any]) -> Direction:
    """Fewer allowed values is stricter; more is looser."""
    if old.get("path") != new.get("path"):
        return Direction.UNKNOWN
    before, after = set(map(str, old["values"])), set(map(str, new["values"]))
    if after < before:
        return Direction.STRICTER
    if after > before:
        return Direction.LOOSER
    return Direction.UNKNOWN


KIND = CheckKind(
    name="in",
    schema={
        "title": "Membership",
        "description": "The value at path is one of values.",
        "type": "object",
        "additionalProperties": False,
        "required": ["path", "values"],
        "properties": {
            "path": {"$ref": "#/$defs/path"},
            "values": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/literal"}},
        },
    },
    compile=compile_in,
    describe=describe,
    failures={
        "missing": MISSING_VALUE,
        "not_in": Text(
            "'{path}' là {actual}, cần một trong: {expected}",
            "'{path}' is {actual}, expected one of: {expected}",
        ),
    },
    fills=frozenset({"path", "actual", "expected"}),
    paths=path_args("path"),
    direction=direction,
)
