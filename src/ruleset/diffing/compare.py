"""Classify each change between two rule sets, and the version bump the changes need.

A change is *stricter* when a submission that met the old rule may fail the new one (a check
added or tightened, more agencies or a longer time bound, a higher severity); *looser* in the
opposite case; *wording or citation only* when no verdict can change. Bumps follow: stricter or
a new obligation needs a major version (minor while the major is 0, as semver allows), looser
or a removed obligation a minor one, wording a patch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ruleset.model import Rule
from ruleset.rules.ruleset import RuleSet

STRICTER = "stricter"
LOOSER = "looser"
NEW = "new obligation"
REMOVED = "removed obligation"
WORDING = "wording or citation only"
UNKNOWN = "changed requirement (direction unknown)"
BUMP_ORDER = ["none", "patch", "minor", "major"]


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    classes: tuple[str, ...]  # sorted, from the constants above
    details: tuple[str, ...]  # what changed, in words


@dataclass(frozen=True)
class RuleSetDiff:
    old_version: str
    new_version: str
    old_digest: str
    new_digest: str
    changes: tuple[RuleChange, ...]
    needed_bump: str
    actual_bump: str

    @property
    def bump_is_enough(self) -> bool:
        return BUMP_ORDER.index(self.actual_bump) >= BUMP_ORDER.index(self.needed_bump)

    def suggested_version(self) -> str:
        major, minor, patch = (int(part) for part in self.old_version.split(".")[:3])
        need = self.needed_bump
        if need == "major" and major == 0:
            need = "minor"
        if need == "major":
            return f"{major + 1}.0.0"
        if need == "minor":
            return f"{major}.{minor + 1}.0"
        if need == "patch":
            return f"{major}.{minor}.{patch + 1}"
        return self.old_version


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _direction(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Stricter, looser or unknown for one condition that changed, where the vocabulary tells."""
    if old.keys() != new.keys() or len(old) != 1:
        return UNKNOWN
    (kind,) = old
    a, b = old[kind], new[kind]
    if kind == "count" and isinstance(a, dict) and isinstance(b, dict):
        same = {k: v for k, v in a.items() if k not in ("at_least", "at_most")} == {
            k: v for k, v in b.items() if k not in ("at_least", "at_most")
        }
        if same:
            up = b.get("at_least", 0) - a.get("at_least", 0)
            down = (a.get("at_most") or 10**9) - (b.get("at_most") or 10**9)
            if up >= 0 and down >= 0 and (up or down):
                return STRICTER
            if up <= 0 and down <= 0 and (up or down):
                return LOOSER
    if kind == "in" and a.get("path") == b.get("path"):
        old_values, new_values = set(map(str, a["values"])), set(map(str, b["values"]))
        if new_values < old_values:
            return STRICTER
        if new_values > old_values:
            return LOOSER
    return UNKNOWN


def _checks(old: Rule, new: Rule, label: str) -> tuple[set[str], list[str]]:
    classes: set[str] = set()
    details: list[str] = []
    before = {c.id: c.spec for c in old.checks}
    after = {c.id: c.spec for c in new.checks}
    for check_id in sorted(after.keys() - before.keys()):
        classes.add(STRICTER)
        details.append(f"{label}check '{check_id}' added")
    for check_id in sorted(before.keys() - after.keys()):
        classes.add(LOOSER)
        details.append(f"{label}check '{check_id}' removed")
    for check_id in sorted(before.keys() & after.keys()):
        if _canon(before[check_id]) != _canon(after[check_id]):
            direction = _direction(before[check_id], after[check_id])
            classes.add(direction)
            details.append(f"{label}check '{check_id}' changed ({direction})")
    return classes, details


def compare_rules(old: Rule, new: Rule) -> RuleChange | None:
    classes, details = _checks(old, new, "")
    old_kinds, new_kinds = set(old.agency_kinds), set(new.agency_kinds)
    if new_kinds - old_kinds:
        classes.add(STRICTER)
        details.append("now also binds " + ", ".join(sorted(new_kinds - old_kinds)))
    if old_kinds - new_kinds:
        classes.add(LOOSER)
        details.append("no longer binds " + ", ".join(sorted(old_kinds - new_kinds)))
    old_places = set(old.provinces) if old.provinces is not None else None
    new_places = set(new.provinces) if new.provinces is not None else None
    if old_places != new_places:
        if new_places is None or (old_places is not None and new_places > old_places):
            classes.add(STRICTER)  # binds in more places
        elif old_places is None or new_places < old_places:
            classes.add(LOOSER)
        else:
            classes.add(UNKNOWN)
        details.append(
            f"provinces {sorted(old_places) if old_places else 'all'} → {sorted(new_places) if new_places else 'all'}"
        )
    if new.effective_from != old.effective_from:
        classes.add(STRICTER if new.effective_from < old.effective_from else LOOSER)
        details.append(f"in force from {old.effective_from} → {new.effective_from}")
    if new.effective_until != old.effective_until:
        longer = new.effective_until is None or (
            old.effective_until is not None and new.effective_until > old.effective_until
        )
        classes.add(STRICTER if longer else LOOSER)
        details.append(
            f"in force until {old.effective_until or 'open'} → {new.effective_until or 'open'}"
        )
    if new.severity != old.severity:
        classes.add(STRICTER if new.severity.rank > old.severity.rank else LOOSER)
        details.append(f"severity {old.severity.value} → {new.severity.value}")
    if new.evidence_required != old.evidence_required:
        classes.add(STRICTER if new.evidence_required else LOOSER)
        details.append(f"evidence required {old.evidence_required} → {new.evidence_required}")
    old_versions = [(v.effective_from, v.version_note) for v in old.variants]
    new_versions = [(v.effective_from, v.version_note) for v in new.variants]
    if old_versions != new_versions or any(
        _canon([c.spec for c in a.checks]) != _canon([c.spec for c in b.checks])
        for a, b in zip(old.variants, new.variants, strict=False)
    ):
        classes.add(UNKNOWN)
        details.append(
            f"dated versions {[d for d, _ in old_versions]} → {[d for d, _ in new_versions]}"
        )
    wording = [
        name
        for name, a, b in (
            ("title", old.title, new.title),
            ("description", old.description, new.description),
            ("rationale", old.rationale, new.rationale),
            ("citation", old.citation, new.citation),
            ("check messages", [c.message for c in old.checks], [c.message for c in new.checks]),
            ("examples", old.examples, new.examples),
        )
        if _canon(a.__dict__ if hasattr(a, "__dict__") else a)
        != _canon(b.__dict__ if hasattr(b, "__dict__") else b)
    ]
    if wording:
        details.append("changed: " + ", ".join(wording))
        if not classes:
            classes.add(WORDING)
    if not details:
        return None
    return RuleChange(new.id, tuple(sorted(classes)), tuple(details))


def _bump_for(classes: set[str]) -> str:
    if classes & {STRICTER, NEW, UNKNOWN}:
        return "major"
    if classes & {LOOSER, REMOVED}:
        return "minor"
    if WORDING in classes:
        return "patch"
    return "none"


def _actual_bump(old: str, new: str) -> str:
    a = [int(p) for p in old.split(".")[:3]]
    b = [int(p) for p in new.split(".")[:3]]
    if b[0] != a[0]:
        return "major"
    if b[1] != a[1]:
        return "minor"
    if b[2] != a[2]:
        return "patch"
    return "none"


def compare_rule_sets(old: RuleSet, new: RuleSet) -> RuleSetDiff:
    changes: list[RuleChange] = []
    old_ids = {rule.id for rule in old.rules}
    new_ids = {rule.id for rule in new.rules}
    for rule_id in sorted(new_ids - old_ids):
        rule = new.rule(rule_id)
        assert rule is not None
        changes.append(RuleChange(rule_id, (NEW,), (f"new: {rule.title.en}",)))
    for rule_id in sorted(old_ids - new_ids):
        rule = old.rule(rule_id)
        assert rule is not None
        changes.append(RuleChange(rule_id, (REMOVED,), (f"removed: {rule.title.en}",)))
    for rule_id in sorted(old_ids & new_ids):
        a, b = old.rule(rule_id), new.rule(rule_id)
        assert a is not None and b is not None
        change = compare_rules(a, b)
        if change is not None:
            changes.append(change)
    changes.sort(key=lambda c: c.rule_id)
    classes = {cls for change in changes for cls in change.classes}
    needed = _bump_for(classes)
    if old.digest != new.digest and needed == "none":
        needed = "patch"  # vocabularies or successors changed
    needed_for_version = needed
    major = int(old.version.split(".")[0])
    if needed == "major" and major == 0:
        needed_for_version = "minor"
    return RuleSetDiff(
        old.version,
        new.version,
        old.digest,
        new.digest,
        tuple(changes),
        needed_for_version,
        _actual_bump(old.version, new.version),
    )
