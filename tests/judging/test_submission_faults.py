"""A submission with many faults, or dates at the ends of the calendar: the problems are
located, capped per file with a count of the rest, and quote only short excerpts."""

from __future__ import annotations

from typing import Any

import pytest

from ruleset.documents.calendar import FIRST_DAY, LAST_DAY
from ruleset.documents.findings import MAX_PROBLEMS
from ruleset.errors import InputError
from ruleset.rules.ruleset import RuleSet
from tests.helpers import base_submission, submission_of


def problems_of(rule_set: RuleSet, data: dict[str, Any]) -> list[Any]:
    with pytest.raises(InputError) as caught:
        submission_of(rule_set, data)
    return caught.value.problems


@pytest.mark.parametrize(
    ("start", "end", "pointer", "day"),
    [
        ("2021-10-01", "9999-12-31", "/period/end", "9999-12-31"),
        ("0001-01-01", "2021-12-31", "/period/start", "0001-01-01"),
    ],
)
def test_a_period_at_the_end_of_the_calendar_is_refused(
    rule_set: RuleSet, start: str, end: str, pointer: str, day: str
) -> None:
    data = dict(base_submission(), period={"start": start, "end": end})
    (problem,) = problems_of(rule_set, data)
    assert problem.pointer == pointer and problem.line is not None
    assert f"the date {day} is outside the supported range {FIRST_DAY}..{LAST_DAY}" in (
        problem.message.en
    )


def test_the_ends_of_the_supported_range_are_judged(rule_set: RuleSet) -> None:
    data = dict(base_submission(), period={"start": FIRST_DAY, "end": LAST_DAY})
    assert submission_of(rule_set, data).period == (FIRST_DAY, LAST_DAY)


def test_thousands_of_unknown_obligations_show_fifty_and_count_the_rest(
    rule_set: RuleSet,
) -> None:
    data = base_submission(**{f"X-{i}/TU:{i}": {"status": "done"} for i in range(3000)})
    problems = problems_of(rule_set, data)
    assert len(problems) == MAX_PROBLEMS + 1
    assert all(p.line is not None for p in problems[:-1])
    assert problems[0].pointer == "/obligations/X-0~1TU:0"
    assert "and 2950 more problems" in problems[-1].message.en


def test_a_dangling_evidence_id_gets_a_near_suggestion_among_thousands(
    rule_set: RuleSet,
) -> None:
    activities = [
        {"id": f"hd-{i}", "kind": "briefing", "date": "2021-11-01", "title": "x"}
        for i in range(3000)
    ]
    data = dict(
        base_submission(
            **{"286-CV/TU:1.1": {"status": "done", "evidence": {"activities": ["hd-1234x"]}}}
        ),
        activities=activities,
    )
    (problem,) = problems_of(rule_set, data)
    assert "no activities entry has id 'hd-1234x'" in problem.message.en
    assert problem.hint is not None and "did you mean 'hd-1234'" in problem.hint.en


def test_a_long_unknown_id_is_quoted_as_a_short_excerpt(rule_set: RuleSet) -> None:
    long_id = "X" * 5000 + "\x1b[2J"
    problems = problems_of(rule_set, base_submission(**{long_id: {"status": "done"}}))
    rendered = "\n".join(p.render() for p in problems)
    assert "X" * 81 not in rendered and "\x1b" not in rendered
    assert "X" * 80 + "…" in rendered
