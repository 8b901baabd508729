"""SARIF: valid against the official 2.1.0 schema, one result per annotation (gaps, advice, notes;
never a met obligation), levels from severity, workbook cells as logical locations, the same
bytes every time."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission, parse_submission
from ruleset.model import Report, Severity, Status
from ruleset.reporters import render_ci
from ruleset.reporters.ci import GAP_LEVEL
from ruleset.reporters.sarif import uri
from ruleset.rules.ruleset import RuleSet
from ruleset.template.xlsx_form import workbook_bytes
from ruleset.text import Lang, Text
from tests.conftest import EXAMPLES_DIR
from tests.documents.xlsx_helpers import example_data
from tests.reporters.sarif_checks import assert_valid_sarif, sarif_errors

DAK_HA = "kontum-ubnd-huyen-dak-ha-2021q4.yaml"
EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".json"))


def _report(rule_set: RuleSet, name: str = DAK_HA) -> Report:
    return check_submission(rule_set, load_submission(str(EXAMPLES_DIR / name), rule_set))


def _expected_results(report: Report) -> int:
    """Every finding of a gap (or one per gap without findings), every advice, every note."""
    gaps = sum(max(1, len(r.findings)) for r in report.obligations if r.status.is_gap)
    advice = sum(len(r.advice) for r in report.obligations)
    return gaps + advice + len(report.general_findings)


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("lang", [Lang.VI, Lang.EN, None])
def test_every_example_gives_a_valid_log_with_one_result_per_annotation(
    rule_set: RuleSet, name: str, lang: Lang | None
) -> None:
    report = _report(rule_set, name)
    log = assert_valid_sarif(render_ci([report], "sarif", lang))
    (run,) = log["runs"]
    assert len(run["results"]) == _expected_results(report)
    assert run["tool"]["driver"]["name"] == "ruleset"
    assert run["properties"]["ruleset"]["digest"] == report.ruleset_digest
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:  # each result points at its own rule's descriptor
        assert rules[result["ruleIndex"]] == result["ruleId"]
    met = {r.rule.id for r in report.obligations if r.status is Status.MET and not r.advice}
    assert not met & {result["ruleId"] for result in run["results"]}


def test_results_carry_location_level_message_and_clause(rule_set: RuleSet) -> None:
    report = _report(rule_set)
    log = assert_valid_sarif(render_ci([report], "sarif", Lang.EN))
    results = log["runs"][0]["results"]
    first = results[0]
    assert first["ruleId"] == "3855/UBND-KGVX:1"
    assert first["level"] == "warning"  # a medium gap
    assert first["message"]["text"].startswith("expected at least one dissemination activity")
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "file://" + str(EXAMPLES_DIR / DAK_HA)
    assert location["region"] == {"startLine": 42, "startColumn": 19}
    assert first["properties"]["status"] == "not_met"
    assert first["properties"]["citation"].startswith("Công văn 3855/UBND-KGVX")
    critical = next(r for r in results if r["ruleId"] == "3855/UBND-KGVX:3")
    assert critical["level"] == "error"
    descriptor = log["runs"][0]["tool"]["driver"]["rules"][critical["ruleIndex"]]
    assert "Tuyệt đối không tham gia bình luận" in descriptor["help"]["text"]
    assert descriptor["defaultConfiguration"]["level"] == "error"
    assert log["runs"][0]["language"] == "en"


def test_levels_follow_severity() -> None:
    assert [GAP_LEVEL[s].value for s in Severity] == ["note", "warning", "error", "error"]


def test_no_language_chosen_gives_both(rule_set: RuleSet) -> None:
    log = assert_valid_sarif(render_ci([_report(rule_set)], "sarif", None))
    text = log["runs"][0]["results"][0]["message"]["text"]
    assert text.startswith("cần ít nhất một hoạt động") and " / expected at least one" in text
    assert "language" not in log["runs"][0]


def test_a_workbook_cell_is_a_logical_location_and_a_property(rule_set: RuleSet) -> None:
    book = workbook_bytes(example_data(DAK_HA), rule_set)
    report = check_submission(rule_set, parse_submission(book, "dak-ha.xlsx", rule_set))
    log = assert_valid_sarif(render_ci([report], "sarif", Lang.VI))
    claimed = next(
        r for r in log["runs"][0]["results"] if r["properties"].get("cell") == "Nhiệm vụ!F4"
    )
    assert claimed["message"]["text"].startswith("Nhiệm vụ!F4: khai báo 'done'")
    (location,) = claimed["locations"]
    assert location["logicalLocations"] == [{"name": "F4", "fullyQualifiedName": "Nhiệm vụ!F4"}]
    assert "region" not in location["physicalLocation"]  # a row is not a line of the file
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "dak-ha.xlsx"


def test_paths_become_uri_references() -> None:
    assert uri("hồ sơ/bản 1.yaml") == "h%E1%BB%93%20s%C6%A1/b%E1%BA%A3n%201.yaml"
    assert uri("/srv/a b.yaml") == "file:///srv/a%20b.yaml"


def test_an_unreadable_input_is_an_error_result_at_its_line(rule_set: RuleSet) -> None:
    error = InputError.at("bad.yaml", Text("sai cú pháp", "syntax error"), line=3, column=5)
    log = assert_valid_sarif(render_ci([("bad.yaml", error)], "sarif", Lang.EN))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "input-error" and result["level"] == "error"
    assert result["message"]["text"] == "syntax error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 5}


def test_several_reports_are_one_run_and_rendering_is_deterministic(rule_set: RuleSet) -> None:
    reports = [_report(rule_set, name) for name in EXAMPLES[:3]]
    text = render_ci(reports, "sarif", Lang.VI)
    assert text == render_ci(reports, "sarif", Lang.VI)
    log = assert_valid_sarif(text)
    assert len(log["runs"]) == 1
    assert len(log["runs"][0]["results"]) == sum(_expected_results(r) for r in reports)


@pytest.mark.parametrize(
    "damage",
    [
        lambda log: log.update(version="2.0.0"),
        lambda log: log["runs"][0]["results"][0].update(level="fatal"),
        lambda log: log["runs"][0]["results"][0].pop("message"),
        lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "region"
        ].update(startLine=0),
        lambda log: log["runs"][0]["tool"].pop("driver"),
    ],
)
def test_the_schema_check_catches_a_broken_log(rule_set: RuleSet, damage: Any) -> None:
    """The vendored schema is really applied: each of these breaks it."""
    log = json.loads(render_ci([_report(rule_set)], "sarif", Lang.EN))
    damage(log)
    assert sarif_errors(log) != []
