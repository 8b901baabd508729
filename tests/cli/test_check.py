"""`ruleset check` through click's runner: exit codes, formats, output files, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from tests.conftest import EXAMPLES_DIR

EXAMPLE = str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_gaps_exit_one_and_threshold_lowers_it() -> None:
    code, out, _ = invoke("check", EXAMPLE)
    assert code == 1
    assert "286-CV/TU:1.2" in out and "Đạt một phần" in out
    code, _, _ = invoke("check", EXAMPLE, "--fail-on", "critical")
    assert code == 0


def test_english_text() -> None:
    _, out, _ = invoke("check", EXAMPLE, "--lang", "en")
    assert "Partially met" in out and "violations handled (3) cannot exceed" in out


def test_json_report_has_the_promised_keys() -> None:
    _, out, _ = invoke("check", EXAMPLE, "--format", "json")
    report = json.loads(out)
    assert set(report["ruleset"]) >= {"version", "digest"}
    assert set(report["submission"]) >= {"path", "sha256", "agency", "period"}
    obligation = next(o for o in report["obligations"] if o["rule_id"] == "286-CV/TU:1.2")
    assert set(obligation) >= {"rule_id", "status", "severity", "citation", "findings"}
    assert set(obligation["citation"]) >= {"document", "clause", "quote"}
    finding = obligation["findings"][0]
    assert (finding["line"], finding["column"]) == (48, 27)
    assert finding["pointer"] == "/obligations/286-CV~1TU:1.2/figures/violations_handled"


def test_output_file_is_written_and_input_untouched(tmp_path: Path) -> None:
    before = Path(EXAMPLE).read_bytes()
    target = tmp_path / "report.md"
    code, out, _ = invoke("check", EXAMPLE, "--format", "markdown", "--output", str(target))
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Báo cáo rà soát")
    assert Path(EXAMPLE).read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_output_over_the_input_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "s.yaml"
    copy.write_bytes(Path(EXAMPLE).read_bytes())
    code, _, err = invoke("check", str(copy), "--output", str(copy))
    assert code == 2 and "input" in err
    assert copy.read_bytes() == Path(EXAMPLE).read_bytes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("agency: [\n", "syntax"),
        ("schema_version: 1\nagensy: {}\n", "did you mean 'agency'"),
        ("{}\n", "missing required field 'agency'"),
    ],
)
def test_bad_submissions_exit_two_with_location(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = invoke("check", str(path))
    assert code == 2
    assert expected in err
    assert f"{path}:" in err
    assert "Traceback" not in err


def test_unknown_rule_id_is_reported_with_line(tmp_path: Path) -> None:
    text = Path(EXAMPLE).read_text(encoding="utf-8").replace('"286-CV/TU:1.1":', '"286-CV/TU:1.9":')
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = invoke("check", str(path))
    assert code == 2
    line = text.splitlines().index('  "286-CV/TU:1.9":') + 1
    assert f"s.yaml:{line}:" in err and "286-CV/TU:1.9" in err and "did you mean" in err


def test_missing_file_and_directory() -> None:
    code, _, err = invoke("check", "/nonexistent/x.yaml")
    assert code == 2 and "not found" in err
    code, _, err = invoke("check", str(EXAMPLES_DIR))
    assert code == 2 and "directory" in err


def test_bad_rules_directory(tmp_path: Path) -> None:
    code, _, err = invoke("check", EXAMPLE, "--rules", str(tmp_path))
    assert code == 2 and "ruleset.yaml" in err


def test_usage_error_exits_two() -> None:
    code, _, _ = invoke("check", EXAMPLE, "--format", "pdf")
    assert code == 2
