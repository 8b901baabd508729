"""Fold batch results into a summary without holding them: counters in memory (one per rule),
per-submission rows spooled to disk and streamed into the summary files at the end."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from typing import IO

from ruleset.batch.dashboard import write_dashboard
from ruleset.batch.work import ItemResult
from ruleset.batch.xlsx_summary import xlsx_summary_writer
from ruleset.errors import Exit
from ruleset.model import Severity, Status
from ruleset.output import write_atomically_from
from ruleset.rules.ruleset import RuleSet

SUMMARY_FORMAT = "ruleset/batch-summary@1"
SYMBOL = {
    "met": "✓",
    "partially_met": "◐",
    "not_met": "✗",
    "claimed_without_evidence": "?",
    "missing": "–",
    "not_applicable": "n/a",
}
STATUS_ORDER = [s.value for s in Status]


class Aggregator:
    """Counts per obligation and per outcome; rows go to a spool file, not to memory."""

    def __init__(self, rule_set: RuleSet, fail_on: Severity, spool_dir: str | None) -> None:
        self.rule_set = rule_set
        self.rule_ids = [rule.id for rule in rule_set.rules]
        self.fail_on = fail_on
        self.per_rule: dict[str, Counter[str]] = {rid: Counter() for rid in self.rule_ids}
        self.files = self.checked = self.unreadable = self.skipped = self.with_gaps = 0
        self.score_total = 0.0
        self.scored = 0
        # The spool lives as long as the aggregator; close() ends it.
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=spool_dir)  # noqa: SIM115

    def add(self, result: ItemResult) -> None:
        self.files += 1
        if result.skipped is not None:
            self.skipped += 1
            self._spool.write(
                json.dumps({"file": result.display, "skipped": result.skipped}, ensure_ascii=False)
                + "\n"
            )
            return
        if result.error is not None:
            self.unreadable += 1
            self._spool.write(
                json.dumps({"file": result.display, "error": result.error}, ensure_ascii=False)
                + "\n"
            )
            return
        self.checked += 1
        for rule_id, status in result.statuses:
            self.per_rule.setdefault(rule_id, Counter())[status] += 1
        if result.score is not None:
            self.score_total += result.score
            self.scored += 1
        if result.worst_gap is not None and result.worst_gap.rank >= self.fail_on.rank:
            self.with_gaps += 1
        row = {
            "file": result.display,
            "report": result.report,
            "agency_id": result.agency_id,
            "agency_name": result.agency_name,
            "agency_kind": result.agency_kind,
            "province": result.province,
            "period_start": result.period_start,
            "period_end": result.period_end,
            "score": None if result.score is None else round(result.score, 1),
            "statuses": dict(result.statuses),
        }
        self._spool.write(json.dumps(row, ensure_ascii=False) + "\n")

    @property
    def exit_code(self) -> Exit:
        """The worst over all submissions: 2 unreadable, 1 a gap at or above --fail-on, else 0."""
        return Exit.INPUT if self.unreadable else Exit.GAPS if self.with_gaps else Exit.OK

    def _rows(self) -> Iterator[dict[str, object]]:
        self._spool.flush()
        self._spool.seek(0)
        for line in self._spool:
            yield json.loads(line)

    def obligations(self) -> list[dict[str, object]]:
        out = []
        for rule_id in sorted(self.per_rule):
            counts = self.per_rule[rule_id]
            judged = sum(n for status, n in counts.items() if status != "not_applicable")
            rate = round(100.0 * counts["met"] / judged, 1) if judged else None
            out.append(
                {
                    "rule_id": rule_id,
                    "judged": judged,
                    "compliance_rate": rate,
                    "counts": {status: counts[status] for status in STATUS_ORDER if counts[status]},
                }
            )
        return out

    def totals(self) -> dict[str, object]:
        return {
            "files": self.files,
            "checked": self.checked,
            "unreadable": self.unreadable,
            "skipped": self.skipped,
            "with_gaps": self.with_gaps,
            "mean_score": round(self.score_total / self.scored, 1) if self.scored else None,
        }

    # ---- writers -------------------------------------------------------------------------
    def write(self, out_dir: str, fmt: str, lang: str = "vi") -> list[str]:
        """Write the summary files atomically; returns their paths."""
        writers: dict[str, Callable[[str], list[str]]] = {
            "json": self._write_json,
            "csv": self._write_csv,
            "markdown": self._write_markdown,
            "html": lambda directory: write_dashboard(
                directory, self.rule_set, self.totals(), self.obligations(), self._rows(), lang
            ),
            "xlsx": xlsx_summary_writer(self),
        }
        return writers[fmt](out_dir)

    def _header(self) -> dict[str, object]:
        rs = self.rule_set
        return {
            "format": SUMMARY_FORMAT,
            "ruleset": {"name": rs.name, "version": rs.version, "digest": rs.digest},
        }

    def _write_json(self, out_dir: str) -> list[str]:
        path = os.path.join(out_dir, "summary.json")

        def chunks() -> Iterator[str]:
            head = dict(self._header(), totals=self.totals(), obligations=self.obligations())
            text = json.dumps(head, ensure_ascii=False, indent=2)
            yield text[:-2] + ',\n  "agencies": ['
            first = True
            errors = []
            skipped = []
            for row in self._rows():
                if "error" in row:
                    errors.append(row)  # bounded by the number of unreadable files
                    continue
                if "skipped" in row:
                    skipped.append(row)
                    continue
                yield ("\n    " if first else ",\n    ") + json.dumps(
                    row, ensure_ascii=False, sort_keys=True
                )
                first = False
            yield ("\n  " if not first else "") + '],\n  "unreadable": '
            yield json.dumps(errors, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            yield ',\n  "skipped": '
            yield json.dumps(skipped, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n"

        write_atomically_from(path, chunks())
        return [path]

    def _write_csv(self, out_dir: str) -> list[str]:
        def csv_line(values: list[object]) -> str:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerow(values)
            return buffer.getvalue()

        matrix = os.path.join(out_dir, "summary.csv")
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

        def matrix_lines() -> Iterator[str]:
            yield csv_line([*fixed, *self.rule_ids])
            for row in self._rows():
                if "statuses" not in row:
                    continue
                statuses = row["statuses"]
                assert isinstance(statuses, dict)
                yield csv_line(
                    [row[k] if row[k] is not None else "" for k in fixed]
                    + [statuses.get(r, "") for r in self.rule_ids]
                )

        write_atomically_from(matrix, matrix_lines())
        obligations = os.path.join(out_dir, "summary-obligations.csv")

        def obligation_lines() -> Iterator[str]:
            yield csv_line(["rule_id", "judged", "compliance_rate", *STATUS_ORDER])
            for entry in self.obligations():
                counts = entry["counts"]
                assert isinstance(counts, dict)
                rate = entry["compliance_rate"]
                yield csv_line(
                    [
                        entry["rule_id"],
                        entry["judged"],
                        "" if rate is None else rate,
                        *(counts.get(s, 0) for s in STATUS_ORDER),
                    ]
                )

        write_atomically_from(obligations, obligation_lines())
        unreadable = os.path.join(out_dir, "summary-unreadable.csv")
        write_atomically_from(
            unreadable,
            iter(
                [csv_line(["file", "error"])]
                + [csv_line([r["file"], r["error"]]) for r in self._rows() if "error" in r]
            ),
        )
        return [matrix, obligations, unreadable]

    def _write_markdown(self, out_dir: str) -> list[str]:
        path = os.path.join(out_dir, "summary.md")

        def lines() -> Iterator[str]:
            yield self.render_overview(markdown=True)
            yield "\n## Ma trận / matrix\n\n"
            yield "✓ đạt/met · ◐ một phần/partial · ✗ không đạt/not met · ? thiếu minh chứng/no evidence · – chưa báo cáo/missing · n/a không áp dụng\n\n"
            yield "| file | agency | score | " + " | ".join(self.rule_ids) + " |\n"
            yield "|---|---|---|" + "---|" * len(self.rule_ids) + "\n"
            for row in self._rows():
                if "statuses" not in row:
                    continue
                statuses = row["statuses"]
                assert isinstance(statuses, dict)
                cells = [SYMBOL.get(statuses.get(r, ""), "") for r in self.rule_ids]
                score = "" if row["score"] is None else f"{row['score']:.1f}"
                yield (
                    f"| {row['file']} | {row['agency_name']} | {score} | "
                    + " | ".join(cells)
                    + " |\n"
                )

        write_atomically_from(path, lines())
        return [path]

    def render_overview(self, markdown: bool = False, max_errors: int = 50) -> str:
        """The part of the summary printed on the terminal."""
        t = self.totals()
        rs = self.rule_set
        mean = "—" if t["mean_score"] is None else f"{t['mean_score']:.1f}"
        out = [
            f"{'# ' if markdown else ''}Tổng hợp / batch summary — {rs.name} {rs.version}",
            "",
            f"Tệp / files: {t['files']}; đã kiểm / checked: {t['checked']}; không đọc được / unreadable: "
            f"{t['unreadable']}; bỏ qua / skipped: {t['skipped']}; có thiếu sót / with gaps: {t['with_gaps']}; điểm trung bình / mean score: {mean}",
            "",
            "| nhiệm vụ / obligation | chấm / judged | tỉ lệ đạt / compliance | "
            + " | ".join(STATUS_ORDER)
            + " |",
            "|---|---:|---:|" + "---:|" * len(STATUS_ORDER),
        ]
        for entry in self.obligations():
            if not entry["judged"] and not entry["counts"]:
                continue
            counts = entry["counts"]
            assert isinstance(counts, dict)
            rate = "—" if entry["compliance_rate"] is None else f"{entry['compliance_rate']:.1f}%"
            out.append(
                f"| {entry['rule_id']} | {entry['judged']} | {rate} | "
                + " | ".join(str(counts.get(s, 0)) for s in STATUS_ORDER)
                + " |"
            )
        errors = [r for r in self._rows() if "error" in r][: max_errors + 1]
        if errors:
            out += ["", "Không đọc được / unreadable files:"]
            for row in errors[:max_errors]:
                first = str(row["error"]).splitlines()[0]
                out.append(f"- {first}")
            if self.unreadable > max_errors:
                out.append(f"- … {self.unreadable - max_errors} more (see the summary files)")
        skipped = [r for r in self._rows() if "skipped" in r][:max_errors]
        if skipped:
            out += ["", "Bỏ qua / skipped:"]
            out += [f"- {row['file']}: {row['skipped']}" for row in skipped]
            if self.skipped > max_errors:
                out.append(f"- … {self.skipped - max_errors} more (see summary.json)")
        return "\n".join(out) + "\n"

    def close(self) -> None:
        self._spool.close()
