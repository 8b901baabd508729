"""The hostile corpus (tests/hostile/cases.yaml): every bad input ends in a clear message, the
documented exit code, no traceback, bounded time and memory, and an unchanged input file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from ruleset.cli import cli

HOSTILE = Path(__file__).resolve().parent
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))[
    "cases"
]
TIME_LIMIT_S = 10.0
MEMORY_LIMIT_MIB = 400
HEADER = "schema_version: 1\nagency: {id: a, name: b, kind: so-ban-nganh, province: kon-tum}\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


GENERATORS: dict[str, Callable[[Path], Path]] = {
    "self-referring-alias": lambda d: _write(
        d / "alias-loop.yaml", HEADER + "prepared_by: &p {name: [1, *p]}\n"
    ),
    "over-size-limit": lambda d: _write(
        d / "qua-lon.yaml", HEADER + "# " + "x" * (6 * 1024 * 1024) + "\n"
    ),
    "deep-flow-nesting": lambda d: _write(
        d / "long-sau.yaml", HEADER + "figures: " + "[" * 5000 + "]" * 5000 + "\n"
    ),
    "deep-block-nesting": lambda d: _write(
        d / "long-sau-khoi.yaml",
        HEADER + "".join(" " * i + f"k{i}:\n" for i in range(1000)) + " " * 1000 + "v: 1\n",
    ),
    "million-items": lambda d: _write(
        d / "trieu-muc.yaml", HEADER + "activities:\n" + "- 1\n" * 1_000_000
    ),
    "multi-megabyte-string": lambda d: _write(
        d / "chuoi-dai.yaml", HEADER + "submitted: " + "x" * 3_000_000 + "\n"
    ),
    "a-directory": lambda d: (d / "thu-muc.yaml").mkdir() or d / "thu-muc.yaml",
    "a-device": lambda d: Path("/dev/zero"),
    "a-missing-file": lambda d: d / "khong-co.yaml",
}


def _case_id(case: dict[str, Any]) -> str:
    return str(case.get("file") or case["generate"])


def _input(case: dict[str, Any], tmp_path: Path) -> Path:
    if "file" in case:
        return HOSTILE / "files" / case["file"]
    return GENERATORS[case["generate"]](tmp_path)


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _run(args: list[str], tmp_path: Path) -> tuple[int, str, float, float]:
    """Exit code, combined output, wall seconds and peak RSS (MiB) of one CLI run in a subprocess."""
    out = tmp_path / "out.txt"
    with out.open("wb") as sink:
        start = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "ruleset", *args], stdout=sink, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return (
        process.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        elapsed,
        usage.ru_maxrss / 1024,
    )


def test_every_corpus_file_has_a_case() -> None:
    listed = {case["file"] for case in CASES if "file" in case}
    on_disk = {path.name for path in (HOSTILE / "files").iterdir()}
    assert listed == on_disk
    assert all(case["generate"] in GENERATORS for case in CASES if "generate" in case)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_hostile_input_is_handled(case: dict[str, Any], tmp_path: Path) -> None:
    path = _input(case, tmp_path)
    before = _digest(path) if path != Path("/dev/zero") else None
    code, output, elapsed, peak_mib = _run(["check", str(path)], tmp_path)
    assert code == case["exit"], output
    assert case["says"] in output, output
    assert "Traceback" not in output
    assert path.name in output or case["exit"] != 2, "the message must name the file"
    if case.get("line"):
        assert f"{path.name}:" in output and any(
            part.split(":")[0].isdigit() for part in output.split(path.name + ":")[1:]
        ), f"expected file:line:column in {output!r}"
    assert elapsed < TIME_LIMIT_S
    assert peak_mib < MEMORY_LIMIT_MIB
    assert (_digest(path) if path != Path("/dev/zero") else None) == before, (
        "the input was modified"
    )


def test_batch_over_the_whole_corpus_lists_each_bad_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output, elapsed, _ = _run(
        ["batch", str(HOSTILE / "files"), "--out", str(out), "--jobs", "2", "--summary", "json"],
        tmp_path,
    )
    assert code == 2 and "Traceback" not in output
    import json

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    bad = {Path(row["file"]).name for row in summary["unreadable"]}
    expected_bad = {c["file"] for c in CASES if "file" in c and c["exit"] == 2}
    assert bad == expected_bad
    assert summary["totals"]["checked"] == len([c for c in CASES if "file" in c and c["exit"] != 2])
    assert elapsed < 60


def test_output_path_equal_to_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.yaml"
    source.write_bytes((HOSTILE / "files" / "utf8-bom.yaml").read_bytes())
    before = _digest(source)
    result = CliRunner().invoke(cli, ["check", str(source), "--output", str(source)])
    assert result.exit_code == 2 and "the output file is an input file" in result.output
    assert _digest(source) == before


def test_output_folder_missing_or_not_writable(tmp_path: Path) -> None:
    source = HOSTILE / "files" / "utf8-bom.yaml"
    result = CliRunner().invoke(
        cli, ["check", str(source), "--output", str(tmp_path / "khong" / "r.txt")]
    )
    assert result.exit_code == 2 and "output folder does not exist" in result.output
    locked = tmp_path / "khoa"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        result = CliRunner().invoke(cli, ["check", str(source), "--output", str(locked / "r.txt")])
        assert result.exit_code == 2 and "cannot write" in result.output
    finally:
        locked.chmod(0o700)


def test_a_full_disk_leaves_no_partial_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    target = tmp_path / "r.txt"
    old = "Báo cáo rà soát tự đánh giá: cũ / an earlier report of ours\n"
    target.write_text(old, encoding="utf-8")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = CliRunner().invoke(
        cli, ["check", str(HOSTILE / "files" / "utf8-bom.yaml"), "--output", str(target)]
    )
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert target.read_text(encoding="utf-8") == old  # the old report is intact
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary left behind


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "khoa.yaml"
    path.write_bytes((HOSTILE / "files" / "utf8-bom.yaml").read_bytes())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        code, output, _, _ = _run(["check", str(path)], tmp_path)
        assert code == 2 and "cannot read file" in output
    finally:
        path.chmod(0o600)
