"""Which submission counts when one agency submitted for one period more than once.

The later signed counts, then the file written later, then the one that came later in the batch.
The batch keeps one row per agency and period until its end; with 100,000 agencies that table,
held in memory, was about 26 MiB. It lives in a private SQLite database instead (see
``batch.inputs``), and only the agencies that submitted more than once come back to memory, when
the summary is written.
"""

from __future__ import annotations

import os
import sqlite3

from ruleset.batch.inputs import BatchInput
from ruleset.batch.work import file_time

# (submitted, arrival, the input, its file time once read)
Latest = tuple[str, int, BatchInput | None, float | None]
Row = tuple[str, int, str, bytes | None, str | None, int | None, float | None]
Key = tuple[str, str, str]  # agency id, period start, period end

_SCHEMA = (
    "PRAGMA journal_mode = OFF",
    "PRAGMA synchronous = OFF",
    "CREATE TABLE latest (agency TEXT, start TEXT, end_ TEXT, submitted TEXT, arrival INTEGER,"
    " display TEXT, path BLOB, member TEXT, idx INTEGER, ftime REAL, times INTEGER,"
    " PRIMARY KEY (agency, start, end_)) WITHOUT ROWID",
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
    """The submission that counts, per agency and period."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._db.execute("BEGIN")  # one transaction for the table's life
        self._winners: dict[Key, tuple[int, str]] | None = None

    def offer(
        self, key: Key, submitted: str, arrival: int, display: str, source: BatchInput | None
    ) -> None:
        """One more submission of ``key``'s agency and period (``arrival``: its place in the
        batch; ``source``: its input, to read the file's time when two were signed one day)."""
        columns = _columns((submitted, arrival, source, None), display)
        added = self._db.execute(
            "INSERT OR IGNORE INTO latest VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (*key, *columns),
        )
        if added.rowcount:
            return
        row = self._db.execute(
            "SELECT submitted, arrival, display, path, member, idx, ftime FROM latest"
            " WHERE agency = ? AND start = ? AND end_ = ?",
            key,
        ).fetchone()
        won, this, other = later((submitted, arrival, source, None), _latest(row))
        columns = _columns(this, display) if won else _columns(other, row[2])
        self._db.execute(
            "UPDATE latest SET submitted = ?, arrival = ?, display = ?, path = ?, member = ?,"
            " idx = ?, ftime = ?, times = times + 1 WHERE agency = ? AND start = ? AND end_ = ?",
            (*columns, *key),
        )

    def superseded_by(self, key: Key, arrival: int) -> str | None:
        """The display name of the submission that counts instead of the one that arrived
        ``arrival``-th, if another one does."""
        if self._winners is None:
            self._winners = {
                (agency, start, end): (winner, display)
                for agency, start, end, winner, display in self._db.execute(
                    "SELECT agency, start, end_, arrival, display FROM latest WHERE times > 1"
                )
            }
        winner = self._winners.get(key)
        return None if winner is None or winner[0] == arrival else winner[1]

    def close(self) -> None:
        self._db.close()


def _columns(side: Latest, display: str) -> Row:
    submitted, arrival, source, ftime = side
    if source is None:
        return (submitted, arrival, display, None, None, None, ftime)
    path = os.fsencode(source.path)
    return (submitted, arrival, display, path, source.member, source.index, ftime)


def _latest(row: Row) -> Latest:
    submitted, arrival, display, path, member, idx, ftime = row
    if path is None or idx is None:
        return (submitted, arrival, None, ftime)
    return (submitted, arrival, BatchInput(display, "", os.fsdecode(path), member, idx), ftime)
