"""Build workbooks for the tests: a submission written by the template writer, then edited the way
an officer (or a hostile sender) would edit it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook, load_workbook

from ruleset.documents.read import load_document
from ruleset.rules.ruleset import RuleSet
from ruleset.template.xlsx_form import workbook_bytes
from tests.conftest import EXAMPLES_DIR


def example_data(name: str) -> dict[str, Any]:
    """An example as the reader gives it, before validation rewrites document numbers."""
    data = load_document(str(EXAMPLES_DIR / name)).data
    assert isinstance(data, dict)
    return data


def edited(data: dict[str, Any], rule_set: RuleSet, edit: Callable[[Workbook], None]) -> bytes:
    """The workbook of ``data``, changed by ``edit`` and saved again."""
    book = load_workbook(io.BytesIO(workbook_bytes(data, rule_set)))
    edit(book)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def find_row(sheet: Any, column: int, value: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, column).value == value:
            return row
    raise AssertionError(f"{value!r} not in column {column} of {sheet.title}")


def rezip(
    data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes]
) -> bytes:
    """The same zip with members changed (None drops one) and members added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info.filename, content, zipfile.ZIP_DEFLATED)
        for name, content in extra.items():
            target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
