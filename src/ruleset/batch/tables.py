"""The batch summary for people: the overview printed on the terminal, Markdown and CSV files,
in the language of ``--lang``; agencies by name, worst score first."""

from __future__ import annotations

import csv
import heapq
import io
import itertools
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ruleset.model import Status
from ruleset.output import write_atomically_from
from ruleset.text import Lang, Text

if TYPE_CHECKING:
    from ruleset.batch.aggregate import Aggregator

SYMBOL = {
    Status.MET: "✓",
    Status.PARTIALLY_MET: "◐",
    Status.NOT_MET: "✗",
    Status.CLAIMED_WITHOUT_EVIDENCE: "?",
    Status.MISSING: "–",
    Status.NOT_APPLICABLE: "n/a",
}
BOM = "\ufeff"  # Excel on Windows reads a CSV as UTF-8 only when it starts with one
WORDS = {
    "title": Text("Tổng hợp rà soát", "Batch summary"),
    "files": Text("Tệp", "Files"),
    "checked": Text("đã kiểm", "checked"),
    "unreadable": Text("không đọc được", "unreadable"),
    "skipped": Text("bỏ qua", "skipped"),
    "with_gaps": Text("có thiếu sót", "with gaps"),
    "mean": Text("điểm trung bình", "mean score"),
    "obligation": Text("Nhiệm vụ", "Obligation"),
    "judged": Text("Số cơ quan được chấm", "Judged"),
    "compliance": Text("Tỉ lệ đạt", "Compliance"),
    "agencies": Text("Cơ quan, điểm thấp nhất trước", "Agencies, lowest score first"),
    "agency": Text("Cơ quan", "Agency"),
    "province": Text("Tỉnh", "Province"),
    "score": Text("Điểm", "Score"),
    "file": Text("Tệp", "File"),
    "matrix": Text("Ma trận cơ quan × nhiệm vụ", "Agency × obligation matrix"),
    "unreadable_files": Text("Tệp không đọc được", "Unreadable files"),
    "skipped_files": Text("Tệp bỏ qua", "Skipped files"),
    "more": Text(
        "… và {n} tệp khác (xem các tệp tổng hợp)", "… and {n} more (see the summary files)"
    ),
    "error": Text("Lỗi", "Error"),
    "period_start": Text("Từ ngày", "Period start"),
    "period_end": Text("Đến ngày", "Period end"),
    "kind": Text("Loại cơ quan", "Agency kind"),
    "id": Text("Mã cơ quan", "Agency id"),
}


def _w(key: str, lang: Lang) -> str:
    return WORDS[key].get(lang)


def _agencies(
    aggregator: Aggregator, limit: int | None = None
) -> tuple[list[dict[str, object]], int]:
    """Checked rows, worst score first (no score last), then by agency name and file: the first
    ``limit`` of them (all without one) and how many there are. With a limit only that many rows
    are held (the printed overview of 100,000 submissions held every row, ~3 KB each)."""
    count = 0

    def checked() -> Iterator[dict[str, object]]:
        nonlocal count
        for row in aggregator.rows():
            if "statuses" in row:
                count += 1
                yield row

    def key(row: dict[str, object]) -> tuple[bool, float, str, str]:
        score = row["score"]
        return (
            score is None,
            float(score) if isinstance(score, (int, float)) else 0.0,
            str(row["agency_name"]),
            str(row["file"]),
        )

    rows = (
        sorted(checked(), key=key) if limit is None else heapq.nsmallest(limit, checked(), key=key)
    )
    return rows, count


def overview(aggregator: Aggregator, lang: Lang, markdown: bool = False, max_rows: int = 50) -> str:
    """The part of the summary printed on the terminal (and the head of summary.md)."""
    t = aggregator.totals()
    rs = aggregator.rule_set
    mean = "—" if t["mean_score"] is None else f"{t['mean_score']:.1f}"
    titles = {rule.id: rule.title.get(lang) for rule in rs.rules}
    statuses = [status.label.get(lang) for status in Status]
    out = [
        f"{'# ' if markdown else ''}{_w('title', lang)} — {rs.name} {rs.version}",
        "",
        f"{_w('files', lang)}: {t['files']}; {_w('checked', lang)}: {t['checked']}; "
        f"{_w('unreadable', lang)}: {t['unreadable']}; {_w('skipped', lang)}: {t['skipped']}; "
        f"{_w('with_gaps', lang)}: {t['with_gaps']}; {_w('mean', lang)}: {mean}",
        "",
        f"| {_w('obligation', lang)} | {_w('judged', lang)} | {_w('compliance', lang)} | "
        + " | ".join(statuses)
        + " |",
        "|---|---:|---:|" + "---:|" * len(statuses),
    ]
    for entry in aggregator.obligations():
        counts = entry["counts"]
        assert isinstance(counts, dict)
        if not entry["judged"] and not counts:
            continue
        rate = "—" if entry["compliance_rate"] is None else f"{entry['compliance_rate']:.1f}%"
        rule_id = str(entry["rule_id"])
        out.append(
            f"| {rule_id} {titles.get(rule_id, '')} | {entry['judged']} | {rate} | "
            + " | ".join(str(counts.get(s.value, 0)) for s in Status)
            + " |"
        )
    agencies, count = _agencies(aggregator, max_rows)
    if agencies:
        out += ["", f"{'## ' if markdown else ''}{_w('agencies', lang)}", ""]
        out += [
            f"| {_w('agency', lang)} | {_w('province', lang)} | {_w('score', lang)} | {_w('file', lang)} |",
            "|---|---|---:|---|",
        ]
        for row in agencies:
            score = "—" if row["score"] is None else f"{row['score']:.1f}"
            out.append(f"| {row['agency_name']} | {row['province']} | {score} | {row['file']} |")
        if count > max_rows:
            out.append(WORDS["more"].format(n=count - max_rows).get(lang))
    for kind, key, count in (
        ("error", "unreadable_files", aggregator.unreadable),
        ("skipped", "skipped_files", aggregator.skipped),
    ):
        listed = list(itertools.islice((r for r in aggregator.rows() if kind in r), max_rows))
        if listed:
            out += ["", f"{'## ' if markdown else ''}{_w(key, lang)}:"]
            out += [f"- {row['file']}: {str(row[kind]).splitlines()[0]}" for row in listed]
            if count > max_rows:
                out.append("- " + WORDS["more"].format(n=count - max_rows).get(lang))
    return "\n".join(out) + "\n"


def write_markdown(aggregator: Aggregator, out_dir: str, lang: Lang) -> list[str]:
    path = os.path.join(out_dir, "summary.md")
    rule_ids = aggregator.rule_ids

    def lines() -> Iterator[str]:
        yield overview(aggregator, lang, markdown=True, max_rows=10**9)
        yield f"\n## {_w('matrix', lang)}\n\n"
        yield " · ".join(f"{SYMBOL[s]} {s.label.get(lang)}" for s in Status) + "\n\n"
        yield f"| {_w('agency', lang)} | {_w('score', lang)} | " + " | ".join(rule_ids) + " |\n"
        yield "|---|---:|" + "---|" * len(rule_ids) + "\n"
        for row in _agencies(aggregator)[0]:
            statuses = row["statuses"]
            assert isinstance(statuses, dict)
            cells = [SYMBOL[Status(statuses[r])] if r in statuses else "" for r in rule_ids]
            score = "" if row["score"] is None else f"{row['score']:.1f}"
            yield (
                f"| {row['agency_name']} ({row['file']}) | {score} | " + " | ".join(cells) + " |\n"
            )

    write_atomically_from(path, lines())
    return [path]


def _csv_line(values: Sequence[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()


def write_csv(aggregator: Aggregator, out_dir: str, lang: Lang) -> list[str]:
    """Three CSV files for spreadsheets: UTF-8 with a byte-order mark, headers in ``lang``."""
    rule_ids = aggregator.rule_ids
    fixed = [
        "file",
        "agency_id",
        "agency_name",
        "agency_kind",
        "province",
        "period_start",
        "period_end",
        "score",
    ]
    heads = ["file", "id", "agency", "kind", "province", "period_start", "period_end", "score"]
    matrix = os.path.join(out_dir, "summary.csv")

    def matrix_lines() -> Iterator[str]:
        yield BOM + _csv_line([_w(h, lang) for h in heads] + rule_ids)
        for row in aggregator.rows():  # in the order of the inputs, like the reports
            if "statuses" not in row:
                continue
            statuses = row["statuses"]
            assert isinstance(statuses, dict)
            labels = [
                Status(statuses[r]).label.get(lang) if r in statuses else "" for r in rule_ids
            ]
            yield _csv_line([row[k] if row[k] is not None else "" for k in fixed] + labels)

    obligations = os.path.join(out_dir, "summary-obligations.csv")

    def obligation_lines() -> Iterator[str]:
        titles = {rule.id: rule.title.get(lang) for rule in aggregator.rule_set.rules}
        yield BOM + _csv_line(
            [_w("obligation", lang), "", _w("judged", lang), _w("compliance", lang)]
            + [s.label.get(lang) for s in Status]
        )
        for entry in aggregator.obligations():
            counts = entry["counts"]
            assert isinstance(counts, dict)
            rate = entry["compliance_rate"]
            rule_id = str(entry["rule_id"])
            yield _csv_line(
                [rule_id, titles.get(rule_id, ""), entry["judged"], "" if rate is None else rate]
                + [counts.get(s.value, 0) for s in Status]
            )

    unreadable = os.path.join(out_dir, "summary-unreadable.csv")

    def unreadable_lines() -> Iterator[str]:
        yield BOM + _csv_line([_w("file", lang), _w("error", lang)])
        for row in aggregator.rows():
            if "error" in row:
                yield _csv_line([row["file"], row["error"]])

    write_atomically_from(matrix, matrix_lines())
    write_atomically_from(obligations, obligation_lines())
    write_atomically_from(unreadable, unreadable_lines())
    return [matrix, obligations, unreadable]
