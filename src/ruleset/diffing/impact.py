"""Re-check submissions under two rule sets: each one's score before and after, and the
obligations that moved it.

Scores are the reports' own (:meth:`ruleset.model.Report.score`), never recomputed here. What one
obligation did to a score is measured the same way: the old report's score with that obligation
alone swapped for its new verdict and weight, minus the old score.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from enum import Enum

from ruleset.documents.document import Document
from ruleset.documents.read import load_document
from ruleset.errors import InputError, Problem
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import validate_submission
from ruleset.model import AgencyInfo, ObligationResult, Report, Severity, Status
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Text

# For a direction only: a submission with nothing applicable has no score and no gap, so it
# ranks with a full score (a rule that newly binds it and is met leaves it level).
_NO_SCORE_RANK = 100.0


class Move(str, Enum):
    """Which way a change moved a score."""

    DOWN = "down"
    UP = "up"
    LEVEL = "level"  # the score stays; a status changed

    @property
    def label(self) -> Text:
        return _MOVE_LABELS[self]


_MOVE_LABELS = {
    Move.DOWN: Text("hạ điểm", "lowers the score"),
    Move.UP: Text("nâng điểm", "raises the score"),
    Move.LEVEL: Text("giữ nguyên điểm, đổi kết quả", "same score, status changed"),
}


def score_rank(score: float | None) -> float:
    """A score to order by (no score ranks as a full one)."""
    return _NO_SCORE_RANK if score is None else score


def move_between(old: float | None, new: float | None) -> Move:
    """The direction from one score to another."""
    before, after = score_rank(old), score_rank(new)
    return Move.UP if after > before else Move.DOWN if after < before else Move.LEVEL


@dataclass(frozen=True)
class State:
    """An obligation's verdict and weight in one report."""

    status: Status
    severity: Severity


@dataclass(frozen=True)
class Moved:
    """One obligation whose status changed, or whose change alone moves the score."""

    rule_id: str
    old: State | None  # None: did not bind under the old rules
    new: State | None
    alone: float | None  # old score with this obligation alone changed (None: no score)

    @property
    def status_changed(self) -> bool:
        return _status(self.old) != _status(self.new)


def _status(state: State | None) -> Status | None:
    return None if state is None else state.status


@dataclass(frozen=True)
class SubmissionImpact:
    """One submission under both rule sets; an error instead of a report when one cannot read it."""

    file: str
    agency: AgencyInfo | None  # None when neither rule set can read it
    old_score: float | None
    new_score: float | None
    moved: tuple[Moved, ...]  # by rule id
    old_error: Problem | None = None
    new_error: Problem | None = None

    @property
    def readable(self) -> bool:
        return self.old_error is None and self.new_error is None

    @property
    def status_changed(self) -> bool:
        return any(m.status_changed for m in self.moved)

    @property
    def score_changed(self) -> bool:
        return self.readable and self.old_score != self.new_score

    def effect(self, moved: Moved) -> float | None:
        """What the obligation's change alone does to the score, in points."""
        if moved.alone is None or self.old_score is None:
            return None
        return round(moved.alone - self.old_score, 1)


def _report(rule_set: RuleSet, document: Document) -> Report | Problem:
    """The report, or the first problem; validation rewrites names in place, so it gets a copy."""
    own = dataclasses.replace(document, data=copy.deepcopy(document.data))
    try:
        return check_submission(rule_set, validate_submission(own, rule_set))
    except InputError as error:
        return error.problems[0]


def _state(result: ObligationResult | None) -> State | None:
    return None if result is None else State(result.status, result.rule.severity)


def _moved(old: Report, new: Report) -> tuple[Moved, ...]:
    before = {r.rule.id: r for r in old.obligations}
    after = {r.rule.id: r for r in new.obligations}
    score = old.score()
    moved = []
    for rule_id in sorted(before.keys() | after.keys()):
        a, b = before.get(rule_id), after.get(rule_id)
        if _state(a) == _state(b):
            continue
        swapped = [r for r in old.obligations if r.rule.id != rule_id] + ([b] if b else [])
        alone = dataclasses.replace(old, obligations=tuple(swapped)).score()
        change = Moved(rule_id, _state(a), _state(b), alone)
        if change.status_changed or alone != score:
            moved.append(change)
    return tuple(moved)


def submission_impact(old: RuleSet, new: RuleSet, path: str) -> SubmissionImpact:
    """One submission, read once, checked under both rule sets."""
    try:
        document = load_document(path)
    except InputError as error:
        problem = error.problems[0]
        return SubmissionImpact(path, None, None, None, (), problem, problem)
    before, after = _report(old, document), _report(new, document)
    if isinstance(before, Report) and isinstance(after, Report):
        return SubmissionImpact(
            path, after.agency, before.score(), after.score(), _moved(before, after)
        )
    readable = after if isinstance(after, Report) else before
    return SubmissionImpact(
        path,
        readable.agency if isinstance(readable, Report) else None,
        before.score() if isinstance(before, Report) else None,
        after.score() if isinstance(after, Report) else None,
        (),
        before if isinstance(before, Problem) else None,
        after if isinstance(after, Problem) else None,
    )


def impact(old: RuleSet, new: RuleSet, paths: list[str]) -> list[SubmissionImpact]:
    """Every submission (sorted by path) re-checked under the old and the new rule set."""
    return [submission_impact(old, new, path) for path in sorted(paths)]
