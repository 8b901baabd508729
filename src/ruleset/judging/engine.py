"""Judge a submission against the rules that bind its agency in its period."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ruleset.checks.base import EvalContext, Failure, TopicIndex, blocking
from ruleset.checks.registry import word_failure
from ruleset.documents.document import escape_token
from ruleset.judging.evidence import EVIDENCE
from ruleset.judging.submission import Submission
from ruleset.judging.timeline import select
from ruleset.judging.window import outside_window
from ruleset.model import (
    AgencyInfo,
    Check,
    Claimed,
    EndedObligation,
    Finding,
    ObligationResult,
    Report,
    Rule,
    Status,
)
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Text
from ruleset.version import __version__

ENGINE_VERSION = __version__

_NOTICES = {
    "missing": Text(
        "chưa báo cáo nhiệm vụ này: thêm mục '{rule}' vào obligations",
        "obligation not addressed: add an entry '{rule}' under obligations",
    ),
    "not_done": Text("cơ quan tự đánh giá chưa thực hiện{reason}", "declared not done{reason}"),
    "not_applicable_without_reason": Text(
        "khai báo 'không áp dụng' nhưng không nêu lý do",
        "declared not applicable without a reason",
    ),
    "no_evidence": Text(
        "khai báo '{claimed}' nhưng không có minh chứng (hoạt động, văn bản, số liệu)",
        "claimed '{claimed}' with no evidence (activities, documents, figures)",
    ),
    "in_progress": Text(
        "cơ quan tự đánh giá đang thực hiện, chưa hoàn thành",
        "declared in progress, not yet done",
    ),
    "not_binding": Text(
        "nhiệm vụ '{rule}' không áp dụng cho cơ quan/kỳ báo cáo này, mục này không được chấm",
        "obligation '{rule}' does not bind this agency or period; the entry is not judged",
    ),
}


_CLAIMS = {claim.value: claim for claim in Claimed}
"""By value, without the Enum's call (a microsecond per obligation)."""


@lru_cache(maxsize=4096)
def _notice(key: str, params: tuple[tuple[str, str], ...]) -> Text:
    """A notice's words: the same few per rule id in every submission, so worded once each."""
    return _NOTICES[key].format(**dict(params))


class Judge:
    """Per-submission state: turns failures into located, worded findings."""

    def __init__(self, submission: Submission, topics: TopicIndex | None = None) -> None:
        self.document = submission.document
        start, end = submission.period
        self.ctx = EvalContext(
            root=submission.data,
            period_start=start,
            period_end=end,
            references=submission.references,
            topics=topics,
        )
        self._windows: dict[tuple[str, str], EvalContext] = {(start, end): self.ctx}

    def within(self, window: tuple[str, str]) -> EvalContext:
        """The context whose period is ``window``: one per distinct window in a submission."""
        ctx = self._windows.get(window)
        if ctx is None:
            base = self.ctx
            ctx = EvalContext(base.root, window[0], window[1], base.references, base.topics)
            self._windows[window] = ctx
        return ctx

    def finding(self, pointer: str, message: Text, check_id: str | None = None) -> Finding:
        line, column, sheet = self.document.where(pointer)
        return Finding(message, pointer, line, column, check_id, sheet)

    def notice(self, key: str, pointer: str, **params: str) -> Finding:
        return self.finding(pointer, _notice(key, tuple(params.items())))

    def failures(self, failures: list[Failure], check: Check, period: str) -> list[Finding]:
        """Findings in the check's own words; advice in the words of the kind that gave it."""
        return [
            self.finding(
                failure.pointer,
                word_failure(failure, None if failure.advisory else check.message, period),
                check.id,
            )
            for failure in failures
        ]

    def judge(
        self,
        rule: Rule,
        entry: Any,
        window: tuple[str, str] | None = None,
        notes: tuple[Text, ...] = (),
    ) -> ObligationResult:
        """One obligation's verdict, carrying ``notes``; evidence counts only when dated inside
        ``window`` (the days of the period on which the rule binds; the whole period by default)."""
        pointer = "/obligations/" + escape_token(rule.id)
        if entry is None:
            notice = self.notice("missing", "/obligations", rule=rule.id)
            return ObligationResult(rule, Status.MISSING, None, (notice,), notes)
        claimed = _CLAIMS[entry["status"]]  # valid: the schema allows these values only
        status_at = pointer + "/status"
        if claimed is Claimed.NOT_APPLICABLE:
            if str(entry.get("reason", "")).strip():
                return ObligationResult(rule, Status.NOT_APPLICABLE, claimed, (), notes)
            notice = self.notice("not_applicable_without_reason", status_at)
            return ObligationResult(rule, Status.NOT_MET, claimed, (notice,), notes)
        if claimed is Claimed.NOT_DONE:
            reason = str(entry.get("reason", "")).strip()
            words = _NOTICES["not_done"].format(reason=f": {reason}" if reason else "")
            notice = self.finding(status_at, words)  # free text: not worth remembering
            return ObligationResult(rule, Status.NOT_MET, claimed, (notice,), notes)
        if rule.evidence_required and EVIDENCE(entry, pointer, self.ctx):
            notice = self.notice("no_evidence", status_at, claimed=claimed.value)
            return ObligationResult(
                rule, Status.CLAIMED_WITHOUT_EVIDENCE, claimed, (notice,), notes
            )
        first, last = window or (self.ctx.period_start, self.ctx.period_end)
        ctx = self.within((first, last))
        period = f"{first}..{last}"
        findings: list[Finding] = []
        advice: list[Finding] = []
        failed = 0
        for check in rule.checks:
            failures = check.condition(entry, pointer, ctx)
            if not failures:
                continue
            hard = blocking(failures)
            if hard:
                failed += 1
                findings.extend(self.failures(hard, check, period))
            soft = [f for f in failures if f.advisory]
            advice.extend(self.failures(soft, check, period))
        if failed and window is not None:
            findings.extend(
                self.finding(where, words)
                for where, words in outside_window(entry, pointer, self.ctx, window)
            )
        if failed == 0:
            if claimed is Claimed.IN_PROGRESS:
                notice = self.notice("in_progress", status_at)
                return ObligationResult(
                    rule, Status.PARTIALLY_MET, claimed, (notice,), notes, tuple(advice)
                )
            return ObligationResult(rule, Status.MET, claimed, (), notes, tuple(advice))
        status = Status.NOT_MET if failed == len(rule.checks) else Status.PARTIALLY_MET
        return ObligationResult(rule, status, claimed, tuple(findings), notes, tuple(advice))


def check_submission(
    rule_set: RuleSet,
    submission: Submission,
    engine_version: str = ENGINE_VERSION,
    as_of: str | None = None,
) -> Report:
    """The gap report of one submission; pure, never prints, never touches the file system.

    ``as_of`` judges by the rules in force on that day instead of during the period.
    """
    judge = Judge(submission, rule_set.topics)
    data = submission.data
    entries = data["obligations"]
    start, end = submission.period
    chosen = select(rule_set, submission.agency_kind, submission.province, start, end, as_of)
    results = tuple(
        judge.judge(item.rule, entries.get(item.rule.id), item.window, item.notes)
        for item in chosen.judged
    )
    judged = {item.rule.id for item in chosen.judged}
    general = tuple(
        judge.finding(note.pointer, note.wording()) for note in submission.reference_notes
    ) + tuple(
        judge.notice("not_binding", "/obligations/" + escape_token(rule_id), rule=rule_id)
        for rule_id in sorted(entries)
        if rule_id not in judged
    )
    agency = data["agency"]
    start, end = submission.period
    return Report(
        engine_version=engine_version,
        ruleset_name=rule_set.name,
        ruleset_version=rule_set.version,
        ruleset_digest=rule_set.digest,
        submission_path=submission.path,
        submission_sha256=submission.document.sha256,
        agency=AgencyInfo(
            agency["id"], agency["name"], submission.agency_kind, submission.province
        ),
        period_start=start,
        period_end=end,
        submitted=data["submitted"],
        obligations=results,
        general_findings=general,
        declared_ruleset_version=data.get("ruleset_version"),
        as_of=as_of,
        no_longer_binding=tuple(
            EndedObligation(item.rule.id, item.rule.title, item.reason)
            for item in chosen.no_longer_binding
        ),
    )
