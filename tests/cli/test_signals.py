"""Ctrl-C and SIGTERM stop every command with their documented exit codes, never a traceback."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.signals import Terminated
from tests.conftest import EXAMPLES_DIR


@pytest.mark.parametrize(("stop", "code"), [(KeyboardInterrupt, 130), (Terminated, 143)])
def test_a_stop_during_check_exits_with_its_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stop: type[BaseException], code: int
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise stop

    monkeypatch.setattr("ruleset.cli.check.write_output", interrupted)
    target = tmp_path / "report.txt"
    result = CliRunner().invoke(
        cli, ["check", str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml"), "--output", str(target)]
    )
    assert result.exit_code == code
    assert "Stopped on request" in result.stderr and "Traceback" not in result.output
    assert not target.exists() and not list(tmp_path.iterdir())


def test_sigterm_becomes_terminated_inside_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    def send_term(*args: Any, **kwargs: Any) -> None:
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr("ruleset.cli.check_many.check_submission", send_term)
    result = CliRunner().invoke(cli, ["check", str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml")])
    assert result.exit_code == 143 and "Traceback" not in result.output
