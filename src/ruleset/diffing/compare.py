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
from enum import Enum
from typing import Any

from ruleset.checks.base import Direction
from ruleset.checks.registry import direction
from ruleset.model import Rule
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Text


class ChangeClass(str, Enum):
    """What a change to one rule can do to verdicts."""

    STRICTER = "stricter"
    LOOSER = "looser"
    NEW = "new obligation"
    REMOVED = "removed obligation"
    WORDING = "wording or citation only"
    UNKNOWN = "changed requirement (direction unknown)"

    @property
    def label(self) -> Text:
        return _CLASS_LABELS[self]


_CLASS_LABELS = {
    ChangeClass.STRICTER: Text("chặt hơn", "stricter"),
    ChangeClass.LOOSER: Text("nới lỏng", "looser"),
    ChangeClass.NEW: Text("nghĩa vụ mới", "new obligation"),
    ChangeClass.REMOVED: Text("bỏ nghĩa vụ", "removed obligation"),
    ChangeClass.WORDING: Text("chỉ đổi câu chữ hoặc trích dẫn", "wording or citation only"),
    ChangeClass.UNKNOWN: Text(
        "đổi yêu cầu (chưa rõ chặt hơn hay nới lỏng)", "changed requirement (direction unknown)"
    ),
}


class Bump(str, Enum):
    """A semantic-version bump, from none to major (ordered)."""

    NONE = "none"
    PATCH = "patch"
    MINOR = "minor"
    MAJOR = "major"

    @property
    def rank(self) -> int:
        return list(Bump).index(self)


_FROM_DIRECTION = {
    Direction.STRICTER: ChangeClass.STRICTER,
    Direction.LOOSER: ChangeClass.LOOSER,
    Direction.UNKNOWN: ChangeClass.UNKNOWN,
}


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    classes: tuple[ChangeClass, ...]  # sorted
    details: tuple[str, ...]  # what changed, in words


@dataclass(frozen=True)
class RuleSetDiff:
    old_version: str
    new_version: str
    old_digest: str
    new_digest: str
    changes: tuple[RuleChange, ...]
    needed_bump: Bump
    actual_bump: Bump

    @property
    def bump_is_enough(self) -> bool:
        return self.actual_bump.rank >= self.needed_bump.rank

    def suggested_version(self) -> str:
        major, minor, patch = (int(part) for part in self.old_version.split(".")[:3])
        need = self.needed_bump
        if need is Bump.MAJOR and major == 0:
            need = Bump.MINOR
        if need is Bump.MAJOR:
            return f"{major + 1}.0.0"
        if need is Bump.MINOR:
            return f"{major}.{minor + 1}.0"
        if need is Bump.PATCH:
            return f"{major}.{minor}.{patch + 1}"
        return self.old_version


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _checks(old: Rule, new: Rule, label: str) -> tuple[set[ChangeClass], list[str]]:
    classes: set[ChangeClass] = set()
    details: list[str] = []
    before = {c.id: c.spec for c in old.checks}
    after = {c.id: c.spec for c in new.checks}
    for check_id in sorted(after.keys() - before.keys()):
        classes.add(ChangeClass.STRICTER)
        details.append(f"{label}check '{check_id}' added")
    for check_id in sorted(before.keys() - after.keys()):
        classes.add(ChangeClass.LOOSER)
        details.append(f"{label}check '{check_id}' removed")
    for check_id in sorted(before.keys() & after.keys()):
        if _canon(before[check_id]) != _canon(after[check_id]):
            moved = _FROM_DIRECTION[direction(before[check_id], after[check_id])]
            classes.add(moved)
            details.append(f"{label}check '{check_id}' changed ({moved.value})")
    return classes, details


def compare_rules(old: Rule, new: Rule) -> RuleChange | None:
    classes, details = _checks(old, new, "")
    old_kinds, new_kinds = set(old.agency_kinds), set(new.agency_kinds)
    if new_kinds - old_kinds:
        classes.add(ChangeClass.STRICTER)
        details.append("now also binds " + ", ".join(sorted(new_kinds - old_kinds)))
    if old_kinds - new_kinds:
        classes.add(ChangeClass.LOOSER)
        details.append("no longer binds " + ", ".join(sorted(old_kinds - new_kinds)))
    old_places = set(old.provinces) if old.provinces is not None else None
    new_places = set(new.provinces) if new.provinces is not None else None
    if old_places != new_places:
        if new_places is None or (old_places is not None and new_places > old_places):
            classes.add(ChangeClass.STRICTER)  # binds in more places
        elif old_places is None or new_places < old_places:
            classes.add(ChangeClass.LOOSER)
        else:
            classes.add(ChangeClass.UNKNOWN)
        details.append(
            f"provinces {sorted(old_places) if old_places else 'all'} → {sorted(new_places) if new_places else 'all'}"
        )
    if new.effective_from != old.effective_from:
        classes.add(
            ChangeClass.STRICTER if new.effective_from < old.effective_from else ChangeClass.LOOSER
        )
        details.append(f"in force from {old.effective_from} → {new.effective_from}")
    if new.effective_until != old.effective_until:
        longer = new.effective_until is None or (
            old.effective_until is not None and new.effective_until > old.effective_until
        )
        classes.add(ChangeClass.STRICTER if longer else ChangeClass.LOOSER)
        details.append(
            f"in force until {old.effective_until or 'open'} → {new.effective_until or 'open'}"
        )
    if new.severity != old.severity:
        classes.add(
            ChangeClass.STRICTER if new.severity.rank > old.severity.rank else ChangeClass.LOOSER
        )
        details.append(f"severity {old.severity.value} → {new.severity.value}")
    if new.evidence_required != old.evidence_required:
        classes.add(ChangeClass.STRICTER if new.evidence_required else ChangeClass.LOOSER)
        details.append(f"evidence required {old.evidence_required} → {new.evidence_required}")
    old_versions = [(v.effective_from, v.version_note) for v in old.variants]
    new_versions = [(v.effective_from, v.version_note) for v in new.variants]
    if old_versions != new_versions or any(
        _canon([c.spec for c in a.checks]) != _canon([c.spec for c in b.checks])
        for a, b in zip(old.variants, new.variants, strict=False)
    ):
        classes.add(ChangeClass.UNKNOWN)
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
            classes.add(ChangeClass.WORDING)
    if not details:
        return None
    return RuleChange(new.id, tuple(sorted(classes)), tuple(details))


def _bump_for(classes: set[ChangeClass]) -> Bump:
    if classes & {ChangeClass.STRICTER, ChangeClass.NEW, ChangeClass.UNKNOWN}:
        return Bump.MAJOR
    if classes & {ChangeClass.LOOSER, ChangeClass.REMOVED}:
        return Bump.MINOR
    if ChangeClass.WORDING in classes:
        return Bump.PATCH
    return Bump.NONE


def _actual_bump(old: str, new: str) -> Bump:
    a = [int(p) for p in old.split(".")[:3]]
    b = [int(p) for p in new.split(".")[:3]]
    for part, bump in zip(range(3), (Bump.MAJOR, Bump.MINOR, Bump.PATCH), strict=True):
        if b[part] != a[part]:
            return bump
    return Bump.NONE


def compare_rule_sets(old: RuleSet, new: RuleSet) -> RuleSetDiff:
    changes: list[RuleChange] = []
    old_ids = {rule.id for rule in old.rules}
    new_ids = {rule.id for rule in new.rules}
    for rule_id in sorted(new_ids - old_ids):
        rule = new.rule(rule_id)
        assert rule is not None
        changes.append(RuleChange(rule_id, (ChangeClass.NEW,), (f"new: {rule.title.en}",)))
    for rule_id in sorted(old_ids - new_ids):
        rule = old.rule(rule_id)
        assert rule is not None
        changes.append(RuleChange(rule_id, (ChangeClass.REMOVED,), (f"removed: {rule.title.en}",)))
    for rule_id in sorted(old_ids & new_ids):
        a, b = old.rule(rule_id), new.rule(rule_id)
        assert a is not None and b is not None
        change = compare_rules(a, b)
        if change is not None:
            changes.append(change)
    changes.sort(key=lambda c: c.rule_id)
    classes = {cls for change in changes for cls in change.classes}
    needed = _bump_for(classes)
    if old.digest != new.digest and needed is Bump.NONE:
        needed = Bump.PATCH  # vocabularies or successors changed
    needed_for_version = needed
    major = int(old.version.split(".")[0])
    if needed is Bump.MAJOR and major == 0:
        needed_for_version = Bump.MINOR
    return RuleSetDiff(
        old.version,
        new.version,
        old.digest,
        new.digest,
        tuple(changes),
        needed_for_version,
        _actual_bump(old.version, new.version),
    )
