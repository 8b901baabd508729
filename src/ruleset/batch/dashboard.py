"""``--summary html``: one self-contained dashboard file for the people who read a whole batch.

Agencies ranked by score (worst first), obligations ranked by compliance with their titles, a
roll-up per province, the agency × obligation matrix with filters (inline script, works offline),
links to each agency's own report, and every unreadable file with its reason. Charts are inline
SVG. The page is streamed to disk; only one small record per agency is held, for the ranking.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ruleset.model import Status
from ruleset.output import write_atomically_from
from ruleset.reporters.html_assets import (
    DASHBOARD_CSS,
    DASHBOARD_JS,
    GLYPHS,
    bar_chart,
    esc,
    page,
    percent,
)
from ruleset.reporters.wording import status_label, word
from ruleset.rules.ruleset import RuleSet
from ruleset.rules.vocabulary import fold

STATUSES = {status.value: status for status in Status}


@dataclass(frozen=True, slots=True)
class _Agency:
    """What the ranking and the matrix show of one submission."""

    score: float | None
    order: int  # position in input order: ties keep it, so the page is deterministic
    file: str
    name: str
    agency_id: str
    kind: str
    province: str
    period: str
    report: str | None
    statuses: tuple[str, ...]  # one per matrix column, "" where the rule does not bind


@dataclass(frozen=True)
class _Gathered:
    agencies: list[_Agency]
    unreadable: list[tuple[str, str]]
    provinces: dict[str, tuple[int, float, int, Counter[str]]]  # n, score sum, scored, statuses


def _gather(rows: Iterable[Mapping[str, Any]], columns: list[str]) -> _Gathered:
    agencies: list[_Agency] = []
    unreadable: list[tuple[str, str]] = []
    provinces: dict[str, tuple[int, float, int, Counter[str]]] = {}
    for order, row in enumerate(rows):
        if "error" in row:
            unreadable.append((str(row["file"]), str(row["error"])))
            continue
        statuses: Mapping[str, str] = row["statuses"]
        score = row["score"]
        province = str(row["province"])
        n, total, scored, counts = provinces.get(province, (0, 0.0, 0, Counter()))
        counts.update(statuses.values())
        provinces[province] = (
            n + 1,
            total + (score or 0.0),
            scored + (score is not None),
            counts,
        )
        agencies.append(
            _Agency(
                score=score,
                order=order,
                file=str(row["file"]),
                name=str(row["agency_name"]),
                agency_id=str(row["agency_id"]),
                kind=str(row["agency_kind"]),
                province=province,
                period=f"{row['period_start']} – {row['period_end']}",
                report=row.get("report"),
                statuses=tuple(statuses.get(rule_id, "") for rule_id in columns),
            )
        )
    agencies.sort(key=lambda a: (a.score is None, a.score or 0.0, a.order))
    return _Gathered(agencies, unreadable, provinces)


def _rate(counts: Mapping[str, int]) -> float | None:
    judged = sum(n for status, n in counts.items() if status != Status.NOT_APPLICABLE.value)
    return round(100.0 * counts.get(Status.MET.value, 0) / judged, 1) if judged else None


def _status_cells(counts: Mapping[str, int]) -> str:
    return "".join(f'<td class="num">{counts.get(s.value, 0)}</td>' for s in Status)


def _status_heads(lang: str) -> str:
    return "".join(
        f'<th class="num st-{s.value}" title="{esc(status_label(s, lang))}">{GLYPHS[s]}</th>'
        for s in Status
    )


@dataclass(frozen=True)
class _Page:
    """The sections of the dashboard, in one language, for one gathered batch."""

    rule_set: RuleSet
    totals: Mapping[str, Any]
    lang: str
    columns: list[str]

    def w(self, key: str) -> str:
        """A word of the page, escaped."""
        return esc(word(key, self.lang))

    def title_of(self, rule_id: str) -> str:
        rule = self.rule_set.rule(rule_id)
        return rule.title.get(self.lang) if rule else ""

    def province_name(self, province: str) -> str:
        if province == "national":
            return word("national", self.lang)
        term = self.rule_set.provinces.term(province)
        return term.name.get(self.lang) if term else province

    def kind_name(self, kind: str) -> str:
        term = self.rule_set.agency_kinds.term(kind)
        return term.name.get(self.lang) if term else kind

    def header(self) -> str:
        rs, t = self.rule_set, self.totals
        mean = t["mean_score"]
        cards = [
            ("files", t["files"]),
            ("checked", t["checked"]),
            ("unreadable", t["unreadable"]),
            ("with_gaps", t["with_gaps"]),
            ("mean_score", "—" if mean is None else f"{mean:.1f}"),
        ]
        sections = ["by_obligation", "by_province", "ranking", "matrix", "unreadable_files"]
        return (
            f"<header>\n<h1>{self.w('dashboard_title')}</h1>\n<dl class=meta><dt>"
            f"{self.w('rules')}</dt><dd>{esc(rs.name)} {esc(rs.version)} "
            f'<code title="sha256 {esc(rs.digest)}">sha256 {esc(rs.digest[:12])}</code></dd></dl>\n'
            "<div class=cards>"
            + "".join(
                f"<div class=card><span class=n>{esc(value)}</span>{self.w(key)}</div>"
                for key, value in cards
            )
            + '</div>\n<nav class="toc no-print">'
            + "".join(f'<a href="#{key}">{self.w(key)}</a>' for key in sections)
            + "</nav>\n<ul class=legend>"
            + "".join(
                f'<li class="badge st-{s.value}">{GLYPHS[s]} {esc(status_label(s, self.lang))}</li>'
                for s in Status
            )
            + "</ul>\n</header>\n"
        )

    def obligations(self, entries: list[dict[str, Any]]) -> str:
        ranked = sorted(
            (e for e in entries if e["counts"]),
            key=lambda e: (e["compliance_rate"] is None, e["compliance_rate"] or 0.0, e["rule_id"]),
        )
        chart = bar_chart(
            word("by_obligation", self.lang),
            [
                (
                    e["rule_id"],
                    f"{e['rule_id']} — {self.title_of(e['rule_id'])}",
                    e["compliance_rate"],
                )
                for e in ranked
            ],
            label_width=190,
        )
        rows = "".join(
            f"<tr><td><code>{esc(e['rule_id'])}</code></td><td>{esc(self.title_of(e['rule_id']))}"
            f"</td><td class=num>{e['judged']}</td><td class=num>{percent(e['compliance_rate'])}"
            f"</td>{_status_cells(e['counts'])}</tr>\n"
            for e in ranked
        )
        return (
            f'<section id="by_obligation">\n<h2>{self.w("by_obligation")}</h2>\n'
            f"<div class=scroll>{chart}</div>\n<div class=scroll><table><thead><tr><th colspan=2>"
            f"{self.w('obligation')}</th><th class=num>{self.w('judged')}</th>"
            f"<th class=num>{self.w('compliance')}</th>{_status_heads(self.lang)}</tr></thead>"
            f"<tbody>\n{rows}</tbody></table></div>\n</section>\n"
        )

    def provinces(self, provinces: Mapping[str, tuple[int, float, int, Counter[str]]]) -> str:
        names = sorted(provinces, key=lambda p: (fold(self.province_name(p)), p))
        chart = bar_chart(
            word("by_province", self.lang),
            [(self.province_name(p), self.province_name(p), _rate(provinces[p][3])) for p in names],
            label_width=190,
        )
        rows = []
        for p in names:
            n, total, scored, counts = provinces[p]
            mean = f"{total / scored:.1f}" if scored else "—"
            rows.append(
                f"<tr><td>{esc(self.province_name(p))}</td><td class=num>{n}</td>"
                f"<td class=num>{mean}</td><td class=num>{percent(_rate(counts))}</td>"
                f"{_status_cells(counts)}</tr>\n"
            )
        return (
            f'<section id="by_province">\n<h2>{self.w("by_province")}</h2>\n'
            f"<div class=scroll>{chart}</div>\n<div class=scroll><table><thead><tr><th>"
            f"{self.w('province')}</th><th class=num>{self.w('agencies')}</th><th class=num>"
            f"{self.w('mean_score')}</th><th class=num>{self.w('compliance')}</th>"
            f"{_status_heads(self.lang)}</tr></thead><tbody>\n{''.join(rows)}</tbody></table>"
            "</div>\n</section>\n"
        )

    def filters(self, gathered: _Gathered) -> str:
        provinces = sorted(gathered.provinces, key=lambda p: (fold(self.province_name(p)), p))
        total = len(gathered.agencies)
        return (
            '<div id="filters" class="filters no-print" role="search" hidden>'
            f'<label for="f-province">{self.w("province")}<select id="f-province">'
            f'<option value="">{self.w("all")}</option>'
            + "".join(
                f'<option value="{esc(p)}">{esc(self.province_name(p))}</option>' for p in provinces
            )
            + f'</select></label><label for="f-status">{self.w("status")}<select id="f-status">'
            f'<option value="">{self.w("any_status")}</option>'
            + "".join(
                f'<option value="{s.value}">{GLYPHS[s]} {esc(status_label(s, self.lang))}</option>'
                for s in Status
            )
            + f'</select></label><label for="f-query">{self.w("search")}'
            '<input id="f-query" type="search" autocomplete="off"></label>'
            f"<p>{self.w('shown')} <output class=shown>{total}</output>/{total}. "
            f"{self.w('filter_note')}</p></div>\n"
        )

    def _row_attributes(self, agency: _Agency) -> str:
        present = sorted({s for s in agency.statuses if s in STATUSES})
        search = fold(f"{agency.name} {agency.agency_id} {agency.file}")
        return (
            f'data-p="{esc(agency.province)}" data-s="{" ".join(present)}" data-q="{esc(search)}"'
        )

    def _agency_cell(self, agency: _Agency, tag: str, css: str) -> str:
        name = esc(agency.name)
        if agency.report:
            name = f'<a href="{esc(quote(agency.report))}">{name}</a>'
        return f'<{tag} class="{css}">{name}<span class=file>{esc(agency.file)}</span></{tag}>'

    def ranking(self, agencies: list[_Agency]) -> Iterator[str]:
        yield (
            f'<section id="ranking">\n<h2>{self.w("ranking")}</h2>\n<div class=scroll>'
            f'<table id="ranking-table"><thead><tr><th class=num>{self.w("rank")}</th><th>'
            f"{self.w('agency')}</th><th>{self.w('province')}</th><th>{self.w('kind')}</th><th>"
            f"{self.w('period')}</th><th class=num>{self.w('score')}</th><th class=num>"
            f"{self.w('gaps')}</th></tr></thead><tbody>\n"
        )
        for rank, agency in enumerate(agencies, 1):
            score = agency.score
            band = "" if score is None else "low" if score < 50 else "mid" if score < 80 else "high"
            gaps = sum(1 for s in agency.statuses if s in STATUSES and STATUSES[s].is_gap)
            yield (
                f"<tr {self._row_attributes(agency)}><td class=num>{rank}</td>"
                f"{self._agency_cell(agency, 'td', 'ag')}<td>{esc(self.province_name(agency.province))}"
                f"</td><td>{esc(self.kind_name(agency.kind))}</td><td>{esc(agency.period)}</td>"
                f'<td class="num sc-{band}">{"—" if score is None else f"{score:.1f}"}</td>'
                f"<td class=num>{gaps}</td></tr>\n"
            )
        yield "</tbody></table></div>\n</section>\n"

    def matrix(self, agencies: list[_Agency]) -> Iterator[str]:
        heads = "".join(
            f'<th class=rot title="{esc(self.title_of(r))}"><span>{esc(r)}</span></th>'
            for r in self.columns
        )
        yield (
            f'<section id="matrix">\n<h2>{self.w("matrix")}</h2>\n'
            f'<div class=matrix-wrap><table id="matrix-table" data-status=""><thead><tr>'
            f"<th class=ag>{self.w('agency')}</th><th class=num>{self.w('score')}</th>{heads}"
            "</tr></thead><tbody>\n"
        )
        for agency in agencies:
            cells = "".join(
                f'<td class="c st-{s}">{GLYPHS[STATUSES[s]]}</td>' if s in STATUSES else "<td></td>"
                for s in agency.statuses
            )
            score = "—" if agency.score is None else f"{agency.score:.1f}"
            yield (
                f"<tr {self._row_attributes(agency)}>{self._agency_cell(agency, 'th', 'ag')}"
                f"<td class=num>{score}</td>{cells}</tr>\n"
            )
        yield "</tbody></table></div>\n</section>\n"

    def unreadable(self, unreadable: list[tuple[str, str]]) -> str:
        out = [f'<section id="unreadable_files">\n<h2>{self.w("unreadable_files")}</h2>\n']
        if not unreadable:
            out.append(f"<p>{self.w('all_readable')}</p>\n")
        else:
            out.append(
                f"<div class=scroll><table><thead><tr><th>{self.w('file')}</th><th>"
                f"{self.w('reason')}</th></tr></thead><tbody>\n"
            )
            out += [
                f"<tr><td><code>{esc(file)}</code></td><td><pre class=reason>{esc(reason)}</pre>"
                "</td></tr>\n"
                for file, reason in unreadable
            ]
            out.append("</tbody></table></div>\n")
        out.append("</section>\n")
        return "".join(out)


def write_dashboard(
    out_dir: str,
    rule_set: RuleSet,
    totals: Mapping[str, Any],
    obligations: list[dict[str, Any]],
    rows: Iterable[Mapping[str, Any]],
    lang: str = "vi",
) -> list[str]:
    """Write ``summary.html`` atomically from the aggregator's totals, obligations and rows."""
    columns = sorted(str(e["rule_id"]) for e in obligations if e["counts"])
    gathered = _gather(rows, columns)
    sections = _Page(rule_set, totals, lang, columns)

    def body() -> Iterator[str]:
        yield sections.header()
        yield sections.obligations(obligations)
        yield sections.provinces(gathered.provinces)
        yield sections.filters(gathered)
        yield from sections.ranking(gathered.agencies)
        yield from sections.matrix(gathered.agencies)
        yield sections.unreadable(gathered.unreadable)

    path = os.path.join(out_dir, "summary.html")
    title = f"{word('dashboard_title', lang)} — {rule_set.name} {rule_set.version}"
    write_atomically_from(
        path, page(lang=lang, title=title, css=DASHBOARD_CSS, body=body(), script=DASHBOARD_JS)
    )
    return [path]
