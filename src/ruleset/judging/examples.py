"""Run every rule's own examples: the rule file carries its tests, like sqlfluff's and semgrep's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from ruleset.documents.document import Document, Position
from ruleset.errors import InputError
from ruleset.judging.engine import Judge
from ruleset.judging.submission import validate_submission
from ruleset.judging.timeline import window_of
from ruleset.model import Rule, RuleExample, Status
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang


@dataclass(frozen=True)
class ExampleOutcome:
    rule_id: str
    example: str
    expected: Status
    actual: Status | None
    error: str | None = None
    version_from: str | None = None  # the example belongs to the dated version from this day

    @property
    def label(self) -> str:
        """The example's name, with its version's date when it is not the first version's."""
        return f"[{self.version_from}] {self.example}" if self.version_from else self.example

    @property
    def passed(self) -> bool:
        return self.actual is self.expected


def default_period(rule: Rule) -> tuple[str, str]:
    """The first full quarter after the rule takes effect."""
    start = dt.date.fromisoformat(rule.effective_from)
    quarter_month = ((start.month - 1) // 3 + 1) * 3 + 1
    year = start.year + (quarter_month > 12)
    quarter_month = quarter_month - 12 if quarter_month > 12 else quarter_month
    first = dt.date(year, quarter_month, 1)
    next_quarter = dt.date(first.year + (first.month == 10), (first.month + 2) % 12 + 1, 1)
    return first.isoformat(), (next_quarter - dt.timedelta(days=1)).isoformat()


def example_submission(rule: Rule, example: RuleExample) -> dict[str, Any]:
    """A whole self-assessment around the example's fragment, for an agency the rule binds."""
    start, end = example.period or default_period(rule)
    data: dict[str, Any] = {
        "agency": {
            "id": "example",
            "name": "Cơ quan ví dụ",
            "kind": rule.agency_kinds[0],
            "province": rule.provinces[0] if rule.provinces else "national",
        },
        "period": {"start": start, "end": end},
        "submitted": end,
        "obligations": {} if example.entry is None else {rule.id: example.entry},
    }
    if example.activities:
        data["activities"] = list(example.activities)
    if example.documents:
        data["documents"] = list(example.documents)
    if example.figures:
        data["figures"] = dict(example.figures)
    return data


def _nowhere(pointer: str, key: bool = False) -> Position | None:
    return None


def run_example(rule_set: RuleSet, rule: Rule, example: RuleExample) -> ExampleOutcome:
    data = example_submission(rule, example)
    document = Document(
        path=f"{rule.file}#example:{example.name}",
        data=data,
        sha256="",
        text="",
        locator=_nowhere,
    )
    try:
        submission = validate_submission(document, rule_set)
    except InputError as error:
        return ExampleOutcome(rule.id, example.name, example.expect, None, error.render(Lang.EN))
    start, end = submission.period
    result = Judge(submission, rule_set.topics).judge(
        rule, data["obligations"].get(rule.id), window_of(rule, start, end)
    )
    return ExampleOutcome(rule.id, example.name, example.expect, result.status)


def run_examples(rule_set: RuleSet) -> list[ExampleOutcome]:
    """Every example of every rule, and of each dated version."""
    outcomes = []
    for rule in rule_set.rules:
        for version in rule.all_versions():
            dated = None if version is rule else version.effective_from
            for example in version.examples:
                outcome = run_example(rule_set, version, example)
                outcomes.append(dataclasses.replace(outcome, version_from=dated))
    return outcomes
