"""Totals of an impact: per rule change, how many submissions and agencies it moves and which way;
per agency kind, how many agencies change status or score and the mean score before and after.

Identical effects are counted once with their number, never repeated per file. Only submissions
both rule sets can read are counted: the unreadable ones are listed apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ruleset.diffing.compare import ChangeClass, RuleSetDiff
from ruleset.diffing.impact import Move, Moved, State, SubmissionImpact, move_between
from ruleset.model import Status
from ruleset.rules.vocabulary import Vocabulary
from ruleset.text import Text


@dataclass(frozen=True)
class Tally:
    submissions: int
    agencies: int  # distinct agency ids among those submissions


def tally(items: Iterable[SubmissionImpact]) -> Tally:
    chosen = list(items)
    return Tally(len(chosen), len({s.agency.id for s in chosen if s.agency is not None}))


@dataclass(frozen=True)
class Transition:
    """One way an obligation changed (verdict and weight), and in how many submissions."""

    old: State | None  # None: not binding
    new: State | None
    tally: Tally


@dataclass(frozen=True)
class ChangeTotal:
    rule_id: str
    classes: tuple[ChangeClass, ...]  # empty: the rule is unchanged (vocabularies, other rules)
    moves: tuple[tuple[Move, Tally], ...]  # every direction, in Move order
    transitions: tuple[Transition, ...]  # most submissions first

    @property
    def moves_any(self) -> bool:
        return any(t.submissions for _, t in self.moves)


@dataclass(frozen=True)
class KindTotal:
    kind: str
    name: Text
    agencies: int
    submissions: int
    status_changed: int  # agencies with a status change in at least one submission
    score_changed: int  # agencies with a score change in at least one submission
    mean_old: float | None  # mean score of its submissions (those with a score)
    mean_new: float | None


@dataclass(frozen=True)
class Impact:
    """Every submission re-checked, and the totals over those both rule sets can read."""

    submissions: tuple[SubmissionImpact, ...]  # as given: impact() gives them by path
    read: Tally
    score_changed: Tally
    status_changed: Tally
    changes: tuple[ChangeTotal, ...]  # by rule id
    kinds: tuple[KindTotal, ...]  # by kind id

    @property
    def unreadable(self) -> tuple[SubmissionImpact, ...]:
        return tuple(s for s in self.submissions if not s.readable)


def _state_key(state: State | None) -> tuple[int, int]:
    return (-1, -1) if state is None else (list(Status).index(state.status), state.severity.rank)


def _change(
    rule_id: str, classes: tuple[ChangeClass, ...], hits: list[tuple[SubmissionImpact, Moved]]
) -> ChangeTotal:
    moves = tuple(
        (move, tally(s for s, m in hits if move_between(s.old_score, m.alone) is move))
        for move in Move
    )
    ways = sorted({(m.old, m.new) for _, m in hits}, key=lambda w: tuple(map(_state_key, w)))
    transitions = [
        Transition(old, new, tally(s for s, m in hits if (m.old, m.new) == (old, new)))
        for old, new in ways
    ]
    transitions.sort(key=lambda t: -t.tally.submissions)  # stable: equal counts keep state order
    return ChangeTotal(rule_id, classes, moves, tuple(transitions))


def _mean(scores: list[float | None]) -> float | None:
    known = [s for s in scores if s is not None]
    return round(sum(sorted(known)) / len(known), 1) if known else None  # any file order


def _kind(kind: str, items: list[SubmissionImpact], kinds: Vocabulary) -> KindTotal:
    term = kinds.term(kind)
    return KindTotal(
        kind,
        term.name if term else Text.same(kind),
        tally(items).agencies,
        len(items),
        tally(s for s in items if s.status_changed).agencies,
        tally(s for s in items if s.score_changed).agencies,
        _mean([s.old_score for s in items]),
        _mean([s.new_score for s in items]),
    )


def summarise(diff: RuleSetDiff, impacts: list[SubmissionImpact], kinds: Vocabulary) -> Impact:
    """Totals over the submissions read under both rule sets; ``kinds`` names the agency kinds."""
    read = [s for s in impacts if s.readable]
    classes = {c.rule_id: c.classes for c in diff.changes}
    hits: dict[str, list[tuple[SubmissionImpact, Moved]]] = {rule_id: [] for rule_id in classes}
    for submission in read:
        for moved in submission.moved:
            hits.setdefault(moved.rule_id, []).append((submission, moved))
    by_kind: dict[str, list[SubmissionImpact]] = {}
    for submission in read:
        assert submission.agency is not None  # read under both: a report names its agency
        by_kind.setdefault(submission.agency.kind, []).append(submission)
    return Impact(
        tuple(impacts),
        tally(read),
        tally(s for s in read if s.score_changed),
        tally(s for s in read if s.status_changed),
        tuple(_change(r, classes.get(r, ()), hits[r]) for r in sorted(hits)),
        tuple(_kind(k, by_kind[k], kinds) for k in sorted(by_kind)),
    )
