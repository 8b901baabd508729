"""Workbooks are read as the YAML they stand for, located by sheet!cell, as officers type them."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from ruleset.cli import cli
from ruleset.documents import xlsx_layout as layout
from ruleset.documents.read import parse_bytes
from ruleset.documents.schema import validator_for
from ruleset.documents.textio import nfc
from ruleset.documents.xlsx_cells import CONVERTERS
from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission, parse_submission
from ruleset.reporters import render
from ruleset.rules.ruleset import RuleSet
from ruleset.template.xlsx_form import workbook_bytes
from tests.conftest import EXAMPLES_DIR
from tests.documents.xlsx_helpers import (
    as_libreoffice_saves,
    edited,
    example_data,
    find_row,
    rezip,
)

EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".json"))
DAK_HA = "kontum-ubnd-huyen-dak-ha-2021q4.yaml"
CELL = re.compile(r"^[^!]+![A-Z]+[0-9]+$")


def _statuses(report: Any) -> list[tuple[str, str, str | None, int]]:
    return [(r.rule.id, r.status.value, r.claimed, len(r.findings)) for r in report.obligations]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_as_a_workbook_gets_the_statuses_of_its_yaml(
    name: str, rule_set: RuleSet
) -> None:
    expected = check_submission(rule_set, load_submission(str(EXAMPLES_DIR / name), rule_set))
    book = workbook_bytes(example_data(name), rule_set)
    got = check_submission(rule_set, parse_submission(book, name + ".xlsx", rule_set))
    assert _statuses(got) == _statuses(expected)
    assert len(got.general_findings) == len(expected.general_findings)
    assert got.score() == expected.score()
    located = [f for r in got.obligations for f in r.findings] + list(got.general_findings)
    assert all(f.sheet is not None and f.line and f.column for f in located)


def test_findings_name_their_cell_in_every_report_format(rule_set: RuleSet) -> None:
    book = workbook_bytes(example_data(DAK_HA), rule_set)
    report = check_submission(rule_set, parse_submission(book, "dak-ha.xlsx", rule_set))
    text = render(report, "text", "vi")
    # The case without an outcome: the second case row, in the cases sheet.
    assert "dak-ha.xlsx:Vụ việc!A4: vụ việc chưa ghi kết quả xử lý" in text
    assert "dak-ha.xlsx:Nhiệm vụ!F4: khai báo 'done'" in text
    # The loosely written document number is noted at the cell that holds it.
    assert "dak-ha.xlsx:Hoạt động!I3: số, ký hiệu '286 - CV/TU'" in text
    markdown = render(report, "markdown", "en")
    assert "`dak-ha.xlsx:Số liệu!B5`" in markdown and "`dak-ha.xlsx:Hoạt động!I3` `" in markdown
    value = json.loads(render(report, "json", "vi"))
    assert not list(validator_for("report.schema.json").iter_errors(value))
    findings = [f for o in value["obligations"] for f in o["findings"]] + value["general_findings"]
    assert findings and all(CELL.match(f["cell"]) and f["line"] for f in findings)


def _set(sheet: str, column: int, key: str, value: Any, key_column: int = 1) -> Any:
    def edit(book: Workbook) -> None:
        target = book[sheet]
        target.cell(find_row(target, key_column, key), column, value)

    return edit


def _read(data: bytes, name: str = "s.xlsx") -> Any:
    return parse_bytes(data, name).data


def test_dates_typed_as_text_are_read_day_first(rule_set: RuleSet) -> None:
    book = edited(
        example_data(DAK_HA), rule_set, _set(layout.ACTIVITIES, 3, "cv-chi-dao-xa", "05/11/2021")
    )
    activities = _read(book)["activities"]
    assert [a["date"] for a in activities] == ["2021-09-28", "2021-11-05"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("15/10/2021", "2021-10-15"),
        ("15.10.2021", "2021-10-15"),
        ("5-1-2022", "2022-01-05"),
        ("2021-10-15", "2021-10-15"),
        (dt.datetime(2021, 10, 15), "2021-10-15"),
        ("31/02/2021", "31/02/2021"),  # not a real date: left for the schema to name
    ],
)
def test_date_cells(typed: Any, read: str) -> None:
    assert CONVERTERS["date"](typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1.200", 1200),
        ("1,200", 1200),
        ("1 200", 1200),
        ("1\u00a0200\u00a0000", 1200000),
        ("12", 12),
        (12.0, 12),
        ("1.2", "1.2"),
        ("1.200,5", "1.200,5"),
        ("1.200,000", "1.200,000"),  # mixed separators are not a grouping
        ("²", "²"),
    ],
)
def test_counts_with_thousands_separators(typed: Any, read: Any) -> None:
    assert CONVERTERS["int"](typed) == read


def test_spaces_labels_codes_blank_rows_and_merged_cells(rule_set: RuleSet) -> None:
    data = example_data(DAK_HA)

    def edit(book: Workbook) -> None:
        duties = book[layout.OBLIGATIONS]
        row = find_row(duties, 1, "3855/UBND-KGVX:2")
        duties.cell(row, 6, "  đã   THỰC hiện ")  # label, odd case and spacing
        duties.cell(row, 7, "  Tuyên truyền trên loa.  ")
        duties.cell(find_row(duties, 1, "3855/UBND-KGVX:3"), 6, "done")  # the code itself
        activities = book[layout.ACTIVITIES]
        activities.cell(3, 6, "1.200")
        # Two inline activities of one obligation, after blank rows, the obligation cell merged.
        for row, (title, day) in enumerate(
            [("Tuyên truyền xã A", "10/11/2021"), ("Xã B", "11/11/2021")], 9
        ):
            activities.cell(row, 2, "Tuyên truyền")
            activities.cell(row, 3, day)
            activities.cell(row, 5, title)
        activities.cell(9, 12, "3855/UBND-KGVX:2")
        activities.merge_cells("L9:L10")

    value = _read(edited(data, rule_set, edit))
    entry = value["obligations"]["3855/UBND-KGVX:2"]
    assert entry["status"] == "done" and entry["summary"] == "Tuyên truyền trên loa."
    assert value["obligations"]["3855/UBND-KGVX:3"]["status"] == "done"
    assert value["activities"][0]["participants"] == 1200
    inline = entry["evidence"]["activities"]
    assert [(a["kind"], a["date"], a["title"]) for a in inline] == [
        ("dissemination", "2021-11-10", "Tuyên truyền xã A"),
        ("dissemination", "2021-11-11", "Xã B"),
    ]
    assert len(value["activities"]) == 2  # the merged-in row did not become agency-wide


def test_a_workbook_saved_by_libreoffice(rule_set: RuleSet) -> None:
    """LibreOffice keeps text in a shared-string table, names itself in docProps/app.xml and
    stores dates as serial numbers with an upper-case day-first format: none changes a verdict."""

    def edit(book: Workbook) -> None:
        sheet = book[layout.AGENCY]
        cell = sheet.cell(find_row(sheet, 2, "Period start"), 3, 44470)  # 2021-10-01
        cell.number_format = "DD/MM/YYYY"

    book = as_libreoffice_saves(edited(example_data(DAK_HA), rule_set, edit))
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert b"inlineStr" not in archive.read("xl/worksheets/sheet2.xml")
        assert b"LibreOffice" in archive.read("docProps/app.xml")
    report = check_submission(rule_set, parse_submission(book, "lo.xlsx", rule_set))
    assert report.period_start == "2021-10-01"
    expected = check_submission(rule_set, load_submission(str(EXAMPLES_DIR / DAK_HA), rule_set))
    assert _statuses(report) == _statuses(expected)
    assert render(report, "text", "vi").count("lo.xlsx:") == render(expected, "text", "vi").count(
        DAK_HA + ":"
    )


def _refused(data: bytes, tmp_path: Path, name: str = "s.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_formula_is_refused_at_its_cell(rule_set: RuleSet, tmp_path: Path) -> None:
    data = edited(
        example_data(DAK_HA), rule_set, _set(layout.FIGURES, 2, "staff_harmful_shares", "=1+1")
    )
    out = _refused(data, tmp_path)
    assert "s.xlsx:Số liệu!B3: ô chứa công thức (=1+1)" in out

    def error_value(book: Workbook) -> None:
        cell = book[layout.FIGURES].cell(3, 2)
        cell.value, cell.data_type = "#N/A", "e"

    out = _refused(edited(example_data(DAK_HA), rule_set, error_value), tmp_path)
    assert "s.xlsx:Số liệu!B3: ô chứa giá trị lỗi #N/A" in out


def test_input_errors_name_their_cell(rule_set: RuleSet, tmp_path: Path) -> None:
    def edit(book: Workbook) -> None:
        duties = book[layout.OBLIGATIONS]
        duties.cell(find_row(duties, 1, "3855/UBND-KGVX:2"), 6, "Xong")
        activities = book[layout.ACTIVITIES]
        activities.cell(4, 3, "31/02/2021")
        activities.cell(3, 12, "3855/UBND-KGVX:9")

    out = _refused(edited(example_data(DAK_HA), rule_set, edit), tmp_path)
    assert "s.xlsx:Nhiệm vụ!F4: giá trị 'Xong' không có trong danh sách" in out
    assert "Đã thực hiện, Đang thực hiện" in out
    assert "s.xlsx:Hoạt động!L3: không có nhiệm vụ '3855/UBND-KGVX:9'" in out
    assert "did you mean '3855/UBND-KGVX:" in out


def test_a_schema_error_names_its_cell(rule_set: RuleSet, tmp_path: Path) -> None:
    data = edited(
        example_data(DAK_HA), rule_set, _set(layout.ACTIVITIES, 3, "hn-thang-9", "31/02/2021")
    )
    assert "s.xlsx:Hoạt động!C3:" in _refused(data, tmp_path)


def _book(rule_set: RuleSet) -> bytes:
    return workbook_bytes(example_data(DAK_HA), rule_set)


def test_macros_external_links_and_hidden_sheets_are_refused(
    rule_set: RuleSet, tmp_path: Path
) -> None:
    book = _book(rule_set)
    assert "macro" in _refused(book, tmp_path, "s.xlsm")
    with_vba = rezip(book, lambda _, content: content, {"xl/vbaProject.bin": b"\0" * 10})
    assert "VBA" in _refused(with_vba, tmp_path)
    linked = rezip(book, lambda _, c: c, {"xl/externalLinks/externalLink1.xml": b"<x/>"})
    assert "links to other workbooks" in _refused(linked, tmp_path)

    def hide(book: Workbook) -> None:
        book[layout.LISTS].sheet_state = "hidden"

    assert f"sheet '{layout.LISTS}' is hidden" in _refused(
        edited(example_data(DAK_HA), rule_set, hide), tmp_path
    )
    assert "only .xlsx" in _refused(book, tmp_path, "s.xls")


def test_zip_bombs_and_non_workbooks_are_refused_before_parsing(
    rule_set: RuleSet, tmp_path: Path
) -> None:
    book = _book(rule_set)
    bomb = rezip(book, lambda _, c: c, {"xl/media/zeros.bin": b"\0" * (6 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert "too large once unzipped" in _refused(bomb, tmp_path)
    many = rezip(book, lambda _, c: c, {f"x/{i}.xml": b"" for i in range(1_001)})
    assert "too many parts" in _refused(many, tmp_path)
    assert "not a readable zip" in _refused(b"PK\x03\x04 not really", tmp_path)
    no_book = rezip(book, lambda name, c: None if name == "xl/workbook.xml" else c, {})
    assert "no xl/workbook.xml" in _refused(no_book, tmp_path)


def test_a_member_that_lies_about_its_size_is_not_inflated(
    rule_set: RuleSet, tmp_path: Path
) -> None:
    """A bomb whose zip headers declare 100 bytes: zipfile stops there (and the CRC fails)."""
    name = b"xl/worksheets/sheet1.xml"
    huge = rezip(
        _book(rule_set), lambda n, c: b" " * (50 * 1024 * 1024) if n == name.decode() else c, {}
    )
    patched = bytearray(huge)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := patched.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if patched[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", patched, at + offset, 100)
            at += 4
    out = _refused(bytes(patched), tmp_path)
    assert "cannot read the workbook" in out and "CRC" in out


@pytest.mark.parametrize(
    "element",
    [
        b'<mergeCells count="1"><mergeCell ref="B20:XFD1048576"/></mergeCells>',
        b'<hyperlinks><hyperlink ref="$A$1:$XFD$1048576" display="x"/></hyperlinks>',
        b"<x:mergeCells count=\"1\"><x:mergeCell ref='A1:ZZ1000'/></x:mergeCells>",
    ],
)
def test_ranges_openpyxl_would_expand_cell_by_cell_are_refused_first(
    element: bytes, rule_set: RuleSet, tmp_path: Path
) -> None:
    """One line of XML: openpyxl alone runs out of memory (merge) or never ends (hyperlink)."""

    def add(name: str, content: bytes) -> bytes:
        if name != "xl/worksheets/sheet2.xml":
            return content
        return content.replace(b"</worksheet>", element + b"</worksheet>")

    out = _refused(rezip(_book(rule_set), add, {}), tmp_path)
    assert "merged or linked ranges cover more than 500000 cells" in out


def test_a_few_merged_cells_are_within_budget(rule_set: RuleSet) -> None:
    def merge(book: Workbook) -> None:
        book[layout.AGENCY].merge_cells("D3:Z300")

    assert _read(edited(example_data(DAK_HA), rule_set, merge))["agency"]["id"] == "kt-ubnd-dak-ha"


def test_xml_entities_are_refused(rule_set: RuleSet, tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )

    def inject(name: str, content: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return content
        return laughs + content[content.index(b"<worksheet") :].replace(b"<t>", b"<t>&lol2;", 1)

    out = _refused(rezip(_book(rule_set), inject, {}), tmp_path)
    assert "declares entities" in out and "EntitiesForbidden" in out


def test_missing_sheets_and_columns_are_named(rule_set: RuleSet) -> None:
    def drop(book: Workbook) -> None:
        del book[layout.OBLIGATIONS]

    with pytest.raises(InputError, match=f"no sheet '{layout.OBLIGATIONS}'"):
        _read(edited(example_data(DAK_HA), rule_set, drop))

    def blank_header(book: Workbook) -> None:
        book[layout.OBLIGATIONS].cell(1, 6).value = None
        book[layout.OBLIGATIONS].cell(2, 6).value = None

    with pytest.raises(InputError, match="has no column 'Status'") as caught:
        _read(edited(example_data(DAK_HA), rule_set, blank_header))
    assert caught.value.problems[0].sheet == layout.OBLIGATIONS


def test_an_obligation_twice_names_both_rows(rule_set: RuleSet) -> None:
    def twice(book: Workbook) -> None:
        book[layout.OBLIGATIONS].cell(4, 1, "3855/UBND-KGVX:1")

    with pytest.raises(InputError, match="first at row 3") as caught:
        _read(edited(example_data(DAK_HA), rule_set, twice))
    problem = caught.value.problems[0]
    assert (problem.sheet, problem.line, problem.column) == (layout.OBLIGATIONS, 4, 1)


def test_text_files_keep_their_line_and_column(rule_set: RuleSet) -> None:
    """The location change leaves YAML alone: no sheet, line:column as before."""
    report = check_submission(rule_set, load_submission(str(EXAMPLES_DIR / DAK_HA), rule_set))
    finding = report.obligations[0].findings[0]
    assert finding.sheet is None and (finding.line, finding.column) == (42, 19)


_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() != "")


@settings(max_examples=25, deadline=None)
@given(summary=_TEXT, reason=_TEXT)
def test_any_text_survives_the_workbook(rule_set: RuleSet, summary: str, reason: str) -> None:
    """What the writer puts in a text cell is read back as that text, trimmed and in NFC."""
    data = example_data(DAK_HA)
    entry = data["obligations"]["3855/UBND-KGVX:2"]
    entry["summary"], entry["reason"] = summary, reason
    read = _read(workbook_bytes(data, rule_set))["obligations"]["3855/UBND-KGVX:2"]
    assert read["summary"] == nfc(summary.strip())
    assert read["reason"] == nfc(reason.strip())
