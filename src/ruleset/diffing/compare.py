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

    @property
    def label(self) -> Text:
        return _BUMP_LABELS[self]


_BUMP_LABELS = {
    Bump.NONE: Text("không", "none"),
    Bump.PATCH: Text("số vá", "patch"),
    Bump.MINOR: Text("số phụ", "minor"),
    Bump.MAJOR: Text("số chính", "major"),
}


_FROM_DIRECTION = {
    Direction.STRICTER: ChangeClass.STRICTER,
    Direction.LOOSER: ChangeClass.LOOSER,
    Direction.UNKNOWN: ChangeClass.UNKNOWN,
}


@dataclass(frozen=True)
class RuleChange:
    rule_id: str
    classes: tuple[ChangeClass, ...]  # sorted
    details: tuple[Text, ...]  # what changed, in words


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


_OPEN = Text("không thời hạn", "open")
_YES_NO = {True: Text("có", "yes"), False: Text("không", "no")}


def _places(places: set[str] | None) -> Text:
    return Text("mọi tỉnh", "all") if places is None else Text.same(", ".join(sorted(places)))


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _checks(old: Rule, new: Rule) -> tuple[set[ChangeClass], list[Text]]:
    classes: set[ChangeClass] = set()
    details: list[Text] = []
    before = {c.id: c.spec for c in old.checks}
    after = {c.id: c.spec for c in new.checks}
    for check_id in sorted(after.keys() - before.keys()):
        classes.add(ChangeClass.STRICTER)
        details.append(Text(f"thêm kiểm tra '{check_id}'", f"check '{check_id}' added"))
    for check_id in sorted(before.keys() - after.keys()):
        classes.add(ChangeClass.LOOSER)
        details.append(Text(f"bỏ kiểm tra '{check_id}'", f"check '{check_id}' removed"))
    for check_id in sorted(before.keys() & after.keys()):
        if _canon(before[check_id]) != _canon(after[check_id]):
            moved = _FROM_DIRECTION[direction(before[check_id], after[check_id])]
            classes.add(moved)
            details.append(
                Text("kiểm tra '{id}' đổi ({how})", "check '{id}' changed ({how})").format(
                    id=check_id, how=moved.label
                )
            )
    return classes, details


def compare_rules(old: Rule, new: Rule) -> RuleChange | None:
    classes, details = _checks(old, new)
    old_kinds, new_kinds = set(old.agency_kinds), set(new.agency_kinds)
    if new_kinds - old_kinds:
        classes.add(ChangeClass.STRICTER)
        added = ", ".join(sorted(new_kinds - old_kinds))
        details.append(Text(f"nay ràng buộc thêm {added}", f"now also binds {added}"))
    if old_kinds - new_kinds:
        classes.add(ChangeClass.LOOSER)
        dropped = ", ".join(sorted(old_kinds - new_kinds))
        details.append(Text(f"không còn ràng buộc {dropped}", f"no longer binds {dropped}"))
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
            Text("tỉnh: {old} → {new}", "provinces: {old} → {new}").format(
                old=_places(old_places), new=_places(new_places)
            )
        )
    if new.effective_from != old.effective_from:
        classes.add(
            ChangeClass.STRICTER if new.effective_from < old.effective_from else ChangeClass.LOOSER
        )
        details.append(
            Text("hiệu lực từ {old} → {new}", "in force from {old} → {new}").format(
                old=old.effective_from, new=new.effective_from
            )
        )
    if new.effective_until != old.effective_until:
        longer = new.effective_until is None or (
            old.effective_until is not None and new.effective_until > old.effective_until
        )
        classes.add(ChangeClass.STRICTER if longer else ChangeClass.LOOSER)
        details.append(
            Text("hiệu lực đến {old} → {new}", "in force until {old} → {new}").format(
                old=old.effective_until or _OPEN, new=new.effective_until or _OPEN
            )
        )
    if new.severity != old.severity:
        classes.add(
            ChangeClass.STRICTER if new.severity.rank > old.severity.rank else ChangeClass.LOOSER
        )
        details.append(
            Text("mức độ ", "severity ") + old.severity.label + " → " + new.severity.label
        )
    if new.evidence_required != old.evidence_required:
        classes.add(ChangeClass.STRICTER if new.evidence_required else ChangeClass.LOOSER)
        details.append(
            Text("cần minh chứng: {old} → {new}", "evidence required: {old} → {new}").format(
                old=_YES_NO[old.evidence_required], new=_YES_NO[new.evidence_required]
            )
        )
    old_versions = [(v.effective_from, v.version_note) for v in old.variants]
    new_versions = [(v.effective_from, v.version_note) for v in new.variants]
    if old_versions != new_versions or any(
        _canon([c.spec for c in a.checks]) != _canon([c.spec for c in b.checks])
        for a, b in zip(old.variants, new.variants, strict=False)
    ):
        classes.add(ChangeClass.UNKNOWN)
        dates = [
            ", ".join(d for d, _ in versions) or "—" for versions in (old_versions, new_versions)
        ]
        details.append(
            Text("các phiên bản theo ngày: {old} → {new}", "dated versions: {old} → {new}").format(
                old=dates[0], new=dates[1]
            )
        )
    wording = [
        name
        for name, a, b in (
            (Text("tiêu đề", "title"), old.title, new.title),
            (Text("mô tả", "description"), old.description, new.description),
            (Text("lý giải", "rationale"), old.rationale, new.rationale),
            (Text("trích dẫn", "citation"), old.citation, new.citation),
            (
                Text("thông báo của kiểm tra", "check messages"),
                [c.message for c in old.checks],
                [c.message for c in new.checks],
            ),
            (Text("ví dụ", "examples"), old.examples, new.examples),
        )
        if _canon(a.__dict__ if hasattr(a, "__dict__") else a)
        != _canon(b.__dict__ if hasattr(b, "__dict__") else b)
    ]
    if wording:
        details.append(Text("đã đổi: ", "changed: ") + Text(", ", ", ").join(wording))
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
        said = Text(f"mới: {rule.title.vi}", f"new: {rule.title.en}")
        changes.append(RuleChange(rule_id, (ChangeClass.NEW,), (said,)))
    for rule_id in sorted(old_ids - new_ids):
        rule = old.rule(rule_id)
        assert rule is not None
        said = Text(f"đã bỏ: {rule.title.vi}", f"removed: {rule.title.en}")
        changes.append(RuleChange(rule_id, (ChangeClass.REMOVED,), (said,)))
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
