"""The compact JSON of batch reports is the same bytes by orjson as by the stdlib encoder, so
installing orjson (or not) never changes a report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.reporters import json_report
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR

pytest.importorskip("orjson")


def _stdlib(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@pytest.mark.parametrize("example", sorted(EXAMPLES_DIR.iterdir()), ids=lambda p: p.name)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_example_report_is_the_same_bytes(
    example: Path, lang: str, rule_set: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = check_submission(rule_set, load_submission(str(example), rule_set))
    fast = json_report.render_json_compact(report, lang)
    monkeypatch.setattr(json_report, "orjson", None)
    assert fast == json_report.render_json_compact(report, lang)
    assert fast == _stdlib(json_report.report_dict(report, lang))


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.text(st.characters(exclude_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_any_text_and_integers_are_the_same_bytes(value: Any) -> None:
    assert json_report.compact_json({"v": value}) == _stdlib({"v": value})


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_score_of_any_size_is_the_same_bytes(score: float) -> None:
    assert json_report.compact_json({"score": score}, score) == _stdlib({"score": score})
