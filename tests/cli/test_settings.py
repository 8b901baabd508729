"""Settings from .ruleset.toml or [tool.ruleset] in pyproject.toml: nearest file, command line wins,
every wrong key or value a located error (exit 2)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.cli import cli
from ruleset.cli.settings import EveryCommand, find_settings, load_settings
from ruleset.errors import InputError
from tests.conftest import EXAMPLES_DIR, RULES_DIR

EXAMPLE = str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml")  # gaps: exit 1 at --fail-on low


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository root (the walk up stops here) as the current folder."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_no_settings_file_means_no_defaults(project: Path) -> None:
    assert find_settings(str(project)) is None
    assert load_settings(str(project)).defaults == {}


def test_lang_and_fail_on_come_from_the_file_and_the_command_line_wins(project: Path) -> None:
    (project / ".ruleset.toml").write_text('lang = "en"\nfail-on = "critical"\n', encoding="utf-8")
    result = run("check", EXAMPLE)
    assert result.exit_code == 0  # no critical gap
    assert result.stdout.startswith("Self-assessment gap report: ")
    result = run("check", EXAMPLE, "--fail-on", "low", "--lang", "vi")
    assert result.exit_code == 1
    assert result.stdout.startswith("Báo cáo rà soát tự đánh giá: ")


def test_pyproject_table_rules_path_is_relative_to_the_file(project: Path) -> None:
    shutil.copytree(RULES_DIR, project / "catalogue-repo" / "rules")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.ruleset]\nrules = "catalogue-repo/rules"\n',
        encoding="utf-8",
    )
    (project / "sub").mkdir()
    result = CliRunner().invoke(cli, ["rules", "list", "-v"], catch_exceptions=False)
    assert result.exit_code == 0
    assert f"rule set: {project / 'catalogue-repo' / 'rules'}" in result.stderr
    assert f"from {project / 'pyproject.toml'}" in result.stderr


def test_the_nearest_file_wins_and_own_file_beats_pyproject(project: Path) -> None:
    (project / ".ruleset.toml").write_text('lang = "en"\n', encoding="utf-8")
    inner = project / "a" / "b"
    inner.mkdir(parents=True)
    (project / "a" / "pyproject.toml").write_text('[tool.ruleset]\nlang = "vi"\n', "utf-8")
    assert find_settings(str(inner)) == (str(project / "a" / "pyproject.toml"), "tool.ruleset")
    (project / "a" / ".ruleset.toml").write_text('fail-on = "high"\n', encoding="utf-8")
    assert find_settings(str(inner)) == (str(project / "a" / ".ruleset.toml"), "")
    (project / "a" / ".ruleset.toml").unlink()
    (project / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    # a pyproject.toml without the table is passed over
    assert find_settings(str(inner)) == (str(project / ".ruleset.toml"), "")


def test_the_walk_stops_at_the_git_root(project: Path) -> None:
    (project / ".ruleset.toml").write_text('lang = "en"\n', encoding="utf-8")
    nested = project / "vendor" / "other"
    (nested / ".git").mkdir(parents=True)
    assert find_settings(str(nested)) is None


def test_limits_from_the_file_and_the_option_wins(project: Path) -> None:
    (project / ".ruleset.toml").write_text("[limits]\nmax-bytes = 10\n", encoding="utf-8")
    result = run("check", EXAMPLE, "--lang", "en")
    assert result.exit_code == 2 and "file too large" in result.stderr
    assert run("check", EXAMPLE, "--max-bytes", "1000000").exit_code == 1


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ('fail_on = "high"\n', ":1:1:", "did you mean 'fail-on'?"),
        ('lang = "en"\nlangs = "en"\n', ":2:1:", "did you mean 'lang'?"),
        ("lang = 3\n", ":1:1:", "one of: vi, en"),
        ('fail-on = "severe"\n', ":1:1:", "one of: low"),
        ("rules = 7\n", ":1:1:", "a directory path"),
        ("[limits]\n  max-bytes = 0\n", ":2:3:", "an integer >= 1"),
        ("[limits]\nmax-byte = 5\n", ":2:1:", "did you mean 'max-bytes'?"),
        ("[limits]\nmax-depth = true\n", ":2:1:", "an integer 1..10000"),
        ("limits = 3\n", ":1:1:", "a table"),
        ('lang = "en"\n[x\n', ":2:", "invalid TOML"),
    ],
)
def test_wrong_settings_are_located_errors(project: Path, text: str, where: str, said: str) -> None:
    (project / ".ruleset.toml").write_text(text, encoding="utf-8")
    result = run("check", EXAMPLE)
    assert result.exit_code == 2, result.output
    assert f"{project / '.ruleset.toml'}{where}" in result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.output


def test_every_problem_is_reported_at_once(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.ruleset]\nlang = "fr"\nfoo = 1\n\n[tool.ruleset.limits]\nmax-nodes = -1\n', "utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_settings(str(project))
    pointers = [p.pointer for p in caught.value.problems]
    assert pointers == ["tool.ruleset.lang", "tool.ruleset.foo", "tool.ruleset.limits.max-nodes"]
    assert [p.line for p in caught.value.problems] == [2, 3, 6]


def test_one_default_map_serves_commands_and_subcommands() -> None:
    defaults = EveryCommand(lang="en")
    assert defaults.get("rules").get("list")["lang"] == "en"
    assert defaults.get("lang") == "en"


KNOWN = {"rules", "lang", "fail-on", "limits"}


@settings(max_examples=40, deadline=None)
@given(
    key=st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True).filter(lambda k: k not in KNOWN),
    line=st.integers(min_value=0, max_value=5),
)
def test_any_unknown_key_is_named_on_its_line(key: str, line: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, ".git").mkdir()
        text = "\n" * line + f'{key} = "x"\n'
        Path(folder, ".ruleset.toml").write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_settings(folder)
    [problem] = caught.value.problems
    assert (problem.pointer, problem.line, problem.column) == (key, line + 1, 1)
    assert f"unknown key '{key}'" in problem.message.en
