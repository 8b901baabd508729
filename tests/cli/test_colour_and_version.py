"""Terminal conventions: NO_COLOR and FORCE_COLOR (no-color.org), --color when piped, --version."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES_DIR

EXAMPLE = str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml")
ESC = "\x1b["


def _check(env: dict[str, str], *args: str) -> str:
    """A piped run (stdout is not a terminal), as CI and pre-commit run it."""
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", "check", EXAMPLE, *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **env},
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({}, (), False),  # piped: plain
        ({"FORCE_COLOR": "1"}, (), True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),  # NO_COLOR wins over FORCE_COLOR
        ({"NO_COLOR": "1"}, ("--color",), True),  # the command line wins over both
        ({"FORCE_COLOR": "1"}, ("--no-color",), False),
    ],
)
def test_colour_follows_the_conventions(
    env: dict[str, str], args: tuple[str, ...], coloured: bool
) -> None:
    assert (ESC in _check(env, *args)) is coloured


def test_version_names_the_engine_and_the_bundled_rule_set() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruleset", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert (
        done.stdout.startswith("ruleset ") and "vn-internet-information-directives" in done.stdout
    )
    assert "sha256 " in done.stdout
