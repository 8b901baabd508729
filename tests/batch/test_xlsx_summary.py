"""``batch --summary xlsx`` and ``.xlsx`` submissions in a batch."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from openpyxl import load_workbook

from ruleset.batch import run_batch
from ruleset.batch.xlsx_summary import FILLS, MATRIX, OVERVIEW, PROVINCES, RANKING, UNREADABLE
from ruleset.model import Status
from ruleset.rules.load import load_rule_set
from ruleset.template.xlsx_form import workbook_bytes
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.documents.xlsx_helpers import example_data

DAK_HA = "kontum-ubnd-huyen-dak-ha-2021q4.yaml"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "in"
    shutil.copytree(EXAMPLES_DIR, corpus)
    rules = load_rule_set(str(RULES_DIR))
    data = example_data(DAK_HA)
    # Another agency: one agency's period submitted twice would count once in a batch.
    data["agency"] = dict(data["agency"], id=data["agency"]["id"] + "-xlsx")
    (corpus / "dak-ha.xlsx").write_bytes(workbook_bytes(data, rules))
    (corpus / "hong.xlsx").write_bytes(b"not a workbook")
    return corpus


def test_the_summary_workbook(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcome = run_batch(
        [str(_corpus(tmp_path))], str(RULES_DIR), out_dir=str(out), summary_format="xlsx"
    )
    assert outcome.exit_code == 2  # one unreadable file
    assert outcome.summary_files == (str(out / "summary.xlsx"),)
    book = load_workbook(out / "summary.xlsx")
    assert book.sheetnames == [OVERVIEW, MATRIX, RANKING, PROVINCES, UNREADABLE]

    matrix = book[MATRIX]
    header = [c.value for c in matrix[1]]
    rows = {matrix.cell(r, 1).value: r for r in range(4, matrix.max_row + 1)}
    assert set(rows) == {str(p) for p in sorted((out.parent / "in").iterdir())} - {
        str(out.parent / "in" / "hong.xlsx")
    }
    xlsx_row = rows[str(out.parent / "in" / "dak-ha.xlsx")]
    yaml_row = rows[str(out.parent / "in" / DAK_HA)]
    column = header.index("3855/UBND-KGVX:3") + 1
    cell = matrix.cell(xlsx_row, column)
    assert cell.value == "Không đạt" and cell.fill.fgColor.rgb == "00" + FILLS[Status.NOT_MET]
    assert matrix.cell(3, column).value.startswith("Tuyệt đối không")  # the title under the id
    # The workbook and its YAML are judged alike, cell for cell; scores are numbers.
    assert [c.value for c in matrix[xlsx_row]][2:] == [c.value for c in matrix[yaml_row]][2:]
    score = matrix.cell(xlsx_row, header.index("Điểm") + 1).value
    assert score == 19.2 and isinstance(score, float)
    start = matrix.cell(xlsx_row, header.index("Từ ngày") + 1).value
    assert start == dt.datetime(2021, 10, 1)

    summary = json.loads((out / "dak-ha.xlsx.json").read_text(encoding="utf-8"))
    assert summary["obligations"][0]["findings"][0]["cell"] == "Nhiệm vụ!I3"

    ranking = book[RANKING]
    scores = [ranking.cell(r, 5).value for r in range(3, ranking.max_row + 1)]
    ranked = [s for s in scores if s is not None]
    assert ranked == sorted(ranked, reverse=True) and len(scores) == len(rows)
    assert [ranking.cell(r, 1).value for r in range(3, 3 + len(ranked))] == list(
        range(1, len(ranked) + 1)
    )

    provinces = book[PROVINCES]
    by_name = {provinces.cell(r, 1).value: r for r in range(3, provinces.max_row + 1)}
    assert by_name.keys() == {"bac-kan", "kon-tum", "national", "soc-trang"}
    assert provinces.cell(by_name["kon-tum"], 2).value == 7  # six examples and the workbook

    unreadable = book[UNREADABLE]
    assert unreadable.cell(3, 1).value == str(out.parent / "in" / "hong.xlsx")
    assert "not an .xlsx workbook" in unreadable.cell(3, 2).value
    assert unreadable.max_row == 3

    again = tmp_path / "again"
    run_batch(
        [str(out.parent / "in")],
        str(RULES_DIR),
        out_dir=str(again),
        summary_format="xlsx",
        jobs=2,
    )
    assert (again / "summary.xlsx").read_bytes() == (out / "summary.xlsx").read_bytes()

    overview = book[OVERVIEW]
    rates = [overview.cell(r, 4).value for r in range(3, 12)]
    assert all(isinstance(v, (int, float)) for v in rates if v is not None)
