"""The window in force: evidence dated in the period but outside the days a rule binds.

A rule that takes effect, or stops binding the agency, inside the reporting period is judged on
the days it binds; evidence from the other days does not count. When such an obligation is not
met, the report names each piece of evidence left out and why, so the officer is not left
wondering why a dated activity "was not seen".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruleset.checks.base import RECORD_LISTS, EvalContext, FieldPath, iso_day
from ruleset.text import Text

_BEFORE = Text(
    "'{title}' ngày {date} không được tính: trước ngày nhiệm vụ có hiệu lực ({first})",
    "'{title}' dated {date} is not counted: it is before the obligation took effect ({first})",
)
_AFTER = Text(
    "'{title}' ngày {date} không được tính: sau ngày cuối nhiệm vụ còn ràng buộc cơ quan ({last})",
    "'{title}' dated {date} is not counted: it is after the last day the obligation bound the "
    "agency ({last})",
)
_EVIDENCE = tuple(FieldPath(".".join(tokens)) for tokens in RECORD_LISTS)


def outside_window(
    entry: Any, pointer: str, ctx: EvalContext, window: tuple[str, str]
) -> Iterator[tuple[str, Text]]:
    """(pointer, words) for each piece of evidence dated in the period but outside the window."""
    first, last = window
    for path in _EVIDENCE:
        for item, item_pointer in path.members(entry, pointer, ctx)[0]:
            if not isinstance(item, dict):
                continue
            day = iso_day(item.get("date"))
            if day is None:
                continue
            if not ctx.period_start <= day <= ctx.period_end or first <= day <= last:
                continue
            title = str(item.get("title") or item.get("number") or item.get("id") or "")
            words = _BEFORE if day < first else _AFTER
            yield (
                item_pointer + "/date",
                words.format(title=title, date=day, first=first, last=last),
            )
