"""``batch --jsonl``: one complete line per input, the same bytes whatever --jobs, never a half line
after an interrupt, never written over what is not ours; and the default --jobs and the progress
bar."""

from __future__ import annotations

import io
import json
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
from ruleset.batch.run import default_jobs
from ruleset.cli import cli
from ruleset.cli.batch import Progress
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.helpers import default_sigint

HANG_GUARD_S = 120


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Every example and a broken file."""
    root = tmp_path / "in"
    for example in sorted(EXAMPLES_DIR.iterdir()):
        target = root / "a" / example.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(example, target)
    (root / "a" / "hong.yaml").write_text("agency: [\n", encoding="utf-8")
    return root


def _lines(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_one_line_per_input_in_the_summary_order(corpus: Path, tmp_path: Path) -> None:
    sink = tmp_path / "all.jsonl"
    missing = str(tmp_path / "nowhere.yaml")
    again = tmp_path / "again.yaml"  # the same file by another path: skipped, named once
    again.symlink_to(corpus / "a" / sorted(EXAMPLES_DIR.iterdir())[0].name)
    outcome = run_batch(
        [str(corpus), missing, str(again)],
        str(RULES_DIR),
        jobs=1,
        out_dir=str(tmp_path / "out"),
        jsonl=str(sink),
    )
    lines = _lines(sink)
    formats = [line["format"] for line in lines]
    examples = len(list(EXAMPLES_DIR.iterdir()))
    assert outcome.total == examples + 1
    assert len(lines) == examples + 3  # the inputs, the missing path, the duplicate
    assert formats.count("ruleset/gap-report@1") == examples
    assert formats.count("ruleset/input-error@1") == 2
    assert formats.count("ruleset/skipped-input@1") == 1
    assert lines[0]["problems"][0]["file"] == missing  # refused first, as in the summary
    reports = [line["submission"]["path"] for line in lines if "submission" in line]
    assert reports == sorted(reports)
    assert not [p for p in (tmp_path / "out").rglob("*.yaml.json")]  # no report file each
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["files"] == len(lines)


def test_the_same_bytes_with_one_or_two_workers(corpus: Path, tmp_path: Path) -> None:
    written = []
    for jobs in (1, 2):
        sink = tmp_path / f"j{jobs}.jsonl"
        run_batch([str(corpus)], str(RULES_DIR), jobs=jobs, jsonl=str(sink))
        written.append(sink.read_bytes())
    assert written[0] == written[1]
    assert written[0].count(b"\n") == len(list(EXAMPLES_DIR.iterdir())) + 1


def test_an_interrupt_leaves_only_complete_lines(tmp_path: Path) -> None:
    source = tmp_path / "in"
    examples = sorted(p.read_bytes() for p in EXAMPLES_DIR.glob("*.yaml"))
    for index in range(1500):
        folder = source / f"d{index // 300}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"s{index:04d}.yaml").write_bytes(examples[index % len(examples)])
    sink = tmp_path / "all.jsonl"
    command = [sys.executable, "-m", "ruleset", "batch", str(source), "--jsonl", str(sink)]
    process = subprocess.Popen(
        [*command, "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=default_sigint,
    )
    deadline = time.monotonic() + HANG_GUARD_S
    while (not sink.exists() or sink.stat().st_size < 20_000) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=HANG_GUARD_S)
    assert process.returncode == 130, output.decode("utf-8", "replace")
    lines = _lines(sink)  # every line whole: the file ends with a newline and each line parses
    done = int(output.decode().split("Stopped after ")[1].split(" ")[0])
    assert 0 < len(lines) < 1500
    assert len(lines) in (done, done + 1)  # a line written just before the count moved on


def test_the_place_is_checked_before_anything_is_written(corpus: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "notes.jsonl"
    foreign.write_text("my own notes\n", encoding="utf-8")
    for place in (foreign, corpus / "a" / "x.jsonl", RULES_DIR / "x.jsonl"):
        result = CliRunner().invoke(cli, ["batch", str(corpus), "--jsonl", str(place)])
        assert result.exit_code == 2, result.output
        assert "--jsonl" in result.output or "not replaced" in result.output
    assert foreign.read_text(encoding="utf-8") == "my own notes\n"
    assert not (corpus / "a" / "x.jsonl").exists() and not (RULES_DIR / "x.jsonl").exists()
    ours = tmp_path / "ours.jsonl"
    for _ in range(2):  # an earlier output of ours is started afresh, not appended to
        CliRunner().invoke(cli, ["batch", str(corpus), "--jsonl", str(ours), "-q"])
        assert len(_lines(ours)) == len(list(EXAMPLES_DIR.iterdir())) + 1


@pytest.mark.parametrize(
    ("total", "cores", "busy", "jobs"),
    [
        (5000, 2, 0.1, 2),  # idle: both cores
        (5000, 2, 1.0, 1),  # one core taken by others: in-process, never slower than --jobs 1
        (5000, 2, 3.5, 1),
        (5000, 1, 0.0, 1),
        (5000, 4, 1.2, 3),
        (5000, 16, 0.0, 16),
        (250, 8, 0.0, 2),  # too few files to repay more workers
        (99, 8, 0.0, 1),
        (0, 8, 0.0, 1),
    ],
)
def test_default_jobs_takes_the_free_cores(total: int, cores: int, busy: float, jobs: int) -> None:
    assert default_jobs(total, cores, busy) == jobs


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_counts_to_the_end_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    progress = Progress()
    for done in range(1, 4):
        progress(done, 3)
    shown = terminal.getvalue()
    assert "tệp/files" in shown and "3/3" in shown and shown.endswith("\n")


def test_no_progress_when_not_a_terminal_or_quiet(corpus: Path, tmp_path: Path) -> None:
    loud = CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(tmp_path / "o1")])
    assert "tệp/files" not in loud.output and "\r" not in loud.output
    assert "hong.yaml" in loud.output  # the summary is still printed
    quiet = CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(tmp_path / "o2"), "-q"])
    assert quiet.output == ""


def test_the_load_counts_a_core_another_program_keeps_busy() -> None:
    import subprocess

    from ruleset.batch.run import machine_load

    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)  # the child is running
        assert machine_load(window=0.3) >= 0.5  # one core of another program's, at least half
    finally:
        spinner.kill()
        spinner.wait()
