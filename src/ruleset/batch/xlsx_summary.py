"""``batch --summary xlsx``: the summary as a workbook, for the people who read it in Excel.

Sheets: an overview (totals, compliance per obligation, the colour legend), the agency ×
obligation matrix with each cell filled by its status and the obligation titles under their ids,
agencies ranked by score, one row per province, and the files that could not be read. Numbers are
numbers (scores and rates can be sorted and charted). Written in openpyxl's write-only mode, row
by row from the aggregator's spool, so memory stays flat as the batch grows; only the ranking
(one short tuple per submission) is held to be sorted.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections import Counter
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ruleset.documents.xlsx_container import FIXED_TIME, reproducible
from ruleset.model import Status
from ruleset.output import write_atomically_from
from ruleset.reporters.wording import status_label

if TYPE_CHECKING:
    from ruleset.batch.aggregate import Aggregator

FILLS = {
    Status.MET: "C6EFCE",
    Status.PARTIALLY_MET: "FFEB9C",
    Status.NOT_MET: "FFC7CE",
    Status.CLAIMED_WITHOUT_EVIDENCE: "E4DFEC",
    Status.MISSING: "F8CBAD",
    Status.NOT_APPLICABLE: "D9D9D9",
}
OVERVIEW, MATRIX, RANKING, PROVINCES, UNREADABLE = (
    "Tổng hợp",
    "Ma trận",
    "Xếp hạng",
    "Theo tỉnh",
    "Không đọc được",
)
_FIXED = [
    ("Tệp", "File", "file", 36),
    ("Mã cơ quan", "Agency id", "agency_id", 16),
    ("Cơ quan", "Agency", "agency_name", 36),
    ("Loại cơ quan", "Kind", "agency_kind", 16),
    ("Tỉnh", "Province", "province", 14),
    ("Từ ngày", "Period start", "period_start", 12),
    ("Đến ngày", "Period end", "period_end", 12),
    ("Điểm", "Score", "score", 8),
]


def write_xlsx_summary(aggregator: Aggregator, out_dir: str) -> list[str]:
    """Write ``summary.xlsx`` atomically; returns its path."""
    book = Workbook(write_only=True)
    book.properties.creator = "ruleset"
    book.properties.created = FIXED_TIME
    _Writer(book, aggregator).write()
    stream = io.BytesIO()
    book.save(stream)
    path = os.path.join(out_dir, "summary.xlsx")
    write_atomically_from(path, iter([reproducible(stream.getvalue())]))
    return [path]


class _Writer:
    def __init__(self, book: Any, aggregator: Aggregator) -> None:
        self.book, self.aggregator = book, aggregator
        self.bold, self.italic = Font(bold=True), Font(italic=True, color="595959")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.fills = {status: PatternFill("solid", fgColor=rgb) for status, rgb in FILLS.items()}

    def cell(self, sheet: Any, value: Any, **style: Any) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def value(self, sheet: Any, value: Any, key: str) -> Any:
        """Dates as dates and scores as numbers, so that Excel sorts and filters them."""
        if key.startswith("period_") and isinstance(value, str):
            return self.cell(sheet, dt.date.fromisoformat(value), number_format="dd/mm/yyyy")
        if key == "score" and value is not None:
            return self.cell(sheet, value, number_format="0.0")
        return value

    def sheet(self, title: str, headers: list[tuple[str, str, int]], freeze: str) -> Any:
        """A sheet with Vietnamese headers, English below, widths, frozen panes, A4 landscape."""
        sheet = self.book.create_sheet(title)
        for index, (_, _, width) in enumerate(headers, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = freeze
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.append(
            [self.cell(sheet, vi, font=self.bold, alignment=self.wrap) for vi, _, _ in headers]
        )
        sheet.append(
            [self.cell(sheet, en, font=self.italic, alignment=self.wrap) for _, en, _ in headers]
        )
        return sheet

    def write(self) -> None:
        self.overview()
        ranking, provinces = self.matrix()
        self.ranking(ranking)
        self.provinces(provinces)
        self.unreadable()

    def overview(self) -> None:
        totals = self.aggregator.totals()
        rules = self.aggregator.rule_set
        sheet = self.sheet(
            OVERVIEW,
            [
                ("Nhiệm vụ", "Obligation", 20),
                ("Tên nhiệm vụ", "Title", 50),
                ("Số đã chấm", "Judged", 10),
                ("Tỉ lệ đạt (%)", "Compliance (%)", 12),
            ]
            + [(status_label(s, "vi"), status_label(s, "en"), 12) for s in Status],
            "C3",
        )
        for entry in self.aggregator.obligations():
            if not entry["judged"] and not entry["counts"]:
                continue
            rule = rules.rule(str(entry["rule_id"]))
            counts = entry["counts"]
            assert isinstance(counts, dict)
            rate = entry["compliance_rate"]
            sheet.append(
                [
                    entry["rule_id"],
                    self.cell(sheet, rule.title.get("vi") if rule else "", alignment=self.wrap),
                    entry["judged"],
                    None if rate is None else self.cell(sheet, rate, number_format="0.0"),
                    *(counts.get(s.value, 0) for s in Status),
                ]
            )
        sheet.append([])
        labels = [
            ("Tệp / files", "files"),
            ("Đã kiểm / checked", "checked"),
            ("Không đọc được / unreadable", "unreadable"),
            ("Có thiếu sót / with gaps", "with_gaps"),
            ("Điểm trung bình / mean score", "mean_score"),
        ]
        for label, key in labels:
            sheet.append([self.cell(sheet, label, font=self.bold), None, totals[key]])
        sheet.append([])
        for status in Status:  # the legend of the matrix's colours
            label = f"{status_label(status, 'vi')} / {status_label(status, 'en')}"
            sheet.append([self.cell(sheet, label, fill=self.fills[status])])

    def matrix(self) -> tuple[list[tuple[Any, ...]], dict[str, tuple[Counter[str], list[float]]]]:
        """The matrix, streamed; returns the ranking and each province's counts and scores."""
        rule_ids = self.aggregator.rule_ids
        rules = self.aggregator.rule_set
        sheet = self.book.create_sheet(MATRIX)
        for index, (_, _, _, width) in enumerate(_FIXED, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for index in range(len(_FIXED) + 1, len(_FIXED) + len(rule_ids) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 16
        sheet.freeze_panes = f"{get_column_letter(len(_FIXED) + 1)}4"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        titles = [rules.rule(r) for r in rule_ids]
        sheet.append([self.cell(sheet, vi, font=self.bold) for vi, _, _, _ in _FIXED] + rule_ids)
        sheet.append([self.cell(sheet, en, font=self.italic) for _, en, _, _ in _FIXED] + rule_ids)
        sheet.append(
            [None] * len(_FIXED)
            + [
                self.cell(sheet, rule.title.get("vi") if rule else "", alignment=self.wrap)
                for rule in titles
            ]
        )
        ranking: list[tuple[Any, ...]] = []
        provinces: dict[str, tuple[Counter[str], list[float]]] = {}
        for row in self.aggregator.rows():
            if "statuses" not in row:  # unreadable, skipped or superseded
                continue
            statuses = row["statuses"]
            assert isinstance(statuses, dict)
            cells: list[Any] = [self.value(sheet, row[key], key) for _, _, key, _ in _FIXED]
            for rule_id in rule_ids:
                value = statuses.get(rule_id)
                if value is None:
                    cells.append(None)
                    continue
                status = Status(value)
                cells.append(self.cell(sheet, status_label(status, "vi"), fill=self.fills[status]))
            sheet.append(cells)
            score = row["score"]
            ranking.append(
                (row["agency_name"], row["province"], row["agency_kind"], score, row["file"])
            )
            counts, scores = provinces.setdefault(str(row["province"]), (Counter(), []))
            counts.update(str(status) for status in statuses.values())
            scores += [float(score)] if isinstance(score, (int, float)) else []
            counts["submissions"] += 1
        return ranking, provinces

    def ranking(self, ranking: list[tuple[Any, ...]]) -> None:
        sheet = self.sheet(
            RANKING,
            [
                ("Hạng", "Rank", 6),
                ("Cơ quan", "Agency", 40),
                ("Tỉnh", "Province", 14),
                ("Loại cơ quan", "Kind", 16),
                ("Điểm", "Score", 8),
                ("Tệp", "File", 36),
            ],
            "C3",
        )
        ranking.sort(key=lambda item: (item[3] is None, -(item[3] or 0), item[4]))
        for rank, item in enumerate(ranking, 1):
            sheet.append([rank if item[3] is not None else None, *item[:3], item[3], item[4]])

    def provinces(self, provinces: dict[str, tuple[Counter[str], list[float]]]) -> None:
        sheet = self.sheet(
            PROVINCES,
            [
                ("Tỉnh", "Province", 16),
                ("Số báo cáo", "Submissions", 12),
                ("Điểm trung bình", "Mean score", 12),
                ("Tỉ lệ đạt (%)", "Compliance (%)", 12),
            ]
            + [(status_label(s, "vi"), status_label(s, "en"), 12) for s in Status],
            "B3",
        )
        for province in sorted(provinces):
            counts, scores = provinces[province]
            judged = sum(counts[s.value] for s in Status if s is not Status.NOT_APPLICABLE)
            mean = sum(scores) / len(scores) if scores else None
            rate = 100.0 * counts[Status.MET.value] / judged if judged else None
            sheet.append(
                [
                    province,
                    counts["submissions"],
                    None if mean is None else self.cell(sheet, round(mean, 1), number_format="0.0"),
                    None if rate is None else self.cell(sheet, round(rate, 1), number_format="0.0"),
                    *(counts[s.value] for s in Status),
                ]
            )

    def unreadable(self) -> None:
        sheet = self.sheet(UNREADABLE, [("Tệp", "File", 40), ("Lý do", "Reason", 100)], "B3")
        for row in self.aggregator.rows():
            if "error" in row:
                sheet.append([row["file"], self.cell(sheet, row["error"], alignment=self.wrap)])
