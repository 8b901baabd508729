"""``--format sarif|junit|github`` on check and lint: what CI jobs and editors read, chosen by
name, github chosen by itself inside GitHub Actions unless a format is given."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.output import is_report
from ruleset.reporters import CI_FORMATS, render_ci
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang
from tests.conftest import EXAMPLES_DIR, ROOT, RULES_DIR
from tests.reporters.sarif_checks import assert_valid_sarif

DAK_HA = "examples/kontum-ubnd-huyen-dak-ha-2021q4.yaml"


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths, as a CI job gives them; and outside GitHub Actions unless a test says."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout


def test_check_sarif_names_the_file_as_given_and_keeps_the_exit_code() -> None:
    code, out = invoke("check", DAK_HA, "--format", "sarif", "--lang", "en")
    assert code == 1
    log = assert_valid_sarif(out)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {DAK_HA}


def test_check_junit_parses_and_fails_the_gaps() -> None:
    code, out = invoke("check", DAK_HA, "--format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    assert root.get("failures") == "5" and root.get("tests") == "5"


def test_check_github_prints_annotations_in_both_languages_unless_one_is_chosen() -> None:
    code, both = invoke("check", DAK_HA, "--format", "github")
    assert code == 1
    lines = both.splitlines()
    assert lines[1].startswith(f"::warning file={DAK_HA},line=42,col=19,title=3855/UBND-KGVX%3A1")
    assert "Không đạt / Not met" in lines[1]
    _, english = invoke("check", DAK_HA, "--format", "github", "--lang", "en")
    assert "title=3855/UBND-KGVX%3A1 — Not met::expected" in english.splitlines()[1]


@pytest.mark.parametrize(("value", "chosen"), [("true", "github"), ("false", "text"), ("", "text")])
def test_github_actions_chooses_the_format_when_none_is_given(value: str, chosen: str) -> None:
    code, out = invoke("check", DAK_HA, env={"GITHUB_ACTIONS": value})
    assert code == 1
    assert out.startswith("::debug::written by ruleset") == (chosen == "github")
    assert ("::warning file=" in out) == (chosen == "github")


def test_a_format_given_wins_over_github_actions() -> None:
    code, out = invoke("check", DAK_HA, "--format", "json", env={"GITHUB_ACTIONS": "true"})
    assert code == 1 and out.startswith('{\n  "format": "ruleset/gap-report@1"')


def test_an_unreadable_submission_still_gives_the_document_ci_expects(tmp_path: Path) -> None:
    bad = tmp_path / "hong.yaml"
    bad.write_text("agency: [\n", encoding="utf-8")
    code, out = invoke("check", str(bad), "--format", "sarif", "--lang", "en")
    assert code == 2
    (result,) = assert_valid_sarif(out)["runs"][0]["results"]
    assert result["ruleId"] == "input-error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    code, out = invoke("check", str(bad), env={"GITHUB_ACTIONS": "true"})
    assert code == 2
    assert f"::error file={bad},line=2,col=1,title=input-error — " in out


@pytest.mark.parametrize("fmt", sorted(CI_FORMATS))
@pytest.mark.parametrize("lang", [Lang.VI, Lang.EN, None])
def test_every_ci_document_is_recognised_as_ours(
    rule_set: RuleSet, fmt: str, lang: Lang | None
) -> None:
    """--output replaces only a file of ours: our CI documents must be known by their head."""
    report = check_submission(rule_set, load_submission(str(EXAMPLES_DIR / DAK_HA[9:]), rule_set))
    assert is_report(render_ci([report], fmt, lang).encode("utf-8")[:512])


def test_output_replaces_its_own_sarif_and_refuses_a_stranger(tmp_path: Path) -> None:
    target = tmp_path / "ruleset.sarif"
    for _ in range(2):
        code, _ = invoke("check", DAK_HA, "--format", "sarif", "--output", str(target))
        assert code == 1
    assert_valid_sarif(target.read_text(encoding="utf-8"))
    stranger = tmp_path / "other.sarif"
    stranger.write_text('{"version": "2.1.0", "runs": []}', encoding="utf-8")
    code, _ = invoke("check", DAK_HA, "--format", "sarif", "--output", str(stranger))
    assert code == 2
    assert stranger.read_text(encoding="utf-8") == '{"version": "2.1.0", "runs": []}'


@pytest.fixture
def rules_with_a_warning(tmp_path: Path) -> Path:
    """A copy of the rules whose one problem is an unknown-field warning (exit 1)."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    path = target / "catalogue/990-CV-BTGTW/1.1.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  require:\n    any:\n    - count:\n"
    assert old in text
    new = "  require:\n    any:\n    - present: /prepared_by/nickname\n    - count:\n"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_lint_sarif_has_one_result_per_problem(rules_with_a_warning: Path) -> None:
    code, out = invoke("lint", str(rules_with_a_warning), "--format", "sarif")
    assert code == 1
    (result,) = assert_valid_sarif(out)["runs"][0]["results"]
    assert result["ruleId"] == "unknown-field" and result["level"] == "warning"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("catalogue/990-CV-BTGTW/1.1.yaml")
    assert "region" in result["locations"][0]["physicalLocation"]


def test_lint_junit_and_github(rules_with_a_warning: Path) -> None:
    code, out = invoke("lint", str(rules_with_a_warning), "--format", "junit", "--lang", "en")
    assert code == 1
    failure = ET.fromstring(out).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("type") == "unknown-field"
    code, out = invoke("lint", str(rules_with_a_warning), env={"GITHUB_ACTIONS": "true"})
    assert code == 1
    (annotation,) = out.splitlines()[1:]
    assert annotation.startswith("::warning file=") and "title=unknown-field — " in annotation


def test_clean_lint_is_one_passing_case() -> None:
    code, out = invoke("lint", str(RULES_DIR), "--format", "junit", "--lang", "en")
    assert code == 0
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name", "").endswith("rules checked")
    code, out = invoke("lint", str(RULES_DIR), "--format", "sarif")
    assert code == 0 and assert_valid_sarif(out)["runs"][0]["results"] == []


def test_check_sarif_of_several_files_is_one_run_with_the_unreadable_one_too(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("agency: [\n", encoding="utf-8")
    code, out = invoke("check", DAK_HA, str(broken), "--format", "sarif", "--lang", "en")
    assert code == 2  # an unreadable input outranks gaps, as for any format
    log = assert_valid_sarif(out)
    assert len(log["runs"]) == 1
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {DAK_HA, broken.as_uri()}  # an absolute path is a file: URI
