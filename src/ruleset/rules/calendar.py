"""The dates rules and submissions may use, so that no date arithmetic can leave the calendar.

A deadline is a period's first or last day plus a number of days. Python's calendar ends at
0001-01-01 and 9999-12-31, and ``timedelta`` at 999,999,999 days: an offset of a billion days, or
9999-12-31 plus one day, stopped a check with a traceback. Offsets are bounded when the rule set
loads and dates are bounded when a rule or a submission is read, so every sum stays a real date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MAX_DAY_OFFSET = 36_525
"""Largest ``days_after_period_start``/``days_after_period_end``, either way: a century."""
FIRST_DAY = "1000-01-01"
LAST_DAY = "8999-12-31"
"""Dates of periods and of rules lie in this range: a century of offsets from either end, and the
quarters after a rule's start (its examples' default period), are still real dates."""

_OFFSETS = ("days_after_period_start", "days_after_period_end")


def in_range(day: str) -> bool:
    """Whether an ISO date (already checked to be one) lies between FIRST_DAY and LAST_DAY."""
    return FIRST_DAY <= day <= LAST_DAY


def out_of_range(day: str) -> str:
    """The message for a date outside the range."""
    return (
        f"ngày {day} nằm ngoài khoảng được hỗ trợ {FIRST_DAY}..{LAST_DAY} / the date {day} is "
        f"outside the supported range {FIRST_DAY}..{LAST_DAY}"
    )


def _conditions(spec: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every ``date_before`` argument in a rule's checks, with its pointer."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "date_before" and isinstance(value, dict):
                yield f"{pointer}/date_before", value
            else:
                yield from _conditions(value, f"{pointer}/{key}")
    elif isinstance(spec, list):
        for index, item in enumerate(spec):
            yield from _conditions(item, f"{pointer}/{index}")


def rule_date_problems(data: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(pointer, message, hint) for each day offset or date of a rule that could leave the
    calendar; ``data`` is a rule already valid against the schema."""
    dates = [("/effective/from", data["effective"]["from"])]
    if "until" in data["effective"]:
        dates.append(("/effective/until", data["effective"]["until"]))
    sources = [("/checks", data["checks"])]
    for index, version in enumerate(data.get("versions", [])):
        dates.append((f"/versions/{index}/from", version["from"]))
        if "checks" in version:
            sources.append((f"/versions/{index}/checks", version["checks"]))
    for pointer, checks in sources:
        for where, arg in _conditions(checks, pointer):
            if isinstance(arg.get("date"), str):
                dates.append((f"{where}/date", arg["date"]))
            for name in _OFFSETS:
                days = arg.get(name)
                if isinstance(days, int) and abs(days) > MAX_DAY_OFFSET:
                    yield (
                        f"{where}/{name}",
                        f"{name} = {days}: quá {MAX_DAY_OFFSET} ngày / more than "
                        f"{MAX_DAY_OFFSET} days (a century) from the period",
                        "a deadline is days or months after the period: write the number of days",
                    )
    for pointer, day in dates:
        if not in_range(day):
            yield pointer, out_of_range(day), "write the date the text gives, as YYYY-MM-DD"
