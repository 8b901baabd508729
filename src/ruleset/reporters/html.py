"""HTML report: one self-contained file an officer opens by double-click, reads on a phone and
prints on A4; every word of the submission is escaped, nothing is fetched, no script runs."""

from __future__ import annotations

from ruleset.model import Finding, ObligationResult, Report, Status
from ruleset.reporters.html_assets import BASE_CSS, GLYPHS, esc, page, rate_colour, status_css
from ruleset.reporters.wording import (
    score_text,
    severity_label,
    status_label,
    version_note,
    word,
)

REPORT_CSS = (
    BASE_CSS
    + """
.score{display:flex;align-items:center;gap:1rem;flex-wrap:wrap;margin:.4rem 0}
.score .value{font-size:2rem;font-weight:700;line-height:1}
.score svg{width:16rem}
.toc td:first-child{white-space:nowrap}
.obl{border:1px solid #d5dae1;border-left-width:6px;border-radius:.3rem;padding:.6rem .9rem;
margin:.9rem 0;background:#fff;color:inherit}
.obl header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem .6rem}
.obl .sev{font-size:.85em;color:#5b6470}
.findings{margin:.5rem 0;padding-left:1.2rem}
.findings li{margin:.25rem 0}
.findings .ptr{font-size:.8em;color:#5b6470;overflow-wrap:anywhere}
.notes{margin:.4rem 0;padding-left:1.2rem;color:#5b6470;font-size:.92em}
blockquote{margin:.6rem 0 0;padding:.4rem .8rem;border-left:3px solid #b8c0ca;background:#f7f8fa;
font-style:italic}
blockquote footer{font-style:normal;font-size:.85em;color:#5b6470;margin-top:.3rem}
@media (max-width:40rem){
.toc thead{display:none}
.toc tr{display:block;padding:.35rem 0;border-bottom:1px solid #d5dae1}
.toc td{display:block;border:0;padding:.1rem 0}
.score svg{width:100%}
}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{.obl{break-inside:avoid}.score svg{width:10rem}}
"""
    + status_css(".obl.st-{s}{{border-left-color:{fg}}}")
)


def _where(report: Report, finding: Finding) -> str:
    where = report.submission_path
    if finding.line is not None:
        where += f":{finding.line}:{finding.column}"
    return where


def _badge(status: Status, lang: str) -> str:
    return (
        f'<span class="badge st-{status.value}">{GLYPHS[status]} '
        f"{esc(status_label(status, lang))}</span>"
    )


def _score_bar(score: float | None) -> str:
    width = 0.0 if score is None else score
    return (
        '<svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">'
        '<rect width="100" height="8" rx="2" fill="#e4e7eb"/>'
        f'<rect width="{width:.1f}" height="8" rx="2" fill="{rate_colour(score)}"/></svg>'
    )


def _header(report: Report, lang: str) -> list[str]:
    agency = report.agency
    rows = [
        (
            word("agency", lang),
            f"{esc(agency.name)} <span class=muted>({esc(agency.kind)}, "
            f"{esc(agency.province)})</span>",
        ),
        (word("period", lang), f"{esc(report.period_start)} – {esc(report.period_end)}"),
        (word("submitted", lang), esc(report.submitted)),
        (
            word("rules", lang),
            f"{esc(report.ruleset_name)} {esc(report.ruleset_version)} "
            f'<code title="sha256 {esc(report.ruleset_digest)}">sha256 '
            f"{esc(report.ruleset_digest[:12])}</code>",
        ),
        (word("file", lang), f"<code>{esc(report.submission_path)}</code>"),
    ]
    if report.as_of:
        rows.append((word("as_of", lang), esc(report.as_of)))
    out = [f"<header>\n<h1>{esc(word('title', lang))}</h1>\n<dl class=meta>\n"]
    out += [f"<dt>{esc(term)}</dt><dd>{value}</dd>\n" for term, value in rows]
    out.append("</dl>\n")
    note = version_note(report, lang)
    if note:
        out.append(f'<p class="warn">{esc(note)}</p>\n')
    out.append("</header>\n")
    return out


def _summary(report: Report, lang: str) -> list[str]:
    counts = report.counts()
    out = [
        f"<section>\n<h2>{esc(word('summary', lang))}</h2>\n<div class=score>"
        f"<span>{esc(word('score', lang))}:</span> <span class=value>{esc(score_text(report, lang))}"
        f"</span>{_score_bar(report.score())}</div>\n<ul class=counts>\n"
    ]
    for status in Status:
        zero = "" if counts[status] else " zero"
        out.append(
            f'<li class="st-{status.value}{zero}"><span class=n>{counts[status]}</span>'
            f"{GLYPHS[status]} {esc(status_label(status, lang))}</li>\n"
        )
    out.append("</ul>\n")
    if not report.obligations:
        out.append(f"<p>{esc(word('no_rules', lang))}</p>\n")
    else:
        out.append(
            f"<h3>{esc(word('contents', lang))}</h3>\n<div class=scroll><table class=toc>"
            f"<thead><tr><th>{esc(word('status', lang))}</th><th>{esc(word('obligation', lang))}"
            f"</th><th>{esc(word('severity', lang).capitalize())}</th></tr></thead>\n<tbody>\n"
        )
        for index, result in enumerate(report.obligations, 1):
            rule = result.rule
            out.append(
                f'<tr><td>{_badge(result.status, lang)}</td><td><a href="#o{index}"><code>'
                f"{esc(rule.id)}</code></a> {esc(rule.title.get(lang))}</td>"
                f"<td>{esc(severity_label(rule.severity, lang))}</td></tr>\n"
            )
        out.append("</tbody></table></div>\n")
    out.append("</section>\n")
    return out


def _obligation(report: Report, result: ObligationResult, index: int, lang: str) -> str:
    rule, citation = result.rule, result.rule.citation
    out = [
        f'<article class="obl st-{result.status.value}" id="o{index}">\n<header>'
        f"{_badge(result.status, lang)} <code>{esc(rule.id)}</code> "
        f"<h3>{esc(rule.title.get(lang))}</h3> <span class=sev>{esc(word('severity', lang))}: "
        f"{esc(severity_label(rule.severity, lang))}</span></header>\n"
    ]
    if result.findings:
        out.append("<ul class=findings>\n")
        for finding in result.findings:
            out.append(
                f"<li><code>{esc(_where(report, finding))}</code>: {esc(finding.message.get(lang))} "
                f"<span class=ptr>({esc(finding.pointer)})</span></li>\n"
            )
        out.append("</ul>\n")
    if result.advice:
        out.append("<ul class=notes>\n")
        out += [
            f"<li>{esc(word('advice', lang))}: <code>{esc(_where(report, a))}</code>: "
            f"{esc(a.message.get(lang))}</li>\n"
            for a in result.advice
        ]
        out.append("</ul>\n")
    if result.notes:
        out.append("<ul class=notes>\n")
        out += [
            f"<li>{esc(word('note', lang))}: {esc(note.get(lang))}</li>\n" for note in result.notes
        ]
        out.append("</ul>\n")
    out.append(
        f"<blockquote>“{esc(citation.quote)}”<footer>{esc(word('source', lang))}: "
        f"{esc(citation.kind)} {esc(citation.document)} ({esc(citation.issuer)}, "
        f"{esc(citation.date)}), {esc(citation.clause)}</footer></blockquote>\n</article>\n"
    )
    return "".join(out)


def _rest(report: Report, lang: str) -> list[str]:
    out = []
    if report.no_longer_binding:
        out.append(f"<section>\n<h2>{esc(word('ended', lang))}</h2>\n<ul>\n")
        out += [
            f"<li><code>{esc(item.rule_id)}</code> {esc(item.title.get(lang))}: "
            f"{esc(item.reason.get(lang))}</li>\n"
            for item in report.no_longer_binding
        ]
        out.append("</ul>\n</section>\n")
    if report.general_findings:
        out.append(f"<section>\n<h2>{esc(word('other', lang))}</h2>\n<ul class=findings>\n")
        out += [
            f"<li><code>{esc(_where(report, f))}</code>: {esc(f.message.get(lang))}</li>\n"
            for f in report.general_findings
        ]
        out.append("</ul>\n</section>\n")
    out.append(
        f"<footer class=doc-foot>{esc(word('produced_by', lang).format(version=report.engine_version))}"
        f" · {esc(word('file', lang))} sha256 <code>{esc(report.submission_sha256)}</code>"
        f" · {esc(word('rules', lang))} sha256 <code>{esc(report.ruleset_digest)}</code></footer>\n"
    )
    return out


def render_html(report: Report, lang: str = "vi", colour: bool = False) -> str:
    """The report as one HTML document; ``colour`` is ignored (the page always has colour)."""
    body = [*_header(report, lang), *_summary(report, lang)]
    if report.obligations:
        body.append(f"<section>\n<h2>{esc(word('details', lang))}</h2>\n")
        body += [
            _obligation(report, result, index, lang)
            for index, result in enumerate(report.obligations, 1)
        ]
        body.append("</section>\n")
    body += _rest(report, lang)
    title = f"{word('title', lang)} — {report.agency.name}"
    return "".join(page(lang=lang, title=title, css=REPORT_CSS, body=body))
