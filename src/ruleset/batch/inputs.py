"""The inputs of a batch, kept in a temporary SQLite database instead of memory.

A national period is 100,000 submissions or more: held as Python objects, their list, its sort,
the table of identities that finds the same file reached twice and the sets that keep report
paths apart grew the batch by about 300 bytes per input. Here the rows live in a private database
(``batch.scratch``), SQLite sorts them, and only what is rare stays in memory: files reached by
more than one path, and report paths that collide. So a batch's memory does not grow with its
number of inputs.

The order and names are those of a sort in memory: SQLite compares text as UTF-8 bytes, which
orders valid UTF-8 (every display name is, see ``paths.printable``) as Python orders code points.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from ruleset.batch.paths import SUMMARY_FILES
from ruleset.batch.scratch import Inserts, open_database, scratch
from ruleset.errors import Problem
from ruleset.text import Text

FLUSH_ROWS = 2048  # rows buffered before one executemany
_SCHEMA = (
    "CREATE TABLE found (display TEXT, idx INTEGER, relative TEXT, path BLOB, member TEXT,"
    " ident BLOB, loose INTEGER)",
    "CREATE TABLE inputs (ord INTEGER PRIMARY KEY, display TEXT, relative TEXT, path BLOB,"
    " member TEXT, idx INTEGER, loose INTEGER)",
    "CREATE TABLE folders (path TEXT PRIMARY KEY) WITHOUT ROWID",
)


@dataclass(frozen=True, slots=True)
class BatchInput:
    """One submission to check: where to read it, how to name it, where its report goes."""

    display: str  # the path shown in reports and summaries: unique, valid UTF-8
    relative: str  # mirrored under --out
    path: str  # file on disk, or the zip archive holding it
    member: str | None = None  # name inside the archive
    index: int = -1  # position of the member in the archive (two members may share a name)
    report: str = ""  # report path relative to --out, unique in the batch (see plan_reports)


def identity(path: str, index: int) -> bytes:
    """What makes two inputs the same submission: the file (device, inode), and the member."""
    try:
        info = os.stat(path)
    except OSError:
        return b"p" + os.fsencode(os.path.abspath(path)) + b"\0%d" % index
    return b"%d:%d:%d" % (info.st_dev, info.st_ino, index)


class InputTable:
    """Found inputs go in with :meth:`add`; :meth:`settle` sorts them and keeps each file once;
    :meth:`plan_reports` names their reports; iterating gives them in order."""

    def __init__(self) -> None:
        self._db = open_database(_SCHEMA)
        self._found = Inserts(
            self._db, "INSERT INTO found VALUES (?, ?, ?, ?, ?, ?, ?)", FLUSH_ROWS
        )
        self._count = 0
        self._suffix = ""
        self._renamed: dict[int, str] = {}  # input number -> report path, where they collided

    def add(
        self,
        display: str,
        relative: str,
        path: str,
        member: str | None = None,
        index: int = -1,
        loose: bool = True,
    ) -> None:
        """``loose`` False: found by walking a folder given, so really inside it (see
        :meth:`paths`)."""
        ident = identity(path, index)
        self._found.add((display, index, relative, os.fsencode(path), member, ident, loose))

    @scratch()
    def settle(self) -> list[Problem]:
        """Sort by display name and keep each file once; returns the inputs skipped for that.

        The same path given twice is one input; the same file (or archive member) reached by
        another path is skipped, naming the first; two files with one printable name are told
        apart by a ``#n`` suffix. Only files found under more than one name are remembered."""
        self._found.flush()
        several = {
            ident
            for (ident,) in self._db.execute(
                "SELECT ident FROM (SELECT DISTINCT ident, display, idx FROM found)"
                " GROUP BY ident HAVING count(*) > 1"
            )
        }
        first: dict[bytes, str] = {}  # of the files in `several`: the name they were kept under
        renamed: set[str] = set()
        kept = ""  # the last display kept as it was: only its run can show it again
        previous: tuple[str, int, bytes] | None = None
        skipped: list[Problem] = []
        kept_rows = Inserts(self._db, "INSERT INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?)", FLUSH_ROWS)
        found = self._db.execute(
            "SELECT display, idx, relative, path, member, ident, loose FROM found"
            " ORDER BY display, idx, path, rowid"
        )
        for display, idx, relative, path, member, ident, loose in found:
            if previous == (display, idx, ident):
                continue
            previous = (display, idx, ident)
            if ident in first:
                original = first[ident]
                skipped.append(
                    Problem(
                        display,
                        Text(
                            f"cùng một tệp với {original}, đã kiểm một lần",
                            f"the same file as {original}, checked once",
                        ),
                    )
                )
                continue
            if display == kept or display in renamed:
                display = f"{display}#{self._count + 1}"
                renamed.add(display)
            else:
                kept = display
            if ident in several:
                first[ident] = display
            self._count += 1
            kept_rows.add((self._count, display, relative, path, member, idx, loose))
        kept_rows.flush()
        self._db.execute("DELETE FROM found")
        return skipped

    @scratch()
    def plan_reports(self, suffix: str) -> None:
        """One report path per input, none equal to another, to a folder other reports need, or
        to a summary file: such a one gets ``~1``, ``~2``… before its suffix, in input order, so
        the same inputs always get the same names. Only the renamed are remembered."""
        self._suffix = suffix
        self._fill_folders(suffix)
        contested = {
            f"{relative}{suffix}"
            for (relative,) in self._db.execute(
                "SELECT relative FROM inputs GROUP BY relative HAVING count(*) > 1"
                " UNION SELECT relative FROM inputs WHERE relative || ? IN (SELECT path FROM folders)",
                (suffix,),
            )
        }
        contested.update(SUMMARY_FILES)
        taken: set[str] = set()  # renamed reports, and contested paths already given out
        indexed = False
        for number, relative in self._db.execute("SELECT ord, relative FROM inputs ORDER BY ord"):
            path = relative + suffix
            if path not in contested and path not in taken:
                continue
            candidate, count = path, 0
            while True:
                if candidate in taken or candidate in SUMMARY_FILES:
                    clash = True
                elif candidate in contested:
                    clash = self._is_folder(candidate)
                else:  # an earlier input wanted it (and so has it), or a folder needs it
                    if not indexed:
                        self._db.execute("CREATE INDEX by_relative ON inputs (relative)")
                        indexed = True
                    clash = self._earlier(candidate[: -len(suffix)], number) or self._is_folder(
                        candidate
                    )
                if not clash:
                    break
                count += 1
                candidate = f"{path[: -len(suffix)]}~{count}{suffix}"
            taken.add(candidate)
            if candidate != path:
                self._renamed[number] = candidate

    def _fill_folders(self, suffix: str) -> None:
        """Every folder some report goes in (the folders of ``relative``)."""
        last = None
        folders = Inserts(self._db, "INSERT OR IGNORE INTO folders VALUES (?)", FLUSH_ROWS)
        for (relative,) in self._db.execute("SELECT relative FROM inputs ORDER BY ord"):
            parent = relative.rpartition("/")[0]
            if parent == last:
                continue
            last = parent
            parts = parent.split("/") if parent else []
            for end in range(1, len(parts) + 1):
                folders.add(("/".join(parts[:end]),))
        folders.flush()

    def _is_folder(self, path: str) -> bool:
        return (
            self._db.execute("SELECT 1 FROM folders WHERE path = ?", (path,)).fetchone() is not None
        )

    def _earlier(self, relative: str, number: int) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM inputs WHERE relative = ? AND ord < ? LIMIT 1", (relative, number)
        )
        return found.fetchone() is not None

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[BatchInput]:
        suffix, renamed = self._suffix, self._renamed
        with scratch():
            rows = self._db.execute(
                "SELECT ord, display, relative, path, member, idx FROM inputs ORDER BY ord"
            )
            for number, display, relative, path, member, idx in rows:
                report = renamed.get(number, relative + suffix) if suffix else ""
                yield BatchInput(display, relative, os.fsdecode(path), member, idx, report)

    def paths(self, loose_only: bool = False) -> Iterator[str]:
        """Each file read (an archive once however many members it holds); ``loose_only``: only
        those not found by walking a folder given (a walk follows no link out of its folder, so
        whatever it found is where its folder is; placing --out needs no other)."""
        query = "SELECT DISTINCT path FROM inputs" + (" WHERE loose" if loose_only else "")
        with scratch():
            for (path,) in self._db.execute(query):
                yield os.fsdecode(path)

    def close(self) -> None:
        self._db.close()
