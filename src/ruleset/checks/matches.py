"""``matches: {path, pattern}``: the text (or any text of a list) matches a pattern."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruleset.checks.base import (
    MISSING,
    MISSING_VALUE,
    CheckKind,
    Compile,
    Condition,
    Describe,
    EvalContext,
    Failure,
    FieldPath,
    path_args,
    shown,
)
from ruleset.checks.patterns import PatternError, compile_pattern
from ruleset.text import Text


def compile_matches(arg: dict[str, Any], compile_: Compile) -> Condition:
    path = FieldPath(arg["path"])
    pattern = compile_pattern(arg["pattern"])

    def matches(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        found, where = path.resolve(value, pointer, ctx)
        params = {"path": path.text, "actual": shown(found), "expected": arg["pattern"]}
        if found is MISSING:
            return [Failure(where, "missing", params)]
        texts = found if isinstance(found, list) else [found]
        if any(isinstance(t, str) and pattern.search(t) for t in texts):
            return []
        return [Failure(where, "no_match", params)]

    return matches


def describe(arg: dict[str, Any], explain: Describe) -> Text:
    return Text("'{path}' khớp mẫu «{pattern}»", "'{path}' matches «{pattern}»").format(**arg)


def problems(arg: Any) -> Iterator[tuple[str, Text]]:
    """A pattern RE2 cannot run is a rule error at load, not a slow or failing match."""
    if isinstance(arg, dict) and isinstance(arg.get("pattern"), str):
        try:
            compile_pattern(arg["pattern"])
        except PatternError as exc:
            yield (
                "/pattern",
                Text(
                    f"mẫu không hợp lệ: {exc} (mẫu chạy trong thời gian tuyến tính (RE2): không dùng "
                    "tham chiếu ngược, lookahead hay lookbehind)",
                    f"pattern not supported: {exc} (patterns run in linear time (RE2): no "
                    "backreferences, lookahead or lookbehind)",
                ),
            )


KIND = CheckKind(
    name="matches",
    schema={
        "title": "Pattern",
        "description": "The text at path matches a regular expression (searched, case-insensitive after NFC).",
        "type": "object",
        "additionalProperties": False,
        "required": ["path", "pattern"],
        "properties": {
            "path": {"$ref": "#/$defs/path"},
            "pattern": {"type": "string", "minLength": 1, "maxLength": 500},
        },
    },
    compile=compile_matches,
    describe=describe,
    failures={
        "missing": MISSING_VALUE,
        "no_match": Text(
            "'{path}' không khớp mẫu {expected}", "'{path}' does not match the pattern {expected}"
        ),
    },
    fills=frozenset({"path", "actual", "expected"}),
    paths=path_args("path"),
    problems=problems,
)
