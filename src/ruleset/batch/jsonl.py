"""``batch --jsonl FILE``: every input's outcome as one line of one file, for machines.

One line per input, in the order of the summary (refused paths, skipped duplicates, then the
inputs in input-path order), so ``--jobs 1`` and ``--jobs 8`` give the same bytes: a checked
submission's line is its JSON report (``ruleset/gap-report@1``), an unreadable one's the error
document ``check --format json`` prints (``ruleset/input-error@1``), a duplicate's a
``ruleset/skipped-input@1`` line naming the first path.

No half line, whatever stops the run: each line is written by one ``os.write`` of the complete
line to a file opened for appending (a signal is handled between two writes, never inside one); a
short write (a full disk) is cut back to the end of the previous line before the run stops. A pipe
or FIFO gets the rest of a short write instead. So an interrupted run leaves complete lines for the
inputs done, like the per-file reports it replaces.

The file must be new, an earlier output of ours (it begins with ``{"format":"ruleset/``, and is
then started afresh), or a stream (``/dev/stdout``, a FIFO); never an input, nor inside an input
folder or the rules folder, nor a summary file's name in ``--out``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable

from ruleset.errors import InputError, Problem
from ruleset.output import inside, is_report, real_location, target_kind
from ruleset.reporters.errors_doc import error_document
from ruleset.reporters.json_report import compact_json
from ruleset.text import Lang, Text

SKIPPED_FORMAT = "ruleset/skipped-input@1"


def error_line(error: InputError, lang: str) -> bytes:
    return compact_json(error_document(error, Lang(lang)))


def skipped_line(problem: Problem, lang: str) -> bytes:
    message = problem.message
    return compact_json(
        {
            "format": SKIPPED_FORMAT,
            "file": problem.path,
            "message": message.get(Lang(lang)),
            "messages": {"vi": message.vi, "en": message.en},
        }
    )


def _refuse(path: str, vi: str, en: str) -> InputError:
    return InputError.at(path, Text(f"--jsonl {vi}", f"--jsonl {en}"))


class JsonlSink:
    """The open JSON-lines file of one run."""

    def __init__(self, path: str, fd: int, regular: bool) -> None:
        self.path = path
        self._fd = fd
        self._regular = regular

    @classmethod
    def open(
        cls,
        path: str,
        *,
        trees: Iterable[str],
        inputs: Iterable[str],
        rules_dir: str,
        out_dir: str | None,
    ) -> JsonlSink:
        """Check the place (see the module's docstring) and open it; nothing is written yet."""
        real = real_location(path)
        for tree in (*trees, rules_dir):
            if inside(real, tree):
                raise _refuse(
                    path,
                    "nằm trong thư mục đầu vào hoặc thư mục quy tắc",
                    "is inside an input folder or the rules folder",
                )
        in_out = out_dir is not None and os.path.dirname(real) == os.path.realpath(out_dir)
        if in_out and os.path.basename(real).startswith("summary"):
            raise _refuse(path, "trùng tên tệp tổng hợp", "would be a summary file")
        kind = target_kind(path, is_report)
        if kind == "replace":
            info = os.stat(path)
            for source in inputs:
                try:
                    same = os.path.samestat(info, os.stat(source))
                except OSError:
                    continue
                if same:
                    raise _refuse(path, "là một tệp đầu vào", "is an input file")
        flags = os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC
        flags |= {
            "new": os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
            "replace": os.O_TRUNC | os.O_NOFOLLOW,
            "stream": os.O_NOCTTY,
        }[kind]
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as exc:
            raise InputError.at(
                path, Text("không ghi được --jsonl", f"cannot write --jsonl: {exc.strerror}")
            ) from None
        return cls(path, fd, stat.S_ISREG(os.fstat(fd).st_mode))

    def write(self, data: bytes) -> None:
        """Append one complete line (see the module's docstring); OSError stops the run."""
        end = os.lseek(self._fd, 0, os.SEEK_END) if self._regular else 0
        written = os.write(self._fd, data)
        if written == len(data):
            return
        if self._regular:
            os.ftruncate(self._fd, end)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # what a short write means
        view = memoryview(data)[written:]
        while view:
            view = view[os.write(self._fd, view) :]

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
