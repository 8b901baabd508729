"""Terminal report: an officer reads it top to bottom and fixes the lines it points at."""

from __future__ import annotations

import textwrap

from ruleset.errors import location
from ruleset.model import Finding, ObligationResult, Report, Status
from ruleset.reporters.wording import (
    counts_text,
    score_text,
    severity_label,
    status_label,
    version_note,
    word,
)

_COLOURS = {
    Status.MET: "32",
    Status.PARTIALLY_MET: "33",
    Status.NOT_MET: "31",
    Status.CLAIMED_WITHOUT_EVIDENCE: "35",
    Status.NOT_APPLICABLE: "36",
    Status.MISSING: "31;1",
}


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if colour else text


def _where(report: Report, finding: Finding) -> str:
    return location(report.submission_path, finding.line, finding.column, finding.sheet)


def _obligation(report: Report, result: ObligationResult, lang: str, colour: bool) -> list[str]:
    rule = result.rule
    label = _paint(f"[{status_label(result.status, lang)}]", _COLOURS[result.status], colour)
    lines = [
        f"{label} {rule.id} — {rule.title.get(lang)} "
        f"({word('severity', lang)}: {severity_label(rule.severity, lang)})"
    ]
    for finding in result.findings:
        lines.append(f"  {_where(report, finding)}: {finding.message.get(lang)}")
    for advice in result.advice:
        lines.append(
            f"  {word('advice', lang)}: {_where(report, advice)}: {advice.message.get(lang)}"
        )
    for note in result.notes:
        lines.append(f"  {word('note', lang)}: {note.get(lang)}")
    if result.status.is_gap:
        citation = rule.citation
        lines.append(
            f"  {word('source', lang)}: {citation.kind} {citation.document} "
            f"({citation.issuer}, {citation.date}), {citation.clause}:"
        )
        quote = textwrap.fill(
            f"“{citation.quote}”", width=96, initial_indent="    ", subsequent_indent="    "
        )
        lines.append(quote)
    return lines


def render_text(report: Report, lang: str = "vi", colour: bool = False) -> str:
    agency = report.agency
    lines = [
        f"{word('title', lang)}: {report.submission_path}",
        f"{word('agency', lang)}: {agency.name} ({agency.kind}, {agency.province})",
        f"{word('period', lang)}: {report.period_start}..{report.period_end}; "
        f"{word('submitted', lang)}: {report.submitted}",
        f"{word('rules', lang)}: {report.ruleset_name} {report.ruleset_version} "
        f"(sha256 {report.ruleset_digest[:12]})",
    ]
    if report.as_of:
        lines.append(f"{word('as_of', lang)} {report.as_of}")
    note = version_note(report, lang)
    if note:
        lines.append(note)
    lines.append("")
    if not report.obligations:
        lines.append(word("no_rules", lang))
    if report.no_longer_binding:
        lines.append(f"{word('ended', lang)}:")
        for item in report.no_longer_binding:
            lines.append(f"  {item.rule_id} — {item.title.get(lang)}: {item.reason.get(lang)}")
        lines.append("")
    for result in report.obligations:
        lines.extend(_obligation(report, result, lang, colour))
    if report.general_findings:
        lines.append("")
        lines.append(f"{word('other', lang)}:")
        lines.extend(
            f"  {_where(report, f)}: {f.message.get(lang)}" for f in report.general_findings
        )
    lines.append("")
    lines.append(f"{word('summary', lang)}: {counts_text(report, lang)}")
    lines.append(f"{word('score', lang)}: {score_text(report, lang)}")
    return "\n".join(lines) + "\n"
