"""A self-assessment as an Excel workbook: the blank template an officer fills in, or a filled one.

One writer for both: ``ruleset template --format xlsx`` gives it the data of
:func:`ruleset.template.yaml_form.template_data`; the tests give it each shipped example and
check that the workbook is judged as the YAML is. The layout is
:mod:`ruleset.documents.xlsx_layout`, which the reader reads back. Headers are in Vietnamese with
English on a second row, locked (sheet protection without a password: it keeps the structure from
being broken by accident, it is not security); input cells are unlocked; drop-downs offer the
allowed statuses and kinds in Vietnamese; pages print on A4 landscape.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ruleset.checks.registry import explain
from ruleset.documents import xlsx_layout as layout
from ruleset.documents.xlsx_container import FIXED_TIME, reproducible
from ruleset.rules.ruleset import RuleSet

SPARE_ROWS = 500  # rows below the records that the drop-downs cover in each record sheet
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ENGLISH_FILL = PatternFill("solid", fgColor="F2F2F2")
_INPUT_FILL = PatternFill("solid", fgColor="FFFBE6")
_BOLD = Font(bold=True)
_ENGLISH = Font(italic=True, color="595959")
_WRAP = Alignment(wrap_text=True, vertical="top")
_OPEN = Protection(locked=False)
# Dates day-first; text columns as text, so that Excel keeps '286' or '12/10' as typed.
_FORMATS = {"date": "dd/mm/yyyy", "text": "@", "ids": "@", "list": "@"}
_FIGURE = re.compile(r"^(/figures/|figures\.)([a-z][a-z0-9_]*)$")


def workbook_bytes(data: dict[str, Any], rule_set: RuleSet) -> bytes:
    """The submission ``data`` as a workbook; each obligation row shows its rule's title and quote."""
    book = Workbook()
    book.properties.creator = "ruleset"
    book.properties.created = FIXED_TIME
    agency = book.active
    assert agency is not None
    _agency_sheet(agency, data)
    _obligations_sheet(book.create_sheet(layout.OBLIGATIONS), data, rule_set)
    rows = _record_rows(data)
    rows[layout.FIGURES] += _figures_to_fill(data, rows[layout.FIGURES], rule_set)
    for name in (layout.ACTIVITIES, layout.DOCUMENTS, layout.FIGURES, layout.CASES):
        _record_sheet(book.create_sheet(name), name, rows[name])
    _lists_sheet(book.create_sheet(layout.LISTS))
    stream = io.BytesIO()
    book.save(stream)
    return reproducible(stream.getvalue())


# ---- sheets -----------------------------------------------------------------------------------
def _headers(sheet: Worksheet, pairs: list[tuple[str, str]], widths: list[int]) -> None:
    for index, ((vi, en), width) in enumerate(zip(pairs, widths, strict=True), 1):
        top, bottom = sheet.cell(1, index, vi or None), sheet.cell(2, index, en or None)
        top.font, top.fill, top.alignment = _BOLD, _HEADER_FILL, _WRAP
        bottom.font, bottom.fill, bottom.alignment = _ENGLISH, _ENGLISH_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 32
    sheet.print_title_rows = "1:2"


def _finish(sheet: Worksheet, freeze: str) -> None:
    """Protection with unlocked input cells, frozen headers, A4 landscape fitted to the width."""
    sheet.freeze_panes = freeze
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.formatCells = False
    protection.autoFilter = protection.sort = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _input(sheet: Worksheet, row: int, column: int, value: Any, kind: str = "text") -> None:
    cell = sheet.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that looks like a formula stays text
    cell.protection, cell.fill, cell.alignment = _OPEN, _INPUT_FILL, _WRAP
    cell.number_format = _FORMATS.get(kind, "General")


def _agency_sheet(sheet: Worksheet, data: dict[str, Any]) -> None:
    sheet.title = layout.AGENCY
    _headers(sheet, list(layout.AGENCY_HEADERS), [40, 22, 50])
    for row, field in enumerate(layout.AGENCY_FIELDS, layout.FIRST_ROW):
        value: Any = data
        for token in field.path.split("."):
            value = value.get(token) if isinstance(value, dict) else None
        sheet.cell(row, 1, field.vi).font = _BOLD
        sheet.cell(row, 2, field.en).font = _ENGLISH
        _input(sheet, row, 3, _cell_value(value or None, field.kind), field.kind)
    note = layout.FIRST_ROW + len(layout.AGENCY_FIELDS) + 1
    sheet.cell(note, 1, _GUIDE).alignment = _WRAP
    sheet.merge_cells(start_row=note, start_column=1, end_row=note, end_column=3)
    sheet.row_dimensions[note].height = 90
    _finish(sheet, "A3")


_GUIDE = (
    "Hướng dẫn: điền các ô màu vàng ở mọi trang. Ngày ghi ngày/tháng/năm (15/10/2021). Tình trạng "
    "và loại chọn trong danh sách. Minh chứng: ghi mã hoạt động, mã văn bản (cách nhau bởi dấu ;) "
    "đã khai ở trang Hoạt động, Văn bản. Không dùng công thức. Xong thì chạy: ruleset check <tệp>.\n"
    "Guide: fill in the yellow cells on every sheet; dates day/month/year; choose statuses and "
    "kinds from the lists; evidence is the ids of activities and documents (separated by ;); no "
    "formulas. Then run: ruleset check <file>."
)


def _obligations_sheet(sheet: Worksheet, data: dict[str, Any], rule_set: RuleSet) -> None:
    columns = layout.SHEETS[layout.OBLIGATIONS]
    _headers(sheet, [(c.vi, c.en) for c in columns], [c.width for c in columns])
    for row, (rule_id, entry) in enumerate(data["obligations"].items(), layout.FIRST_ROW):
        rule = rule_set.rule(rule_id)
        evidence = entry.get("evidence", {})
        shown: dict[int, str] = {}
        if rule is not None:
            c = rule.citation
            shown = {
                2: rule.title.get("vi"),
                3: rule.severity.label.vi,
                4: f"{c.kind} {c.document} ({c.issuer}, {c.date}), {c.clause}: "
                f"“{' '.join(c.quote.split())}”",
                5: "\n".join(f"• {explain(check.spec).vi}" for check in rule.checks),
            }
        for index, column in enumerate(columns, 1):
            if not column.field:
                sheet.cell(row, index, shown.get(index)).alignment = _WRAP
            elif column.field == "id":
                sheet.cell(row, index, rule_id).font = _BOLD
                sheet.cell(row, index).alignment = _WRAP
            else:
                value = entry.get(column.field)
                if column.kind == "ids":  # ids only: inline records go to their own sheets
                    value = [v for v in evidence.get(column.field, []) if isinstance(v, str)]
                _input(sheet, row, index, _cell_value(value, column.kind), column.kind)
    _drop_downs(sheet, columns, layout.FIRST_ROW + len(data["obligations"]) - 1)
    _finish(sheet, "B3")


def _record_rows(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of each record sheet: agency-wide records, then each obligation's inline ones."""
    rows: dict[str, list[dict[str, Any]]] = {
        layout.ACTIVITIES: list(data.get("activities", [])),
        layout.DOCUMENTS: list(data.get("documents", [])),
        layout.FIGURES: [{"name": k, "value": v} for k, v in data.get("figures", {}).items()],
        layout.CASES: [],
    }
    for rule_id, entry in data["obligations"].items():
        owner = {layout.OBLIGATION: rule_id}
        for name, key in ((layout.ACTIVITIES, "activities"), (layout.DOCUMENTS, "documents")):
            inline = [r for r in entry.get("evidence", {}).get(key, []) if isinstance(r, dict)]
            rows[name] += [{**record, **owner} for record in inline]
        figures = entry.get("figures", {}).items()
        rows[layout.FIGURES] += [{"name": k, "value": v, **owner} for k, v in figures]
        rows[layout.CASES] += [{**case, **owner} for case in entry.get("cases", [])]
    return rows


def _figures_to_fill(
    data: dict[str, Any], given: list[dict[str, Any]], rule_set: RuleSet
) -> list[dict[str, Any]]:
    """A blank row for each figure the rules read that the submission does not give yet."""
    have = {(row["name"], row.get(layout.OBLIGATION)) for row in given}
    wanted: list[dict[str, Any]] = []
    for rule_id in data["obligations"]:
        rule = rule_set.rule(rule_id)
        for check in rule.checks if rule is not None else ():
            for path in _strings(check.spec):
                match = _FIGURE.match(path)
                if match is None:
                    continue
                owner = rule_id if match.group(1) == "figures." else None
                if (match.group(2), owner) not in have:
                    have.add((match.group(2), owner))
                    wanted.append({"name": match.group(2), layout.OBLIGATION: owner})
    return wanted


def _strings(spec: Any) -> list[str]:
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [s for value in spec.values() for s in _strings(value)]
    if isinstance(spec, list):
        return [s for value in spec for s in _strings(value)]
    return []


def _record_sheet(sheet: Worksheet, name: str, rows: list[dict[str, Any]]) -> None:
    columns = layout.SHEETS[name]
    _headers(sheet, [(c.vi, c.en) for c in columns], [c.width for c in columns])
    for index, column in enumerate(columns, 1):
        # The column's own style unlocks and formats every row below the headers without
        # writing empty cells (which would slow every later read of the workbook).
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.protection, dimension.fill, dimension.alignment = _OPEN, _INPUT_FILL, _WRAP
        dimension.number_format = _FORMATS.get(column.kind, "General")
    for row, record in enumerate(rows, layout.FIRST_ROW):
        for index, column in enumerate(columns, 1):
            value = _cell_value(record.get(column.field), column.kind)
            _input(sheet, row, index, value, column.kind)
    _drop_downs(sheet, columns, layout.FIRST_ROW + len(rows) + SPARE_ROWS - 1)
    _finish(sheet, "B3")


def _lists_sheet(sheet: Worksheet) -> None:
    """The drop-downs' choices, visible: each Vietnamese label beside the code it stands for."""
    pairs = [
        ("Tình trạng", "Status"),
        ("Mã", "Code"),
        ("", ""),
        ("Loại hoạt động", "Activity kind"),
        ("Mã", "Code"),
        ("", ""),
        ("Loại văn bản", "Document kind"),
        ("Mã", "Code"),
        ("", ""),
        ("Có / Không", "Yes / No"),
    ]
    _headers(sheet, pairs, [26, 16, 3] * 3 + [14])
    for kind, first in _LIST_COLUMNS.items():
        for row, (code, label) in enumerate(layout.CHOICES[kind].items(), layout.FIRST_ROW):
            sheet.cell(row, first, label)
            sheet.cell(row, first + 1, code)
    for row, label in enumerate(layout.YES_NO.values(), layout.FIRST_ROW):
        sheet.cell(row, _YES_NO_COLUMN, label)
    _finish(sheet, "A3")


_LIST_COLUMNS = {"status": 1, "activity_kind": 4, "document_kind": 7}
_YES_NO_COLUMN = 10


def _drop_downs(sheet: Worksheet, columns: tuple[layout.Column, ...], last: int) -> None:
    for index, column in enumerate(columns, 1):
        if column.kind in _LIST_COLUMNS:
            first, size = _LIST_COLUMNS[column.kind], len(layout.CHOICES[column.kind])
        elif column.kind == "bool":
            first, size = _YES_NO_COLUMN, len(layout.YES_NO)
        else:
            continue
        letter = get_column_letter(first)
        end = layout.FIRST_ROW + size - 1
        validation = DataValidation(
            type="list",
            formula1=f"'{layout.LISTS}'!${letter}${layout.FIRST_ROW}:${letter}${end}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Giá trị không hợp lệ / invalid value",
            error="Chọn trong danh sách / choose from the list",
        )
        sheet.add_data_validation(validation)
        target = get_column_letter(index)
        validation.add(f"{target}{layout.FIRST_ROW}:{target}{max(last, layout.FIRST_ROW)}")


def _cell_value(value: Any, kind: str) -> Any:
    """What a cell holds for a value: a real date, a Vietnamese label, ids joined by '; '."""
    if value is None or value == []:
        return None
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if kind in layout.CHOICES:
        return layout.CHOICES[kind].get(value, value)
    if kind == "bool" and isinstance(value, bool):
        return layout.YES_NO[value]
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return value
