"""Each rule's own examples must give the status they promise."""

from __future__ import annotations

from collections.abc import Iterator

from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.errors import Problem
from ruleset.judging.examples import run_examples
from ruleset.lint.context import LintContext
from ruleset.lint.problem import ERROR, LintProblem


def example_problems(ctx: LintContext) -> Iterator[LintProblem]:
    by_id = {rule.id: rule for rule in ctx.rule_set.rules}
    for outcome in run_examples(ctx.rule_set):
        if outcome.passed:
            continue
        rule = by_id[outcome.rule_id]
        document = ctx.documents[rule.id]
        names = [e.name for e in rule.examples]
        if outcome.example in names:
            pointer = f"/examples/{names.index(outcome.example)}/expect"
        else:  # an example run against a later dated version: point at that version
            day = outcome.example[1:].split("]", 1)[0]
            dates = [v.effective_from for v in rule.variants]
            pointer = f"/versions/{dates.index(day)}" if day in dates else "/examples"
        line, column = document.locate(pointer) or (None, None)
        actual = outcome.actual.value if outcome.actual else "lỗi định dạng / format error"
        detail = f": {excerpt(outcome.error, 4 * EXCERPT_CHARS)}" if outcome.error else ""
        yield LintProblem(
            ERROR,
            "example-fails",
            Problem(
                rule.file,
                f"ví dụ '{excerpt(outcome.example)}' cần {outcome.expected.value}, kết quả {actual} / "
                f"example expects {outcome.expected.value}, got {actual}{detail}",
                line,
                column,
                pointer,
            ),
        )
