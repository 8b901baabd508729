"""``present: PATH``: the value exists and is not empty."""

from __future__ import annotations

from typing import Any

from ruleset.checks.base import (
    MISSING_VALUE,
    CheckKind,
    Compile,
    Condition,
    Describe,
    EvalContext,
    Failure,
    FieldPath,
    is_empty,
)
from ruleset.text import Text


def compile_present(arg: str, compile_: Compile) -> Condition:
    path = FieldPath(arg)

    def present(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        if is_empty(found):
            return [Failure(where, "missing", {"path": path.text})]
        return []

    return present


def describe(arg: str, explain: Describe) -> Text:
    return Text("có '{path}'", "'{path}' is given").format(path=arg)


def paths(arg: Any) -> Any:
    if isinstance(arg, str):
        yield arg, ""


KIND = CheckKind(
    name="present",
    schema={
        "title": "Present",
        "description": "The value at the path exists and is not empty.",
        "$ref": "#/$defs/path",
    },
    compile=compile_present,
    describe=describe,
    failures={"missing": MISSING_VALUE},
    fills=frozenset({"path"}),
    paths=paths,
)
