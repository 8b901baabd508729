"""What every check kind is made of, and the shared pieces they read data with.

A check kind is one module under ``ruleset.checks`` holding one :class:`CheckKind`: the JSON Schema
of its argument, how it compiles, the words for what it requires and for each failure it yields,
the placeholders those failures fill, the paths and patterns it reads, and how a change of its
argument moves a verdict. ``ruleset.checks.registry`` maps names to kinds; nothing else knows a
kind by name.

A compiled condition takes the value in scope, its JSON pointer and the evaluation context, and
returns the failures it finds (empty when it holds). Conditions never compute line and column:
they name data paths, and the engine turns those into positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, Protocol

from ruleset.documents.document import escape_token, split_pointer
from ruleset.text import Text

MISSING: Any = object()
"""The value at a path that does not exist (distinct from an explicit null)."""


@dataclass(frozen=True)
class Failure:
    """A check's raw failure: the data path it is about, its code and values for the message.

    An *advisory* failure does not fail the check: it is something the report must say about
    evidence that was accepted (relevance read from a title).
    """

    pointer: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    advisory: bool = False


def blocking(failures: list[Failure]) -> list[Failure]:
    """The failures that make a condition fail (advisories do not)."""
    if not failures:  # the common case: asked ~50 times per submission
        return failures
    return [f for f in failures if not f.advisory]


@dataclass(frozen=True)
class Relevance:
    """How a piece of evidence was found to be about a topic."""

    how: str  # "declared" (its topics:), "cited" (a defining document), "inferred" (its title)
    detail: str  # the topic, document or phrase that showed it


class TopicIndex(Protocol):
    """The topic vocabulary as the ``about`` kind consults it (``ruleset.rules.topics``)."""

    def relevance(self, item: Any, wanted: Iterable[str]) -> Relevance | None: ...

    def names(self, topic_ids: tuple[str, ...]) -> Text: ...


@dataclass(frozen=True)
class EvalContext:
    """What conditions may consult besides the value in scope."""

    root: Any
    period_start: str
    period_end: str
    references: dict[str, dict[str, tuple[Any, str]]]
    topics: TopicIndex | None = None


Condition = Callable[[Any, str, EvalContext], list[Failure]]
Compile = Callable[[Any], Condition]
Describe = Callable[[Any], Text]


class Scope(str, Enum):
    """Where a path starts: written dotted from the obligation's entry, or ``/``-led from the root."""

    ENTRY = "entry"  # evidence.activities, figures.violations_handled
    ROOT = "root"  # /figures/violations_detected (a JSON pointer)


# Evidence lists whose text items are ids of agency-wide records, and the list those records are
# in: ``evidence.activities: [qt-1]`` stands for the activity whose id is qt-1.
RECORD_LISTS: dict[tuple[str, ...], str] = {
    ("evidence", "activities"): "activities",
    ("evidence", "documents"): "documents",
}


class FieldPath:
    """A compiled path into a submission (see :class:`Scope`)."""

    __slots__ = ("records", "rooted", "scope", "spread", "steps", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.scope = Scope.ROOT if text.startswith("/") else Scope.ENTRY
        self.tokens = tuple(split_pointer(text) if self.scope is Scope.ROOT else text.split("."))
        # Asked on every resolve, ~50 times per submission: reading an Enum member from its
        # class is a lookup of ~70 ns, and a search of the tokens one too.
        self.rooted = self.scope is Scope.ROOT
        self.spread = "*" in self.tokens
        self.records = RECORD_LISTS.get(self.tokens) if self.scope is Scope.ENTRY else None
        # Per token: the token, what it adds to a pointer, its list index (if it is a number);
        # worked out once here, since a path is resolved ~40 times per submission.
        self.steps = tuple(
            (token, "/" + escape_token(token), int(token) if token.isdecimal() else None)
            for token in self.tokens
        )

    def resolve(self, value: Any, pointer: str, ctx: EvalContext) -> tuple[Any, str]:
        """The value at the path and its pointer, or MISSING and the deepest pointer reached."""
        if self.rooted:
            value, pointer = ctx.root, ""
        for token, step, index in self.steps:
            if isinstance(value, dict) and token in value:
                value = value[token]
            elif isinstance(value, list) and index is not None and index < len(value):
                value = value[index]
            else:
                return MISSING, pointer
            pointer += step
        return value, pointer

    def members(self, value: Any, pointer: str, ctx: EvalContext) -> tuple[list[Member], str]:
        """The items of the list at the path, each with its pointer, and the list's pointer.

        In a record list an id becomes the record it names. A ``*`` token stands for every
        member of a mapping or list (``/obligations/*/cases``: the cases of every entry).
        """
        if self.spread:
            start, base = (ctx.root, "") if self.rooted else (value, pointer)
            return list(_spread(start, base, self.tokens)), base
        found, where = self.resolve(value, pointer, ctx)
        items = found if isinstance(found, list) else []
        index = ctx.references.get(self.records) if self.records else None
        out: list[Member] = []
        for position, item in enumerate(items):
            if index is not None and isinstance(item, str) and item in index:
                out.append(index[item])
            else:
                out.append((item, f"{where}/{position}"))
        return out, where


Member = tuple[Any, str]


def _spread(value: Any, pointer: str, tokens: tuple[str, ...]) -> Iterator[Member]:
    """Every item of the lists a wildcard path reaches, in document order."""
    if not tokens:
        if isinstance(value, list):
            yield from ((item, f"{pointer}/{i}") for i, item in enumerate(value))
        return
    token, rest = tokens[0], tokens[1:]
    if token == "*":
        pairs = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, child in pairs:
            yield from _spread(child, f"{pointer}/{escape_token(key)}", rest)
    elif isinstance(value, dict) and token in value:
        yield from _spread(value[token], f"{pointer}/{escape_token(token)}", rest)


def is_empty(value: Any) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def iso_day(value: Any) -> str | None:
    """The day a value names by its first ten characters, as YYYY-MM-DD, or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    return _iso_day(value[:10])


@lru_cache(maxsize=4096)
def _iso_day(text: str) -> str | None:
    """Remembered: the same few dates recur in every submission of a period."""
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def shown(value: Any) -> Any:
    """A value as a message shows it; a missing one in words."""
    return NONE_WORDS if value is MISSING else value


NONE_WORDS = Text("(không có)", "(none)")

# Failure words shared by several kinds; each kind lists the codes it yields.
MISSING_VALUE = Text("thiếu '{path}'", "'{path}' is missing or empty")
NOT_A_DATE = Text(
    "'{path}' không phải ngày hợp lệ: {actual}", "'{path}' is not a valid date: {actual}"
)
TOO_FEW = Text(
    "cần ít nhất {expected} mục phù hợp trong '{path}', tìm thấy {actual}",
    "expected at least {expected} matching item(s) in '{path}', found {actual}",
)
SHOULD_NOT_HOLD = Text(
    "mục này không được thỏa điều kiện", "this item must not satisfy the condition"
)
ALWAYS_FILLED = frozenset({"period"})
"""Placeholders the engine fills for every failure."""


class Direction(str, Enum):
    """How a change of a check's argument moves verdicts."""

    STRICTER = "stricter"  # something that met the old check may fail the new one
    LOOSER = "looser"
    UNKNOWN = "unknown"


def no_paths(arg: Any) -> Iterator[tuple[str, str]]:
    return iter(())


def no_children(arg: Any) -> Iterator[tuple[str, Any]]:
    return iter(())


def no_problems(arg: Any) -> Iterator[tuple[str, Text]]:
    return iter(())


def unknown_direction(old: Any, new: Any) -> Direction:
    return Direction.UNKNOWN


def path_args(*keys: str) -> Callable[[Any], Iterator[tuple[str, str]]]:
    """``paths`` for a kind whose argument is a mapping with these path-valued keys."""

    def paths(arg: Any) -> Iterator[tuple[str, str]]:
        for key in keys:
            if isinstance(arg, dict) and isinstance(arg.get(key), str):
                yield arg[key], f"/{key}"

    return paths


def where_child(arg: Any) -> Iterator[tuple[str, Any]]:
    """``children`` for a kind with an optional nested ``where`` condition."""
    if isinstance(arg, dict) and "where" in arg:
        yield "/where", arg["where"]


@dataclass(frozen=True)
class CheckKind:
    """Everything about one kind of condition, in one place (see the module docstring)."""

    name: str
    schema: dict[str, Any]  # JSON Schema of the argument; rule.schema.json is completed from it
    compile: Callable[[Any, Compile], Condition]  # the argument and a compiler for nested ones
    describe: Callable[[Any, Describe], Text]  # what it requires, in words
    failures: Mapping[str, Text]  # each failure code it yields, with its default words
    fills: frozenset[str]  # the placeholders its own failures fill
    passes_through: bool = False  # it may return its nested conditions' failures as they are
    paths: Callable[[Any], Iterator[tuple[str, str]]] = no_paths  # (path, pointer in the argument)
    children: Callable[[Any], Iterator[tuple[str, Any]]] = no_children  # nested conditions
    problems: Callable[[Any], Iterator[tuple[str, Text]]] = no_problems  # beyond the schema
    topics: Callable[[Any], Iterator[tuple[str, str]]] = (
        no_paths  # (topic id, pointer in the argument)
    )
    direction: Callable[[Any, Any], Direction] = unknown_direction
