"""``lint`` reads source texts within bounds: a FIFO, a device, a huge sparse file or a link out
of the rules directory is refused before a byte is read, with the reason, never a hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import RULES_DIR

SOURCE = Path("sources/286-CV-TU-kon-tum.txt")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(1536 * 1024 * 1024)


MAKERS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "is not a regular file"),
    "sparse 1.5 GB": (_sparse, "file too large (1610612736 bytes, limit 5242880)"),
    "link to /dev/zero": (lambda p: os.symlink("/dev/zero", p), "outside the rules directory"),
    "link to /etc/passwd": (lambda p: os.symlink("/etc/passwd", p), "outside the rules directory"),
}


@pytest.mark.parametrize("name", MAKERS)
def test_a_source_text_that_is_not_a_plain_file_is_refused(tmp_path: Path, name: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    (rules / SOURCE).unlink()
    make, says = MAKERS[name]
    make(rules / SOURCE)
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", "lint", str(rules)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output
    assert f"cannot read source text {SOURCE}" in output
    assert f"cannot read source file {SOURCE.name}" in output
    assert says in output
    assert "root:" not in output


def test_a_source_named_outside_the_directory_is_not_read(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    rule = rules / "catalogue/286-CV-TU/1.1.yaml"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace(f"source_file: {SOURCE}", "source_file: ../../../etc/passwd"))
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", "lint", str(rules)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2 and "outside the rules directory" in output, output
    assert "root:" not in output


@pytest.mark.parametrize("command", ["lint", "check"])
def test_a_rule_file_linked_outside_the_rules_is_refused(tmp_path: Path, command: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    link = rules / "catalogue/286-CV-TU/passwd.yaml"
    os.symlink("/etc/passwd", link)
    args = (
        ["lint", str(rules)]
        if command == "lint"
        else ["check", "--rules", str(rules), str(tmp_path / "none.yaml")]
    )
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", *args], capture_output=True, text=True, timeout=60
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert f"{link}: " in output and "the link leads outside the rules directory" in output
    assert "root:" not in output and "Traceback" not in output


def test_a_catalogue_linked_outside_the_rules_is_refused(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text("password: hunter2\n", encoding="utf-8")
    shutil.rmtree(rules / "catalogue")
    os.symlink(elsewhere, rules / "catalogue")
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", "lint", str(rules)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "secret.yaml: " in output and "leads outside the rules directory" in output
    assert "hunter2" not in output
