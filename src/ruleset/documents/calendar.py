"""The dates rules and submissions may use, so that no date arithmetic can leave the calendar.

A deadline is a period's first or last day plus a number of days, and the timeline takes "the
day before" a rule's end. Python's calendar ends at 0001-01-01 and 9999-12-31: 9999-12-31 plus a
day stopped a check with a traceback. Dates are bounded when a rule or a submission is read (and
day offsets by the ``date_before`` kind itself), so every sum stays a real date.
"""

from __future__ import annotations

from ruleset.text import Text

FIRST_DAY = "1000-01-01"
LAST_DAY = "8999-12-31"
"""Dates of periods and of rules lie in this range: centuries of offsets from either end, and
the quarters after a rule's start (its examples' default period), are still real dates."""

DATE_HINT = Text("viết ngày dạng YYYY-MM-DD", "write the date as YYYY-MM-DD")


def in_range(day: str) -> bool:
    """Whether an ISO date (already checked to be one) lies between FIRST_DAY and LAST_DAY."""
    return FIRST_DAY <= day <= LAST_DAY


def out_of_range(day: str) -> Text:
    """The message for a date outside the range."""
    return Text(
        f"ngày {day} nằm ngoài khoảng được hỗ trợ {FIRST_DAY}..{LAST_DAY}",
        f"the date {day} is outside the supported range {FIRST_DAY}..{LAST_DAY}",
    )
