"""Properties of the impact totals over any set of re-checked submissions: every moved obligation
is counted once in exactly one direction and one transition, the kinds partition the submissions,
and the totals do not depend on the order the files came in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ruleset.diffing.compare import Bump, ChangeClass, RuleChange, RuleSetDiff
from ruleset.diffing.impact import Moved, State, SubmissionImpact
from ruleset.diffing.totals import Impact, summarise
from ruleset.errors import Problem
from ruleset.model import AgencyInfo, Severity, Status
from ruleset.rules.vocabulary import Term, Vocabulary
from ruleset.text import Text

AGENCIES = [
    AgencyInfo(f"a{i}", f"Agency {i}", "k1" if i < 2 else "k2", "kon-tum") for i in range(4)
]
KINDS = Vocabulary("agency-kinds", (Term("k1", Text("Loại một", "Kind one"), ()),))
DIFF = RuleSetDiff(
    "0.1.0",
    "0.2.0",
    "old",
    "new",
    (
        RuleChange("r1", (ChangeClass.STRICTER,), ("severity medium → high",)),
        RuleChange("r4", (ChangeClass.WORDING,), ("changed: title",)),
    ),
    Bump.MINOR,
    Bump.MINOR,
)

scores = st.one_of(st.none(), st.integers(0, 1000).map(lambda n: n / 10))
states = st.one_of(st.none(), st.builds(State, st.sampled_from(Status), st.sampled_from(Severity)))
moves = st.lists(
    st.builds(Moved, st.sampled_from(["r1", "r2", "r3"]), states, states, scores),
    max_size=3,
    unique_by=lambda m: m.rule_id,
).map(lambda ms: tuple(sorted(ms, key=lambda m: m.rule_id)))
broken = st.one_of(st.none(), st.just(Problem("x.yaml", Text("hỏng", "broken"))))


@st.composite
def submissions(draw: st.DrawFn) -> list[SubmissionImpact]:
    count = draw(st.integers(0, 8))
    return [
        SubmissionImpact(
            f"s{index}.yaml",
            draw(st.sampled_from(AGENCIES)),
            draw(scores),
            draw(scores),
            draw(moves),
            draw(broken),
        )
        for index in range(count)
    ]


def _hits(impact: Impact, rule_id: str) -> int:
    read = [s for s in impact.submissions if s.readable]
    return sum(1 for s in read for m in s.moved if m.rule_id == rule_id)


@given(submissions())
def test_each_moved_obligation_is_counted_once(items: list[SubmissionImpact]) -> None:
    impact = summarise(DIFF, items, KINDS)
    assert {"r1", "r4"} <= {c.rule_id for c in impact.changes}  # every rule change has a row
    for change in impact.changes:
        by_move = sum(t.submissions for _, t in change.moves)
        by_way = sum(t.tally.submissions for t in change.transitions)
        assert by_move == by_way == _hits(impact, change.rule_id)
        assert all(t.agencies <= t.submissions for _, t in change.moves)


@given(submissions())
def test_kinds_partition_the_readable_submissions(items: list[SubmissionImpact]) -> None:
    impact = summarise(DIFF, items, KINDS)
    assert sum(k.submissions for k in impact.kinds) == impact.read.submissions
    assert sum(k.agencies for k in impact.kinds) == impact.read.agencies
    assert impact.read.submissions + len(impact.unreadable) == len(items)
    assert all(
        k.status_changed <= k.agencies and k.score_changed <= k.agencies for k in impact.kinds
    )
    assert [k.kind for k in impact.kinds] == sorted(k.kind for k in impact.kinds)
    named = {k.kind: k.name for k in impact.kinds}
    assert named.get("k1", Text("Loại một", "Kind one")) == Text("Loại một", "Kind one")
    assert named.get("k2", Text.same("k2")) == Text.same("k2")


@given(st.data())
def test_totals_do_not_depend_on_the_order_of_files(data: st.DataObject) -> None:
    items = data.draw(submissions())
    shuffled = data.draw(st.permutations(items))
    one, other = summarise(DIFF, items, KINDS), summarise(DIFF, shuffled, KINDS)
    assert (one.changes, one.kinds, one.read) == (other.changes, other.kinds, other.read)
    assert (one.score_changed, one.status_changed) == (other.score_changed, other.status_changed)
