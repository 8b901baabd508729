"""Judge a submission against the rules that bind its agency in its period."""

from __future__ import annotations

import dataclasses
from typing import Any

from ruleset.checks.messages import describe
from ruleset.documents.document import escape_token
from ruleset.judging.submission import Submission
from ruleset.judging.timeline import select
from ruleset.model import (
    AgencyInfo,
    Bilingual,
    EndedObligation,
    EvalContext,
    Failure,
    Finding,
    ObligationResult,
    Report,
    Rule,
    Status,
)
from ruleset.rules.ruleset import RuleSet
from ruleset.version import __version__

ENGINE_VERSION = __version__

_NOTICES = {
    "missing": Bilingual(
        "chưa báo cáo nhiệm vụ này: thêm mục '{rule}' vào obligations",
        "obligation not addressed: add an entry '{rule}' under obligations",
    ),
    "not_done": Bilingual(
        "cơ quan tự đánh giá chưa thực hiện{reason}", "declared not done{reason}"
    ),
    "not_applicable_without_reason": Bilingual(
        "khai báo 'không áp dụng' nhưng không nêu lý do",
        "declared not applicable without a reason",
    ),
    "no_evidence": Bilingual(
        "khai báo '{claimed}' nhưng không có minh chứng (hoạt động, văn bản, số liệu)",
        "claimed '{claimed}' with no evidence (activities, documents, figures)",
    ),
    "in_progress": Bilingual(
        "cơ quan tự đánh giá đang thực hiện, chưa hoàn thành",
        "declared in progress, not yet done",
    ),
    "not_binding": Bilingual(
        "nhiệm vụ '{rule}' không áp dụng cho cơ quan/kỳ báo cáo này, mục này không được chấm",
        "obligation '{rule}' does not bind this agency or period; the entry is not judged",
    ),
}


class Judge:
    """Per-submission state: turns failures into located, worded findings."""

    def __init__(self, submission: Submission) -> None:
        self.document = submission.document
        start, end = submission.period
        self.period = f"{start}..{end}"
        self.ctx = EvalContext(
            root=submission.data,
            period_start=start,
            period_end=end,
            references=submission.references,
        )

    def finding(self, pointer: str, vi: str, en: str, check_id: str | None = None) -> Finding:
        line, column, sheet = self.document.where(pointer)
        return Finding(vi, en, pointer, line, column, check_id, sheet)

    def notice(self, key: str, pointer: str, **params: Any) -> Finding:
        text = _NOTICES[key]
        return self.finding(pointer, text.vi.format(**params), text.en.format(**params))

    def failures(
        self, failures: list[Failure], template: Bilingual, check_id: str
    ) -> list[Finding]:
        found = []
        for failure in failures:
            vi, en = describe(failure, template, self.period)
            found.append(self.finding(failure.pointer, vi, en, check_id))
        return found

    def judge(self, rule: Rule, entry: Any) -> ObligationResult:
        pointer = "/obligations/" + escape_token(rule.id)
        if entry is None:
            return ObligationResult(
                rule, Status.MISSING, None, (self.notice("missing", "/obligations", rule=rule.id),)
            )
        claimed = entry["status"]
        if claimed == "not_applicable":
            if str(entry.get("reason", "")).strip():
                return ObligationResult(rule, Status.NOT_APPLICABLE, claimed, ())
            return ObligationResult(
                rule,
                Status.NOT_MET,
                claimed,
                (self.notice("not_applicable_without_reason", pointer + "/status"),),
            )
        if claimed == "not_done":
            reason = str(entry.get("reason", "")).strip()
            return ObligationResult(
                rule,
                Status.NOT_MET,
                claimed,
                (
                    self.notice(
                        "not_done", pointer + "/status", reason=f": {reason}" if reason else ""
                    ),
                ),
            )
        if rule.evidence_required and not _has_evidence(entry):
            return ObligationResult(
                rule,
                Status.CLAIMED_WITHOUT_EVIDENCE,
                claimed,
                (self.notice("no_evidence", pointer + "/status", claimed=claimed),),
            )
        findings: list[Finding] = []
        failed = 0
        for check in rule.checks:
            failures = check.condition(entry, pointer, self.ctx)
            if failures:
                failed += 1
                findings.extend(self.failures(failures, check.message, check.id))
        if failed == 0:
            if claimed == "in_progress":
                return ObligationResult(
                    rule,
                    Status.PARTIALLY_MET,
                    claimed,
                    (self.notice("in_progress", pointer + "/status"),),
                )
            return ObligationResult(rule, Status.MET, claimed, ())
        status = Status.NOT_MET if failed == len(rule.checks) else Status.PARTIALLY_MET
        return ObligationResult(rule, status, claimed, tuple(findings))


def _has_evidence(entry: dict[str, Any]) -> bool:
    evidence = entry.get("evidence") or {}
    return bool(
        evidence.get("activities")
        or evidence.get("documents")
        or entry.get("figures")
        or entry.get("cases")
    )


def applicable_rules(
    rule_set: RuleSet, submission: Submission, as_of: str | None = None
) -> list[Rule]:
    """The rule versions that judge this submission (see :mod:`ruleset.judging.timeline`)."""
    start, end = submission.period
    chosen = select(rule_set, submission.agency_kind, submission.province, start, end, as_of)
    return [item.rule for item in chosen.judged]


def check_submission(
    rule_set: RuleSet,
    submission: Submission,
    engine_version: str = ENGINE_VERSION,
    as_of: str | None = None,
) -> Report:
    """The gap report of one submission; pure, never prints, never touches the file system.

    ``as_of`` judges by the rules in force on that day instead of during the period.
    """
    judge = Judge(submission)
    data = submission.data
    entries = data["obligations"]
    start, end = submission.period
    chosen = select(rule_set, submission.agency_kind, submission.province, start, end, as_of)
    results = tuple(
        dataclasses.replace(judge.judge(item.rule, entries.get(item.rule.id)), notes=item.notes)
        for item in chosen.judged
    )
    judged = {item.rule.id for item in chosen.judged}
    general = tuple(
        judge.finding(note.pointer, *note.wording()) for note in submission.reference_notes
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
