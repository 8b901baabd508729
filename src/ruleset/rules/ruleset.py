"""A loaded rule set: every rule compiled, with its vocabularies, version and digest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruleset.model import Rule
from ruleset.rules.successors import Successors
from ruleset.rules.topics import Topics
from ruleset.rules.vocabulary import Vocabulary

MANIFEST = "ruleset.yaml"
CATALOGUE_DIR = "catalogue"
AGENCY_KINDS_FILE = os.path.join("vocabulary", "agency-kinds.yaml")
PROVINCES_FILE = os.path.join("vocabulary", "provinces.yaml")
SUCCESSORS_FILE = os.path.join("vocabulary", "successors.yaml")
TOPICS_FILE = os.path.join("vocabulary", "topics.yaml")


def bundled_rules_dir() -> str:
    """The rule set shipped with the package (or the repository's rules/ in a source checkout)."""
    packaged = Path(__file__).resolve().parents[1] / "bundled_rules"
    if (packaged / MANIFEST).is_file():
        return str(packaged)
    return str(Path(__file__).resolve().parents[3] / "rules")


@dataclass(frozen=True)
class RuleSet:
    """Every rule of one directory, compiled, with its vocabularies, version and digest.

    What binds an agency in a period is decided by :func:`ruleset.judging.timeline.select`
    alone; ``check``, ``batch`` and ``template`` all ask it.
    """

    directory: str
    name: str
    version: str
    released: str
    digest: str
    rules: tuple[Rule, ...]
    agency_kinds: Vocabulary
    provinces: Vocabulary
    manifest: dict[str, Any] = field(repr=False, compare=False)
    successors: Successors = field(default_factory=Successors, repr=False)
    topics: Topics = field(default_factory=Topics, repr=False)
    _by_id: dict[str, Rule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {rule.id: rule for rule in self.rules})

    def rule(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)
