"""`check` on several files and on standard input (-): one result each, the worst exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ruleset.cli import cli
from ruleset.cli.check_many import sniff
from tests.conftest import EXAMPLES_DIR

GAPS = EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml"  # exit 1 at --fail-on low
JSON_EXAMPLE = EXAMPLES_DIR / "kontum-hoi-nha-bao-2021q4.json"


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "hong.yaml"
    path.write_text("agency: [\n", encoding="utf-8")
    return path


def test_two_files_two_reports_each_headed_by_its_file() -> None:
    other = EXAMPLES_DIR / "backan-so-tai-nguyen-2019q2.yaml"
    result = run("check", str(GAPS), str(other), "--lang", "en")
    heads = [line for line in result.stdout.splitlines() if line.startswith("Self-assessment gap")]
    assert heads == [f"Self-assessment gap report: {GAPS}", f"Self-assessment gap report: {other}"]
    single = run("check", str(GAPS), "--lang", "en")
    assert result.stdout.startswith(single.stdout)  # the first report as it is alone
    assert result.exit_code == max(single.exit_code, run("check", str(other)).exit_code)


def test_one_unreadable_file_does_not_stop_the_others(broken: Path) -> None:
    result = run("check", str(broken), str(GAPS), "--lang", "en")
    assert result.exit_code == 2
    assert f"{broken}:2:1" in result.stderr
    assert f"Self-assessment gap report: {GAPS}" in result.stdout
    assert result.stdout.rstrip().splitlines()[-2] == "Unreadable:"  # listed after the reports


def test_json_is_one_object_for_one_file_and_a_list_for_several(broken: Path) -> None:
    one = json.loads(run("check", str(GAPS), "--format", "json").stdout)
    assert isinstance(one, dict) and one["format"].startswith("ruleset/gap-report")
    many = run("check", str(GAPS), str(broken), "--format", "json")
    items = json.loads(many.stdout)
    assert [item["format"] for item in items] == [one["format"], "ruleset/input-error@1"]
    assert items[0] == one and many.exit_code == 2


def test_several_files_written_to_one_output_can_be_written_again(tmp_path: Path) -> None:
    out = tmp_path / "reports.json"
    for _ in range(2):  # the second run recognises the list as an earlier report of ours
        result = run("check", str(GAPS), str(JSON_EXAMPLE), "--format", "json", "-o", str(out))
        assert result.exit_code in (0, 1), result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2


def test_markdown_names_each_file_under_its_title() -> None:
    result = run("check", str(GAPS), str(JSON_EXAMPLE), "--format", "markdown", "--lang", "en")
    assert f"File: `{GAPS}`" in result.stdout and f"File: `{JSON_EXAMPLE}`" in result.stdout
    assert result.stdout.startswith("# Self-assessment gap report\n")


def test_a_page_per_file_format_refuses_several_files() -> None:
    result = run("check", str(GAPS), str(JSON_EXAMPLE), "--format", "html", "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert "ruleset batch --format html" in result.stderr


def test_standard_input_as_yaml_is_reported_as_stdin() -> None:
    from_file = run("check", str(GAPS), "--format", "json")
    from_stdin = run("check", "-", "--format", "json", stdin=GAPS.read_bytes())
    assert from_stdin.exit_code == from_file.exit_code == 1
    report = json.loads(from_stdin.stdout)
    assert report["submission"]["path"] == "<stdin>"
    expected = json.loads(from_file.stdout)
    assert report["summary"] == expected["summary"]


def test_standard_input_json_is_sniffed_and_can_be_named() -> None:
    data = JSON_EXAMPLE.read_bytes()
    expected = run("check", str(JSON_EXAMPLE)).exit_code
    assert run("check", "-", stdin=data).exit_code == expected
    assert run("check", "-", "--stdin-format", "json", stdin=data).exit_code == expected
    # YAML bytes read as JSON: a JSON error, located in <stdin>
    forced = run("check", "-", "--stdin-format", "json", stdin=GAPS.read_bytes())
    assert forced.exit_code == 2 and forced.stderr.startswith("<stdin>:1:1: ")


def test_standard_input_errors_are_located_and_bounded() -> None:
    result = run("check", "-", "--lang", "en", stdin=b"agency: [\n")
    assert result.exit_code == 2 and result.stderr.startswith("<stdin>:2:1: ")
    big = run("check", "-", "--max-bytes", "100", "--lang", "en", stdin=b"a: b\n" * 100)
    assert big.exit_code == 2 and "<stdin>: file too large" in big.stderr


def test_standard_input_is_read_once() -> None:
    result = run("check", "-", "-", "--lang", "en", stdin=b"")
    assert result.exit_code == 2 and "standard input (-) can be read only once" in result.stderr


@pytest.mark.parametrize(
    ("data", "form"),
    [
        (b"PK\x03\x04rest", "xlsx"),
        (b'\xef\xbb\xbf  {"a": 1}', "json"),
        (b"\n[1, 2]", "json"),
        (b"agency: x\n", "yaml"),
        (b"", "yaml"),
    ],
)
def test_sniffing(data: bytes, form: str) -> None:
    assert sniff(data) == form
