"""``ruleset template --format xlsx``: a workbook an officer can fill in, that ``check`` reads as the
YAML template (gaps only), with protected headers, drop-downs, date cells and A4 print setup."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from ruleset.cli import cli
from ruleset.documents import xlsx_layout as layout
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.model import Status
from ruleset.rules.load import load_rule_set
from ruleset.template.xlsx_form import workbook_bytes
from ruleset.template.yaml_form import template_data
from tests.conftest import RULES_DIR

RULES = load_rule_set(str(RULES_DIR))
KINDS = [t.id for t in RULES.agency_kinds.terms]
GAPS = {Status.MISSING, Status.NOT_MET}


@pytest.mark.parametrize("kind", KINDS)
def test_template_for_every_kind_checks_as_gaps_only(kind: str) -> None:
    template = template_data(RULES, kind, "kon-tum", "2021-10-01", "2021-12-31")
    data, rules = template.data, template.rules
    submission = parse_submission(workbook_bytes(data, RULES), "t.xlsx", RULES)
    assert sorted(submission.data["obligations"]) == [r.id for r in rules]
    report = check_submission(RULES, submission)
    assert {r.status for r in report.obligations} <= GAPS
    assert all(f.sheet == layout.OBLIGATIONS for r in report.obligations for f in r.findings)


def _template(tmp_path: Path) -> Path:
    out = tmp_path / "mau.xlsx"
    result = CliRunner().invoke(
        cli,
        [
            "template",
            "--agency-kind",
            "Sở, ban, ngành",
            "--province",
            "Kon Tum",
            "--period-start",
            "2021-10-01",
            "--period-end",
            "2021-12-31",
            "--format",
            "xlsx",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_workbook_is_shaped_for_an_officer(tmp_path: Path) -> None:
    book = load_workbook(_template(tmp_path))
    assert book.sheetnames == [
        layout.AGENCY,
        layout.OBLIGATIONS,
        layout.ACTIVITIES,
        layout.DOCUMENTS,
        layout.FIGURES,
        layout.CASES,
        layout.LISTS,
    ]
    duties = book[layout.OBLIGATIONS]
    assert (duties["A1"].value, duties["A2"].value) == ("Mã nhiệm vụ", "Obligation id")
    assert duties["A3"].value == "286-CV/TU:1.1"
    assert "“" in duties["D3"].value and "286-CV/TU" in duties["D3"].value  # the quoted clause
    assert duties["F3"].value == "Chưa thực hiện"
    for sheet in book.worksheets:
        assert sheet.protection.sheet, sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.freeze_panes is not None and sheet.freeze_panes.endswith("3")
        assert sheet["A1"].protection.locked
    assert not duties["F3"].protection.locked and not duties["G3"].protection.locked
    assert duties["A3"].protection.locked and duties["D3"].protection.locked
    assert duties.column_dimensions["D"].width >= 40
    lists = {dv.formula1: str(dv.sqref) for dv in duties.data_validations.dataValidation}
    assert lists == {f"'{layout.LISTS}'!$A$3:$A$6": f"F3:F{duties.max_row}"}
    labels = [book[layout.LISTS].cell(row, 1).value for row in range(3, 7)]
    assert labels == list(layout.STATUSES.values())
    activities = book[layout.ACTIVITIES]
    kinds = {dv.formula1 for dv in activities.data_validations.dataValidation}
    assert kinds == {f"'{layout.LISTS}'!$D$3:$D$15"}
    date_column = activities.column_dimensions["C"]  # every row below the headers, as a style
    assert date_column.number_format == "dd/mm/yyyy" and not date_column.protection.locked
    assert activities.column_dimensions["A"].number_format == "@"
    agency = book[layout.AGENCY]
    start = agency.cell(7, 3)
    assert agency.cell(7, 2).value == "Period start" and start.is_date


def test_the_template_lists_the_figures_the_rules_read(tmp_path: Path) -> None:
    figures = load_workbook(_template(tmp_path))[layout.FIGURES]
    rows = [(figures.cell(r, 1).value, figures.cell(r, 3).value) for r in range(3, 10)]
    assert rows[:3] == [
        ("staff_harmful_shares", "286-CV/TU:1.1.c"),
        ("violations_detected", "286-CV/TU:1.2"),
        ("violations_handled", "286-CV/TU:1.2"),
    ]
    assert all(figures.cell(r, 2).value is None for r in range(3, 10))  # values left to fill


def test_an_excel_template_needs_an_output_file() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "template",
            "--agency-kind",
            "so-ban-nganh",
            "--province",
            "kon-tum",
            "--period-start",
            "2021-10-01",
            "--period-end",
            "2021-12-31",
            "--format",
            "xlsx",
        ],
    )
    assert result.exit_code == 2 and "--output" in result.output


def test_a_filled_template_round_trips_through_excel_bytes() -> None:
    """The workbook written for data is read back as that data (the template's own fields)."""
    data = template_data(RULES, "hoi-nha-bao", "kon-tum", "2021-10-01", "2021-12-31").data
    read = parse_submission(workbook_bytes(data, RULES), "t.xlsx", RULES).data
    assert read["agency"] == data["agency"] and read["period"] == data["period"]
    assert read["submitted"] == data["submitted"]
    assert read["obligations"] == data["obligations"]
    assert load_workbook(io.BytesIO(workbook_bytes(data, RULES))).properties.creator == "ruleset"


def test_the_same_content_gives_the_same_bytes() -> None:
    """No clock inside: core.xml's dates and every zip entry's time are fixed."""
    data = template_data(RULES, "hoi-nha-bao", "kon-tum", "2021-10-01", "2021-12-31").data
    first = workbook_bytes(data, RULES)
    assert first == workbook_bytes(data, RULES)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified
