"""``all: [CONDITION, ...]``: every condition holds; the first that fails gives the failures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruleset.checks.base import (
    CheckKind,
    Compile,
    Condition,
    Describe,
    EvalContext,
    Failure,
    blocking,
)
from ruleset.text import Text

LIST_SCHEMA = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}}


def each_child(arg: Any) -> Iterator[tuple[str, Any]]:
    """``children`` of a combinator over a list of conditions."""
    if isinstance(arg, list):
        for index, part in enumerate(arg):
            yield f"/{index}", part


def describe_parts(arg: list[Any], explain: Describe) -> Text:
    return Text.same("; ").join(Text.same("(") + explain(part) + ")" for part in arg)


def compile_all(arg: list[Any], compile_: Compile) -> Condition:
    parts = [compile_(part) for part in arg]

    def all_of(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        advice: list[Failure] = []
        for part in parts:
            failures = part(value, pointer, ctx)
            if blocking(failures):
                return failures
            advice += failures
        return advice

    return all_of


KIND = CheckKind(
    name="all",
    schema={"title": "All", "description": "Every condition holds.", **LIST_SCHEMA},
    compile=compile_all,
    describe=lambda arg, explain: Text("tất cả: ", "all of: ") + describe_parts(arg, explain),
    failures={},
    fills=frozenset(),
    passes_through=True,
    children=each_child,
)
