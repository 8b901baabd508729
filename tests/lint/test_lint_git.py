"""Lint and git, in a repository made by the test: ``lint git:REV[:path]`` names files as the
user can find them, and plain ``lint`` notices a rule change no version bump or changelog entry
tells (the issue's example: 3855/UBND-KGVX:4.b added under an unchanged version)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.lint import LintCode, lint_directory
from tests.conftest import RULES_DIR

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
GIT += ["-c", "commit.gpgsign=false"]
ADDED = Path("catalogue/3855-UBND-KGVX/4.b.yaml")
QUOTED = Path("catalogue/990-CV-BTGTW/1.2.yaml")


def git(repo: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, timeout=60)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def bump(rules: Path, version: str) -> None:
    edit(rules / "ruleset.yaml", "version: 0.3.0", f"version: {version}")
    entry = f"  - version: {version}\n    date: 2026-11-25\n    changes:\n      - Adds 4.b.\n"
    edit(rules / "ruleset.yaml", "changelog:\n", "changelog:\n" + entry)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Version 0.3.0 released without 3855/UBND-KGVX:4.b; the rule kept aside in ``added``."""
    repo = tmp_path / "repo"
    shutil.copytree(RULES_DIR, repo / "rules")
    shutil.move(repo / "rules" / ADDED, tmp_path / "added.yaml")
    git(repo, "init", "-q")
    commit(repo, "rules 0.3.0")
    return repo


def add_rule(repo: Path) -> None:
    shutil.copy(repo.parent / "added.yaml", repo / "rules" / ADDED)


def unreleased(rules: Path) -> list[str]:
    found = lint_directory(str(rules)).problems
    return [p.render("en") for p in found if p.code is LintCode.UNRELEASED_CHANGE]


def test_a_rule_added_under_the_released_version_is_noticed(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert unreleased(repo / "rules") == []
    add_rule(repo)
    assert len(unreleased(repo / "rules")) == 1  # in the work tree, not yet committed
    commit(repo, "add 3855/UBND-KGVX:4.b")  # the commit: no bump, changelog untouched
    [said] = unreleased(repo / "rules")
    assert "rules 3855/UBND-KGVX:4.b changed since version 0.3.0 was set" in said
    assert "rules/ruleset.yaml:2:" in said  # at the manifest's version
    assert "bump the version to 0.4.0" in said  # a new obligation, major version 0
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["lint", "rules", "--format", "json"])
    payload = json.loads(result.output)
    assert result.exit_code == 1  # a warning: every rule is sound
    assert [p["code"] for p in payload["problems"]] == ["unreleased-change"]
    assert "commit" in payload["problems"][0]["messages"]["vi"]


def test_a_change_the_changelog_describes_is_clean(repo: Path) -> None:
    add_rule(repo)
    bump(repo / "rules", "0.4.0")
    commit(repo, "rules 0.4.0: add 3855/UBND-KGVX:4.b")
    result = lint_directory(str(repo / "rules"))
    assert [p.render() for p in result.problems] == [] and result.exit_code == 0


def test_a_bump_under_way_is_checked_against_the_release(repo: Path) -> None:
    add_rule(repo)
    bump(repo / "rules", "0.3.1")  # a patch bump for a new obligation: too small
    codes = [p.code for p in lint_directory(str(repo / "rules")).problems]
    assert codes == [LintCode.VERSION_BUMP_TOO_SMALL]
    edit(repo / "rules/ruleset.yaml", "0.3.1", "0.4.0")
    edit(repo / "rules/ruleset.yaml", "0.3.1", "0.4.0")
    assert lint_directory(str(repo / "rules")).problems == ()


def test_outside_git_nothing_is_compared(repo: Path, tmp_path: Path) -> None:
    add_rule(repo)
    commit(repo, "add 3855/UBND-KGVX:4.b")
    shutil.copytree(repo / "rules", tmp_path / "copy")
    assert unreleased(repo / "rules") != []
    assert unreleased(tmp_path / "copy") == []
    assert lint_directory(str(repo / "rules"), since_release=False).problems == ()


def test_lint_of_a_revision_names_files_as_git_paths(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo / "rules" / QUOTED, "quote: Đẩy mạnh công tác", "quote: Đẩy mạnh hơn công tác")
    commit(repo, "a misquote")
    git(repo, "revert", "--no-edit", "HEAD")  # the work tree is clean again
    monkeypatch.chdir(repo)
    runner = CliRunner()
    assert runner.invoke(cli, ["lint", "rules"]).exit_code == 0
    for spec in ("git:HEAD~1", "git:HEAD~1:rules"):
        result = runner.invoke(cli, ["lint", spec, "--format", "json"])
        payload = json.loads(result.output)
        assert result.exit_code == 2 and payload["directory"] == "git:HEAD~1:rules"
        [problem] = payload["problems"]
        assert problem["code"] == "quote-not-found"
        assert problem["path"] == f"git:HEAD~1:rules/{QUOTED}" and problem["line"] is not None
        assert "ruleset-diff-" not in result.output  # no temporary folder shown
    text = runner.invoke(cli, ["lint", "git:HEAD~1", "--lang", "en"]).output
    assert text.startswith(f"error[quote-not-found] git:HEAD~1:rules/{QUOTED}:")


def test_a_revision_is_never_an_option(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["lint", "git:--output=written"])
    assert result.exit_code == 2 and "is not a commit" in result.output
    assert not (repo / "written").exists()


def test_paths_inside_messages_are_git_paths_too(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo / "rules/catalogue/286-CV-TU/1.2.yaml", "id: 286-CV/TU:1.2", "id: 286-CV/TU:1.1")
    commit(repo, "a duplicate id")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["lint", "git:HEAD:rules", "--lang", "en"])
    assert result.exit_code == 2 and "ruleset-diff-" not in result.output
    assert (
        "duplicate rule id '286-CV/TU:1.1' (also in git:HEAD:rules/catalogue/286-CV-TU/1.1.yaml)"
        in (result.output)
    )
