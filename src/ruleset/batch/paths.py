"""Names and places of a batch: printable input names, globs, report paths and the --out folder.

Report paths are all decided before anything is written (``inputs.InputTable.plan_reports``), so
two inputs can never share one. The summary lists each input's report.

``--out`` is ours when we create it, when it is empty, or when it holds the marker
``.ruleset-batch`` an earlier batch left; anything else is refused, as is an ``--out``
equal to, inside or around an input folder or file, or inside the rules folder.
"""

from __future__ import annotations

import fnmatch
import json
import os
from collections.abc import Iterable

from ruleset.errors import InputError
from ruleset.output import real_location, write_atomically
from ruleset.text import Text

MARKER = ".ruleset-batch"
SUMMARY_FILES = (
    "summary.json",
    "summary.csv",
    "summary-obligations.csv",
    "summary-unreadable.csv",
    "summary.md",
    MARKER,
)


def printable(path: str) -> str:
    """A file name as valid UTF-8: bytes that are not UTF-8 are shown as ``\\xff``."""
    try:
        raw = os.fsencode(path)
    except UnicodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    shown = raw.decode("utf-8", "backslashreplace")
    return path if shown == path else shown  # one string, not two, per input of a batch


def split_glob(pattern: str) -> tuple[str, list[str]]:
    """The folder before the first wildcard, and the pattern's parts after it."""
    parts = pattern.split(os.sep)
    static: list[str] = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        static.append(part)
    rest = parts[len(static) :]
    root = os.sep.join(static) if static else "."
    return (root or os.sep), rest


def matches_glob(parts: list[str], pattern: list[str]) -> bool:
    """Glob matching part by part: ``**`` is zero or more folders, other parts as fnmatch."""
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        if (i, j) not in memo:
            if j == len(pattern):
                result = i == len(parts)
            elif pattern[j] == "**":
                result = match(i, j + 1) or (i < len(parts) and match(i + 1, j))
            else:
                result = (
                    i < len(parts)
                    and fnmatch.fnmatchcase(parts[i], pattern[j])
                    and match(i + 1, j + 1)
                )
            memo[(i, j)] = result
        return memo[(i, j)]

    return match(0, 0)


def _overlaps(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def _refuse(out_dir: str, vi: str, en: str) -> InputError:
    return InputError.at(
        out_dir,
        Text(vi, en),
        hint=Text(
            "chọn một thư mục mới hoặc trống, ở ngoài các đầu vào và thư mục quy tắc",
            "choose a new or empty folder outside the inputs and rules",
        ),
    )


def check_out_place(
    out_dir: str, trees: Iterable[str], files: Iterable[str], rules_dir: str
) -> None:
    """Refuse an --out that would put reports among inputs or rules, or hold inputs. ``files``: the
    inputs not found by walking one of ``trees`` (those are inside their tree: checking the tree
    checks them, where a realpath of each of 100,000 files took 2 s)."""
    out = real_location(out_dir)
    for tree in trees:
        if _overlaps(out, os.path.realpath(tree)) or _overlaps(os.path.realpath(tree), out):
            raise _refuse(
                out_dir,
                f"--out trùng, nằm trong hoặc chứa thư mục đầu vào {printable(tree)}",
                f"--out is, is inside or holds the input folder {printable(tree)}",
            )
    for path in files:
        if _overlaps(os.path.realpath(path), out):
            raise _refuse(
                out_dir,
                f"--out chứa tệp đầu vào {printable(path)}",
                f"--out holds the input file {printable(path)}",
            )
    rules = os.path.realpath(rules_dir)
    if _overlaps(out, rules) or _overlaps(rules, out):
        raise _refuse(
            out_dir,
            "--out trùng, nằm trong hoặc chứa thư mục quy tắc",
            "--out is, is inside or holds the rules folder",
        )


def claim_out(out_dir: str) -> None:
    """Create --out, or adopt an empty one or one of ours; leave the marker that says so."""
    if os.path.lexists(out_dir) and not os.path.isdir(out_dir):
        raise _refuse(out_dir, "--out không phải thư mục", "--out is not a folder")
    try:
        os.makedirs(out_dir, exist_ok=True)
        entries = os.listdir(out_dir)
    except OSError as exc:
        raise InputError.at(
            out_dir,
            Text(
                "không tạo hoặc đọc được thư mục --out",
                f"cannot create or read --out: {exc.strerror}",
            ),
        ) from None
    if entries and MARKER not in entries:
        raise _refuse(
            out_dir,
            "--out đã có tệp không do ruleset batch tạo, không ghi vào đó",
            "--out holds files that ruleset batch did not write; nothing is written there",
        )
    note = {"format": "ruleset/batch-out@1", "note": "reports and summaries of `ruleset batch`"}
    write_atomically(os.path.join(out_dir, MARKER), json.dumps(note) + "\n", durable=False)
