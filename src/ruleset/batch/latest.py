"""Which submission counts when one agency submitted for one period more than once.

The later signed counts, then the file written later, then the one that came later in the batch.
Which one counts is known only at the end of the batch; with 100,000 agencies a table of them
held in memory was about 26 MiB. Each submission is written down instead, as one row of a private
SQLite database (see ``batch.inputs``), and at the end SQLite groups them: only the agencies and
periods submitted more than once come back to memory.
"""

from __future__ import annotations

import os

from ruleset.batch.inputs import BatchInput
from ruleset.batch.scratch import Inserts, open_database, scratch
from ruleset.batch.work import close_archive, file_time

# (submitted, arrival, the input, its file time once read)
Latest = tuple[str, int, BatchInput | None, float | None]
Key = tuple[str, str, str]  # agency id, period start, period end

FLUSH_ROWS = 2048  # offers buffered before one executemany
_SCHEMA = (
    "CREATE TABLE offers (agency TEXT, start TEXT, end_ TEXT, submitted TEXT, arrival INTEGER,"
    " display TEXT, path BLOB, member TEXT, idx INTEGER)",
)


def later(this: Latest, other: Latest) -> tuple[bool, Latest, Latest]:
    """Whether ``this`` submission counts rather than ``other``. Returns both, their file times
    filled in when they were read (each input's at most once: ties stay linear)."""
    if this[0] != other[0]:
        return this[0] > other[0], this, other
    this, other = _dated(this), _dated(other)
    return (this[3], this[1]) > (other[3], other[1]), this, other


def _dated(side: Latest) -> Latest:
    if side[3] is not None:
        return side
    return (*side[:3], file_time(side[2]) if side[2] is not None else 0.0)


class LatestTable:
    """The submission that counts, per agency and period: every submission is written down as it
    comes (one row, no lookup); the agencies and periods submitted more than once are settled at
    the end, folding theirs in the order they came."""

    def __init__(self) -> None:
        self._db = open_database(_SCHEMA)
        self._offers = Inserts(
            self._db, "INSERT INTO offers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", FLUSH_ROWS
        )
        self._winners: dict[Key, tuple[int, str]] | None = None

    def offer(
        self, key: Key, submitted: str, arrival: int, display: str, source: BatchInput | None
    ) -> None:
        """One more submission of ``key``'s agency and period (``arrival``: its place in the
        batch; ``source``: its input, to read the file's time when two were signed one day)."""
        if source is None:
            self._offers.add((*key, submitted, arrival, display, None, None, None))
        else:
            path = os.fsencode(source.path)
            self._offers.add((*key, submitted, arrival, display, path, source.member, source.index))

    def superseded_by(self, key: Key, arrival: int) -> str | None:
        """The display name of the submission that counts instead of the one that arrived
        ``arrival``-th, if another one does."""
        if self._winners is None:
            self._winners = self._settle()
        winner = self._winners.get(key)
        return None if winner is None or winner[0] == arrival else winner[1]

    @scratch()
    def _settle(self) -> dict[Key, tuple[int, str]]:
        self._offers.flush()
        winners: dict[Key, tuple[int, str]] = {}
        best: Latest | None = None
        shown = ""
        current: Key | None = None
        rows = self._db.execute(
            "SELECT agency, start, end_, submitted, arrival, display, path, member, idx"
            " FROM offers WHERE (agency, start, end_) IN (SELECT agency, start, end_ FROM offers"
            " GROUP BY agency, start, end_ HAVING count(*) > 1)"
            " ORDER BY agency, start, end_, arrival"
        )
        for agency, start, end, submitted, arrival, display, path, member, idx in rows:
            source = (
                None if path is None else BatchInput(display, "", os.fsdecode(path), member, idx)
            )
            this: Latest = (submitted, arrival, source, None)
            if (agency, start, end) != current or best is None:
                current, best, shown = (agency, start, end), this, display
            else:
                won, this, best = later(this, best)
                if won:
                    best, shown = this, display
            winners[current] = (best[1], shown)
        close_archive()  # one the file times may have opened
        return winners

    def close(self) -> None:
        self._db.close()
