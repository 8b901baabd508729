"""How a batch stops: SIGTERM like Ctrl-C (143 and 130), workers ended with the parent, no
temporary left, the count of files done in the message; and faults in the middle of writing
(an interrupt right after a rename, a full disk, an unreadable folder) never end in exit 70."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ruleset.batch import run_batch
from ruleset.batch import work as batch_work
from ruleset.cli import cli
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.helpers import default_sigint

HANG_GUARD_S = 120


def _tree(root: Path, count: int) -> Path:
    examples = sorted(p.read_bytes() for p in EXAMPLES_DIR.glob("*.yaml"))
    for index in range(count):
        folder = root / f"d{index // 200}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"s{index}.yaml").write_bytes(examples[index % len(examples)])
    return root


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("signum", "code", "why"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_stops_the_batch_and_its_workers(
    tmp_path: Path, signum: int, code: int, why: str
) -> None:
    source = _tree(tmp_path / "in", 4000)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "ruleset", "batch", str(source), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=default_sigint,
    )
    deadline = time.monotonic() + HANG_GUARD_S
    while len(list(out.rglob("*.yaml.json"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    process.send_signal(signum)
    output, _ = process.communicate(timeout=HANG_GUARD_S)
    text = output.decode("utf-8", "replace")
    assert process.returncode == code, text
    assert f"({why})" in text and "Stopped after" in text and "Traceback" not in text
    done = int(text.split("Stopped after ")[1].split(" ")[0])
    assert done < 4000  # files whose results reached the parent; the message counts only those
    assert len(workers) >= 2
    ended = time.monotonic() + 10  # a loaded machine may take a moment to reap them
    while any(_alive(pid) for pid in workers) and time.monotonic() < ended:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "a worker outlived the batch"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not (out / "summary.json").exists()


def test_an_interrupt_just_after_a_rename_is_still_an_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clean-up of a temporary that was already renamed used to raise FileNotFoundError (70)."""
    source = _tree(tmp_path / "in", 4)
    real_replace = os.replace
    calls = {"n": 0}

    def replace_then_interrupt(src: str, dst: str) -> None:
        real_replace(src, dst)
        calls["n"] += str(dst).startswith(str(tmp_path / "out"))  # not the rules cache
        if calls["n"] == 3:  # the marker, the first report, the second
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    result = CliRunner().invoke(
        cli, ["batch", str(source), "--out", str(tmp_path / "out"), "-j", "1"]
    )
    assert result.exit_code == 130, result.output
    assert "Stopped after 1 of 4 files" in result.output
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.endswith(".tmp")]


def test_a_full_out_makes_rows_and_exit_2_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _tree(tmp_path / "in", 3)
    real_replace = os.replace
    calls = {"n": 0}

    def full_after_marker(src: str, dst: str) -> None:
        if str(dst).startswith(str(tmp_path / "out")):  # not the rules cache a first load writes
            calls["n"] += 1
            if calls["n"] > 1:  # the --out marker fits; nothing after it does
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_after_marker)
    result = CliRunner().invoke(
        cli, ["batch", str(source), "--out", str(tmp_path / "out"), "-j", "1"]
    )
    assert result.exit_code == 2, result.output
    assert "the report was not written" in result.output
    assert (
        "No space left on device" in result.output
        and "the summary was not written" in result.output
    )
    assert "Traceback" not in result.output
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.endswith(".tmp")]


def test_with_quiet_an_unwritten_summary_is_still_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--quiet drops the terminal's summary (it is not even made), never the news that the
    summary files could not be written."""
    source = _tree(tmp_path / "in", 2)
    real_replace = os.replace

    def summary_fails(src: str, dst: str) -> None:
        if os.path.basename(dst).startswith("summary"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", summary_fails)
    out = str(tmp_path / "out")
    result = CliRunner().invoke(cli, ["batch", str(source), "--out", out, "-j", "1", "-q"])
    assert result.exit_code == 2, result.output
    assert "the summary was not written" in result.output
    assert "No space left on device" in result.output and "Traceback" not in result.output
    quiet = run_batch([str(source)], str(RULES_DIR), overview=False)
    assert (
        quiet.overview == ""
        and quiet.exit_code == run_batch([str(source)], str(RULES_DIR)).exit_code
    )


def test_a_report_folder_removed_during_the_run_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _tree(tmp_path / "in", 3)
    out = tmp_path / "out"
    real_write = batch_work.write_atomically
    written: list[str] = []

    def removing_after_first(path: str, *args: Any, **kwargs: Any) -> None:
        real_write(path, *args, **kwargs)
        written.append(path)
        if len(written) == 1:
            shutil.rmtree(os.path.dirname(path))  # someone cleans up while the batch runs

    monkeypatch.setattr(batch_work, "write_atomically", removing_after_first)
    result = CliRunner().invoke(cli, ["batch", str(source), "--out", str(out), "-j", "1"])
    assert "the report was not written" not in result.output
    assert result.exit_code in (0, 1), result.output
    assert len(written) == 3 and all(os.path.isfile(path) for path in written[1:])


def test_a_read_only_out_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _tree(tmp_path / "in", 2)

    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "makedirs", read_only)
    result = CliRunner().invoke(cli, ["batch", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "Read-only file system" in result.output, result.output


def test_an_unreadable_folder_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Made in-process so it also holds when the tests run as root (who reads any folder)."""
    source = _tree(tmp_path / "in", 2)
    locked = source / "khoa"
    locked.mkdir()
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", locked / "x.yaml")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out"
    outcome = run_batch([str(source)], str(RULES_DIR), out_dir=str(out))
    assert outcome.exit_code == 2
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [row["file"] for row in summary["unreadable"]] == [str(locked)]
    assert "cannot read folder: Permission denied" in summary["unreadable"][0]["error"]
    assert summary["totals"]["checked"] == 2
