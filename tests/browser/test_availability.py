"""Without a browser the browser tests skip and say so; under CI=true they fail instead."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def _run_without_a_browser(ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["RULESET_CHROMEDRIVER"] = "/nonexistent/chromedriver"
    if ci:
        env["CI"] = "true"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs"]
    command += ["tests/browser/test_pages.py", "-k", "prints_on_a4"]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_without_a_browser_the_tests_skip_loudly() -> None:
    result = _run_without_a_browser(ci=False)
    assert result.returncode == 0, result.stdout
    assert "SKIPPED [1]" in result.stdout and "UserWarning" in result.stdout
    assert "BROWSER TESTS NOT RUN: /nonexistent/chromedriver is missing" in result.stdout


def test_without_a_browser_under_ci_the_tests_fail() -> None:
    result = _run_without_a_browser(ci=True)
    assert result.returncode == 1, result.stdout
    assert "CI=true requires them" in result.stdout and "SKIPPED" not in result.stdout
