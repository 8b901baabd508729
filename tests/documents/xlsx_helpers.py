"""Build workbooks for the tests: a submission written by the template writer, then edited the way
an officer (or a hostile sender) would edit it."""

from __future__ import annotations

import io
import re
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


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)


def as_libreoffice_saves(data: bytes) -> bytes:
    """The workbook as LibreOffice Calc writes it: text in a shared-string table (openpyxl
    writes inline strings), and LibreOffice named as the application."""
    table: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = table.setdefault(match.group(2), len(table))
        return b"<c " + match.group(1) + b't="s"><v>' + str(index).encode() + b"</v></c>"

    def change(name: str, content: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            return _INLINE.sub(shared, content)
        if name == "docProps/app.xml":
            return re.sub(
                rb"<Application>[^<]*</Application>",
                b"<Application>LibreOffice/7.6.4.1$Linux_X86_64 LibreOffice_project/</Application>",
                content,
            )
        if name == "[Content_Types].xml":
            return content.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                b"</Relationships>",
            )
        return content

    # Sheets first, so that the table is complete when it is written.
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        sheets = {
            n: change(n, source.read(n))
            for n in source.namelist()
            if n.startswith("xl/worksheets/sheet")
        }
    items = b"".join(b'<si><t xml:space="preserve">' + text + b"</t></si>" for text in table)
    sst = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
        % (len(table), len(table))
        + items
        + b"</sst>"
    )
    return rezip(data, lambda n, c: sheets.get(n) or change(n, c), {"xl/sharedStrings.xml": sst})
