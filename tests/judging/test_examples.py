"""Every example of every rule, discovered from the rule files themselves (never listed by hand)."""

from __future__ import annotations

import pytest

from ruleset.judging.examples import run_example
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from tests.conftest import RULES_DIR

_RULE_SET = load_rule_set(str(RULES_DIR))
_CASES = [(rule, example) for rule in _RULE_SET.rules for example in rule.examples]


def test_catalogue_is_not_empty() -> None:
    assert len(_CASES) >= 2


@pytest.mark.parametrize(("rule", "example"), _CASES, ids=[f"{r.id}[{e.name}]" for r, e in _CASES])
def test_rule_example(rule_set: RuleSet, rule, example) -> None:  # type: ignore[no-untyped-def]
    outcome = run_example(rule_set, rule, example)
    assert outcome.error is None, outcome.error
    assert outcome.actual is example.expect
