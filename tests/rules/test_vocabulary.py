"""Agency kinds and provinces are matched as people write them: NFC or NFD, old or new tone
placement, with or without diacritics when that is unambiguous."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruleset.rules.ruleset import RuleSet
from ruleset.rules.vocabulary import (
    Term,
    Vocabulary,
    _fold_marked,
    _marked_tone_key,
    fold,
    tone_key,
)
from ruleset.text import Text

WRITTEN = {
    "Ủy ban nhân dân huyện": "ubnd-huyen",
    "Uỷ ban nhân dân huyện": "ubnd-huyen",
    "UỶ BAN NHÂN DÂN HUYỆN": "ubnd-huyen",
    "uy ban nhan dan huyen": "ubnd-huyen",
    "Ban Tuyên giáo Tỉnh uỷ": "ban-tuyen-giao-tinh-uy",
    "Huyện uỷ": "huyen-uy",
    "Đài PT-TH": "dai-phat-thanh-truyen-hinh",
    "Dai Phat thanh va Truyen hinh tinh": "dai-phat-thanh-truyen-hinh",
    "Sở, ban, ngành": "so-ban-nganh",
    "Hội Nhà báo VN": "hoi-nha-bao-viet-nam",
    "UBND các huyện, thành phố": "ubnd-huyen",
    "Uỷ ban nhân dân thành phố Kon Tum": "ubnd-huyen",
    "Dai PTTH Kon Tum": "dai-phat-thanh-truyen-hinh",
    "Báo Kontum": "bao-tinh",
    "Đảng uỷ Công an tỉnh": "dang-uy-cong-an-tinh",
    "BTGTU": "ban-tuyen-giao-tinh-uy",
    "Uỷ ban Kiểm tra Tỉnh uỷ": "co-quan-tham-muu-tinh-uy",
    "Đảng đoàn Hội Nông dân tỉnh": "dang-doan",
    "Sở Văn hoá, Thể thao và Du lịch": "so-ban-nganh",
    "MTTQ tinh": "mat-tran-to-quoc",
}


@pytest.mark.parametrize("text", sorted(WRITTEN))
def test_written_forms_resolve(rule_set: RuleSet, text: str) -> None:
    assert rule_set.agency_kinds.resolve(text) == WRITTEN[text]
    decomposed = unicodedata.normalize("NFD", text)
    assert rule_set.agency_kinds.resolve(decomposed) == WRITTEN[text]


@pytest.mark.parametrize(
    ("old", "new"), [("hòa", "hoà"), ("khỏe", "khoẻ"), ("Thủy", "Thuỷ"), ("Ủy", "Uỷ")]
)
def test_tone_placement_does_not_matter_but_the_tone_does(old: str, new: str) -> None:
    assert tone_key(old) == tone_key(new)
    toneless = unicodedata.normalize(
        "NFC",
        "".join(
            c
            for c in unicodedata.normalize("NFD", old)
            if c not in "\u0300\u0301\u0303\u0309\u0323"
        ),
    )
    assert tone_key(toneless) != tone_key(old)


def test_a_folded_spelling_shared_by_two_terms_is_not_guessed() -> None:
    vocabulary = Vocabulary(
        "test",
        (
            Term("dept", Text("Sở", "department"), ()),
            Term("num", Text("Số", "number"), ()),
        ),
    )
    assert vocabulary.resolve("Sở") == "dept"
    assert vocabulary.resolve("Số") == "num"
    assert vocabulary.resolve("So") is None  # both fold to 'so': ambiguous, refused


def test_provinces_resolve_by_name(rule_set: RuleSet) -> None:
    assert rule_set.provinces.resolve("Bắc Cạn") == "bac-kan"
    assert rule_set.provinces.resolve("KON TUM") == "kon-tum"


@given(st.text())
def test_the_shortcuts_for_text_without_marks_agree_with_the_general_way(text: str) -> None:
    """tone_key and fold skip decomposition for ASCII text: the same keys as the general way."""
    assert tone_key(text) == _marked_tone_key(text.lower())
    assert fold(text) == _fold_marked(text)
