"""Each rule's own examples must give the status they promise."""

from __future__ import annotations

from collections.abc import Iterator

from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.judging.examples import run_examples
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.text import Text


def example_problems(ctx: LintContext) -> Iterator[LintProblem]:
    by_id = {rule.id: rule for rule in ctx.rule_set.rules}
    for outcome in run_examples(ctx.rule_set):
        if outcome.passed:
            continue
        rule = by_id[outcome.rule_id]
        if outcome.version_from is None:
            names = [e.name for e in rule.examples]
            pointer = f"/examples/{names.index(outcome.example)}/expect"
        else:  # an example of a later dated version: point at that version
            dates = [v.effective_from for v in rule.variants]
            pointer = f"/versions/{dates.index(outcome.version_from)}"
        actual = (
            Text.same(outcome.actual.value)
            if outcome.actual
            else Text("lỗi định dạng", "format error")
        )
        detail = f": {excerpt(outcome.error, 4 * EXCERPT_CHARS)}" if outcome.error else ""
        message = Text(
            "ví dụ '{example}' cần {expected}, kết quả {actual}{detail}",
            "example '{example}' expects {expected}, got {actual}{detail}",
        ).format(
            example=excerpt(outcome.label),
            expected=outcome.expected.value,
            actual=actual,
            detail=detail,
        )
        yield LintProblem(LintCode.EXAMPLE_FAILS, ctx.documents[rule.id].problem(pointer, message))
