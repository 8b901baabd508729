"""``batch --summary sarif|junit|github``: one SARIF run over every submission, one JUnit testsuite
per submission (an unreadable one an error), annotations on stdout, the same bytes whatever
--jobs, and github added by itself inside GitHub Actions."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.batch import run_batch
from ruleset.batch.aggregate import SUMMARY_FORMATS, Aggregator
from ruleset.cli import cli
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.model import Severity
from ruleset.reporters import render_ci
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.reporters.sarif_checks import assert_valid_sarif

EXAMPLES = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".json"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name in EXAMPLES:
        shutil.copy(EXAMPLES_DIR / name, root / name)
    (root / "hong.yaml").write_text("agency: [\n", encoding="utf-8")
    return root


def _batch(corpus: Path, out: Path, *options: str, env: dict[str, str] | None = None) -> str:
    args = ["batch", str(corpus), "--out", str(out), *options]
    result = CliRunner().invoke(cli, args, env={"GITHUB_ACTIONS": "", **(env or {})})
    assert result.exit_code == 2, result.output  # the broken file
    return result.stdout


def test_one_sarif_run_holds_every_submission(
    corpus: Path, tmp_path: Path, rule_set: RuleSet
) -> None:
    out = tmp_path / "out"
    _batch(corpus, out, "--summary", "sarif", "--lang", "en", "--jobs", "1")
    log = assert_valid_sarif((out / "summary.sarif").read_text(encoding="utf-8"))
    (run,) = log["runs"]
    reports = [
        check_submission(rule_set, load_submission(str(corpus / name), rule_set))
        for name in EXAMPLES
    ]
    one_by_one = assert_valid_sarif(render_ci(reports, "sarif", Lang.EN))["runs"][0]["results"]
    broken = [r for r in run["results"] if r["ruleId"] == "input-error"]
    assert len(run["results"]) == len(one_by_one) + len(broken)
    assert len(broken) == 1 and broken[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 1,
    }
    assert {r["ruleId"] for r in run["results"]} <= {
        rule["id"] for rule in run["tool"]["driver"]["rules"]
    }


def test_one_junit_testsuite_per_submission(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _batch(corpus, out, "--summary", "junit", "--jobs", "1")
    root = ET.parse(out / "summary.junit.xml").getroot()
    suites = root.findall("testsuite")
    assert len(suites) == len(EXAMPLES) + 1
    (broken,) = [s for s in suites if s.get("name", "").endswith("hong.yaml")]
    assert (broken.get("tests"), broken.get("errors")) == ("1", "1")
    assert root.get("errors") == "1"
    assert root.get("tests") == str(sum(int(s.get("tests", "0")) for s in suites))


def test_the_same_bytes_whatever_jobs(corpus: Path, tmp_path: Path) -> None:
    written = {}
    printed = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        summaries = ["--summary", "sarif", "--summary", "junit", "--summary", "github"]
        printed[jobs] = _batch(corpus, out, *summaries, "--jobs", jobs, "--quiet")
        written[jobs] = [(out / n).read_bytes() for n in ("summary.sarif", "summary.junit.xml")]
    assert written["1"] == written["2"]
    assert printed["1"] == printed["2"]


def test_github_annotations_go_to_stdout_without_out(corpus: Path) -> None:
    lines: list[str] = []
    outcome = run_batch(
        [str(corpus)], str(RULES_DIR), summary_format=("github",), lang="en", emit=lines.append
    )
    assert outcome.exit_code == 2 and outcome.summary_files == ()
    text = "".join(lines).splitlines()
    assert text[0].startswith("::debug::written by ruleset")
    assert any(
        line.startswith(f"::error file={corpus / 'hong.yaml'},line=2,col=1") for line in text
    )
    assert all(line.startswith("::") for line in text)


def test_inside_github_actions_batch_adds_annotations_to_the_json_summary(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    printed = _batch(corpus, out, "--jobs", "1", env={"GITHUB_ACTIONS": "true"})
    assert (out / "summary.json").is_file()
    assert "::error file=" in printed and "::warning file=" in printed
    out2 = tmp_path / "out2"
    printed = _batch(
        corpus, out2, "--jobs", "1", "--summary", "csv", env={"GITHUB_ACTIONS": "true"}
    )
    assert "::" not in printed and (out2 / "summary.csv").is_file()


def test_every_summary_format_has_a_writer(rule_set: RuleSet, tmp_path: Path) -> None:
    aggregator = Aggregator(rule_set, Severity.LOW, str(tmp_path))
    try:
        assert set(aggregator.writers(Lang.VI, None)) == set(SUMMARY_FORMATS)
    finally:
        aggregator.close()
