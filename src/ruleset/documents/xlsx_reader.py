"""Read a self-assessment workbook (.xlsx) into the data a YAML file gives, located by sheet!cell.

Excel is what agencies actually open. The sheets and columns are those of
:mod:`ruleset.documents.xlsx_layout` (what ``ruleset template --format xlsx`` writes), found by
their Vietnamese or English headers; values are converted by :mod:`ruleset.documents.xlsx_cells`.
What cannot be read honestly is refused, naming the cell: formulas (the value a formula last
computed may be stale or absent, and the rules judge what the agency wrote), macros, links to
other workbooks (:mod:`ruleset.documents.xlsx_container`) and hidden sheets (data nobody sees).
Merged cells give their first cell's value to the whole range; blank rows are skipped; sheets of
other names are ignored.
"""

from __future__ import annotations

import difflib
from typing import Any

from ruleset.documents import xlsx_layout as layout
from ruleset.documents.document import Cell, Parsed, escape_token, join_pointer, split_pointer
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import nfc
from ruleset.documents.xlsx_cells import CONVERTERS, Sheet, text_of
from ruleset.documents.xlsx_container import check_container, check_suffix, open_workbook
from ruleset.errors import InputError, Problem
from ruleset.text import Text

_REQUIRED = {
    layout.OBLIGATIONS: ("id", "status"),
    layout.FIGURES: ("name", "value"),
    layout.CASES: (layout.OBLIGATION,),
}
_NO_ID = Text("dòng thiếu mã nhiệm vụ", "the row has no obligation id")


def load_workbook_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse a workbook; every problem names its sheet and cell (the file alone when none)."""
    check_suffix(path)
    check_container(data, path, limits)
    return _Reader(path, limits).read(open_workbook(data, path))


class _Reader:
    """Builds the submission data and the pointer → cell map as it reads."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.problems: list[Problem] = []
        self.cells: dict[str, Cell] = {}
        self.keys: dict[str, Cell] = {}  # where a figure's name is, for "bad name" problems

    def fail(self, cell: Cell, message: Text, hint: Text | None = None) -> None:
        self.problems.append(
            Problem(self.path, message, cell.row, cell.column, hint=hint, sheet=cell.sheet)
        )

    def read(self, book: Any) -> Parsed:
        sheets: dict[str, Sheet] = {}
        wanted = {layout.fold(name): name for name in (layout.AGENCY, *layout.SHEETS)}
        for worksheet in book.worksheets:
            if worksheet.sheet_state != "visible":
                raise InputError.at(
                    self.path,
                    Text(
                        f"trang tính '{worksheet.title}' bị ẩn",
                        f"sheet '{worksheet.title}' is hidden",
                    ),
                    hint=Text(
                        "hiện trang đó (nhấp phải vào thẻ trang → Bỏ ẩn) hoặc xóa nó: dữ liệu ẩn không bao giờ được đọc",
                        "unhide it (right-click a sheet tab → Unhide) or delete it: hidden data is never read",
                    ),
                )
            name = wanted.get(layout.fold(worksheet.title))
            if name is not None:
                sheets[name] = Sheet(worksheet, self.problems, self.path)
        if self.problems:
            raise InputError(self.problems)
        for required in (layout.AGENCY, layout.OBLIGATIONS):
            if required not in sheets:
                found = ", ".join(sheet.title for sheet in book.worksheets)
                raise InputError.at(
                    self.path,
                    Text(
                        f"thiếu trang tính '{required}'",
                        f"the workbook has no sheet '{required}' (found: {found})",
                    ),
                    hint=Text(
                        "bắt đầu từ `ruleset template --format xlsx`",
                        "start from `ruleset template --format xlsx`",
                    ),
                )
        data = self.agency(sheets[layout.AGENCY])
        self.cells[""] = Cell(sheets[layout.AGENCY].name, 1, 1)
        entries = self.obligations(sheets[layout.OBLIGATIONS])
        data["obligations"] = entries
        for name, key in ((layout.ACTIVITIES, "activities"), (layout.DOCUMENTS, "documents")):
            if name in sheets:
                data[key] = self.records(sheets[name], name, key, entries)
        if layout.FIGURES in sheets:
            data["figures"] = self.figures(sheets[layout.FIGURES], entries)
        if layout.CASES in sheets:
            self.cases(sheets[layout.CASES], entries)
        if self.problems:
            self.problems.sort(key=lambda p: (p.sheet or "", p.line or 0, p.column or 0))
            raise InputError(self.problems)
        return data, self.locate

    def locate(self, pointer: str, key: bool = False) -> Cell | None:
        """The cell of the deepest value on the pointer's path that came from a cell."""
        if key and pointer in self.keys:
            return self.keys[pointer]
        tokens: list[str | int] = list(split_pointer(pointer))
        while True:
            found = self.cells.get(join_pointer(tokens))
            if found is not None or not tokens:
                return found
            tokens.pop()

    # ---- values ----------------------------------------------------------------------------
    def convert(self, value: Any, kind: str, cell: Cell) -> Any:
        """The JSON-like value of a cell; what cannot be converted stays for the schema to name."""
        if isinstance(value, str):
            value = nfc(value.strip())
            if len(value) > self.limits.max_string:
                self.fail(cell, Text("chuỗi quá dài", f"string too long ({len(value)} characters)"))
                return ""
        converter = CONVERTERS.get(kind)
        if converter is not None:
            return converter(value)
        choices = layout.CHOICES.get(kind)
        if choices is not None:
            code = layout.code_of(choices, str(value))
            if code is None:
                labels = ", ".join(choices.values())
                self.fail(
                    cell,
                    Text(
                        f"giá trị '{value}' không có trong danh sách",
                        f"'{value}' is not one of the choices",
                    ),
                    hint=Text(
                        f"chọn trong danh sách: {labels}", f"choose from the drop-down: {labels}"
                    ),
                )
            return code or str(value)
        return text_of(value)

    def row_values(
        self, sheet: Sheet, row: int, columns: dict[int, layout.Column]
    ) -> tuple[dict[str, tuple[Any, Cell]], bool]:
        """The converted fields of a row, and whether the row has a value of its own."""
        found: dict[str, tuple[Any, Cell]] = {}
        own = False
        for index, column in columns.items():
            raw, cell, mine = sheet.get(row, index)
            if raw is None:
                continue
            own = own or mine
            found[column.field] = (self.convert(raw, column.kind, cell), cell)
        return found, own

    # ---- sheets ----------------------------------------------------------------------------
    def agency(self, sheet: Sheet) -> dict[str, Any]:
        by_label: dict[str, layout.Field] = {}
        for spec in layout.AGENCY_FIELDS:
            by_label[layout.fold(spec.vi)] = spec
            by_label[layout.fold(spec.en)] = spec
        data: dict[str, Any] = {}
        for row in sheet.rows():
            labels = [layout.fold(str(sheet.get(row, column)[0])) for column in (1, 2)]
            found = next((by_label[label] for label in labels if label in by_label), None)
            raw, cell, own = sheet.get(row, 3)
            if found is None:
                if own:
                    self.fail(
                        cell, Text("dòng không rõ thông tin gì", "this row names no known field")
                    )
                continue
            tokens: list[str | int] = list(found.path.split("."))
            self.cells.setdefault(f"/{tokens[0]}", cell)
            self.cells[join_pointer(tokens)] = cell
            if raw is not None:
                target = data
                for token in tokens[:-1]:
                    target = target.setdefault(str(token), {})
                target[str(tokens[-1])] = self.convert(raw, found.kind, cell)
        return data

    def columns(self, sheet: Sheet, name: str) -> dict[int, layout.Column]:
        """Which column holds which field, found by its Vietnamese or English header."""
        specs = layout.SHEETS[name]
        headers: dict[str, layout.Column] = {}
        for spec in specs:
            if spec.field:
                headers[layout.fold(spec.vi)] = spec
                headers[layout.fold(spec.en)] = spec
        found: dict[int, layout.Column] = {}
        for (row, column), value in sheet.values.items():
            header = headers.get(layout.fold(str(value))) if row < layout.FIRST_ROW else None
            if header is not None:
                found[column] = header
        missing = [
            spec
            for spec in specs
            if spec.field in _REQUIRED.get(name, ()) and spec not in found.values()
        ]
        if missing:
            spec = missing[0]
            raise InputError(
                Problem(
                    self.path,
                    Text(
                        f"trang '{sheet.name}' thiếu cột '{spec.vi}'",
                        f"sheet '{sheet.name}' has no column '{spec.en}'",
                    ),
                    1,
                    1,
                    hint=Text(
                        "giữ hai hàng tiêu đề của mẫu",
                        "keep the two header rows of the template",
                    ),
                    sheet=sheet.name,
                )
            )
        return found

    def obligations(self, sheet: Sheet) -> dict[str, Any]:
        columns = self.columns(sheet, layout.OBLIGATIONS)
        self.cells["/obligations"] = Cell(sheet.name, 1, 1)
        entries: dict[str, Any] = {}
        for row, fields in self.records_of(sheet, columns):
            if "id" not in fields:
                self.fail(min(cell for _, cell in fields.values()), _NO_ID)
                continue
            value, id_cell = fields.pop("id")
            rule_id = str(value)
            base = "/obligations/" + escape_token(rule_id)
            if rule_id in entries:
                first = self.cells[base]
                self.fail(
                    id_cell,
                    Text(
                        f"mã nhiệm vụ '{rule_id}' trùng với dòng {first.row}",
                        f"obligation '{rule_id}' appears twice (first at row {first.row})",
                    ),
                )
                continue
            self.remember(base, sheet, row, columns)
            self.cells[base] = id_cell
            entry: dict[str, Any] = {
                key: fields[key][0] for key in ("status", "summary", "reason") if key in fields
            }
            evidence = {key: fields[key][0] for key in ("activities", "documents") if key in fields}
            for key in evidence:
                self.cells[f"{base}/evidence/{key}"] = fields[key][1]
            if evidence:
                entry["evidence"] = evidence
            entries[rule_id] = entry
        return entries

    def records(self, sheet: Sheet, name: str, key: str, entries: dict[str, Any]) -> list[Any]:
        """Activities or documents: agency-wide, or inline evidence of the obligation named."""
        columns = self.columns(sheet, name)
        self.cells["/" + key] = Cell(sheet.name, 1, 1)
        shared: list[Any] = []
        for row, fields in self.records_of(sheet, columns):
            owner = fields.pop(layout.OBLIGATION, None)
            items = shared
            base = "/" + key
            if owner is not None:
                found = self.owner(entries, owner)
                if found is None:
                    continue
                items = found[0].setdefault("evidence", {}).setdefault(key, [])
                base = f"{found[1]}/evidence/{key}"
            self.remember(f"{base}/{len(items)}", sheet, row, columns)
            items.append({name: value for name, (value, _) in fields.items()})
        return shared

    def figures(self, sheet: Sheet, entries: dict[str, Any]) -> dict[str, Any]:
        columns = self.columns(sheet, layout.FIGURES)
        self.cells["/figures"] = Cell(sheet.name, 1, 1)
        shared: dict[str, Any] = {}
        for _, fields in self.records_of(sheet, columns):
            if "value" not in fields:
                continue  # a name the template lists, left blank: nothing to report
            value, value_cell = fields["value"]
            if "name" not in fields:
                self.fail(value_cell, Text("số liệu thiếu mã", "the figure has no name"))
                continue
            name, name_cell = str(fields["name"][0]), fields["name"][1]
            target, base = shared, "/figures"
            if layout.OBLIGATION in fields:
                found = self.owner(entries, fields[layout.OBLIGATION])
                if found is None:
                    continue
                target, base = found[0].setdefault("figures", {}), found[1] + "/figures"
            pointer = f"{base}/{escape_token(name)}"
            if name in target:
                self.fail(
                    name_cell,
                    Text(
                        f"số liệu '{name}' khai hai lần (dòng {self.cells[pointer].row})",
                        f"figure '{name}' given twice",
                    ),
                )
                continue
            target[name] = value
            self.cells[pointer] = value_cell
            self.keys[pointer] = name_cell
        return shared

    def cases(self, sheet: Sheet, entries: dict[str, Any]) -> None:
        columns = self.columns(sheet, layout.CASES)
        for row, fields in self.records_of(sheet, columns):
            owner = fields.pop(layout.OBLIGATION, None)
            if owner is None:
                self.fail(min(cell for _, cell in fields.values()), _NO_ID)
                continue
            found = self.owner(entries, owner)
            if found is None:
                continue
            items = found[0].setdefault("cases", [])
            self.remember(f"{found[1]}/cases/{len(items)}", sheet, row, columns)
            items.append({name: value for name, (value, _) in fields.items()})

    # ---- helpers ---------------------------------------------------------------------------
    def records_of(
        self, sheet: Sheet, columns: dict[int, layout.Column]
    ) -> list[tuple[int, dict[str, tuple[Any, Cell]]]]:
        """Rows with a value of their own (blank rows and rows merely merged into are skipped)."""
        found = []
        for row in sheet.rows():
            fields, own = self.row_values(sheet, row, columns)
            if own and fields:
                found.append((row, fields))
        return found

    def remember(
        self, base: str, sheet: Sheet, row: int, columns: dict[int, layout.Column]
    ) -> None:
        """Every column's cell of a record row, filled or not: a missing value is fixed there."""
        self.cells[base] = Cell(sheet.name, row, min(columns))
        for index, column in columns.items():
            self.cells[f"{base}/{column.field}"] = Cell(sheet.name, row, index)

    def owner(self, entries: dict[str, Any], found: tuple[Any, Cell]) -> tuple[Any, str] | None:
        """The obligation entry a record belongs to, and its pointer; a problem if there is none."""
        rule_id = str(found[0])
        if rule_id in entries:
            return entries[rule_id], "/obligations/" + escape_token(rule_id)
        close = difflib.get_close_matches(rule_id, list(entries), n=1)
        self.fail(
            found[1],
            Text(
                f"không có nhiệm vụ '{rule_id}' trong trang '{layout.OBLIGATIONS}'",
                f"no row of sheet '{layout.OBLIGATIONS}' has obligation id '{rule_id}'",
            ),
            hint=Text(f"có phải là '{close[0]}'?", f"did you mean '{close[0]}'?")
            if close
            else None,
        )
        return None
