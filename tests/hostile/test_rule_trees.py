"""The hostile rule-tree corpus (tests/hostile/rule_cases.yaml): rule trees with offsets that leave
the calendar, links out of the tree or in loops, source texts that are FIFOs or huge, and git
revisions that look like options: each ends in the documented exit code and a clear message, no
traceback, and nothing written."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES_DIR, RULES_DIR

HOSTILE = Path(__file__).resolve().parent
CASES: list[dict[str, Any]] = yaml.safe_load(
    (HOSTILE / "rule_cases.yaml").read_text(encoding="utf-8")
)["cases"]
HANG_GUARD_S = 120  # a guard against hangs only, not a speed test
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]


def _special(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    else:
        with path.open("wb") as handle:
            handle.truncate(1536 * 1024 * 1024)


def _prepare(case: dict[str, Any], tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    rules = repo / "rules"
    shutil.copytree(RULES_DIR, rules)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*GIT, "-C", str(repo), "add", "."], check=True)
    subprocess.run([*GIT, "-C", str(repo), "commit", "-qm", "v1"], check=True)
    if "edit" in case:
        edit = case["edit"]
        target = rules / edit["file"]
        text = target.read_text(encoding="utf-8")
        assert edit["old"] in text, f"fixture text not found: {edit['old']!r}"
        target.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for relative, kind in case.get("special", {}).items():
        (rules / relative).unlink()
        _special(rules / relative, kind)
    for relative, target in case.get("links", {}).items():
        if (rules / relative).exists():
            (rules / relative).unlink()
        os.symlink(target, rules / relative)
    (tmp_path / "victim.txt").write_text("keep me\n", encoding="utf-8")
    return repo


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Kind, size and modification time of every entry, links not followed, .git left out."""
    found = {}
    for parent, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in dirs + files:
            info = os.lstat(os.path.join(parent, name))
            found[os.path.join(parent, name)] = (
                stat.S_IFMT(info.st_mode),
                info.st_size,
                info.st_mtime_ns,
            )
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda case: str(case["name"]))
def test_hostile_rule_tree_is_handled(case: dict[str, Any], tmp_path: Path) -> None:
    repo = _prepare(case, tmp_path)
    values = {"rules": "rules", "tmp": str(tmp_path), "examples": str(EXAMPLES_DIR)}
    args = [str(arg).format(**values) for arg in case["args"]]
    before = _snapshot(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )
    output = done.stdout + done.stderr
    assert done.returncode == case["exit"], output
    assert case["says"] in output, output
    assert "Traceback" not in output
    assert not [word for word in case.get("never_says", []) if word in output], output
    assert _snapshot(tmp_path) == before, "a file was created or changed"
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "keep me\n"
