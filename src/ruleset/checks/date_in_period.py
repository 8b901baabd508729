"""``date_in_period: {path}``: the date falls inside the reporting period (both ends included)."""

from __future__ import annotations

from typing import Any

from ruleset.checks.base import (
    MISSING,
    MISSING_VALUE,
    NOT_A_DATE,
    CheckKind,
    Compile,
    Condition,
    Describe,
    EvalContext,
    Failure,
    FieldPath,
    iso_day,
    path_args,
    shown,
)
from ruleset.text import Text


def compile_date_in_period(arg: dict[str, Any], compile_: Compile) -> Condition:
    path = FieldPath(arg["path"])

    def date_in_period(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        day = iso_day(found)
        if day is None:
            code = "missing" if found is MISSING else "not_a_date"
        elif ctx.period_start <= day <= ctx.period_end:
            return []
        else:
            code = "outside_period"
        period = f"{ctx.period_start}..{ctx.period_end}"
        return [Failure(where, code, {"path": path.text, "actual": shown(found), "period": period})]

    return date_in_period


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    return Text(
        "ngày '{path}' nằm trong kỳ báo cáo", "the date '{path}' is inside the reporting period"
    ).format(**arg)


KIND = CheckKind(
    name="date_in_period",
    schema={
        "title": "Date within the reporting period",
        "description": "The date at path falls inside the submission's reporting period (both ends included).",
        "type": "object",
        "additionalProperties": False,
        "required": ["path"],
        "properties": {"path": {"$ref": "#/$defs/path"}},
    },
    compile=compile_date_in_period,
    describe=describe,
    failures={
        "missing": MISSING_VALUE,
        "not_a_date": NOT_A_DATE,
        "outside_period": Text(
            "ngày {actual} nằm ngoài kỳ báo cáo {period}",
            "date {actual} is outside the reporting period {period}",
        ),
    },
    fills=frozenset({"path", "actual", "period"}),
    paths=path_args("path"),
)
