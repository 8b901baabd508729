"""The batch's private SQLite databases (``batch.inputs``, ``batch.latest``): opening one, adding
rows in bulk, and SQLite's failures told as a clear error.

``sqlite3.connect("")`` is a file SQLite deletes itself, its pages cached up to 2 MiB; nothing
in it needs rolling back or recovering, so it keeps no journal and one transaction for its life.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence

from ruleset.errors import InputError
from ruleset.text import Text


@contextlib.contextmanager
def scratch() -> Iterator[None]:
    """SQLite's failures (a full disk, no temporary folder it can write) as a clear error."""
    try:
        yield
    except sqlite3.Error as exc:
        folder = os.environ.get("SQLITE_TMPDIR") or tempfile.gettempdir()
        raise InputError.at(
            folder,
            Text(
                f"không ghi được tệp tạm của lượt kiểm: {exc}",
                f"cannot write the batch's scratch file: {exc}",
            ),
            hint=Text(
                "giải phóng chỗ trống, hoặc đặt TMPDIR (SQLITE_TMPDIR) tới thư mục ghi được",
                "free some space, or point TMPDIR (SQLITE_TMPDIR) at a folder you can write",
            ),
        ) from None


@scratch()
def open_database(schema: Sequence[str]) -> sqlite3.Connection:
    """A new private database with ``schema``'s statements run, inside its one transaction."""
    db = sqlite3.connect("", isolation_level=None)
    for statement in ("PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", *schema):
        db.execute(statement)
    db.execute("BEGIN")
    return db


class Inserts:
    """Rows for one ``INSERT`` statement, sent ``size`` at a time (one ``executemany``)."""

    def __init__(self, db: sqlite3.Connection, statement: str, size: int) -> None:
        self._db, self._statement, self._size = db, statement, size
        self._rows: list[tuple[object, ...]] = []

    def add(self, row: tuple[object, ...]) -> None:
        self._rows.append(row)
        if len(self._rows) >= self._size:
            self.flush()

    @scratch()
    def flush(self) -> None:
        self._db.executemany(self._statement, self._rows)
        self._rows.clear()
