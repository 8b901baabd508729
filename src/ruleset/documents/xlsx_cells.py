"""The cells of a workbook sheet, and how a cell's value becomes the value a YAML file would give.

Values are read as a Vietnamese officer types them: real dates and dates typed as text
(``15/10/2021``, always day-first), counts typed as text with thousands separators (``1.200``,
``1,200``, ``1 200``), whole numbers Excel stores as ``12.0``, lists separated by ``;`` or line
breaks, yes/no as ``Có``/``Không``. A value that cannot be converted is left as it is, so the
schema names it at its cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ruleset.documents import xlsx_layout as layout
from ruleset.documents.document import Cell
from ruleset.documents.textio import excerpt, nfc
from ruleset.errors import Problem
from ruleset.text import Text

_DAY_FIRST = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_GROUPED = re.compile(r"^[0-9]{1,3}([.,\u00a0 ])[0-9]{3}(?:\1[0-9]{3})*$")
_SPLIT = {"ids": re.compile(r"[;,\n]"), "list": re.compile(r"[;\n]")}
_YES = {"có", "x", "yes", "true", "đã xử lý", "rồi", "1"}
_NO = {"không", "no", "false", "chưa", "chưa xử lý", "0"}


def _refusal(data_type: str, value: Any) -> Text | None:
    """Why a cell's content cannot be read as typed data, if it cannot."""
    if data_type == "e":
        return Text(
            f"ô chứa giá trị lỗi {value}; hãy nhập giá trị",
            f"the cell holds the error value {value}; type the value itself",
        )
    if data_type == "f" or not isinstance(
        value, (str, int, float, bool, dt.date, dt.time, dt.timedelta)
    ):
        return Text(
            f"ô chứa công thức ({excerpt(value, 60)}); hãy nhập giá trị (sao chép, rồi Dán đặc biệt → Giá trị)",
            f"the cell holds a formula ({excerpt(value, 60)}); type the value itself (copy, then Paste "
            "Special → Values)",
        )
    return None


class Sheet:
    """The non-empty cells of one sheet by (row, column); merged ranges point at their first cell."""

    def __init__(self, worksheet: Any, problems: list[Problem], path: str) -> None:
        self.name: str = nfc(worksheet.title)
        self.values: dict[tuple[int, int], Any] = {}
        for (row, column), cell in worksheet._cells.items():
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            refused = _refusal(cell.data_type, value)
            if refused is not None:
                problems.append(Problem(path, refused, row, column, sheet=self.name))
                continue
            self.values[row, column] = value
        self.anchors: dict[tuple[int, int], tuple[int, int]] = {}
        # Bounded: the container check held the merged ranges' total area to max_nodes.
        for merged in worksheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    self.anchors[row, column] = (merged.min_row, merged.min_col)

    def get(self, row: int, column: int) -> tuple[Any, Cell, bool]:
        """Value, the cell it comes from, and whether it is this cell's own (not merged in)."""
        if (row, column) in self.values:
            return self.values[row, column], Cell(self.name, row, column), True
        anchor = self.anchors.get((row, column))
        if anchor is not None:
            return self.values.get(anchor), Cell(self.name, *anchor), False
        return None, Cell(self.name, row, column), False

    def rows(self) -> list[int]:
        return sorted({row for row, _ in self.values if row >= layout.FIRST_ROW})


def text_of(value: Any) -> str:
    """A cell as text: ``12.0`` → ``"12"``, a date at midnight → ``"2021-10-15"``, ``True`` → ``"Có"``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return layout.YES_NO[value]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _date(value: Any) -> Any:
    """A date cell, or text typed day-first (``15/10/2021``, ``15.10.2021``), as YYYY-MM-DD."""
    if isinstance(value, str):
        match = _DAY_FIRST.match(value)
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return value  # not a real date: the schema says so, at this cell
        return value
    return text_of(value)


def _integer(value: Any) -> Any:
    """Counts as typed: ``12``, ``12.0``, and text with thousands separators (``1.200``, ``1 200``)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and ((value.isascii() and value.isdigit()) or _GROUPED.match(value)):
        return int(re.sub(r"[^0-9]", "", value))
    return value


def _splitter(kind: str) -> Callable[[Any], Any]:
    def split(value: Any) -> list[str]:
        return [nfc(part.strip()) for part in _SPLIT[kind].split(text_of(value)) if part.strip()]

    return split


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    folded = layout.fold(text_of(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return value


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": text_of,
    "date": _date,
    "int": _integer,
    "ids": _splitter("ids"),
    "list": _splitter("list"),
    "bool": _boolean,
}
