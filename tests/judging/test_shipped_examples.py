"""The shipped examples say what they show: the compliant ones have no gap, the others do."""

from __future__ import annotations

import pytest

from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.model import Status
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR

COMPLIANT = {
    "kontum-so-noi-vu-2021q4.yaml",
    "kontum-ban-tuyen-giao-2021q4.yaml",
    "national-hoi-nha-bao-viet-nam-2022q1.yaml",
}
ALL = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".json"))


def test_there_are_enough_examples_and_one_is_json() -> None:
    assert len(ALL) >= 6
    assert any(name.endswith(".json") for name in ALL)
    assert set(ALL) >= COMPLIANT


@pytest.mark.parametrize("name", ALL)
def test_example_gives_the_outcome_it_claims(rule_set: RuleSet, name: str) -> None:
    report = check_submission(rule_set, load_submission(str(EXAMPLES_DIR / name), rule_set))
    assert report.obligations, "an example must be judged against at least one obligation"
    statuses = {r.status for r in report.obligations}
    if name in COMPLIANT:
        assert statuses == {Status.MET}
    else:
        assert statuses != {Status.MET}
