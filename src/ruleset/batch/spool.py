"""The summary's rows of a batch, on disk until the summary is written: one JSON line each.

Only this process reads them back, so the bytes need not be any report's: orjson writes and reads
them where it is installed (a row is about 1.5 KiB; through a text file and the standard library
each cost ~15 µs of the batch's main process, which in a pool receives every result), and the
standard library elsewhere. Either way a row reads back equal to what was written (orjson's floats
are the shortest that read back the same, as Python's are).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from types import ModuleType
from typing import IO, Any

orjson: ModuleType | None
try:
    import orjson
except ImportError:  # pragma: no cover - orjson has wheels wherever CI runs
    orjson = None


def _line(row: dict[str, Any]) -> bytes:
    if orjson is not None:
        try:
            data: bytes = orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE)
            return data
        except TypeError:  # an integer beyond 64 bits, a lone surrogate: the standard library's
            pass
    return b" " + json.dumps(row).encode("ascii") + b"\n"  # the space: read it back the same way


def _read(line: bytes) -> Any:
    """orjson reads an integer beyond 64 bits as a float: a line it did not write (a leading
    space) is read by the standard library."""
    return orjson.loads(line) if orjson is not None and line[:1] != b" " else json.loads(line)


class RowSpool:
    """Rows appended as they come, read back in the same order (as often as asked)."""

    def __init__(self, folder: str | None) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close)

    def write(self, row: dict[str, Any]) -> None:
        self._file.write(_line(row))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield _read(line)
        self._file.seek(0, 2)  # writing goes on at the end

    def close(self) -> None:
        self._file.close()
