"""The one table of check kinds, and what the rest of the project asks of a condition.

Each function here walks a condition (a ``{kind: argument}`` mapping already valid against the
rule schema) and defers to the kind's own module; no other module branches on a kind's name.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from typing import Any

from ruleset.checks import (
    about,
    all_of,
    any_of,
    compare,
    count,
    date_before,
    date_in_period,
    items,
    matches,
    member,
    not_,
    present,
)
from ruleset.checks.base import ALWAYS_FILLED, CheckKind, Condition, Direction, Failure
from ruleset.text import Text

KINDS: dict[str, CheckKind] = {
    kind.name: kind
    for kind in (
        present.KIND,
        compare.KIND,
        member.KIND,
        matches.KIND,
        count.KIND,
        items.KIND,
        date_in_period.KIND,
        date_before.KIND,
        all_of.KIND,
        any_of.KIND,
        not_.KIND,
        about.KIND,
    )
}


def _kind(spec: dict[str, Any]) -> tuple[CheckKind, Any]:
    ((name, arg),) = spec.items()
    return KINDS[name], arg


def compile_condition(spec: dict[str, Any]) -> Condition:
    """Compile one condition into a function that returns its failures."""
    kind, arg = _kind(spec)
    return kind.compile(arg, compile_condition)


def explain(spec: dict[str, Any]) -> Text:
    """What a condition requires, in words (``ruleset rules show``, the template)."""
    kind, arg = _kind(spec)
    return kind.describe(arg, explain)


def walk(spec: dict[str, Any], pointer: str = "") -> Iterator[tuple[CheckKind, Any, str]]:
    """Every condition inside ``spec`` (itself first), with the pointer of its argument."""
    kind, arg = _kind(spec)
    here = f"{pointer}/{kind.name}"
    yield kind, arg, here
    for relative, child in kind.children(arg):
        yield from walk(child, here + relative)


def paths(spec: dict[str, Any], pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every submission path a condition reads, with the pointer where the rule writes it."""
    for kind, arg, here in walk(spec, pointer):
        for path, relative in kind.paths(arg):
            yield path, here + relative


def problems(spec: dict[str, Any], pointer: str = "") -> Iterator[tuple[str, Text]]:
    """What the schema cannot say about a condition (patterns RE2 cannot run, offsets off the calendar)."""
    for kind, arg, here in walk(spec, pointer):
        for relative, message in kind.problems(arg):
            yield here + relative, message


def topics(spec: dict[str, Any], pointer: str = "") -> Iterator[tuple[str, str]]:
    """Every topic id a condition names, with its pointer (checked against the vocabulary)."""
    for kind, arg, here in walk(spec, pointer):
        for topic, relative in kind.topics(arg):
            yield topic, here + relative


def placeholders(spec: dict[str, Any]) -> frozenset[str]:
    """The placeholders a failure of this condition may fill in a check's message."""
    kind, arg = _kind(spec)
    filled = set(kind.fills | ALWAYS_FILLED)
    if kind.passes_through:
        for _, child in kind.children(arg):
            filled |= placeholders(child)
    return frozenset(filled)


def direction(old: dict[str, Any], new: dict[str, Any]) -> Direction:
    """How a changed condition moves verdicts, where its kind can tell."""
    if old.keys() != new.keys() or len(old) != 1:
        return Direction.UNKNOWN
    kind, old_arg = _kind(old)
    return kind.direction(old_arg, new[kind.name])


@cache
def failure_words() -> dict[str, Text]:
    """Default words for each failure code, from the kinds that yield it."""
    words: dict[str, Text] = {}
    for kind in KINDS.values():
        for code, text in kind.failures.items():
            assert words.setdefault(code, text) == text, f"two wordings of failure code {code}"
    return words


def word_failure(failure: Failure, template: Text | None, period: str) -> Text:
    """A failure in words: the check's own message, else the default words of its code."""
    chosen = template or failure_words().get(failure.code, Text.same(failure.code))
    params: dict[str, Any] = {"period": period, **failure.params}
    return chosen.format(**params)


def complete_rule_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """rule.schema.json with each kind's argument schema under ``$defs.condition``."""
    completed = copy.deepcopy(schema)
    completed["$defs"]["condition"]["properties"] = {
        name: kind.schema for name, kind in KINDS.items()
    }
    return completed
