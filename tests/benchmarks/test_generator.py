"""The benchmark's generator writes valid self-assessments with a mix of outcomes."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.model import Status
from ruleset.rules.ruleset import RuleSet

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import PROFILES, submission, to_yaml


def test_generated_submissions_are_valid_and_mixed(rule_set: RuleSet) -> None:
    rng = random.Random(3)
    statuses: set[Status] = set()
    sizes = []
    for index in range(2 * len(PROFILES)):
        text = to_yaml(submission(rule_set, rng, index, 0.7))
        sizes.append(len(text.encode("utf-8")))
        report = check_submission(
            rule_set, parse_submission(text.encode("utf-8"), f"{index}.yaml", rule_set)
        )
        assert report.obligations, f"profile {index % len(PROFILES)} binds no rule"
        statuses |= {r.status for r in report.obligations}
    assert {Status.MET, Status.NOT_MET, Status.PARTIALLY_MET} <= statuses
    assert 2500 < sum(sizes) / len(sizes) < 8000
