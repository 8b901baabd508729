"""GitHub workflow commands: the exact lines, escaped as the Actions toolkit escapes them, so no
text from a submission can end a line and start a command of its own."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.reporters import render_ci
from ruleset.reporters.ci import Annotation, Level, Place
from ruleset.reporters.github import command, escape_data, escape_property
from ruleset.rules.ruleset import RuleSet
from ruleset.template.xlsx_form import workbook_bytes
from ruleset.text import Lang, Text
from tests.documents.xlsx_helpers import example_data


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_an_annotation_is_one_exact_line() -> None:
    annotation = Annotation(
        "286-CV/TU:1.2",
        Level.ERROR,
        Text("thiếu, xem 100%", "missing, see 100%"),
        Place("dir,x/a:b.yaml", 12, 3),
        Text("Không đạt", "Not met"),
        citation="Công văn 286-CV/TU (Tỉnh ủy Kon Tum, 2021-09-15), mục 1",
    )
    assert command(annotation, Lang.EN) == (
        "::error file=dir%2Cx/a%3Ab.yaml,line=12,col=3,title=286-CV/TU%3A1.2 — Not met"
        "::missing, see 100%25%0ASource: Công văn 286-CV/TU (Tỉnh ủy Kon Tum, 2021-09-15), mục 1\n"
    )
    note = Annotation("note", Level.NOTE, Text("x", "x"), Place("a.yaml"), Text("Ghi chú", "Note"))
    assert command(note, None) == "::notice file=a.yaml,title=note — Ghi chú / Note::x\n"


@given(st.text())
def test_nothing_a_submission_says_starts_a_command(said: str) -> None:
    annotation = Annotation(
        said, Level.WARNING, Text(said, said), Place(said, 1, 1), Text(said, said), said
    )
    line = command(annotation, Lang.VI)
    assert line.endswith("\n") and "\n" not in line[:-1] and "\r" not in line
    assert line.startswith("::warning file=")


def test_a_workbook_cell_opens_the_message(rule_set: RuleSet) -> None:
    book = workbook_bytes(example_data("kontum-ubnd-huyen-dak-ha-2021q4.yaml"), rule_set)
    report = check_submission(rule_set, parse_submission(book, "dak-ha.xlsx", rule_set))
    lines = render_ci([report], "github", Lang.VI).splitlines()
    assert lines[0] == "::debug::written by ruleset " + report.engine_version
    claimed = [line for line in lines if "::Nhiệm vụ!F4: khai báo 'done'" in line]
    assert len(claimed) == 1
    assert claimed[0].startswith("::warning file=dak-ha.xlsx,title=3855/UBND-KGVX%3A2 — ")
    assert ",line=" not in claimed[0]  # a row of a sheet is no line of the file
