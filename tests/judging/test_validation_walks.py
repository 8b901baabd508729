"""The walks of validate_submission that build pointers and did-you-mean suggesters only when a
finding needs them: the same notes, pointers, order and data as walks that build them up front
(kept here as the reference), and no suggester built for a submission with nothing unknown."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.documents.docrefs import ReferenceNote, canonicalise_references, parse_reference
from ruleset.documents.document import escape_token, join_pointer
from ruleset.errors import InputError
from ruleset.judging import submission as submission_module
from ruleset.judging.submission import _topic_slots
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Suggester
from tests.helpers import base_submission, submission_of


def reference_slots(data: dict[str, Any]) -> list[tuple[Any, Any, str]]:
    """(container, key, pointer) of every reference, every pointer built up front (as before)."""
    slots: list[tuple[Any, Any, str]] = []

    def record(item: object, pointer: str, is_document: bool) -> None:
        if not isinstance(item, dict):
            return
        if is_document and isinstance(item.get("number"), str):
            slots.append((item, "number", pointer + "/number"))
        cites = item.get("cites")
        if isinstance(cites, list):
            slots.extend(
                (cites, i, f"{pointer}/cites/{i}")
                for i, c in enumerate(cites)
                if isinstance(c, str)
            )

    for key, is_document in (("activities", False), ("documents", True)):
        for i, item in enumerate(data.get(key) or []):
            record(item, f"/{key}/{i}", is_document)
    for rule_id, entry in (data.get("obligations") or {}).items():
        evidence = entry.get("evidence") if isinstance(entry, dict) else None
        if isinstance(evidence, dict):
            base = "/obligations/" + escape_token(rule_id) + "/evidence"
            for key, is_document in (("activities", False), ("documents", True)):
                for i, item in enumerate(evidence.get(key) or []):
                    record(item, f"{base}/{key}/{i}", is_document)
    return slots


def canonicalised_as_before(data: dict[str, Any]) -> tuple[ReferenceNote, ...]:
    notes = []
    for container, key, pointer in reference_slots(data):
        original = container[key]
        parsed = parse_reference(original)
        if parsed is None:
            notes.append(ReferenceNote(pointer, original, None))
        elif parsed.canonical != original:
            container[key] = parsed.canonical
            notes.append(ReferenceNote(pointer, original, parsed.canonical))
    return tuple(notes)


def topic_pointers_as_before(data: dict[str, Any]) -> list[str]:
    found = []
    for key in ("activities", "documents"):
        for index, item in enumerate(data.get(key, [])):
            if isinstance(item, dict) and isinstance(item.get("topics"), list):
                found.append(f"/{key}/{index}/topics")
    for rule_id, entry in data["obligations"].items():
        base = f"/obligations/{escape_token(rule_id)}"
        for key in ("activities", "documents"):
            for index, item in enumerate(entry.get("evidence", {}).get(key, [])):
                if isinstance(item, dict) and isinstance(item.get("topics"), list):
                    found.append(f"{base}/evidence/{key}/{index}/topics")
        for index, item in enumerate(entry.get("cases", [])):
            if isinstance(item, dict) and isinstance(item.get("topics"), list):
                found.append(f"{base}/cases/{index}/topics")
    return found


REFERENCES = st.sampled_from(
    ["874/QD-BTTTT", "286-CV/TU", "QĐ 874 của Bộ", "số 30/2020/NĐ-CP", "13-QĐI/TU", "x"]
)
RECORDS = st.one_of(
    st.sampled_from(["hd-1", "vb-2"]),
    st.fixed_dictionaries(
        {},
        optional={
            "number": st.one_of(REFERENCES, st.just(5)),
            "cites": st.lists(st.one_of(REFERENCES, st.just(7)), max_size=3),
            "topics": st.lists(st.sampled_from(["an-ninh-mang", "an ninh mạng", "zz"]), max_size=2),
        },
    ),
)
LISTS = st.fixed_dictionaries(
    {}, optional={k: st.lists(RECORDS, max_size=3) for k in ("activities", "documents")}
)
SUBMISSIONS = st.builds(
    lambda top, obligations: {**top, "obligations": obligations},
    LISTS,
    st.dictionaries(
        st.sampled_from(["286-CV/TU:1.1", "a/b~c", "x"]),
        st.fixed_dictionaries(
            {}, optional={"evidence": LISTS, "cases": st.lists(RECORDS, max_size=2)}
        ),
        max_size=3,
    ),
)


@settings(max_examples=300, deadline=None)
@given(SUBMISSIONS)
def test_references_are_canonicalised_as_before(data: dict[str, Any]) -> None:
    before = copy.deepcopy(data)
    assert canonicalise_references(data) == canonicalised_as_before(before)
    assert data == before


@settings(max_examples=300, deadline=None)
@given(SUBMISSIONS)
def test_topic_lists_are_found_in_the_same_order_at_the_same_pointers(
    data: dict[str, Any],
) -> None:
    slots = _topic_slots(data)
    assert [join_pointer((*tokens, "topics")) for _, tokens in slots] == topic_pointers_as_before(
        data
    )


class CountingSuggester(Suggester):
    built: ClassVar[list[str]] = []

    def __init__(self, choices: Any) -> None:
        super().__init__(choices)
        CountingSuggester.built.append(self.forward[0] if self.forward else "")


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    CountingSuggester.built = []
    monkeypatch.setattr(submission_module, "Suggester", CountingSuggester)
    return CountingSuggester.built


def test_a_submission_with_nothing_unknown_builds_no_suggester(
    rule_set: RuleSet, built: list[str]
) -> None:
    data = base_submission(**{"286-CV/TU:1.1": {"status": "done"}})
    data["activities"] = [
        {
            "id": "hd-1",
            "kind": "briefing",
            "date": "2021-11-01",
            "title": "x",
            "topics": ["an ninh mạng"],
        }
    ]
    submission_of(rule_set, data)
    assert built == []


def test_each_kind_of_unknown_builds_one_suggester_and_keeps_its_hint(
    rule_set: RuleSet, built: list[str]
) -> None:
    evidence = {"activities": ["hd-2", "hd-3"]}
    data = base_submission(
        **{"286-CV/TU:1.1": {"status": "done", "evidence": evidence}},
        **{"286-CV/TU:1.x": {"status": "done"}, "286-CV/TU:1.y": {"status": "done"}},
    )
    data["activities"] = [
        {
            "id": "hd-1",
            "kind": "briefing",
            "date": "2021-11-01",
            "title": "x",
            "topics": ["countering-hostile-informatio", "zz"],
        }
    ]
    with pytest.raises(InputError) as caught:
        submission_of(rule_set, data)
    assert len(built) == 3  # rule ids, topics, activity ids: once each, not once per finding
    hints = [p.hint.en for p in caught.value.problems if p.hint is not None]
    assert hints.count("did you mean '286-CV/TU:1.2'?") == 2
    assert hints.count("did you mean 'hd-1'?") == 2
    assert "did you mean 'countering-hostile-information'?" in hints
    assert "see `ruleset rules topics`" in hints
