"""The remembered selection (timeline.select) is always the one worked out afresh (choose)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.judging.timeline import choose, select
from ruleset.rules.ruleset import RuleSet

DAYS = st.dates(dt.date(2015, 1, 1), dt.date(2028, 12, 31)).map(dt.date.isoformat)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), first=DAYS, second=DAYS, as_of=st.none() | DAYS)
def test_a_remembered_selection_is_the_fresh_one(
    rule_set: RuleSet, data: st.DataObject, first: str, second: str, as_of: str | None
) -> None:
    kind = data.draw(st.sampled_from(rule_set.agency_kinds.ids))
    province = data.draw(st.sampled_from(rule_set.provinces.ids))
    start, end = min(first, second), max(first, second)
    fresh = choose(rule_set, kind, province, start, end, as_of)
    assert select(rule_set, kind, province, start, end, as_of) == fresh
    assert select(rule_set, kind, province, start, end, as_of) == fresh  # now from memory


def test_another_rule_set_is_not_answered_from_the_first_ones_memory(rule_set: RuleSet) -> None:
    key = ("ubnd-tinh", "soc-trang", "2024-01-01", "2024-12-31", None)
    whole = select(rule_set, *key)
    judged = whole.judged[0].rule.id
    fewer = dataclasses.replace(rule_set, rules=tuple(r for r in rule_set.rules if r.id != judged))
    assert select(fewer, *key) == choose(fewer, *key) != whole
    assert select(rule_set, *key) == whole
