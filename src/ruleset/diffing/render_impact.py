"""The impact part of a diff: totals per rule change and per agency kind, then each agency whose
score or status changes, with the obligations that moved it; as lines of text or Markdown, or as
JSON. Every order is fixed: changes by rule id, kinds by id, agencies by the largest fall first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruleset.diffing.impact import State, SubmissionImpact, score_rank
from ruleset.diffing.totals import ChangeTotal, Impact, KindTotal, Tally
from ruleset.errors import Problem, location
from ruleset.model import AgencyInfo
from ruleset.text import Lang, Text

NOT_BINDING = Text("không ràng buộc", "not binding")
ARROW = " → "
MAX_LISTED = 50  # agencies (and unreadable files) listed in text and Markdown; JSON has them all
_MORE = Text(
    "… và {n} bản khác (--format json liệt kê tất cả)", "… and {n} more (--format json lists all)"
)


def _n(n: int, vi: str, one: str, many: str) -> Text:
    return Text(f"{n} {vi}", f"{n} {one if n == 1 else many}")


def _agencies(n: int) -> Text:
    return _n(n, "cơ quan", "agency", "agencies")


def _tally(tally: Tally) -> Text:
    if not tally.submissions:
        return Text("không bản nào", "none")
    return _n(tally.submissions, "bản", "submission", "submissions") + (
        " (" + _agencies(tally.agencies) + ")"
    )


def _score(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def _status(state: State | None) -> Text:
    return NOT_BINDING if state is None else state.status.label


def transition(old: State | None, new: State | None) -> Text:
    """How an obligation changed: its status, its severity, or both."""
    if old is None or new is None or old.severity is new.severity:
        return _status(old) + ARROW + _status(new)
    if old.status is new.status:
        severity = (
            Text("; mức độ ", "; severity ") + old.severity.label + ARROW + new.severity.label
        )
        return old.status.label + severity
    before = old.status.label + " (" + old.severity.label + ")"
    return before + ARROW + new.status.label + " (" + new.severity.label + ")"


@dataclass(frozen=True)
class Line:
    """A line whose ``lead`` (indent, bullet, id, file) is written once, before one or both
    languages of ``text``."""

    lead: str
    text: Text

    def get(self, lang: Lang | None) -> str:
        return self.lead + self.text.get(lang)


class _Lines:
    """Headings and items, as plain indented text or as Markdown."""

    def __init__(self, md: bool) -> None:
        self.md = md
        self.out: list[Text | str | Line] = []

    def heading(self, text: Text) -> None:
        self.out += ["", ("### " + text) if self.md else (text + ":")]

    def item(self, depth: int, text: Text, lead: str = "") -> None:
        indent = "  " * (depth - 1) + "- " if self.md else "  " * depth
        self.out.append(Line(indent + lead, text))


def _change(lines: _Lines, change: ChangeTotal) -> None:
    classes = (
        Text(", ", ", ").join(c.label for c in change.classes)
        if change.classes
        else Text("quy tắc không đổi", "rule unchanged")
    )
    moves = [move.label + ": " + _tally(t) for move, t in change.moves if t.submissions]
    said = (
        Text("; ", "; ").join(moves)
        if moves
        else Text("không thay đổi bản nào", "moves no submission")
    )
    lines.item(1, classes + "; " + said, f"{change.rule_id}: ")
    for way in change.transitions:
        lines.item(2, transition(way.old, way.new) + ": " + _tally(way.tally))


def _kind(lines: _Lines, kind: KindTotal) -> None:
    counts = Text(
        "{agencies}, {submissions}; đổi kết quả: {status}, đổi điểm: {score}; điểm trung bình {old} → {new}",
        "{agencies}, {submissions}; status changes in {status}, score changes in {score}; mean score {old} → {new}",
    ).format(
        agencies=_agencies(kind.agencies),
        submissions=_n(kind.submissions, "bản", "submission", "submissions"),
        status=_agencies(kind.status_changed),
        score=_agencies(kind.score_changed),
        old=_score(kind.mean_old),
        new=_score(kind.mean_new),
    )
    lines.item(1, kind.name + " — " + counts, f"{kind.kind}: ")


def _agency_name(agency: AgencyInfo | None) -> str:
    return "?" if agency is None else f"{agency.name} ({agency.id})"


def _submission(lines: _Lines, s: SubmissionImpact) -> None:
    score = (
        Text("điểm {old} → {new}", "score {old} → {new}")
        if s.score_changed
        else Text("điểm giữ nguyên {old}", "score unchanged at {old}")
    ).format(old=_score(s.old_score), new=_score(s.new_score))
    if not s.status_changed:
        score += Text(", không kết quả nào thay đổi", ", no status change")
    lines.item(1, score, f"{_agency_name(s.agency)}, {s.file}: ")
    for moved in s.moved:
        effect = s.effect(moved)
        alone = (
            Text(" (riêng thay đổi này: {e:+.1f})", " (this change alone: {e:+.1f})").format(
                e=effect
            )
            if effect
            else ""
        )
        lines.item(2, transition(moved.old, moved.new) + alone, f"{moved.rule_id}: ")


def _unreadable(lines: _Lines, s: SubmissionImpact) -> None:
    """Where each rule set stopped reading the file, and why (once when both say the same)."""
    if s.old_error == s.new_error and s.old_error is not None:
        sides = [(Text("theo cả hai bộ quy tắc: ", "under both rule sets: "), s.old_error)]
    else:
        sides = [
            (prefix, error)
            for prefix, error in (
                (Text("theo quy tắc cũ: ", "under the old rules: "), s.old_error),
                (Text("theo quy tắc mới: ", "under the new rules: "), s.new_error),
            )
            if error is not None
        ]
    for prefix, error in sides:
        where = location(s.file, error.line, error.column, error.sheet)
        lines.item(1, prefix + error.message, f"{where}: ")


def _fall_first(s: SubmissionImpact) -> tuple[float, str, str]:
    return (score_rank(s.new_score) - score_rank(s.old_score), _agency_name(s.agency), s.file)


def impact_lines(impact: Impact, md: bool, max_listed: int = MAX_LISTED) -> list[Text | str | Line]:
    """The impact as lines in both languages; the caller picks one or keeps both. Totals are
    complete; at most ``max_listed`` agencies and unreadable files are listed one by one."""
    lines = _Lines(md)
    lines.out += [
        "",
        ("## " if md else "")
        + Text(
            "Ảnh hưởng tới {submissions} tự đánh giá của {agencies}",
            "Impact on {submissions} of {agencies}",
        ).format(
            submissions=_n(impact.read.submissions, "bản", "submission", "submissions"),
            agencies=_agencies(impact.read.agencies),
        )
        + (
            Text("; {n} bản không đọc được (xem dưới)", "; {n} more could not be read (below)")
            if impact.unreadable
            else Text("", "")
        ).format(n=len(impact.unreadable)),
        "",
        Text(
            "Điểm thay đổi: {score}; kết quả thay đổi: {status}.",
            "Score changes: {score}; status changes: {status}.",
        ).format(score=_tally(impact.score_changed), status=_tally(impact.status_changed)),
    ]
    if impact.changes:
        lines.heading(Text("Theo thay đổi quy tắc", "By rule change"))
    for change in impact.changes:
        _change(lines, change)
    if impact.kinds:
        lines.heading(Text("Theo loại cơ quan", "By agency kind"))
    for kind in impact.kinds:
        _kind(lines, kind)
    changed = [s for s in impact.submissions if s.score_changed or s.status_changed]
    if changed:
        lines.heading(
            Text("Theo cơ quan (điểm giảm nhiều nhất trước)", "By agency (largest fall first)")
        )
        for submission in sorted(changed, key=_fall_first)[:max_listed]:
            _submission(lines, submission)
        if len(changed) > max_listed:
            lines.item(1, _MORE.format(n=len(changed) - max_listed))
    if impact.unreadable:
        lines.heading(Text("Không đọc được", "Could not be read"))
        for submission in impact.unreadable[:max_listed]:
            _unreadable(lines, submission)
        if len(impact.unreadable) > max_listed:
            lines.item(1, _MORE.format(n=len(impact.unreadable) - max_listed))
    return lines.out


def _texts(text: Text) -> dict[str, str]:
    return {"vi": text.vi, "en": text.en}


def _problem(problem: Problem | None) -> dict[str, Any] | None:
    if problem is None:
        return None
    return {"line": problem.line, "column": problem.column, "messages": _texts(problem.message)}


def _state(state: State | None) -> dict[str, str] | None:
    return (
        None if state is None else {"status": state.status.value, "severity": state.severity.value}
    )


def _counts(tally: Tally) -> dict[str, int]:
    return {"submissions": tally.submissions, "agencies": tally.agencies}


def _submission_dict(s: SubmissionImpact) -> dict[str, Any]:
    agency = s.agency
    return {
        "file": s.file,
        "agency": None
        if agency is None
        else {
            "id": agency.id,
            "name": agency.name,
            "kind": agency.kind,
            "province": agency.province,
        },
        "score": {"old": s.old_score, "new": s.new_score},
        "score_changed": s.score_changed,
        "status_changed": s.status_changed,
        "moved": [
            {
                "rule_id": m.rule_id,
                "old": _state(m.old),
                "new": _state(m.new),
                "status_changed": m.status_changed,
                "effect": s.effect(m),
            }
            for m in s.moved
        ],
        "errors": {"old": _problem(s.old_error), "new": _problem(s.new_error)},
    }


def impact_dict(impact: Impact) -> dict[str, Any]:
    """The impact as JSON data: totals, then every submission by path."""
    return {
        "read": _counts(impact.read),
        "unreadable": len(impact.unreadable),
        "score_changed": _counts(impact.score_changed),
        "status_changed": _counts(impact.status_changed),
        "changes": [
            {
                "rule_id": c.rule_id,
                "classes": [cls.value for cls in c.classes],
                "moves": {move.value: _counts(t) for move, t in c.moves},
                "transitions": [
                    {"old": _state(t.old), "new": _state(t.new), **_counts(t.tally)}
                    for t in c.transitions
                ],
            }
            for c in impact.changes
        ],
        "kinds": [
            {
                "kind": k.kind,
                "name": _texts(k.name),
                "agencies": k.agencies,
                "submissions": k.submissions,
                "status_changed": k.status_changed,
                "score_changed": k.score_changed,
                "mean_score": {"old": k.mean_old, "new": k.mean_new},
            }
            for k in impact.kinds
        ],
        "submissions": [_submission_dict(s) for s in impact.submissions],
    }
