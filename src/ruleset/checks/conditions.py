"""The check vocabulary: each condition kind compiles to a small function that yields failures.

A compiled condition takes the value in scope, its JSON pointer and the evaluation context,
and returns the failures it finds (empty when it holds). Conditions never compute line and
column: they name data paths, and the engine turns those into positions.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator
from typing import Any

from ruleset.checks.patterns import compile_pattern
from ruleset.documents.document import escape_token, split_pointer
from ruleset.documents.textio import nfc
from ruleset.model import Condition, EvalContext, Failure

MISSING = object()
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
# Lists whose text items are ids of agency-wide records, resolved before conditions see them.
REFERENCE_LISTS = ("activities", "documents")


class Path:
    """A compiled path: dotted and relative to the scope, or a JSON pointer from the root."""

    __slots__ = ("absolute", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.absolute = text.startswith("/")
        self.tokens = tuple(split_pointer(text)) if self.absolute else tuple(text.split("."))

    def resolve(self, value: Any, pointer: str, ctx: EvalContext) -> tuple[Any, str]:
        """The value at the path and its pointer, or MISSING and the deepest pointer reached."""
        if self.absolute:
            value, pointer = ctx.root, ""
        for token in self.tokens:
            if isinstance(value, dict) and token in value:
                value = value[token]
            elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                value = value[int(token)]
            else:
                return MISSING, pointer
            pointer = f"{pointer}/{escape_token(token)}"
        return value, pointer

    @property
    def last(self) -> str:
        return self.tokens[-1] if self.tokens else ""


def iter_items(
    path: Path, items: list[Any], pointer: str, ctx: EvalContext
) -> Iterator[tuple[Any, str]]:
    """Items of a list with their pointers; ids in evidence lists become the records they name."""
    index = ctx.references.get(path.last) if path.last in REFERENCE_LISTS else None
    for position, item in enumerate(items):
        if index is not None and isinstance(item, str) and item in index:
            yield index[item]
        else:
            yield item, f"{pointer}/{position}"


def is_empty(value: Any) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def as_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _shown(value: Any) -> Any:
    return "(không có / none)" if value is MISSING else value


def compile_condition(spec: dict[str, Any]) -> Condition:
    """Compile one condition (already validated against the rule schema) into a function."""
    ((kind, arg),) = spec.items()
    return _COMPILERS[kind](arg)


def _present(arg: str) -> Condition:
    path = Path(arg)

    def present(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        if is_empty(found):
            return [Failure(where, "missing", {"path": path.text})]
        return []

    return present


def _compare(arg: dict[str, Any]) -> Condition:
    path, op_name = Path(arg["path"]), arg["op"]
    op = _OPS[op_name]
    other = Path(arg["other"]) if "other" in arg else None
    literal = arg.get("value")

    def compare(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        left, where = path.resolve(value, pointer, ctx)
        right = other.resolve(value, pointer, ctx)[0] if other else literal
        params = {
            "path": path.text,
            "op": op_name,
            "actual": _shown(left),
            "expected": _shown(right),
        }
        if other is not None:
            params["other"] = other.text
        if left is MISSING or right is MISSING:
            return [Failure(where, "missing", params)]
        if isinstance(left, str) and isinstance(right, str):
            left, right = nfc(left), nfc(right)
        try:
            holds = op(left, right)
        except TypeError:
            return [Failure(where, "type_mismatch", params)]
        return [] if holds else [Failure(where, "compare", params)]

    return compare


def _in(arg: dict[str, Any]) -> Condition:
    path = Path(arg["path"])
    allowed = [nfc(v) if isinstance(v, str) else v for v in arg["values"]]

    def member(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        if found in allowed and not isinstance(found, (dict, list)):
            return []
        params = {
            "path": path.text,
            "actual": _shown(found),
            "expected": ", ".join(map(str, allowed)),
        }
        return [Failure(where, "missing" if found is MISSING else "not_in", params)]

    return member


def _matches(arg: dict[str, Any]) -> Condition:
    path = Path(arg["path"])
    pattern = compile_pattern(arg["pattern"])

    def matches(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        params = {"path": path.text, "actual": _shown(found), "expected": arg["pattern"]}
        if found is MISSING:
            return [Failure(where, "missing", params)]
        texts = found if isinstance(found, list) else [found]
        if any(isinstance(t, str) and pattern.search(t) for t in texts):
            return []
        return [Failure(where, "no_match", params)]

    return matches


def _list_at(path: Path, value: Any, pointer: str, ctx: EvalContext) -> tuple[list[Any], str]:
    found, where = path.resolve(value, pointer, ctx)
    return (found if isinstance(found, list) else []), where


def _count(arg: dict[str, Any]) -> Condition:
    path = Path(arg["path"])
    where_condition = compile_condition(arg["where"]) if "where" in arg else None
    at_least, at_most = arg.get("at_least"), arg.get("at_most")

    def count(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        items, where = _list_at(path, value, pointer, ctx)
        matching = 0
        for item, item_pointer in iter_items(path, items, where, ctx):
            if where_condition is None or not where_condition(item, item_pointer, ctx):
                matching += 1
        if at_least is not None and matching < at_least:
            return [
                Failure(
                    where, "too_few", {"path": path.text, "expected": at_least, "actual": matching}
                )
            ]
        if at_most is not None and matching > at_most:
            return [
                Failure(
                    where, "too_many", {"path": path.text, "expected": at_most, "actual": matching}
                )
            ]
        return []

    return count


def _items(arg: dict[str, Any]) -> Condition:
    path = Path(arg["path"])
    quantifier = arg["quantifier"]
    where_condition = compile_condition(arg["where"])

    def items_condition(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        items, where = _list_at(path, value, pointer, ctx)
        failures: list[Failure] = []
        holding = 0
        for item, item_pointer in iter_items(path, items, where, ctx):
            item_failures = where_condition(item, item_pointer, ctx)
            if item_failures:
                if quantifier == "all":
                    failures.extend(item_failures)
            else:
                holding += 1
                if quantifier == "none":
                    failures.append(Failure(item_pointer, "should_not_hold", {"path": path.text}))
        if quantifier == "any" and holding == 0:
            return [Failure(where, "too_few", {"path": path.text, "expected": 1, "actual": 0})]
        return failures

    return items_condition


def _date_in_period(arg: dict[str, Any]) -> Condition:
    path = Path(arg["path"])

    def date_in_period(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        period = f"{ctx.period_start}..{ctx.period_end}"
        params = {"path": path.text, "actual": _shown(found), "period": period}
        date = as_date(found)
        if date is None:
            return [Failure(where, "missing" if found is MISSING else "not_a_date", params)]
        if ctx.period_start <= date.isoformat() <= ctx.period_end:
            return []
        return [Failure(where, "outside_period", params)]

    return date_in_period


def _date_before(arg: dict[str, Any]) -> Condition:
    path = Path(arg["path"])

    def deadline(ctx: EvalContext) -> str:
        if "date" in arg:
            return str(arg["date"])
        if "days_after_period_start" in arg:
            base, days = ctx.period_start, arg["days_after_period_start"]
        else:
            base, days = ctx.period_end, arg["days_after_period_end"]
        return (dt.date.fromisoformat(base) + dt.timedelta(days=days)).isoformat()

    def date_before(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        limit = deadline(ctx)
        params = {"path": path.text, "actual": _shown(found), "expected": limit}
        date = as_date(found)
        if date is None:
            return [Failure(where, "missing" if found is MISSING else "not_a_date", params)]
        return [] if date.isoformat() <= limit else [Failure(where, "after_deadline", params)]

    return date_before


def _all(arg: list[dict[str, Any]]) -> Condition:
    parts = [compile_condition(part) for part in arg]

    def all_of(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        for part in parts:
            failures = part(value, pointer, ctx)
            if failures:
                return failures
        return []

    return all_of


def _any(arg: list[dict[str, Any]]) -> Condition:
    parts = [compile_condition(part) for part in arg]

    def any_of(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        first: list[Failure] = []
        for part in parts:
            failures = part(value, pointer, ctx)
            if not failures:
                return []
            first = first or failures
        return first

    return any_of


def _not(arg: dict[str, Any]) -> Condition:
    inner = compile_condition(arg)

    def negation(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        return [] if inner(value, pointer, ctx) else [Failure(pointer, "should_not_hold", {})]

    return negation


_COMPILERS: dict[str, Callable[[Any], Condition]] = {
    "present": _present,
    "compare": _compare,
    "in": _in,
    "matches": _matches,
    "count": _count,
    "items": _items,
    "date_in_period": _date_in_period,
    "date_before": _date_before,
    "all": _all,
    "any": _any,
    "not": _not,
}
CONDITION_KINDS = tuple(sorted(_COMPILERS))
