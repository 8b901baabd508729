"""Time: dated versions, periods that straddle a change, --as-of, supersession and the 2025
successors (a 2024 Kon Tum body is judged by Kon Tum's directives; in 2026 it is told why not)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.model import Report, Status
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from tests.conftest import RULES_DIR
from tests.helpers import base_submission, submission_of

RULE_12 = "catalogue/286-CV-TU/1.2.yaml"
VERSION = """versions:
  - from: 2022-01-01
    note: Từ 2022 phải nêu cả số vụ đã chuyển cơ quan điều tra (ví dụ thử nghiệm).
    checks:
      - id: referred-reported
        require: {present: figures.violations_referred}
        message: {vi: "cần báo cáo số vụ đã chuyển cơ quan điều tra", en: "report violations referred"}
    examples:
      - name: referred figure given
        expect: met
        entry: {status: done, figures: {violations_referred: 0}}
      - name: referred figure missing
        expect: not_met
        entry: {status: done, figures: {violations_detected: 1}}
"""


@pytest.fixture
def versioned(tmp_path: Path) -> RuleSet:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    path = target / RULE_12
    path.write_text(path.read_text(encoding="utf-8") + VERSION, encoding="utf-8")
    return load_rule_set(str(target))


def _report(
    rule_set: RuleSet, start: str, end: str, as_of: str | None = None, **changes: Any
) -> Report:
    data = base_submission(
        **{
            "286-CV/TU:1.2": {  # one case detected and handled: met under the first version
                "status": "done",
                "figures": {"violations_detected": 1, "violations_handled": 1},
                "cases": [
                    {"date": start, "summary": "Chia sẻ tin sai sự thật", "outcome": "Gỡ bài"}
                ],
            }
        }
    )
    data["period"] = {"start": start, "end": end}
    data["submitted"] = end
    data["agency"] = dict(data["agency"], **changes)
    return check_submission(rule_set, submission_of(rule_set, data), as_of=as_of)


def _result(report: Report, rule_id: str) -> Any:
    return next(r for r in report.obligations if r.rule.id == rule_id)


def test_the_version_in_force_judges(versioned: RuleSet) -> None:
    before = _result(_report(versioned, "2021-10-01", "2021-12-31"), "286-CV/TU:1.2")
    after = _result(_report(versioned, "2022-01-01", "2022-03-31"), "286-CV/TU:1.2")
    assert before.status is Status.MET and before.notes == ()
    assert after.status is Status.NOT_MET  # the 2022 version asks for violations_referred
    assert after.findings[0].check_id == "referred-reported"


def test_a_period_straddling_a_version_is_judged_by_its_last_day_with_a_note(
    versioned: RuleSet,
) -> None:
    result = _result(_report(versioned, "2021-12-01", "2022-02-28"), "286-CV/TU:1.2")
    assert result.status is Status.NOT_MET
    assert any(
        "2022-01-01" in n.en and "earlier version applied until 2021-12-31" in n.en
        for n in result.notes
    )


def test_as_of_picks_the_version_of_that_day(versioned: RuleSet) -> None:
    old = _result(
        _report(versioned, "2022-01-01", "2022-03-31", as_of="2021-12-15"), "286-CV/TU:1.2"
    )
    assert old.status is Status.MET
    report = _report(versioned, "2022-01-01", "2022-03-31", as_of="2021-12-15")
    assert report.as_of == "2021-12-15"


def test_a_rule_entering_force_inside_the_period_says_so(rule_set: RuleSet) -> None:
    report = _report(rule_set, "2021-10-01", "2021-12-31")
    result = _result(report, "3855/UBND-KGVX:4")
    assert any("in force from 2021-10-26" in n.en for n in result.notes)
    assert _result(report, "286-CV/TU:1.2").notes == ()


def test_no_rule_in_force_gives_a_statement(rule_set: RuleSet) -> None:
    report = _report(rule_set, "2015-01-01", "2015-03-31")
    assert report.obligations == () and report.no_longer_binding == ()
    result = CliRunner().invoke(
        cli,
        ["check", "examples/kontum-so-noi-vu-2021q4.yaml", "--as-of", "2015-01-01", "--lang", "en"],
    )
    assert "No obligation binds this agency" in result.output


def test_kon_tum_in_2024_is_judged_by_kon_tum_directives(rule_set: RuleSet) -> None:
    report = _report(rule_set, "2024-01-01", "2024-03-31")
    assert {r.rule.citation.document for r in report.obligations} == {"286-CV/TU", "3855/UBND-KGVX"}
    assert report.no_longer_binding == ()


def test_kon_tum_in_2026_is_told_why_its_rules_no_longer_bind(rule_set: RuleSet) -> None:
    for province in ("kon-tum", "quang-ngai"):
        report = _report(rule_set, "2026-01-01", "2026-03-31", province=province)
        assert report.obligations == ()
        ended = {item.rule_id for item in report.no_longer_binding}
        assert "286-CV/TU:1.2" in ended and "3855/UBND-KGVX:4" in ended
        reason = report.no_longer_binding[0].reason.en
        assert "2025-07-01" in reason and "Quang Ngai" in reason and "202/2025/QH15" in reason


def test_a_period_across_the_merger_is_judged_up_to_the_day_before(rule_set: RuleSet) -> None:
    report = _report(rule_set, "2025-04-01", "2025-09-30")
    result = _result(report, "286-CV/TU:1.2")
    assert any("judged up to 2025-06-30" in n.en for n in result.notes)


def test_district_committees_end_with_the_district_level(rule_set: RuleSet) -> None:
    report = _report(rule_set, "2026-01-01", "2026-03-31", kind="ubnd-huyen")
    assert report.obligations == ()
    assert any(
        "District" in item.reason.en or "district" in item.reason.en
        for item in report.no_longer_binding
    )


def test_the_ministry_is_succeeded_in_2025(rule_set: RuleSet) -> None:
    """The online-information duties went to Culture, Sports and Tourism, not Science and Technology."""
    report = _report(
        rule_set,
        "2025-06-01",
        "2025-06-30",
        kind="bo-van-hoa-the-thao-du-lich",
        province="national",
    )
    assert report.obligations == ()
    assert {i.rule_id for i in report.no_longer_binding} >= {"990-CV/BTGTW:1.1", "990-CV/BTGTW:1.4"}
    science = _report(
        rule_set, "2025-06-01", "2025-06-30", kind="bo-khoa-hoc-cong-nghe", province="national"
    )
    assert science.obligations == () and science.no_longer_binding == ()


BROKEN_TIME = {
    "versions out of order": (
        RULE_12,
        VERSION.replace("2022-01-01", "2021-01-01"),
        "version dates must increase",
    ),
    "superseded_by names no rule": (
        RULE_12,
        "superseded_by: 286-CV/TU:9.9\neffective: {from: 2021-09-15, until: 2023-01-01}\n",
        "names no rule",
    ),
    "superseded without an end": (
        RULE_12,
        "superseded_by: 286-CV/TU:1.1\n",
        "needs effective.until",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN_TIME))
def test_bad_time_data_is_refused_at_load(tmp_path: Path, name: str) -> None:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    file, extra, message = BROKEN_TIME[name]
    path = target / file
    text = path.read_text(encoding="utf-8")
    if "effective: {" in extra:
        text = text.replace("effective:\n  from: 2021-09-15\n", "")
    path.write_text(text + extra, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rule_set(str(target))
    assert any(message in p.message.en for p in caught.value.problems)
    assert all(p.line is not None for p in caught.value.problems if message in p.message.en)


def test_the_digest_ignores_layout_comments_and_key_order(tmp_path: Path) -> None:
    import yaml

    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    for path in sorted((target / "catalogue").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        flipped = dict(reversed(list(data.items())))
        new = (
            target
            / "catalogue"
            / "flat"
            / (path.stem.replace(".", "_") + "-" + path.parent.name + ".yaml")
        )
        new.parent.mkdir(parents=True, exist_ok=True)
        path.unlink()
        new.write_text(
            "# moved and reordered\n"
            + yaml.safe_dump(flipped, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    assert load_rule_set(str(target)).digest == load_rule_set(str(RULES_DIR)).digest
