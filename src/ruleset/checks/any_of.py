"""``any: [CONDITION, ...]``: at least one condition holds; else the first one's failures."""

from __future__ import annotations

from typing import Any

from ruleset.checks.all_of import LIST_SCHEMA, describe_parts, each_child
from ruleset.checks.base import CheckKind, Compile, Condition, EvalContext, Failure, blocking
from ruleset.text import Text


def compile_any(arg: list[Any], compile_: Compile) -> Condition:
    parts = [compile_(part) for part in arg]

    def any_of(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        first: list[Failure] = []
        for part in parts:
            failures = part(value, pointer, ctx)
            if not blocking(failures):
                return failures  # what the report must say about the part that held
            first = first or failures
        return first

    return any_of


KIND = CheckKind(
    name="any",
    schema={"title": "Any", "description": "At least one condition holds.", **LIST_SCHEMA},
    compile=compile_any,
    describe=lambda arg, explain: Text("một trong: ", "any of: ") + describe_parts(arg, explain),
    failures={},
    fills=frozenset(),
    passes_through=True,
    children=each_child,
)
