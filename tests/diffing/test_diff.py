"""``ruleset diff`` and version lint: two versions of the rules in a git repository made by the
test, each kind of change classified, the bump judged, and the impact on submissions listed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.diffing import compare_rule_sets
from ruleset.lint import lint_directory
from ruleset.rules.load import load_rule_set
from tests.conftest import EXAMPLES_DIR, RULES_DIR

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _change_rules(rules: Path, version: str) -> None:
    """Version 2: one change of each class."""
    catalogue = rules / "catalogue"
    _edit(
        catalogue / "286-CV-TU/1.2.yaml",
        "checks:\n",
        "checks:\n  - id: referred\n    require: {present: figures.violations_referred}\n    message: {vi: x, en: x}\n",
    )
    _edit(
        catalogue / "286-CV-TU/1.2.yaml",
        "examples:\n",
        "examples:\n  - name: with referred\n    expect: met\n    entry: {status: done, figures: {violations_detected: 0, violations_handled: 0, violations_referred: 0}}\n",
    )
    _edit(
        catalogue / "286-CV-TU/1.2.yaml",
        "name: three detected, three handled, outcomes recorded\n    expect: met",
        "name: three detected, three handled, outcomes recorded\n    expect: partially_met",
    )
    _edit(catalogue / "286-CV-TU/1.1.yaml", "en: Disseminate party", "en: Spread party")
    (catalogue / "2575-CV-TU/1.3.yaml").unlink()
    shutil.copy(catalogue / "19-CT-TU/1.yaml", catalogue / "19-CT-TU/4.yaml")
    _edit(catalogue / "19-CT-TU/4.yaml", "id: 19-CT/TU:1", "id: 19-CT/TU:4")
    _edit(catalogue / "990-CV-BTGTW/1.1.yaml", "severity: high", "severity: medium")
    rebuttal = (
        "values: [rebuttal, publication]\n        - date_in_period:\n            path: date\n"
    )
    rebuttal += "        - about: [countering-hostile-information]\n      at_least: "
    _edit(catalogue / "286-CV-TU/1.1.b.yaml", rebuttal + "1", rebuttal + "2")
    _edit(rules / "ruleset.yaml", "version: 0.3.0", f"version: {version}")
    _edit(
        rules / "ruleset.yaml",
        "changelog:\n",
        f"changelog:\n  - version: {version}\n    date: 2026-12-01\n    changes: [test changes]\n",
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(RULES_DIR, root / "rules")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "."], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-qm", "v1"], check=True)
    _change_rules(root / "rules", "0.3.1")
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-qm", "v2"], check=True)
    return root


def test_git_revisions_are_compared_and_each_change_classified(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["diff", "git:HEAD~1", "git:HEAD:rules", "--format", "json"])
    payload = json.loads(result.output)
    classes = {c["rule_id"]: c["classes"] for c in payload["changes"]}
    assert classes["286-CV/TU:1.2"] == ["stricter"]
    assert classes["286-CV/TU:1.1.b"] == ["stricter"]  # at_least 1 -> 2
    assert classes["286-CV/TU:1.1"] == ["wording or citation only"]
    assert classes["2575-CV/TU:1.3"] == ["removed obligation"]
    assert classes["19-CT/TU:4"] == ["new obligation"]
    assert classes["990-CV/BTGTW:1.1"] == ["looser"]
    assert len(classes) == 6
    details = {c["rule_id"]: c["details"] for c in payload["changes"]}
    assert details["990-CV/BTGTW:1.1"] == [
        {"vi": "mức độ cao → trung bình", "en": "severity high → medium"}
    ]
    assert details["286-CV/TU:1.1"] == [{"vi": "đã đổi: tiêu đề", "en": "changed: title"}]
    bump = payload["bump"]
    assert (bump["needed"], bump["actual"], bump["enough"], bump["suggested_version"]) == (
        "minor",
        "patch",
        False,
        "0.4.0",
    )
    assert result.exit_code == 1


def test_directories_compare_the_same_way(repo: Path, tmp_path: Path) -> None:
    old = load_rule_set(str(RULES_DIR))
    new = load_rule_set(str(repo / "rules"))
    diff = compare_rule_sets(old, new)
    assert [c.rule_id for c in diff.changes] == sorted(c.rule_id for c in diff.changes)
    result = CliRunner().invoke(cli, ["diff", str(RULES_DIR), str(repo / "rules")])
    assert "286-CV/TU:1.2: chặt hơn / stricter\n" in result.output
    assert "suggested: 0.4.0" in result.output


def test_impact_on_submissions_lists_status_changes(repo: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "diff",
            str(RULES_DIR),
            str(repo / "rules"),
            "--against",
            str(EXAMPLES_DIR),
            "--format",
            "json",
        ],
    )
    rows = {s["file"]: s for s in json.loads(result.output)["impact"]["submissions"]}
    noi_vu = rows[str(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml")]
    assert {(m["rule_id"], m["old"]["status"], m["new"]["status"]) for m in noi_vu["moved"]} == {
        ("286-CV/TU:1.2", "met", "partially_met"),
        ("286-CV/TU:1.1.b", "met", "partially_met"),  # its one rebuttal is now too few
    }
    assert "Sở Nội vụ" in noi_vu["agency"]["name"]
    backan = rows[str(EXAMPLES_DIR / "backan-so-tai-nguyen-2019q2.yaml")]
    removed = next(m for m in backan["moved"] if m["rule_id"] == "2575-CV/TU:1.3")
    assert (removed["old"], removed["new"]) == ({"status": "missing", "severity": "low"}, None)
    assert removed["effect"] > 0  # a missing obligation no longer counts against the score


def test_enough_bump_exits_zero(repo: Path) -> None:
    _edit(repo / "rules/ruleset.yaml", "version: 0.3.1", "version: 0.4.0")
    _edit(repo / "rules/ruleset.yaml", "- version: 0.3.1", "- version: 0.4.0")
    result = CliRunner().invoke(cli, ["diff", str(RULES_DIR), str(repo / "rules")])
    assert result.exit_code == 0 and "(đủ)" in result.output and "(enough)" in result.output


def test_lint_against_a_base_catches_the_bump_and_reused_ids(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["lint", "rules", "--base", "git:HEAD~1", "--format", "json"])
    codes = {p["code"] for p in json.loads(result.output)["problems"]}
    assert "version-bump-too-small" in codes and result.exit_code == 2
    _edit(repo / "rules/catalogue/19-CT-TU/4.yaml", "id: 19-CT/TU:4", "id: 286-CV/TU:5.1")
    (repo / "rules/catalogue/286-CV-TU/5.1.yaml").unlink()
    problems = lint_directory(str(repo / "rules"), load_rule_set(str(RULES_DIR))).problems
    assert "reused-id" in {p.code for p in problems}


def test_lint_without_base_checks_supersession_and_changelog(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    old = rules / "catalogue/286-CV-TU/1.1.c.yaml"
    _edit(
        old,
        "effective:\n  from: '2021-09-15'\n",
        "effective:\n  from: '2021-09-15'\n  until: '2023-01-01'\nsuperseded_by: 3855/UBND-KGVX:3\n",
    )
    _edit(rules / "ruleset.yaml", "version: 0.3.0", "version: 0.3.5")
    codes = {p.code for p in lint_directory(str(rules)).problems}
    assert {"supersession-overlap", "supersession-link", "changelog"} <= codes
