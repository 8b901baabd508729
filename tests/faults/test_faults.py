"""The fault corpus (tests/faults/cases.yaml): outputs never replace what is not ours, every batch
input is accounted for once, one bad file never stops a batch, and every run ends in bounded time
with the documented exit code, a clear message and no traceback."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ruleset.batch.paths import MARKER, SUMMARY_FILES
from tests.conftest import EXAMPLES_DIR, RULES_DIR

FAULTS = Path(__file__).resolve().parent
CASES: list[dict[str, Any]] = yaml.safe_load((FAULTS / "cases.yaml").read_text(encoding="utf-8"))[
    "cases"
]
HANG_GUARD_S = 90  # not a speed test: only a run that never ends fails here
GOOD = (EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml").read_bytes()  # no gap: exit 0
GAPS = (EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml").read_bytes()  # gaps: exit 1
BADNAME = os.fsdecode(b"\xff")


def _put(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _zip(path: Path, members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members:
            archive.writestr(name, data)


def _patch(path: Path, field: str, value: int) -> None:
    """Set a 2-byte header field of every entry, in local and central headers alike (zipfile
    itself never writes an encrypted flag or an unknown method)."""
    offsets = {"flags": (6, 8), "method": (8, 10)}[field]
    data = bytearray(path.read_bytes())
    for signature, offset in zip((b"PK\x03\x04", b"PK\x01\x02"), offsets, strict=True):
        start = data.find(signature)
        while start != -1:
            data[start + offset : start + offset + 2] = value.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))


def _two_good(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "sub" / "y.yaml", GAPS)
    (t / "plain.txt").write_text("not a folder\n", encoding="utf-8")


def _foreign_out(t: Path) -> None:
    _two_good(t)
    _put(t / "out" / "notes.txt", b"my own notes\n")


def _earlier_out(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "y.yaml", GAPS)
    _put(t / "out" / MARKER, b"{}\n")
    _put(t / "out" / "x.yaml.json", b"an earlier report\n")


def _filled_template(t: Path) -> None:
    _two_good(t)
    _put(t / "filled.yaml", b"# filled in by the agency\nschema_version: 1\n")


def _notes(t: Path) -> None:
    _two_good(t)
    _put(t / "notes.txt", b"my own notes\n")


def _earlier_report(t: Path) -> None:
    _two_good(t)
    _put(t / "report.txt", "Báo cáo rà soát tự đánh giá: cũ\n".encode())


def _fifo(t: Path) -> None:
    _two_good(t)
    os.mkfifo(t / "pipe")

    def drain() -> None:
        with open(t / "pipe", "rb") as pipe:
            (t / "drained.txt").write_bytes(pipe.read())

    threading.Thread(target=drain, daemon=True).start()


def _link_target(t: Path) -> None:
    _two_good(t)
    _put(t / "kept.txt", b"a file of the user's\n")
    os.symlink(t / "kept.txt", t / "link.txt")


def _two_archives(t: Path) -> None:
    _zip(t / "in" / "a" / "s.zip", [("m.yaml", GOOD)])
    _zip(t / "in" / "b" / "s.zip", [("m.yaml", GAPS)])


def _another_agency(data: bytes, n: int) -> bytes:
    """The same report from another agency (one agency's period counts once in a batch)."""
    return data.replace(b"id: kt-so-noi-vu", f"id: kt-so-noi-vu-{n}".encode(), 1)


def _report_name_folder(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "x.yaml.json" / "y.yaml", GAPS)
    _put(t / "in" / "w.yaml", _another_agency(GOOD, 2))


def _beside(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    data = yaml.safe_load(_another_agency(GOOD, 2).decode("utf-8"))
    _put(t / "in" / "x.yaml.json", json.dumps(data, default=str).encode())


def _report_path_folder(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "y.yaml", GOOD)
    _put(t / "out" / MARKER, b"{}\n")
    _put(t / "out" / "x.yaml.json" / "inside.txt", b"kept\n")


def _duplicate_members(t: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        _zip(t / "in" / "d.zip", [("m.yaml", GOOD), ("m.yaml", GAPS)])


def _file_link(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "y.yaml", GAPS)
    os.symlink("x.yaml", t / "in" / "z.yaml")


def _self_links(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "sub" / "y.yaml", GAPS)
    for name in ("loop", "again"):
        os.symlink(".", t / "in" / name)
    os.symlink("..", t / "in" / "sub" / "back")


def _unreadable_folder(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "y.yaml", GAPS)
    _put(t / "in" / "locked" / "z.yaml", GOOD)
    (t / "in" / "locked").chmod(0)


def _encrypted_member(t: Path) -> None:
    _zip(t / "in" / "e.zip", [("secret.yaml", GOOD)], zipfile.ZIP_STORED)
    _patch(t / "in" / "e.zip", "flags", 0x1)
    with zipfile.ZipFile(t / "in" / "e.zip", "a") as archive:
        archive.writestr("ok.yaml", GOOD)


def _odd_method(t: Path) -> None:
    _zip(t / "in" / "m.zip", [("odd.yaml", GOOD)], zipfile.ZIP_STORED)
    _patch(t / "in" / "m.zip", "method", 99)
    with zipfile.ZipFile(t / "in" / "m.zip", "a") as archive:
        archive.writestr("ok.yaml", GOOD)


def _corrupt_deflate(t: Path) -> None:
    path = t / "in" / "c.zip"
    _zip(path, [("bad.yaml", GOOD), ("ok.yaml", GAPS)])
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("bad.yaml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + info.compress_size // 3
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))


def _fake_zip(t: Path) -> None:
    _put(t / "in" / "f.zip", b"this is not an archive\n")
    _put(t / "in" / "x.yaml", GOOD)


def _bad_name(t: Path) -> None:
    _put(t / "in" / f"{BADNAME}.yaml", GOOD)


def _broken_among_good(t: Path) -> None:
    _put(t / "in" / "x.yaml", GOOD)
    _put(t / "in" / "y.yaml", GAPS)
    _put(t / "in" / "hong.yaml", b"agency: [\n")


def _big_zip(t: Path) -> None:
    """4,000 agencies (one submission of the same agency and period would count only once)."""
    members = [
        (f"d{i // 100}/s{i}.yaml", GAPS.replace(b"id: kt-so-tttt", f"id: kt-so-{i}".encode()))
        for i in range(4000)
    ]
    _zip(t / "in" / "big.zip", members)


SETUPS: dict[str, Callable[[Path], None]] = {
    "two-good": _two_good,
    "foreign-out": _foreign_out,
    "earlier-out": _earlier_out,
    "filled-template": _filled_template,
    "notes": _notes,
    "earlier-report": _earlier_report,
    "fifo": _fifo,
    "link-target": _link_target,
    "two-archives": _two_archives,
    "report-name-folder": _report_name_folder,
    "beside": _beside,
    "report-path-folder": _report_path_folder,
    "duplicate-members": _duplicate_members,
    "file-link": _file_link,
    "self-links": _self_links,
    "unreadable-folder": _unreadable_folder,
    "encrypted-member": _encrypted_member,
    "odd-method": _odd_method,
    "corrupt-deflate": _corrupt_deflate,
    "fake-zip": _fake_zip,
    "bad-name": _bad_name,
    "broken-among-good": _broken_among_good,
    "big-zip": _big_zip,
}


def snapshot(root: Path, leave_out: tuple[Path, ...] = ()) -> dict[str, str]:
    """Every entry under ``root`` with its kind and content (links by target, FIFOs by kind)."""
    entries: dict[str, str] = {}
    for directory, subdirs, files in os.walk(root):
        if any(Path(directory) == p or p in Path(directory).parents for p in leave_out):
            subdirs[:] = []
            continue
        for name in subdirs + files:
            path = Path(directory) / name
            if path in leave_out:
                continue
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                entries[str(path)] = "link " + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                entries[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                entries[str(path)] = stat.filemode(info.st_mode)
    return entries


def temporaries(root: Path) -> list[str]:
    return [
        os.path.join(d, f)
        for d, _, files in os.walk(root)
        for f in files
        if f.endswith(".tmp") or (f.startswith(".ruleset-") and f != MARKER)
    ]


def check_accounting(summary: dict[str, Any]) -> None:
    """Every input once: the rows add up to the totals and no path is listed twice."""
    totals = summary["totals"]
    rows = summary["agencies"] + summary["unreadable"] + summary["skipped"]
    names = [row["file"] for row in rows]
    assert len(names) == len(set(names)), "an input is listed twice"
    assert totals["files"] == len(rows)
    assert totals["files"] == totals["checked"] + totals["unreadable"] + totals["skipped"]
    assert (totals["checked"], totals["unreadable"], totals["skipped"]) == (
        len(summary["agencies"]),
        len(summary["unreadable"]),
        len(summary["skipped"]),
    )


def _arguments(case: dict[str, Any], tmp: Path) -> list[str]:
    values = {
        "in": str(tmp / "in"),
        "out": str(tmp / "out"),
        "tmp": str(tmp),
        "rules": str(tmp / "rules"),
        "badname": BADNAME,
    }
    return [argument.format(**values) for argument in case["args"]]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_fault(case: dict[str, Any], tmp_path: Path) -> None:
    if case.get("not_root") and os.geteuid() == 0:
        pytest.skip("root reads any folder: the fault cannot be made")
    tmp = tmp_path / "t"
    tmp.mkdir()
    shutil.copytree(RULES_DIR, tmp / "rules")
    SETUPS[case["setup"]](tmp)
    out = tmp / "out"
    writes = tuple(tmp / name for name in case.get("writes", "").split() if name)
    before = snapshot(tmp, (out, tmp / "drained.txt", *writes))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ruleset", *_arguments(case, tmp)],
            cwd=tmp,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=HANG_GUARD_S,
            check=False,
        )
    finally:
        if (tmp / "in" / "locked").exists():
            (tmp / "in" / "locked").chmod(0o700)
    output = result.stdout.decode("utf-8", "replace")
    assert result.returncode == case["exit"], output
    assert case["says"] in output, output
    assert "Traceback" not in output, output
    after = snapshot(tmp, (out, tmp / "drained.txt", *writes))
    assert {k: v for k, v in after.items() if k in before} == before, "something not ours changed"
    assert not temporaries(tmp), temporaries(tmp)
    summary_path = out / "summary.json"
    if "files" in case:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        check_accounting(summary)
        expected = {key: case.get(key, 0) for key in ("files", "checked", "unreadable", "skipped")}
        assert {key: summary["totals"][key] for key in expected} == expected
        listed = " ".join(
            row["file"] for key in ("agencies", "unreadable", "skipped") for row in summary[key]
        )
        assert case.get("lists", "") in listed
    if "reports" in case:
        reports = [
            p
            for p in out.rglob("*.json")
            if p.is_file() and p.relative_to(out).parts[0] not in SUMMARY_FILES
        ]
        assert len(reports) == case["reports"], reports


def test_every_setup_is_used() -> None:
    assert {case["setup"] for case in CASES} == set(SETUPS)
