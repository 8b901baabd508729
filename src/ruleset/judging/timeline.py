"""Which rules, in which version, judge a submission: by its reporting period or by --as-of.

Without --as-of, a rule judges a submission when it is in force on at least one day of the
period; the version used is the one in force on the last day of the period on which the rule is
in force, and only evidence dated within the days on which it binds (its *window*) counts. When the rule enters or leaves force inside the period, or a later version starts
inside it, the obligation carries a note saying so. With --as-of DATE, the rules in force on that
day, in their version of that day, judge it. A province or agency kind that ceased (successors)
ends every rule that bound it on that day: later periods list those rules as no longer binding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ruleset.model import Rule
from ruleset.rules.ruleset import RuleSet
from ruleset.rules.successors import Succession
from ruleset.text import Text


@dataclass(frozen=True)
class Judged:
    rule: Rule  # the version that judges
    notes: tuple[Text, ...]
    window: tuple[
        str, str
    ]  # the days of the period on which the rule binds: evidence must fall here


@dataclass(frozen=True)
class NoLongerBinding:
    rule: Rule
    reason: Text


@dataclass(frozen=True)
class Selection:
    judged: tuple[Judged, ...]
    no_longer_binding: tuple[NoLongerBinding, ...]


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def _ended(succession: Succession, rule: Rule, rule_set: RuleSet) -> Text:
    vocabulary = (
        rule_set.provinces
        if succession in rule_set.successors.provinces.values()
        else rule_set.agency_kinds
    )
    former = vocabulary.term(succession.former)
    name_vi = former.name.vi if former else succession.former
    name_en = former.name.en if former else succession.former
    if succession.successor:
        after = vocabulary.term(succession.successor)
        then_vi = f" vào {after.name.vi if after else succession.successor}"
        then_en = f" into {after.name.en if after else succession.successor}"
    else:
        then_vi, then_en = "", ""
    return Text(
        f"{rule.citation.document} ràng buộc {name_vi}; {name_vi} đã chấm dứt/hợp nhất{then_vi} từ "
        f"{succession.date} ({succession.basis}), nên nhiệm vụ này không còn ràng buộc từ ngày đó",
        f"{rule.citation.document} bound {name_en}, which ceased (merged{then_en}) on {succession.date} "
        f"({succession.basis}); this obligation no longer binds from that day",
    )


def _notes(
    rule: Rule, version: Rule, start: str, end: str, last: str, cutoff: str | None
) -> list[Text]:
    notes = []
    if rule.effective_from > start:
        notes.append(
            Text(
                f"nhiệm vụ có hiệu lực từ {rule.effective_from}: chỉ chấm phần kỳ từ ngày đó",
                f"in force from {rule.effective_from}: only that part of the period is judged",
            )
        )
    if rule.effective_until is not None and rule.effective_until <= end:
        notes.append(
            Text(
                f"nhiệm vụ hết hiệu lực từ {rule.effective_until}"
                + (f", được thay bằng {rule.superseded_by}" if rule.superseded_by else ""),
                f"no longer in force from {rule.effective_until}"
                + (f"; replaced by {rule.superseded_by}" if rule.superseded_by else ""),
            )
        )
    if cutoff is not None and cutoff <= end:
        notes.append(
            Text(
                f"cơ quan/địa bàn chấm dứt từ {cutoff}: chỉ chấm đến {_day_before(cutoff)}",
                f"the agency's kind or jurisdiction ceased on {cutoff}: judged up to {_day_before(cutoff)}",
            )
        )
    changed = [v for v in rule.variants if start < v.effective_from <= last]
    if changed:
        notes.append(
            Text(
                f"dùng phiên bản có hiệu lực ngày {last} (từ {version.effective_from}: {version.version_note or ''}); "
                f"phiên bản trước áp dụng đến {_day_before(changed[-1].effective_from)}",
                f"judged by the version in force on {last} (from {version.effective_from}: {version.version_note or ''}); "
                f"the earlier version applied until {_day_before(changed[-1].effective_from)}",
            )
        )
    return notes


def window_of(rule: Rule, start: str, end: str) -> tuple[str, str]:
    """The days of [start, end] on which ``rule`` is in force (its examples are judged on these)."""
    last = end if rule.effective_until is None else min(end, _day_before(rule.effective_until))
    return max(start, rule.effective_from), last


SelectionKey = tuple[str, str, str, str, str | None]  # kind, province, start, end, as_of


class _Remembered:
    """The selections already made for the last rule set asked about.

    A batch asks the same few questions thousands of times (one kind, province and period for a
    whole tier of agencies), and the answer depends on nothing else: a rule set never changes
    once loaded and a selection is immutable. Bounded, and keyed by the rule set's identity.
    """

    LIMIT = 4096

    def __init__(self) -> None:
        # one tuple, replaced whole: a table is never seen paired with another rule set
        self.memo: tuple[RuleSet | None, dict[SelectionKey, Selection]] = (None, {})

    def get(self, rule_set: RuleSet, key: SelectionKey) -> Selection:
        memo = self.memo
        if memo[0] is not rule_set:
            memo = self.memo = (rule_set, {})
        table = memo[1]
        found = table.get(key)
        if found is None:
            found = choose(rule_set, *key)
            if len(table) >= self.LIMIT:
                table.clear()
            table[key] = found
        return found


_REMEMBERED = _Remembered()


def select(
    rule_set: RuleSet, kind: str, province: str, start: str, end: str, as_of: str | None = None
) -> Selection:
    """The versions that judge a submission, and the rules that stopped binding it, with why."""
    return _REMEMBERED.get(rule_set, (kind, province, start, end, as_of))


def choose(
    rule_set: RuleSet, kind: str, province: str, start: str, end: str, as_of: str | None
) -> Selection:
    """What :func:`select` answers, worked out afresh."""
    ceased = rule_set.successors.ceased(kind, province)
    cutoff = ceased.date if ceased else None
    judged: list[Judged] = []
    ended: list[NoLongerBinding] = []
    for rule in rule_set.rules:
        if not rule.binds(kind, province):
            continue
        if as_of is not None:
            if not rule.in_force_on(as_of):
                continue
            if cutoff is not None and as_of >= cutoff:
                assert ceased is not None
                ended.append(NoLongerBinding(rule, _ended(ceased, rule, rule_set)))
                continue
            judged.append(Judged(rule.version_on(as_of), (), (start, end)))
            continue
        if not rule.in_force_during(start, end):
            continue
        window_end = min(end, _day_before(cutoff)) if cutoff else end
        if window_end < start or not rule.in_force_during(start, window_end):
            assert ceased is not None
            ended.append(NoLongerBinding(rule, _ended(ceased, rule, rule_set)))
            continue
        last = (
            window_end
            if rule.effective_until is None
            else min(window_end, _day_before(rule.effective_until))
        )
        version = rule.version_on(last)
        notes = tuple(_notes(rule, version, start, end, last, cutoff))
        judged.append(Judged(version, notes, (max(start, rule.effective_from), last)))
    day = as_of or start
    for former_kind, former_province, succession in rule_set.successors.predecessors(
        kind, province
    ):
        if day < succession.date and (as_of is not None or end < succession.date):
            continue
        for rule in rule_set.rules:
            if (
                rule.binds(former_kind, former_province)
                and not rule.binds(
                    kind, province
                )  # it binds the successor itself: judged, not ended
                and rule.effective_from < succession.date
                and not any(item.rule is rule for item in ended)
            ):
                ended.append(NoLongerBinding(rule, _ended(succession, rule, rule_set)))
    ended.sort(key=lambda item: item.rule.id)
    return Selection(tuple(judged), tuple(ended))
