"""Markdown report, for pasting into an e-mail, a ticket or a wiki page."""

from __future__ import annotations

from ruleset.errors import location
from ruleset.model import ObligationResult, Report
from ruleset.reporters.wording import (
    counts_text,
    score_text,
    severity_label,
    status_label,
    version_note,
    word,
)
from ruleset.text import Lang


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _advice(report: Report, result: ObligationResult, lang: Lang | str) -> list[str]:
    return [
        f"- {word('advice', lang)}: `{location(report.submission_path, a.line, a.column, a.sheet)}` "
        f"{a.message.get(lang)}"
        for a in result.advice
    ]


def render_markdown(report: Report, lang: str = "vi", colour: bool = False) -> str:
    agency = report.agency
    out = [
        f"# {word('title', lang)}",
        "",
        f"- **{word('agency', lang)}:** {agency.name} (`{agency.kind}`, `{agency.province}`)",
        f"- **{word('period', lang)}:** {report.period_start}..{report.period_end}",
        f"- **{word('submitted', lang)}:** {report.submitted}",
        f"- **{word('rules', lang)}:** {report.ruleset_name} {report.ruleset_version} "
        f"(sha256 `{report.ruleset_digest[:12]}`)",
        f"- **{word('score', lang)}:** {score_text(report, lang)} — {counts_text(report, lang)}",
    ]
    if report.as_of:
        out.append(f"- **{word('as_of', lang)}:** {report.as_of}")
    note = version_note(report, lang)
    if note:
        out += ["", f"> {note}"]
    if report.no_longer_binding:
        out += ["", f"## {word('ended', lang)}", ""]
        out += [
            f"- `{item.rule_id}` {item.title.get(lang)}: {item.reason.get(lang)}"
            for item in report.no_longer_binding
        ]
    out += ["", f"## {word('summary', lang)}", ""]
    if not report.obligations:
        out.append(word("no_rules", lang))
    else:
        out.append(
            f"| {word('obligation', lang)} | {word('status', lang)} | {word('severity', lang)} |"
        )
        out.append("|---|---|---|")
        for result in report.obligations:
            out.append(
                f"| `{result.rule.id}` {_cell(result.rule.title.get(lang))} | "
                f"{status_label(result.status, lang)} | {severity_label(result.rule.severity, lang)} |"
            )
    noted = [r for r in report.obligations if (r.notes or r.advice) and not r.status.is_gap]
    for result in noted:
        out += ["", f"### `{result.rule.id}` — {status_label(result.status, lang)}", ""]
        out += _advice(report, result, lang)
        out += [f"- {word('note', lang)}: {n.get(lang)}" for n in result.notes]
    for result in report.obligations:
        if not result.status.is_gap:
            continue
        rule, citation = result.rule, result.rule.citation
        out += [
            "",
            f"### `{rule.id}` — {status_label(result.status, lang)}",
            "",
            rule.title.get(lang),
            "",
        ]
        for finding in result.findings:
            where = location(report.submission_path, finding.line, finding.column, finding.sheet)
            out.append(f"- `{where}` (`{finding.pointer}`): {finding.message.get(lang)}")
        out += _advice(report, result, lang)
        out += [f"- {word('note', lang)}: {n.get(lang)}" for n in result.notes]
        out += [
            "",
            f"{word('source', lang)}: {citation.kind} {citation.document} ({citation.issuer}, "
            f"{citation.date}), {citation.clause}",
            "",
            f"> {citation.quote}",
        ]
    if report.general_findings:
        out += ["", f"## {word('other', lang)}", ""]
        for f in report.general_findings:
            # A workbook's notes name their cell; a text file's keep the pointer alone (golden).
            cell = (
                f"`{location(report.submission_path, f.line, f.column, f.sheet)}` "
                if f.sheet
                else ""
            )
            out.append(f"- {cell}`{f.pointer}`: {f.message.get(lang)}")
    return "\n".join(out) + "\n"
