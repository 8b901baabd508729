"""Nothing typed as a revision becomes a git option: ``diff`` and ``lint --base`` verify it as a
commit first, and a hostile value ends in exit 2 with a clear message, nothing created or changed.
A link loop in a folder of submissions (``--against``) or in a rules tree ends too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES_DIR, RULES_DIR

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(RULES_DIR, root / "rules")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "."], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-qm", "v1"], check=True)
    return root


def _run(args: list[str], cwd: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout + done.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


HOSTILE = [
    "--output={victim}",
    "-o{victim}",
    "-o",
    "--upload-pack=touch {made}",
    "--exec=touch {made}",
    "--remote=file:///nowhere",
    "-",
    "HEAD --output={victim}",
]


@pytest.mark.parametrize("template", HOSTILE)
@pytest.mark.parametrize("command", ["diff", "lint"])
def test_a_hostile_revision_is_never_an_option(
    repo: Path, tmp_path: Path, template: str, command: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    made = tmp_path / "made"
    revision = template.format(victim=victim, made=made)
    before = _snapshot(tmp_path)
    args = (
        ["diff", f"git:{revision}", "rules"]
        if command == "diff"
        else ["lint", "rules", "--base", f"git:{revision}"]
    )
    code, output = _run(args, repo)
    assert code == 2, output
    assert "is not a commit of this git repository" in output
    assert "Traceback" not in output
    assert _snapshot(tmp_path) == before
    assert not made.exists() and not (repo / "x").exists()


@pytest.mark.parametrize("path", ["--output={victim}", "-o", "../..", "/etc", ":(exclude)rules"])
def test_a_hostile_path_after_the_revision_is_a_path(repo: Path, tmp_path: Path, path: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    code, output = _run(["diff", f"git:HEAD:{path.format(victim=victim)}", "rules"], repo)
    assert code == 2 and "git: fatal" in output and "Traceback" not in output, output
    assert _snapshot(tmp_path) == before


def test_a_real_revision_still_works(repo: Path) -> None:
    code, output = _run(["diff", "git:HEAD", "rules"], repo)
    assert code == 0, output
    code, output = _run(["lint", "rules", "--base", "git:HEAD"], repo)
    assert code == 0, output


def test_link_loops_under_against_end(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    folder.mkdir()
    shutil.copy(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml", folder / "a.yaml")
    for name in ("l1", "l2", "l3"):
        os.symlink("..", folder / name)
    os.symlink(".", folder / "self")
    os.symlink("b.yaml", folder / "c.yaml")
    os.symlink("c.yaml", folder / "b.yaml")
    code, output = _run(["diff", "rules", "rules", "--against", str(folder)], repo)
    assert code == 0, output
    assert "Impact on 1 submission of 1 agency" in output
    assert "Score changes: none; status changes: none." in output


def test_link_loops_in_a_rules_tree_end(repo: Path) -> None:
    catalogue = repo / "rules" / "catalogue"
    os.symlink("..", catalogue / "loop")
    os.symlink("b.yaml", catalogue / "a.yaml")
    os.symlink("a.yaml", catalogue / "b.yaml")
    code, output = _run(["diff", "rules", "rules"], repo)
    assert code == 2 and "Traceback" not in output, output
    assert "catalogue/loop: " in output and "a link to a folder is not followed" in output
