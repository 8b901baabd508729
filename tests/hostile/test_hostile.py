"""The hostile corpus (tests/hostile/cases.yaml): every bad input ends in a clear message, the
documented exit code, no traceback, bounded time and memory, and an unchanged input file."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
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
HANG_GUARD_S = 60.0  # a guard against hangs only: speed is measured in benchmarks/, not here
MEMORY_LIMIT_MIB = 400
HEADER = "schema_version: 1\nagency: {id: a, name: b, kind: so-ban-nganh, province: kon-tum}\n"


BASE: dict[str, Any] = {
    "schema_version": 1,
    "agency": {"id": "a", "name": "b", "kind": "so-ban-nganh", "province": "kon-tum"},
    "period": {"start": "2021-10-01", "end": "2021-12-31"},
    "submitted": "2022-01-05",
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _write_json(path: Path, value: Any) -> Path:
    return _write(path, json.dumps(value, ensure_ascii=False, indent=1))


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
    "deep-json-nesting": lambda d: _write(
        d / "long-sau.json", '{"schema_version": 1, "figures": ' + "[" * 5000 + "]" * 5000 + "}"
    ),
    "json-5000-digit-integer": lambda d: _write(
        d / "so-dai.json", '{"schema_version": ' + "9" * 5000 + "}"
    ),
    "yaml-5000-digit-integer": lambda d: _write(
        d / "so-dai.yaml", HEADER + "figures: {violations_detected: " + "9" * 5000 + "}\n"
    ),
    "thousands-of-unknown-obligations": lambda d: _write_json(
        d / "nghin-nhiem-vu.json",
        dict(BASE, obligations={f"{i}-CV/TU:{i}": {"status": "done"} for i in range(5000)}),
    ),
    "thousands-of-dangling-evidence-ids": lambda d: _write_json(
        d / "nghin-minh-chung.json",
        dict(
            BASE,
            activities=[
                {"id": f"a{i}", "kind": "briefing", "date": "2021-11-01", "title": "x"}
                for i in range(2000)
            ],
            obligations={
                "286-CV/TU:1.1": {
                    "status": "done",
                    "evidence": {"activities": [f"act-{i}" for i in range(2000)]},
                }
            },
        ),
    ),
    "thousands-of-wrong-typed-items": lambda d: _write_json(
        d / "nghin-muc-sai.json", dict(BASE, activities=list(range(8000)), obligations={})
    ),
    "a-fifo": lambda d: os.mkfifo(d / "ong.yaml") or d / "ong.yaml",
    "a-directory": lambda d: (d / "thu-muc.yaml").mkdir() or d / "thu-muc.yaml",
    "a-device": lambda d: Path("/dev/zero"),
    "a-missing-file": lambda d: d / "khong-co.yaml",
}


def _case_id(case: dict[str, Any]) -> str:
    return " ".join([str(case.get("file") or case["generate"]), *case.get("args", [])])


def _input(case: dict[str, Any], tmp_path: Path) -> Path:
    if "file" in case:
        return HOSTILE / "files" / case["file"]
    return GENERATORS[case["generate"]](tmp_path)


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _kill(process: subprocess.Popen[bytes], killed: list[bool]) -> None:
    killed.append(True)
    process.kill()


# The CLI run by a wrapper that writes its own peak RSS (VmHWM, KiB) to a file as it exits. The
# rusage of the child counts the pytest process it was started from too: Linux keeps the highest
# RSS across exec, so the limit failed whenever pytest itself had grown past it.
_WITH_PEAK = """\
import atexit, runpy, sys
peak_file = sys.argv.pop(1)
def write_peak():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(peak_file, "w") as out:
        out.write(peak)
atexit.register(write_peak)
sys.argv[0] = "ruleset"
runpy.run_module("ruleset", run_name="__main__", alter_sys=True)
"""


def _run(args: list[str], tmp_path: Path) -> tuple[int, str, float]:
    """Exit code, combined output and peak RSS (MiB) of one CLI run in a subprocess, killed (and
    the test failed) if it is still running after HANG_GUARD_S."""
    out, peak = tmp_path / "out.txt", tmp_path / "peak.txt"
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-c", _WITH_PEAK, str(peak), *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        killed: list[bool] = []
        guard = threading.Timer(HANG_GUARD_S, _kill, (process, killed))  # a hang ends the test
        guard.start()
        process.wait()
        guard.cancel()
    assert not killed, f"ruleset {' '.join(args)} still running after {HANG_GUARD_S} s"
    return (
        process.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        int(peak.read_text()) / 1024,
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
    code, output, peak_mib = _run(["check", *case.get("args", []), str(path)], tmp_path)
    assert code == case["exit"], output
    assert case["says"] in output, output
    assert "Traceback" not in output
    assert not [word for word in case.get("never_says", []) if word in output], output
    assert path.name in output or case["exit"] != 2, "the message must name the file"
    if case.get("line"):
        assert f"{path.name}:" in output and any(
            part.split(":")[0].isdigit() for part in output.split(path.name + ":")[1:]
        ), f"expected file:line:column in {output!r}"
    assert peak_mib < MEMORY_LIMIT_MIB
    assert (_digest(path) if path != Path("/dev/zero") else None) == before, (
        "the input was modified"
    )


def test_batch_over_the_whole_corpus_lists_each_bad_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output, _ = _run(
        ["batch", str(HOSTILE / "files"), "--out", str(out), "--jobs", "2", "--summary", "json"],
        tmp_path,
    )
    assert code == 2 and "Traceback" not in output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    bad = {Path(row["file"]).name for row in summary["unreadable"]}
    expected_bad = {c["file"] for c in CASES if "file" in c and c["exit"] == 2}
    assert bad == expected_bad
    readable = len([c for c in CASES if "file" in c and c["exit"] != 2])
    # The readable hostile files are copies of one agency's report: one counts, the others are
    # listed as superseded (the same agency and period submitted twice counts once).
    assert summary["totals"]["checked"] + len(summary["skipped"]) == readable
    assert summary["totals"]["checked"] >= 1
    assert all("superseded" in row["skipped"] for row in summary["skipped"])


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
        code, output, _ = _run(["check", str(path)], tmp_path)
        assert code == 2 and "cannot read file" in output
    finally:
        path.chmod(0o600)
