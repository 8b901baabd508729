"""-q/--quiet and -v/--verbose on every command; shell completion scripts are produced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from tests.cli.test_help import COMMANDS
from tests.conftest import EXAMPLES_DIR

EXAMPLE = str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml")
SUBCOMMANDS = [
    (name, command) for name, command in COMMANDS if not isinstance(command, click.Group)
]


@pytest.mark.parametrize(("name", "command"), SUBCOMMANDS, ids=[n for n, _ in SUBCOMMANDS])
def test_every_command_has_quiet_and_verbose(name: str, command: click.Command) -> None:
    options = {opt for param in command.params for opt in param.opts}
    assert {"-q", "--quiet", "-v", "--verbose"} <= options, name


def test_quiet_and_verbose_together_are_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "-q", "-v"])
    assert result.exit_code == 2 and "-q and -v cannot be used together" in result.stderr
    assert result.stdout == ""


def test_verbose_times_each_phase_and_names_the_rule_set() -> None:
    result = CliRunner().invoke(cli, ["check", EXAMPLE, "-v", "--lang", "en"])
    lines = result.stderr.splitlines()
    assert any(line.startswith("rule set: ") for line in lines)
    for phase in ("loading the rule set", f"checking {EXAMPLE}", "writing the report"):
        assert any(
            line.startswith(f"  time of {phase}: ") and line.endswith(" ms") for line in lines
        )


def test_batch_quiet_prints_no_summary(tmp_path: Path) -> None:
    args = ["batch", EXAMPLE, "--out", str(tmp_path / "out"), "--jobs", "1"]
    loud = CliRunner().invoke(cli, args)
    quiet = CliRunner().invoke(cli, [*args, "-q"])
    assert loud.exit_code == quiet.exit_code == 1
    assert loud.stdout and quiet.stdout == "" and quiet.stderr == ""
    verbose = CliRunner().invoke(cli, [*args, "-v", "--lang", "en"])
    assert "  time of the batch: " in verbose.stderr and "rule set: " in verbose.stderr


def _complete(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruleset"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _ruleset_completion ruleset"),
        ("zsh", "#compdef ruleset"),
        ("fish", "complete --no-files --command ruleset"),
    ],
)
def test_completion_scripts_are_produced(shell: str, marker: str) -> None:
    assert marker in _complete({"_RULESET_COMPLETE": f"{shell}_source"})


def test_completion_completes_commands_and_options() -> None:
    words = {"_RULESET_COMPLETE": "bash_complete", "COMP_CWORD": "1", "COMP_WORDS": "ruleset ch"}
    assert _complete(words).split() == ["plain,check"]
    options = {"_RULESET_COMPLETE": "bash_complete", "COMP_CWORD": "2"}
    assert "plain,--stdin-format" in _complete({**options, "COMP_WORDS": "ruleset check --std"})
