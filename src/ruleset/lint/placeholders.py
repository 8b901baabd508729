"""A check's words: its message may only use placeholders its kind fills (any other is printed as
written), and it says why, in the words of the quote, it asks what it asks."""

from __future__ import annotations

import string
from collections.abc import Iterator

from ruleset.checks.registry import placeholders
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.text import Text


def _names(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def placeholder_problems(ctx: LintContext) -> Iterator[LintProblem]:
    for rule in ctx.rule_set.rules:
        document = ctx.documents[rule.id]
        for index, check in enumerate(rule.checks):
            if not check.why:
                message = Text(
                    f"kiểm tra '{check.id}' thiếu why: những chữ nào của trích dẫn đòi điều nó kiểm",
                    f"check '{check.id}' has no why: which words of the quote ask for what it tests",
                )
                yield LintProblem(
                    LintCode.CHECK_WITHOUT_WHY, document.problem(f"/checks/{index}/id", message)
                )
            if check.message is None:
                continue
            filled = placeholders(check.spec)
            for lang, template in (("vi", check.message.vi), ("en", check.message.en)):
                for name in _names(template):
                    if name in filled:
                        continue
                    kind = next(iter(check.spec))
                    known = ", ".join(sorted(filled))
                    message = Text(
                        f"thông báo dùng {{{name}}} nhưng kiểm tra loại '{kind}' không điền nó; "
                        f"có thể dùng: {known}",
                        f"the message uses {{{name}}}, which a '{kind}' check never fills; "
                        f"it fills: {known}",
                    )
                    pointer = f"/checks/{index}/message/{lang}"
                    yield LintProblem(
                        LintCode.UNFILLED_PLACEHOLDER, document.problem(pointer, message)
                    )
