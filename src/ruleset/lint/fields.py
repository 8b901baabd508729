"""A check that reads a field no self-assessment can have is a typo that silently never holds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from ruleset.checks.registry import paths
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.text import Text

FREE_NAME_PARENTS = {"figures"}  # figures.<any_name> is allowed by the schema


@cache
def submission_field_names() -> frozenset[str]:
    """Every property name the self-assessment schema allows, at any depth."""
    text = resources.files("ruleset.schemas").joinpath("submission.schema.json").read_text("utf-8")
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    names.update(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(text))
    return frozenset(names)


def unknown_segments(path: str) -> list[str]:
    known = submission_field_names()
    segments = [s for s in path.strip("/").replace("/", ".").split(".") if s]
    unknown = []
    for index, segment in enumerate(segments):
        if index and segments[index - 1] in FREE_NAME_PARENTS:
            continue
        if segment.isdigit() or segment == "*" or segment in known:  # * spans every member
            continue
        unknown.append(segment)
    return unknown


def field_problems(ctx: LintContext) -> Iterator[LintProblem]:
    for rule in ctx.rule_set.rules:
        document = ctx.documents[rule.id]
        for index, check in enumerate(rule.checks):
            for path, pointer in paths(check.spec, f"/checks/{index}/require"):
                unknown = unknown_segments(path)
                if unknown:
                    message = Text(
                        f"không bản tự đánh giá nào có trường '{unknown[0]}' (trong '{path}')",
                        f"no self-assessment can have the field '{unknown[0]}' (in '{path}')",
                    )
                    hint = Text(
                        "xem định dạng bản tự đánh giá trong README; figures.<tên> nhận mọi tên",
                        "see the self-assessment format in the README; figures.<name> takes any name",
                    )
                    yield LintProblem(
                        LintCode.UNKNOWN_FIELD, document.problem(pointer, message, hint)
                    )
