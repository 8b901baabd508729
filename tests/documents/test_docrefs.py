"""Document references: shapes, tolerated variants, and what a submission's report says of them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruleset.documents.docrefs import PARTY, STATE, parse_reference
from ruleset.judging.engine import check_submission
from ruleset.model import Status
from ruleset.rules.ruleset import RuleSet
from tests.helpers import base_submission, submission_of

CANONICAL = {
    "874/QĐ-BTTTT": (STATE, 874, "QĐ", "BTTTT", None),
    "3855/UBND-KGVX": (STATE, 3855, "UBND", "KGVX", None),
    "30/2020/NĐ-CP": (STATE, 30, "NĐ", "CP", 2020),
    "24/2018/QH14": (STATE, 24, None, "QH14", 2018),
    "286-CV/TU": (PARTY, 286, "CV", "TU", None),
    "13-QĐi/TU": (PARTY, 13, "QĐi", "TU", None),
    "36-HD/VPTW": (PARTY, 36, "HD", "VPTW", None),
}

VARIANTS = {
    "874/QD-BTTTT": "874/QĐ-BTTTT",
    "874 / QĐ - BTTTT": "874/QĐ-BTTTT",
    "286 - CV/TU": "286-CV/TU",
    "13-QĐI/TU": "13-QĐi/TU",
    "13-QDI/TU": "13-QĐi/TU",
    "13-qđi/tu": "13-QĐi/TU",
    "30/2020/ND-CP": "30/2020/NĐ-CP",
    "19\u2013CT/TU": "19-CT/TU",
    "Số 19-CT/TU": "19-CT/TU",
    "874/Q\u0110-BTTTT".replace(
        "Đ", "D\u0335"
    ): None,  # not a letter we know: malformed, not guessed
}


@pytest.mark.parametrize("text", sorted(CANONICAL))
def test_canonical_references_parse_unchanged(text: str) -> None:
    ref = parse_reference(text)
    assert ref is not None
    assert ref.canonical == text and ref.changes == ()
    assert (ref.system, ref.number, ref.kind, ref.issuer, ref.year) == CANONICAL[text]


@pytest.mark.parametrize("text", sorted(VARIANTS))
def test_loose_references_are_normalised_and_say_so(text: str) -> None:
    ref = parse_reference(text)
    expected = VARIANTS[text]
    if expected is None:
        assert ref is None
        return
    assert ref is not None and ref.canonical == expected
    assert ref.changes, "a rewrite must be reported"


@pytest.mark.parametrize("text", ["286", "Quyết định 874", "874/", "/QĐ-BTTTT", "CV/TU-286", ""])
def test_malformed_references_are_refused(text: str) -> None:
    assert parse_reference(text) is None


@given(st.text(max_size=40))
def test_parsing_never_raises_and_canonical_is_a_fixed_point(text: str) -> None:
    ref = parse_reference(text)
    if ref is not None:
        again = parse_reference(ref.canonical)
        assert again is not None and again.canonical == ref.canonical and again.changes == ()


@given(st.sampled_from(sorted(CANONICAL)), st.sampled_from([" ", "  ", ""]))
def test_spaces_around_separators_never_change_the_document(text: str, pad: str) -> None:
    loose = text.replace("/", f"{pad}/{pad}").replace("-", f"{pad}-{pad}")
    ref = parse_reference(loose)
    assert ref is not None and ref.canonical == text


def _with_cites(cites: list[str]) -> dict[str, object]:
    return base_submission(
        **{
            "286-CV/TU:1.1": {
                "status": "done",
                "evidence": {
                    "activities": [
                        {
                            "kind": "briefing",
                            "date": "2021-10-20",
                            "title": "Quán triệt",
                            "cites": cites,
                        }
                    ]
                },
            }
        }
    )


def test_a_loose_reference_still_meets_the_rule_and_the_report_says_how_it_was_read(
    rule_set: RuleSet,
) -> None:
    # 286-CV/TU:1.1 names two subjects: the code of conduct (874/QĐ-BTTTT) and the cyber-security law
    cites = ["874/QD-BTTTT", "24/2018/QH14"]
    report = check_submission(rule_set, submission_of(rule_set, _with_cites(cites)))
    result = next(r for r in report.obligations if r.rule.id == "286-CV/TU:1.1")
    assert result.status is Status.MET
    notes = [f for f in report.general_findings if "874/QĐ-BTTTT" in f.message.en]
    assert notes and "'874/QD-BTTTT' read as '874/QĐ-BTTTT'" in notes[0].message.en
    assert notes[0].pointer.endswith("/cites/0") and notes[0].line is not None


def test_a_malformed_reference_is_a_finding_and_does_not_count(rule_set: RuleSet) -> None:
    report = check_submission(rule_set, submission_of(rule_set, _with_cites(["QĐ 874 của Bộ"])))
    result = next(r for r in report.obligations if r.rule.id == "286-CV/TU:1.1")
    assert result.status is Status.NOT_MET
    assert any("malformed" in f.message.en for f in report.general_findings)
