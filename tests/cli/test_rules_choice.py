"""Which rule set: --rules (or DIRECTORY) > settings > the current folder's manifest > bundled;
every command says which one with -v (and on a terminal), and -q silences it."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ruleset.cli import cli
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import bundled_rules_dir
from tests.conftest import EXAMPLES_DIR, RULES_DIR

EXAMPLE = str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml")
ONE_RULE = Path("catalogue/286-CV-TU/1.1.yaml")


@pytest.fixture
def rules_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rules repository being edited, one rule deleted, as the current folder."""
    repo = tmp_path / "repo"
    shutil.copytree(RULES_DIR, repo)
    (repo / ".git").mkdir()
    (repo / ONE_RULE).unlink()
    monkeypatch.chdir(repo)
    return repo


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_lint_and_test_with_no_argument_use_the_folder_being_edited(rules_repo: Path) -> None:
    total = len(load_rule_set(str(RULES_DIR)).rules)
    lint = run("lint", "--format", "json", "-v")
    assert f'"rules_checked": {total - 1}' in lint.stdout  # the deleted rule is not counted
    assert (
        "rule set: . — " in lint.stderr and "the current folder holds ruleset.yaml" in lint.stderr
    )
    test = run("test", "--format", "json")
    assert test.exit_code == 0
    assert f'"rules": {total - 1}' in test.stdout and '"directory": "."' in test.stdout


def test_every_rule_set_command_follows_the_same_choice(rules_repo: Path) -> None:
    for args in (
        ("check", EXAMPLE),
        ("rules", "list"),
        ("rules", "show", "286-CV/TU:1.2"),
        ("rules", "kinds"),
        ("rules", "topics"),
        (
            "template",
            "--agency-kind",
            "so-ban-nganh",
            "--province",
            "kon-tum",
            "--period-start",
            "2021-10-01",
            "--period-end",
            "2021-12-31",
        ),
    ):
        result = run(*args, "-v")
        assert "rule set: . — " in result.stderr, (args, result.output)


def test_the_command_line_beats_settings_and_the_folder(rules_repo: Path) -> None:
    (rules_repo / ".ruleset.toml").write_text(f'rules = "{RULES_DIR}"\n', encoding="utf-8")
    from_settings = run("rules", "list", "-v")
    assert f"rule set: {RULES_DIR} — " in from_settings.stderr
    assert f"from {rules_repo / '.ruleset.toml'}" in from_settings.stderr
    given = run("lint", str(rules_repo), "-v")
    assert f"rule set: {rules_repo} — " in given.stderr and "from the command line" in given.stderr


def test_elsewhere_the_bundled_copy_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    rule_set = load_rule_set(bundled_rules_dir())
    result = run("rules", "kinds", "-v", "--lang", "en")
    assert (
        f"rule set: {bundled_rules_dir()} — {rule_set.name} {rule_set.version}, "
        f"sha256 {rule_set.digest[:12]} (the bundled copy)"
    ) in result.stderr.splitlines()


def test_a_pipe_gets_the_report_alone_and_quiet_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    plain, quiet, verbose = (
        run("check", EXAMPLE),
        run("check", EXAMPLE, "-q"),
        run("check", EXAMPLE, "-v"),
    )
    assert plain.stderr == "" and quiet.stderr == ""  # not a terminal: stderr as it was
    assert plain.stdout == quiet.stdout == verbose.stdout  # the report never changes
    assert plain.exit_code == quiet.exit_code == verbose.exit_code == 1


def test_a_broken_rule_set_is_still_named_by_lint(rules_repo: Path) -> None:
    (rules_repo / "catalogue/286-CV-TU/1.2.yaml").write_text("id: [\n", encoding="utf-8")
    result = run("lint", "-v", "--lang", "en")
    assert result.exit_code == 2
    assert "rule set: . (the current folder holds ruleset.yaml)" in result.stderr


def test_on_a_terminal_the_rule_set_is_said_unless_quiet(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    said: dict[str, str] = {}
    for flag in ("--lang=en", "-q"):
        leader, follower = pty.openpty()
        done = subprocess.run(
            [sys.executable, "-m", "ruleset", "rules", "kinds", flag],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=60,
            check=False,
        )
        os.close(follower)
        assert done.returncode == 0
        try:
            said[flag] = os.read(leader, 4096).decode()
        except OSError:  # Linux: nothing was written before the terminal's other end closed
            said[flag] = ""
        os.close(leader)
    assert said["--lang=en"].startswith(f"rule set: {bundled_rules_dir()} — ")
    assert said["-q"] == ""
