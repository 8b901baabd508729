"""The hooks of ``.pre-commit-hooks.yaml``, run by the pre-commit tool on a scratch repository.

``language: python`` makes pre-commit install this repository into a fresh virtualenv with pip,
which would fetch the dependencies from PyPI. The tests run offline: pip is pointed at a
wheelhouse that ``.ci/run`` builds at install time (``pip wheel -w .wheelhouse . hatchling``)
with ``PIP_NO_INDEX``. Without the wheelhouse (or pre-commit) the test skips and says so; with
``CI=true`` it fails instead, so CI cannot pass by skipping it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ruleset.batch.ci_summary import CI_FILES
from ruleset.cli import cli
from ruleset.cli.check import check_command
from tests.conftest import EXAMPLES_DIR, ROOT, RULES_DIR

WHEELHOUSE = Path(os.environ.get("RULESET_WHEELHOUSE", ROOT / ".wheelhouse"))
HANG_GUARD = 900  # seconds: a stuck install, never a measure of speed
# `check` takes several files once the terminal work is merged; until then one file per run.
SEVERAL = any(isinstance(p, click.Argument) and p.nargs == -1 for p in check_command.params)


def _missing() -> str | None:
    if importlib.util.find_spec("pre_commit") is None:
        return "pre-commit is not installed: pip install -e '.[test]'"
    if not any(WHEELHOUSE.glob("hatchling-*.whl")):
        return f"no wheelhouse at {WHEELHOUSE}: pip wheel -w .wheelhouse . hatchling (.ci/run does)"
    return None


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _hook_repository(tmp_path: Path) -> tuple[Path, str]:
    """The working tree as it is (tracked and new files, nothing ignored), committed."""
    target = tmp_path / "hooks"
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "hooks")
    return target, _git(target, "rev-parse", "HEAD").strip()


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(WHEELHOUSE),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        NO_COLOR="1",
    )
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )


def test_the_hooks_check_submissions_and_lint_rules_in_a_scratch_repository(
    tmp_path: Path,
) -> None:
    reason = _missing()
    if reason is not None:
        message = f"PRE-COMMIT HOOK TEST NOT RUN: {reason}"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"{message} (CI=true requires it)", pytrace=False)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    hooks, rev = _hook_repository(tmp_path)
    repo = tmp_path / "agency"
    (repo / "bao-cao").mkdir(parents=True)
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", repo / "bao-cao" / "noi-vu.yaml")
    shutil.copytree(RULES_DIR, repo / "rules")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n"
        "  - id: ruleset-check\n    files: ^bao-cao/.*\\.(ya?ml|json|xlsx)$\n"
        "  - id: ruleset-lint\n",
        encoding="utf-8",
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")

    clean = _pre_commit(repo, tmp_path / "cache")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "ruleset check (self-assessments)" in clean.stdout  # rules/*.yaml were not passed
    assert clean.stdout.count("Passed") == 2

    gappy = EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml"
    name = "dak-ha.yaml" if SEVERAL else "noi-vu.yaml"
    shutil.copy(gappy, repo / "bao-cao" / name)
    rule = repo / "rules/catalogue/990-CV-BTGTW/1.1.yaml"
    text = rule.read_text(encoding="utf-8")
    old = "  require:\n    any:\n    - count:\n"
    rule.write_text(
        text.replace(
            old, "  require:\n    any:\n    - present: /prepared_by/nickname\n    - count:\n"
        ),
        encoding="utf-8",
    )
    _git(repo, "add", "-A")
    failed = _pre_commit(repo, tmp_path / "cache")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert failed.stdout.count("Failed") == 2
    assert f"bao-cao/{name}:42:19: cần ít nhất một hoạt động tuyên truyền" in failed.stdout
    assert "warning[unknown-field] rules/catalogue/990-CV-BTGTW/1.1.yaml:" in failed.stdout


def test_the_manifest_is_valid_for_pre_commit_and_the_readme_uses_its_hooks() -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed: pip install -e '.[test]'")
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"ruleset-check", "ruleset-lint"}
    assert hooks["ruleset-check"]["pass_filenames"] is True
    assert hooks["ruleset-lint"]["pass_filenames"] is False
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("# .pre-commit-config.yaml\n", 1)[1].split("```", 1)[0]
    assert re.findall(r"- id: (\S+)", snippet) == ["ruleset-check", "ruleset-lint"]


def test_the_readme_ci_commands_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each `ruleset batch` line of the README's CI snippets, on the examples."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in CI and pre-commit", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"- (?:run: )?ruleset (batch .*)", section)
    assert len(commands) == 2
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES_DIR, tmp_path / "bao-cao")
    for number, command in enumerate(commands):
        args = shlex.split(command.replace("ruleset-out", f"out{number}"))
        result = CliRunner().invoke(cli, args, env={"GITHUB_ACTIONS": ""})
        assert result.exit_code == 1, result.output  # high gaps among the examples
        report = args[args.index("--summary") + 1]
        assert (tmp_path / f"out{number}" / CI_FILES[report]).is_file()
