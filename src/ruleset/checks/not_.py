"""``not: CONDITION``: the condition does not hold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruleset.checks.base import (
    SHOULD_NOT_HOLD,
    CheckKind,
    Compile,
    Condition,
    EvalContext,
    Failure,
    blocking,
)
from ruleset.text import Text


def compile_not(arg: Any, compile_: Compile) -> Condition:
    inner = compile_(arg)

    def negation(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        held = not blocking(inner(value, pointer, ctx))
        return [Failure(pointer, "should_not_hold", {})] if held else []

    return negation


def child(arg: Any) -> Iterator[tuple[str, Any]]:
    yield "", arg


KIND = CheckKind(
    name="not",
    schema={
        "title": "Not",
        "description": "The condition does not hold.",
        "$ref": "#/$defs/condition",
    },
    compile=compile_not,
    describe=lambda arg, explain: Text("không phải: (", "not: (") + explain(arg) + ")",
    failures={"should_not_hold": SHOULD_NOT_HOLD},
    fills=frozenset(),
    children=child,
)
