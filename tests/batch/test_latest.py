"""The table of the submission that counts per agency and period, on disk, names the same winner
as a dictionary in memory would (the oracle below)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.batch.inputs import BatchInput
from ruleset.batch.latest import LatestTable

KEYS = st.sampled_from(
    [
        ("A", "2025-01-01", "2025-03-31"),
        ("A", "2025-04-01", "2025-06-30"),
        ("B", "2025-01-01", "2025-03-31"),
    ]
)
DAYS = st.sampled_from(["2025-04-01", "2025-04-02", "2025-04-03"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, DAYS), max_size=12))
def test_the_later_signed_then_the_later_in_the_batch_counts(
    offers: list[tuple[tuple[str, str, str], str]],
) -> None:
    table = LatestTable()
    winners: dict[tuple[str, str, str], tuple[str, int]] = {}
    for arrival, (key, submitted) in enumerate(offers, start=1):
        table.offer(key, submitted, arrival, f"file{arrival}", None)
        winners[key] = max(winners.get(key, ("", 0)), (submitted, arrival))
    for arrival, (key, _) in enumerate(offers, start=1):
        winner = winners[key][1]
        expected = None if winner == arrival else f"file{winner}"
        assert table.superseded_by(key, arrival) == expected
    table.close()


def test_signed_the_same_day_the_file_written_later_counts(tmp_path: Path) -> None:
    """File times are read from the inputs the table keeps on disk, odd names included."""
    key = ("A", "2025-01-01", "2025-03-31")
    names = [os.fsdecode(b"new\xff.yaml"), "old.yaml"]
    for name, stamp in zip(names, (2_000_000_000, 1_000_000_000), strict=True):
        (tmp_path / name).write_text("x", encoding="utf-8")
        os.utime(tmp_path / name, (stamp, stamp))
    table = LatestTable()
    for arrival, name in enumerate(names, start=1):
        source = BatchInput(f"shown-{arrival}", "", str(tmp_path / name))
        table.offer(key, "2025-04-01", arrival, source.display, source)
    assert table.superseded_by(key, 2) == "shown-1"  # written later, though it came first
    assert table.superseded_by(key, 1) is None
    table.close()
