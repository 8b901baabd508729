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

import yaml
from generate import PROFILES, Catalogue, submission, to_yaml


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


def test_the_shared_catalogue_and_the_c_emitter_change_no_document(rule_set: RuleSet) -> None:
    """What makes generating 100,000 practical (one Catalogue for every document, libyaml's
    emitter) writes the very text of a fresh catalogue per document and PyYAML's own emitter:
    nothing one document adds leaks into the next, and a seed keeps its documents."""
    shared = Catalogue(rule_set)
    fast, slow = random.Random(11), random.Random(11)
    for index in range(3 * len(PROFILES)):
        text = to_yaml(submission(shared, fast, index, 0.5))
        reference = yaml.safe_dump(
            submission(rule_set, slow, index, 0.5), allow_unicode=True, sort_keys=False, width=100
        )
        assert text == reference, f"document {index} differs"
