"""``ruleset template`` writes, for every agency kind and province, a submission that ``check``
reads without a format error and judges as gaps only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.cli import cli
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.model import Status
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from ruleset.template.yaml_form import render_json, render_yaml, template_data
from tests.conftest import RULES_DIR

RULES = load_rule_set(str(RULES_DIR))
KINDS = [t.id for t in RULES.agency_kinds.terms]
PLACES = [t.id for t in RULES.provinces.terms] + ["national"]
GAPS = {Status.MISSING, Status.NOT_MET}


def _statuses(rule_set: RuleSet, text: str, name: str) -> set[Status]:
    report = check_submission(rule_set, parse_submission(text.encode("utf-8"), name, rule_set))
    return {result.status for result in report.obligations}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("place", PLACES)
def test_template_for_every_kind_and_place_checks_as_gaps_only(kind: str, place: str) -> None:
    data, rules = template_data(RULES, kind, place, "2021-10-01", "2021-12-31")
    assert [r.id for r in rules] == sorted(data["obligations"])
    for text, name in ((render_yaml(data, rules), "t.yaml"), (render_json(data), "t.json")):
        statuses = _statuses(RULES, text, name)
        assert statuses <= GAPS
        assert len(parse_submission(text.encode("utf-8"), name, RULES).data["obligations"]) == len(
            rules
        )


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(KINDS),
    st.sampled_from(PLACES),
    st.dates(dt.date(2018, 1, 1), dt.date(2027, 12, 31)),
    st.integers(0, 800),
)
def test_template_any_period_is_valid(kind: str, place: str, start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    data, rules = template_data(RULES, kind, place, start.isoformat(), end.isoformat())
    assert _statuses(RULES, render_yaml(data, rules), "t.yaml") <= GAPS


def test_template_command_yaml_has_titles_and_quotes(tmp_path: Path) -> None:
    out = tmp_path / "mau.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "template",
            "--agency-kind",
            "Báo Kon Tum",
            "--province",
            "Kon Tum",
            "--period-start",
            "2021-10-01",
            "--period-end",
            "2021-12-31",
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "# 286-CV/TU:4.1 — Đổi mới nội dung" in text
    assert "“Báo Kon Tum, Đài Phát thanh và Truyền hình tỉnh tiếp tục đổi mới" in text
    check = CliRunner().invoke(cli, ["check", str(out)])
    assert check.exit_code == 1 and "Không đạt" in check.output


def test_template_command_json_and_errors() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "template",
            "--agency-kind",
            "hoi-nha-bao-viet-nam",
            "--province",
            "national",
            "--period-start",
            "2022-01-01",
            "--period-end",
            "2022-03-31",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0
    assert set(json.loads(result.output)["obligations"]) == {"990-CV/BTGTW:2.1", "990-CV/BTGTW:2.2"}
    bad = runner.invoke(
        cli,
        [
            "template",
            "--agency-kind",
            "bộ quốc phòng",
            "--province",
            "Kon Tum",
            "--period-start",
            "2022-01-01",
            "--period-end",
            "2022-03-31",
        ],
    )
    assert bad.exit_code == 2 and "unknown agency kind" in bad.output
    bad = runner.invoke(
        cli,
        [
            "template",
            "--agency-kind",
            "sở",
            "--province",
            "Kon Tum",
            "--period-start",
            "2022-02-30",
            "--period-end",
            "2022-03-31",
        ],
    )
    assert bad.exit_code == 2 and "not a date" in bad.output
