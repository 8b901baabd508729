"""A Python built without a standard module a command needs (sqlite3 for ``batch``) gets a clear
error and exit 2, not a traceback; the other commands still run."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLES_DIR

HIDE = (
    "import sys; sys.modules['sqlite3'] = sys.modules['_sqlite3'] = None; "
    "from ruleset.cli import main; sys.argv = ['ruleset', *sys.argv[1:]]; main()"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HIDE, *args], capture_output=True, text=True, timeout=120
    )


def test_batch_without_sqlite3_says_so() -> None:
    result = _run("batch", str(EXAMPLES_DIR), "-q")
    assert result.returncode == 2, result.stderr
    assert "this Python lacks the module sqlite3 that `batch` needs" in result.stderr
    assert "thiếu mô-đun sqlite3" in result.stderr and "Traceback" not in result.stderr


def test_check_without_sqlite3_still_runs() -> None:
    example = sorted(EXAMPLES_DIR.glob("*.yaml"))[0]
    result = _run("check", str(example), "--lang", "en")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "lacks the module" not in result.stderr
