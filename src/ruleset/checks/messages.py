"""Bilingual message templates, filled with the values a failure carries."""

from __future__ import annotations

from typing import Any

from ruleset.model import Bilingual, Failure

# Default text for each failure code, used inside combinators and when a check has no template.
DEFAULTS: dict[str, Bilingual] = {
    "missing": Bilingual("thiếu '{path}'", "'{path}' is missing or empty"),
    "compare": Bilingual(
        "'{path}' là {actual}, cần {op} {expected}",
        "'{path}' is {actual}, expected {op} {expected}",
    ),
    "type_mismatch": Bilingual(
        "không so sánh được '{path}' ({actual}) với {expected}",
        "cannot compare '{path}' ({actual}) with {expected}",
    ),
    "not_in": Bilingual(
        "'{path}' là {actual}, cần một trong: {expected}",
        "'{path}' is {actual}, expected one of: {expected}",
    ),
    "no_match": Bilingual(
        "'{path}' không khớp mẫu {expected}", "'{path}' does not match the pattern {expected}"
    ),
    "too_few": Bilingual(
        "cần ít nhất {expected} mục phù hợp trong '{path}', tìm thấy {actual}",
        "expected at least {expected} matching item(s) in '{path}', found {actual}",
    ),
    "too_many": Bilingual(
        "cần nhiều nhất {expected} mục phù hợp trong '{path}', tìm thấy {actual}",
        "expected at most {expected} matching item(s) in '{path}', found {actual}",
    ),
    "should_not_hold": Bilingual(
        "mục này không được thỏa điều kiện", "this item must not satisfy the condition"
    ),
    "not_a_date": Bilingual(
        "'{path}' không phải ngày hợp lệ: {actual}", "'{path}' is not a valid date: {actual}"
    ),
    "outside_period": Bilingual(
        "ngày {actual} nằm ngoài kỳ báo cáo {period}",
        "date {actual} is outside the reporting period {period}",
    ),
    "after_deadline": Bilingual(
        "ngày {actual} muộn hơn hạn {expected}", "date {actual} is after the deadline {expected}"
    ),
}


class _Params(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, failure: Failure, period: str) -> str:
    params = _Params(failure.params)
    params.setdefault("period", period)
    return template.format_map(params)


def describe(failure: Failure, template: Bilingual | None, period: str) -> tuple[str, str]:
    """Vietnamese and English text for a failure, from the check's template or the default."""
    chosen = template or DEFAULTS.get(failure.code, Bilingual(failure.code, failure.code))
    return render(chosen.vi, failure, period), render(chosen.en, failure, period)
