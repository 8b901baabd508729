"""``items: {path, quantifier, where}``: all, any or none of a list's items satisfy ``where``."""

from __future__ import annotations

from enum import Enum
from typing import Any

from ruleset.checks.base import (
    SHOULD_NOT_HOLD,
    TOO_FEW,
    CheckKind,
    Compile,
    Condition,
    Describe,
    EvalContext,
    Failure,
    FieldPath,
    blocking,
    path_args,
    where_child,
)
from ruleset.text import Text


class Quantifier(str, Enum):
    ALL = "all"
    ANY = "any"
    NONE = "none"


_QUANTIFIER_WORDS = {
    Quantifier.ALL: Text("mọi", "all"),
    Quantifier.ANY: Text("ít nhất một", "at least one"),
    Quantifier.NONE: Text("không", "no"),
}


def compile_items(arg: dict[str, Any], compile_: Compile) -> Condition:
    path = FieldPath(arg["path"])
    quantifier = Quantifier(arg["quantifier"])
    where_condition = compile_(arg["where"])

    def items_condition(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        members, where = path.members(value, pointer, ctx)
        failures: list[Failure] = []
        advice: list[Failure] = []
        holding = 0
        for item, item_pointer in members:
            item_failures = where_condition(item, item_pointer, ctx)
            if blocking(item_failures):
                if quantifier is Quantifier.ALL:
                    failures.extend(item_failures)
            else:
                holding += 1
                advice += item_failures
                if quantifier is Quantifier.NONE:
                    failures.append(Failure(item_pointer, "should_not_hold", {"path": path.text}))
        if quantifier is Quantifier.ANY and holding == 0:
            return [Failure(where, "too_few", {"path": path.text, "expected": 1, "actual": 0})]
        return failures or (advice if quantifier is not Quantifier.NONE else [])

    return items_condition


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    return Text(
        "{quantifier} mục trong '{path}' thỏa: {where}",
        "{quantifier} item(s) in '{path}' satisfy: {where}",
    ).format(
        quantifier=_QUANTIFIER_WORDS[Quantifier(arg["quantifier"])],
        path=arg["path"],
        where=explain(arg["where"]),
    )


KIND = CheckKind(
    name="items",
    schema={
        "title": "Items",
        "description": "Quantified condition over the items of the list at path: all, any or none of them satisfy where.",
        "type": "object",
        "additionalProperties": False,
        "required": ["path", "quantifier", "where"],
        "properties": {
            "path": {"$ref": "#/$defs/path"},
            "quantifier": {"enum": [q.value for q in Quantifier]},
            "where": {"$ref": "#/$defs/condition"},
        },
    },
    compile=compile_items,
    describe=describe,
    failures={"too_few": TOO_FEW, "should_not_hold": SHOULD_NOT_HOLD},
    fills=frozenset({"path", "expected", "actual"}),
    passes_through=True,  # with quantifier all, each failing item's own failures
    paths=path_args("path"),
    children=where_child,
)
