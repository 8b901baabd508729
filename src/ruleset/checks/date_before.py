"""``date_before: {path, date | days_after_period_start | days_after_period_end}``: a deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ruleset.checks.base import (
    MISSING,
    MISSING_VALUE,
    NOT_A_DATE,
    CheckKind,
    Compile,
    Condition,
    Describe,
    Direction,
    EvalContext,
    Failure,
    FieldPath,
    iso_day,
    path_args,
    shown,
)
from ruleset.documents.calendar import in_range, out_of_range
from ruleset.text import Text

OFFSETS = ("days_after_period_start", "days_after_period_end")
CALENDAR_DAYS = (dt.date.max - dt.date.min).days
_OFFSET_WORDS = {
    "days_after_period_start": Text("{n} ngày sau đầu kỳ", "{n} days after the period starts"),
    "days_after_period_end": Text("{n} ngày sau cuối kỳ", "{n} days after the period ends"),
}


def _deadline(arg: dict[str, Any], ctx: EvalContext) -> str | None:
    """The last allowed day, or None when the offset leaves the calendar."""
    if "date" in arg:
        return str(arg["date"])
    if "days_after_period_start" in arg:
        return _days_after(ctx.period_start, arg["days_after_period_start"])
    return _days_after(ctx.period_end, arg["days_after_period_end"])


@lru_cache(maxsize=1024)
def _days_after(day: str, days: int) -> str | None:
    """Remembered: a deadline is the same for every submission of a period."""
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def compile_date_before(arg: dict[str, Any], compile_: Compile) -> Condition:
    path = FieldPath(arg["path"])

    def date_before(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        limit = _deadline(arg, ctx)
        day = iso_day(found)
        if limit is None:
            code = "deadline_off_calendar"
        elif day is None:
            code = "missing" if found is MISSING else "not_a_date"
        elif day <= limit:
            return []
        else:
            code = "after_deadline"
        params = {"path": path.text, "actual": shown(found), "expected": limit}
        return [Failure(where, code, params)]

    return date_before


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    if "date" in arg:
        deadline = Text.same(str(arg["date"]))
    else:
        key = next(k for k in OFFSETS if k in arg)
        deadline = _OFFSET_WORDS[key].format(n=arg[key])
    return Text(
        "ngày '{path}' không muộn hơn {deadline}", "the date '{path}' is on or before {deadline}"
    ).format(path=arg["path"], deadline=deadline)


def problems(arg: Any) -> Iterator[tuple[str, Text]]:
    """An offset longer than the whole calendar can never give a date; a fixed deadline lies in
    the dates rules may use."""
    if isinstance(arg, dict) and isinstance(arg.get("date"), str) and not in_range(arg["date"]):
        yield "/date", out_of_range(arg["date"])
    for key in OFFSETS:
        days = arg.get(key) if isinstance(arg, dict) else None
        if isinstance(days, int) and abs(days) > CALENDAR_DAYS:
            yield (
                f"/{key}",
                Text(
                    f"{key} = {days} ngày vượt quá lịch (tối đa {CALENDAR_DAYS} ngày)",
                    f"{key} = {days} days leaves the calendar (at most {CALENDAR_DAYS} days)",
                ),
            )


def direction(old: dict[str, Any], new: dict[str, Any]) -> Direction:
    """An earlier deadline is stricter, a later one looser (same kind of deadline only)."""
    keys = [k for k in ("date", *OFFSETS) if k in old]
    if old.get("path") != new.get("path") or keys != [k for k in ("date", *OFFSETS) if k in new]:
        return Direction.UNKNOWN
    a, b = str(old[keys[0]]), str(new[keys[0]])
    earlier = int(b) < int(a) if keys[0] in OFFSETS else b < a
    later = int(b) > int(a) if keys[0] in OFFSETS else b > a
    return Direction.STRICTER if earlier else Direction.LOOSER if later else Direction.UNKNOWN


KIND = CheckKind(
    name="date_before",
    schema={
        "title": "Date before a deadline",
        "description": "The date at path is on or before a deadline: a fixed date, or a number of days after the period's start or end.",
        "type": "object",
        "additionalProperties": False,
        "required": ["path"],
        "oneOf": [{"required": ["date"]}, *({"required": [key]} for key in OFFSETS)],
        "properties": {
            "path": {"$ref": "#/$defs/path"},
            "date": {"type": "string", "format": "date"},
            **{key: {"type": "integer"} for key in OFFSETS},
        },
    },
    compile=compile_date_before,
    describe=describe,
    failures={
        "missing": MISSING_VALUE,
        "not_a_date": NOT_A_DATE,
        "after_deadline": Text(
            "ngày {actual} muộn hơn hạn {expected}",
            "date {actual} is after the deadline {expected}",
        ),
        "deadline_off_calendar": Text(
            "hạn tính từ kỳ báo cáo vượt quá lịch",
            "the deadline computed from the period leaves the calendar",
        ),
    },
    fills=frozenset({"path", "actual", "expected"}),
    paths=path_args("path"),
    problems=problems,
    direction=direction,
)
