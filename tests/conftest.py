"""Shared fixtures: the bundled rule set is loaded once per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet

ROOT = Path(__file__).resolve().parents[1]
# Subprocesses (python -m ruleset) run the working tree too, like the tests themselves.
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
)
# Inside GitHub Actions (GITHUB_ACTIONS=true) check, lint and batch switch to workflow commands:
# the tests expect the formats they ask for, and set the variable themselves where it matters.
os.environ.pop("GITHUB_ACTIONS", None)
RULES_DIR = ROOT / "rules"
EXAMPLES_DIR = ROOT / "examples"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    return load_rule_set(str(RULES_DIR))


@pytest.fixture(scope="session", autouse=True)
def private_rules_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests (and the commands they run) use a cache of compiled rules of their own, never the
    user's (~/.cache/ruleset)."""
    previous = os.environ.get("RULESET_CACHE_DIR")
    os.environ["RULESET_CACHE_DIR"] = str(tmp_path_factory.mktemp("rules-cache") / "ruleset")
    yield
    if previous is None:
        del os.environ["RULESET_CACHE_DIR"]
    else:
        os.environ["RULESET_CACHE_DIR"] = previous
