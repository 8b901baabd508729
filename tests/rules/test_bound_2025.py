"""Who the directives bind, as people write their agency, and what the 2025 reorganisation changed:
the police party committee is one of the party committees; a centrally-run city is not a district;
the merged provincial newspaper-broadcaster and propaganda-mass-mobilisation board are bound by the
clauses that bound the bodies they merged; the online-information duties went to Culture."""

from __future__ import annotations

from typing import Any

import pytest

from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.model import Report, Status
from ruleset.rules.ruleset import RuleSet
from ruleset.template.yaml_form import render_json, render_yaml, template_data
from tests.helpers import submission_of

CLAUSE_1_286 = {"286-CV/TU:1.1", "286-CV/TU:1.1.b", "286-CV/TU:1.1.c", "286-CV/TU:1.2"}
ALL_2575 = {f"2575-CV/TU:{c}" for c in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3")}
PRESS_KON_TUM = {"286-CV/TU:4.1", "286-CV/TU:4.2", "3855/UBND-KGVX:5", "3855/UBND-KGVX:6"}


def _report(
    rule_set: RuleSet,
    kind: str,
    province: str,
    start: str,
    end: str,
    obligations: dict[str, Any] | None = None,
) -> Report:
    data = {
        "agency": {"id": "a1", "name": kind, "kind": kind, "province": province},
        "period": {"start": start, "end": end},
        "submitted": end,
        "obligations": obligations or {},
    }
    return check_submission(rule_set, submission_of(rule_set, data))


def _judged(report: Report) -> set[str]:
    return {r.rule.id for r in report.obligations}


def _ended(report: Report) -> set[str]:
    return {item.rule_id for item in report.no_longer_binding}


def test_police_party_committee_is_bound_by_clause_1_of_286_besides_clause_3(
    rule_set: RuleSet,
) -> None:
    report = _report(
        rule_set, "Đảng ủy Công an tỉnh Kon Tum", "Kon Tum", "2021-10-01", "2021-12-31"
    )
    assert _judged(report) == CLAUSE_1_286 | {"286-CV/TU:3"}


@pytest.mark.parametrize(
    ("province", "start", "end", "expected"),
    [
        ("Bắc Kạn", "2019-04-01", "2019-06-30", ALL_2575),
        ("Sóc Trăng", "2020-07-01", "2020-09-30", {"19-CT/TU:1", "19-CT/TU:2", "19-CT/TU:3"}),
    ],
)
def test_police_party_committee_is_one_of_the_party_committees(
    rule_set: RuleSet, province: str, start: str, end: str, expected: set[str]
) -> None:
    assert _judged(_report(rule_set, "Đảng ủy Công an tỉnh", province, start, end)) == expected


def test_the_fatherland_front_is_not_read_into_doan_the_tinh_but_its_caucus_is_bound(
    rule_set: RuleSet,
) -> None:
    front = _report(rule_set, "Ủy ban MTTQ Việt Nam tỉnh", "Kon Tum", "2021-10-01", "2021-12-31")
    assert not _judged(front) & CLAUSE_1_286
    caucus = _report(rule_set, "Đảng đoàn MTTQ tỉnh", "Kon Tum", "2021-10-01", "2021-12-31")
    assert _judged(caucus) >= CLAUSE_1_286
    # 2575-CV/TU names the Front beside the mass organisations, so there it is bound by name.
    bac_kan = _report(rule_set, "MTTQ tỉnh", "Bắc Kạn", "2019-04-01", "2019-06-30")
    assert _judged(bac_kan) == ALL_2575


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("UBND thành phố Cần Thơ", "ubnd-tinh"),
        ("Ủy ban nhân dân thành phố Cần Thơ", "ubnd-tinh"),
        ("UBND thành phố trực thuộc trung ương", "ubnd-tinh"),
        ("UBND thành phố Kon Tum", "ubnd-huyen"),
        ("UBND thành phố thuộc tỉnh", "ubnd-huyen"),
        ("Báo và Phát thanh, Truyền hình Kon Tum", "bao-phat-thanh-truyen-hinh-tinh"),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "ban-tuyen-giao-dan-van-tinh-uy"),
        ("Đảng ủy Khối các cơ quan tỉnh", "dang-uy-khoi-tinh"),
        ("Đảng ủy Ủy ban nhân dân tỉnh", "dang-uy-truc-thuoc"),
        ("Bộ VHTTDL", "bo-van-hoa-the-thao-du-lich"),
    ],
)
def test_written_names_resolve_to_the_right_level(
    rule_set: RuleSet, written: str, kind: str
) -> None:
    assert rule_set.agency_kinds.resolve(written) == kind


def test_a_bare_city_committee_is_not_taken_for_a_district(rule_set: RuleSet) -> None:
    """'UBND thành phố' alone may be a centrally-run city (provincial level): it is not guessed."""
    for written in ("UBND thành phố", "Ủy ban nhân dân thành phố", "UBND TP"):
        assert rule_set.agency_kinds.resolve(written) != "ubnd-huyen"


def test_can_tho_city_committee_is_not_told_its_district_rules_ended(rule_set: RuleSet) -> None:
    report = _report(rule_set, "UBND thành phố Cần Thơ", "Cần Thơ", "2026-01-01", "2026-03-31")
    assert report.obligations == ()
    assert not any("district" in item.reason.en.lower() for item in report.no_longer_binding)


def test_merged_newspaper_broadcaster_is_bound_by_what_bound_the_two_bodies(
    rule_set: RuleSet,
) -> None:
    merged = _report(
        rule_set, "Báo và Phát thanh, Truyền hình Kon Tum", "Kon Tum", "2025-04-01", "2025-06-30"
    )
    assert _judged(merged) == PRESS_KON_TUM
    assert merged.no_longer_binding == ()
    old = _report(rule_set, "Báo Kon Tum", "Kon Tum", "2025-04-01", "2025-06-30")
    assert old.obligations == () and _ended(old) == PRESS_KON_TUM
    assert all("121-KL/TW" in item.reason.vi for item in old.no_longer_binding)
    before = _report(rule_set, "Báo Kon Tum", "Kon Tum", "2024-10-01", "2024-12-31")
    assert _judged(before) == PRESS_KON_TUM
    after = _report(
        rule_set, "Báo và Phát thanh, Truyền hình Kon Tum", "Kon Tum", "2025-07-01", "2025-09-30"
    )
    assert after.obligations == () and _ended(after) == PRESS_KON_TUM


def test_merged_newspaper_template_is_readable_and_agrees_with_check(rule_set: RuleSet) -> None:
    template = template_data(
        rule_set, "bao-phat-thanh-truyen-hinh-tinh", "kon-tum", "2025-04-01", "2025-06-30"
    )
    assert {rule.id for rule in template.rules} == PRESS_KON_TUM
    for text, name in ((render_yaml(template), "t.yaml"), (render_json(template.data), "t.json")):
        report = check_submission(rule_set, parse_submission(text.encode(), name, rule_set))
        assert [r.rule.id for r in report.obligations] == [rule.id for rule in template.rules]
        assert {r.status for r in report.obligations} == {Status.NOT_MET}
        assert not report.general_findings


def test_merged_propaganda_board_carries_on_the_propaganda_boards_duties(
    rule_set: RuleSet,
) -> None:
    board = _report(
        rule_set, "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Kon Tum", "2025-04-01", "2025-06-30"
    )
    assert _judged(board) == CLAUSE_1_286 | {"286-CV/TU:2.1", "286-CV/TU:2.2", "286-CV/TU:2.3"}
    old = _report(rule_set, "Ban Tuyên giáo Tỉnh ủy", "Kon Tum", "2025-04-01", "2025-06-30")
    assert old.obligations == () and "286-CV/TU:2.1" in _ended(old)


@pytest.mark.parametrize(
    "written", ["Ban cán sự đảng UBND tỉnh", "Đảng đoàn MTTQ tỉnh", "Đảng ủy Khối các cơ quan tỉnh"]
)
def test_party_delegations_caucuses_and_blocs_end_in_2025(rule_set: RuleSet, written: str) -> None:
    before = _report(rule_set, written, "Kon Tum", "2024-10-01", "2024-12-31")
    assert _judged(before) >= CLAUSE_1_286
    after = _report(rule_set, written, "Kon Tum", "2025-04-01", "2025-06-30")
    assert after.obligations == () and _ended(after) >= CLAUSE_1_286
    # The committees that took their place are directly under the provincial committee: bound.
    successor = _report(rule_set, "Đảng ủy UBND tỉnh", "Kon Tum", "2025-04-01", "2025-06-30")
    assert _judged(successor) == CLAUSE_1_286 and successor.no_longer_binding == ()


def test_evidence_before_the_directive_takes_effect_does_not_count(rule_set: RuleSet) -> None:
    """A period that starts before 2575-CV/TU (14/3/2019): only the days it binds count."""
    entry = {
        "status": "done",
        "evidence": {
            "activities": [
                {
                    "kind": "monitoring",
                    "date": "2019-03-10",
                    "title": "Tổng hợp tình hình tư tưởng cán bộ, đảng viên quý I",
                    "topics": ["ideological-situation"],
                }
            ]
        },
    }
    start, end = "2019-01-01", "2019-03-31"
    early = _report(rule_set, "sở", "Bắc Kạn", start, end, {"2575-CV/TU:1.1": entry})
    result = next(r for r in early.obligations if r.rule.id == "2575-CV/TU:1.1")
    assert result.status is Status.NOT_MET
    entry["evidence"]["activities"][0]["date"] = "2019-03-20"
    later = _report(rule_set, "sở", "Bắc Kạn", start, end, {"2575-CV/TU:1.1": entry})
    assert next(r for r in later.obligations if r.rule.id == "2575-CV/TU:1.1").status is Status.MET
