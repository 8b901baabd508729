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
    template = template_data(RULES, kind, place, "2021-10-01", "2021-12-31")
    data, rules = template.data, template.rules
    assert [r.id for r in rules] == sorted(data["obligations"])
    for text, name in ((render_yaml(template), "t.yaml"), (render_json(data), "t.json")):
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
    template = template_data(RULES, kind, place, start.isoformat(), end.isoformat())
    assert _statuses(RULES, render_yaml(template), "t.yaml") <= GAPS


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


def _binding_rule_sets() -> list[tuple[str, str]]:
    rule_set = load_rule_set(str(RULES_DIR))
    places = [*rule_set.provinces.ids, "national"]
    return [(kind, place) for kind in rule_set.agency_kinds.ids for place in places]


@pytest.mark.parametrize(("kind", "place"), _binding_rule_sets())
def test_template_and_check_agree_on_what_binds_in_every_year(kind: str, place: str) -> None:
    """What the template lists is exactly what check judges, 2019 to 2026 (after the mergers too)."""
    rule_set = load_rule_set(str(RULES_DIR))
    for year in range(2019, 2027):
        start, end = f"{year}-07-01", f"{year}-09-30"
        template = template_data(rule_set, kind, place, start, end)
        report = check_submission(
            rule_set, parse_submission(render_json(template.data).encode(), "t.json", rule_set)
        )
        listed = [rule.id for rule in template.rules]
        assert [r.rule.id for r in report.obligations] == listed, (kind, place, year)
        assert not report.general_findings, (kind, place, year)


def test_kontum_department_2026_template_lists_what_check_judges_and_says_what_ended() -> None:
    rule_set = load_rule_set(str(RULES_DIR))
    template = template_data(rule_set, "so-ban-nganh", "kon-tum", "2026-01-01", "2026-03-31")
    text = render_yaml(template)
    report = check_submission(rule_set, parse_submission(text.encode(), "t.yaml", rule_set))
    assert [r.rule.id for r in report.obligations] == [rule.id for rule in template.rules]
    assert report.no_longer_binding, "Kon Tum's rules ended with the 2025 merger"
    for ended in report.no_longer_binding:
        assert ended.rule_id in text, "the template says which obligations no longer bind"
