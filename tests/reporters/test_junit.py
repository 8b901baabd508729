"""JUnit XML: parsed back, the counts are the statuses (gap = failure, not applicable = skipped),
an unreadable input is an error, and what XML cannot carry does not break the file."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.model import AgencyInfo, Report, Status
from ruleset.reporters import render_ci
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang, Text
from tests.conftest import EXAMPLES_DIR

EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".json"))


def _report(rule_set: RuleSet, name: str) -> Report:
    return check_submission(rule_set, load_submission(str(EXAMPLES_DIR / name), rule_set))


@pytest.mark.parametrize("name", EXAMPLES)
def test_counts_are_the_statuses(rule_set: RuleSet, name: str) -> None:
    report = _report(rule_set, name)
    root = ET.fromstring(render_ci([report], "junit", Lang.EN))
    (suite,) = root.findall("testsuite")
    statuses = [r.status for r in report.obligations]
    gaps = sum(s.is_gap for s in statuses)
    skipped = statuses.count(Status.NOT_APPLICABLE)
    for element in (root, suite):
        assert element.get("tests") == str(len(statuses))
        assert element.get("failures") == str(gaps)
        assert element.get("skipped") == str(skipped)
        assert element.get("errors") == "0"
    cases = suite.findall("testcase")
    assert len(cases) == len(statuses)
    assert len([c for c in cases if c.find("failure") is not None]) == gaps
    assert suite.get("name") == report.submission_path


def test_a_failure_names_the_status_the_places_and_the_clause(rule_set: RuleSet) -> None:
    report = _report(rule_set, "kontum-ubnd-huyen-dak-ha-2021q4.yaml")
    root = ET.fromstring(render_ci([report], "junit", Lang.VI))
    case = root.find("testsuite/testcase")
    assert case is not None
    assert case.get("name", "").startswith("3855/UBND-KGVX:1 — Tuyên truyền")
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "not_met"
    assert failure.get("message", "").startswith("Không đạt: cần ít nhất một hoạt động")
    body = failure.text or ""
    assert "kontum-ubnd-huyen-dak-ha-2021q4.yaml:42:19: cần ít nhất" in body
    assert "Căn cứ: Công văn 3855/UBND-KGVX" in body and "“Theo đó, đẩy mạnh" in body


def test_an_unreadable_input_is_an_error_case() -> None:
    error = InputError.at("bad.yaml", Text("sai cú pháp", "syntax error"), line=2, column=1)
    root = ET.fromstring(render_ci([("bad.yaml", error)], "junit", Lang.EN))
    assert (root.get("tests"), root.get("errors"), root.get("failures")) == ("1", "1", "0")
    failure = root.find("testsuite/testcase/error")
    assert failure is not None and failure.get("type") == "input-error"
    assert failure.text == "bad.yaml:2:1: syntax error"


def test_control_characters_and_markup_in_a_submission_stay_text(rule_set: RuleSet) -> None:
    report = _report(rule_set, "kontum-ubnd-huyen-dak-ha-2021q4.yaml")
    hostile = dataclasses.replace(
        report,
        submission_path='a"<b>&\x01\x1b.yaml',
        agency=AgencyInfo("x", "y", "z", "w"),
    )
    text = render_ci([hostile], "junit", Lang.EN)
    suite = ET.fromstring(text).find("testsuite")
    assert suite is not None and suite.get("name") == 'a"<b>&\ufffd\ufffd.yaml'


def test_the_same_reports_give_the_same_bytes(rule_set: RuleSet) -> None:
    reports = [_report(rule_set, name) for name in EXAMPLES]
    assert render_ci(reports, "junit", None) == render_ci(reports, "junit", None)
    root = ET.fromstring(render_ci(reports, "junit", None))
    assert len(root.findall("testsuite")) == len(EXAMPLES)
    assert "time" not in root.find("testsuite/testcase").attrib  # type: ignore[union-attr]
