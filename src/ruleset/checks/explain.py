"""Conditions in words, for ``ruleset rules show`` and the template: what a check asks for."""

from __future__ import annotations

from typing import Any

_WORDS = {
    "vi": {
        "present": "có '{path}'",
        "compare_value": "'{path}' {op} {value}",
        "compare_other": "'{path}' {op} '{other}'",
        "in": "'{path}' là một trong: {values}",
        "matches": "'{path}' khớp mẫu «{pattern}»",
        "count": "số mục trong '{path}'{where} {bounds}",
        "items": "{quantifier} mục trong '{path}' thỏa: {where}",
        "date_in_period": "ngày '{path}' nằm trong kỳ báo cáo",
        "date_before": "ngày '{path}' không muộn hơn {deadline}",
        "all": "tất cả: ",
        "any": "một trong: ",
        "not": "không phải: ",
        "where": " thỏa ({where})",
        "at_least": "≥ {n}",
        "at_most": "≤ {n}",
        "all_q": "mọi",
        "any_q": "ít nhất một",
        "none_q": "không",
        "days_after_period_start": "{n} ngày sau đầu kỳ",
        "days_after_period_end": "{n} ngày sau cuối kỳ",
    },
    "en": {
        "present": "'{path}' is given",
        "compare_value": "'{path}' {op} {value}",
        "compare_other": "'{path}' {op} '{other}'",
        "in": "'{path}' is one of: {values}",
        "matches": "'{path}' matches «{pattern}»",
        "count": "items in '{path}'{where}: {bounds}",
        "items": "{quantifier} item(s) in '{path}' satisfy: {where}",
        "date_in_period": "the date '{path}' is inside the reporting period",
        "date_before": "the date '{path}' is on or before {deadline}",
        "all": "all of: ",
        "any": "any of: ",
        "not": "not: ",
        "where": " satisfying ({where})",
        "at_least": "≥ {n}",
        "at_most": "≤ {n}",
        "all_q": "all",
        "any_q": "at least one",
        "none_q": "no",
        "days_after_period_start": "{n} days after the period starts",
        "days_after_period_end": "{n} days after the period ends",
    },
}


def explain(spec: dict[str, Any], lang: str = "vi") -> str:
    """One line saying what a condition requires."""
    words = _WORDS[lang]
    (kind, arg), *_ = spec.items()
    if kind == "present":
        return words["present"].format(path=arg)
    if kind == "compare":
        if "other" in arg:
            return words["compare_other"].format(**arg)
        return words["compare_value"].format(path=arg["path"], op=arg["op"], value=arg["value"])
    if kind == "in":
        return words["in"].format(path=arg["path"], values=", ".join(map(str, arg["values"])))
    if kind == "matches":
        return words["matches"].format(**arg)
    if kind == "count":
        bounds = [words[b].format(n=arg[b]) for b in ("at_least", "at_most") if b in arg]
        where = words["where"].format(where=explain(arg["where"], lang)) if "where" in arg else ""
        return words["count"].format(path=arg["path"], where=where, bounds=", ".join(bounds))
    if kind == "items":
        quantifier = words[arg["quantifier"] + "_q"]
        return words["items"].format(
            quantifier=quantifier, path=arg["path"], where=explain(arg["where"], lang)
        )
    if kind == "date_in_period":
        return words["date_in_period"].format(**arg)
    if kind == "date_before":
        if "date" in arg:
            deadline = arg["date"]
        else:
            key = next(k for k in ("days_after_period_start", "days_after_period_end") if k in arg)
            deadline = words[key].format(n=arg[key])
        return words["date_before"].format(path=arg["path"], deadline=deadline)
    if kind in ("all", "any"):
        return words[kind] + "; ".join(f"({explain(part, lang)})" for part in arg)
    if kind == "not":
        return words["not"] + f"({explain(arg, lang)})"
    return f"{kind}: {arg}"
