"""The peers of the benchmark compute ruleset's verdicts: a speed comparison is fair only then.

benchmarks/rego (regopy) and benchmarks/spectral/verdicts.mjs (node; what Spectral runs) port
eleven catalogue rules. On every example of those rules, in its own period and moved across the
2025 reorganisation (when provinces and agency kinds ceased), and on generated submissions of every
profile, their verdicts must equal ruleset's for each (document, rule) they judge. Each port is run
the way benchmarks/run.py runs it, and compared by run.py's own ``agreement``.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import sys
from pathlib import Path

import pytest

from ruleset.judging.examples import example_submission
from ruleset.rules.ruleset import RuleSet

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import PROFILES, _shift, submission, to_yaml
from run import js_port, regopy_comparison

PORTED = frozenset(
    {
        "286-CV/TU:1.1",
        "286-CV/TU:1.1.b",
        "286-CV/TU:1.1.c",
        "286-CV/TU:1.2",
        "3855/UBND-KGVX:1",
        "3855/UBND-KGVX:3",
        "3855/UBND-KGVX:4",
        "2575-CV/TU:1.1",
        "2575-CV/TU:2.2",
        "19-CT/TU:2",
        "990-CV/BTGTW:1.1",
    }
)


@pytest.fixture(scope="module")
def documents(rule_set: RuleSet, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every example of the ported rules as a whole submission, then moved to a period the
    2025 reorganisation cuts short (its dates with it), and generated submissions."""
    examples = [
        {"schema_version": 1, **example_submission(rule, example)}
        for rule in rule_set.rules
        if rule.id in PORTED
        for example in rule.examples
    ]
    later = ("2025-06-01", "2025-08-31")
    examples += [
        {
            **_shift(data, (data["period"]["start"], data["period"]["end"]), later),
            "period": dict(zip(("start", "end"), later, strict=True)),
            "submitted": later[1],
        }
        for data in examples
    ]
    rng = random.Random(5)
    generated = [submission(rule_set, rng, index, 0.5) for index in range(2 * len(PROFILES))]
    folder = tmp_path_factory.mktemp("ports")
    paths = []
    for index, data in enumerate(examples + generated):
        path = folder / f"{index:03d}.yaml"
        path.write_text(to_yaml(json.loads(json.dumps(data, default=str))), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_every_ported_rule_is_in_the_rule_set(rule_set: RuleSet) -> None:
    assert not PORTED - {rule.id for rule in rule_set.rules}


def test_the_javascript_port_agrees_with_ruleset(documents: list[str]) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    result = js_port(documents)
    assert result is not None
    _, compared, disagreements, examples = result
    assert compared >= 2 * len(documents) // 3  # most documents are judged on a ported rule
    assert disagreements == 0, examples


def test_the_rego_port_agrees_with_ruleset(documents: list[str]) -> None:
    if importlib.util.find_spec("regopy") is None:
        pytest.skip("regopy is not installed: pip install -e '.[bench]'")
    _, compared, disagreements, examples = regopy_comparison(documents)
    assert compared >= 2 * len(documents) // 3
    assert disagreements == 0, examples
