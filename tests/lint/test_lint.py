"""``ruleset lint``, ``ruleset test`` and ``ruleset rules``: the shipped catalogue passes, and each
class of problem in a broken copy is found, located and given the documented exit code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.lint import lint_directory
from tests.conftest import RULES_DIR

RULE_11 = Path("catalogue/286-CV-TU/1.1.yaml")
RULE_23 = Path("catalogue/286-CV-TU/2.3.yaml")  # its partners pattern


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def test_shipped_catalogue_is_clean() -> None:
    result = lint_directory(str(RULES_DIR))
    assert [p.render() for p in result.problems] == []
    assert result.rules_checked >= 40
    code, out = invoke("lint", str(RULES_DIR))
    assert code == 0 and "0 lỗi" in out and "0 errors" in out


def test_every_seed_document_has_rules() -> None:
    code, out = invoke("rules", "list", "--format", "json")
    assert code == 0
    documents = {entry["document"] for entry in json.loads(out)}
    assert documents == {"286-CV/TU", "3855/UBND-KGVX", "990-CV/BTGTW", "2575-CV/TU", "19-CT/TU"}


Mutation = Callable[[Path], None]

BROKEN: dict[str, tuple[Mutation, str, int, str]] = {
    # name: (how to break the copy, expected problem code, exit code, file the problem is in)
    "quote altered": (
        lambda d: edit(d / RULE_11, "(*ban hành kèm theo", "(*được ban hành kèm theo"),
        "quote-not-found",
        2,
        str(RULE_11),
    ),
    "source text edited": (
        lambda d: edit(d / "sources/286-CV-TU-kon-tum.txt", "Kính gửi", "Kinh gui"),
        "source-text",
        2,
        "sources/sources.yaml",
    ),
    "document not among the sources": (
        lambda d: edit(d / RULE_11, "document: 286-CV/TU", "document: 287-CV/TU"),
        "unknown-document",
        2,
        str(RULE_11),
    ),
    "field no submission can have": (
        lambda d: edit(d / RULE_11, "path: evidence.activities", "path: evidence.activites"),
        "unknown-field",
        2,  # a warning, but the rule's own examples then fail too: an error
        str(RULE_11),
    ),
    "example with a wrong expectation": (
        lambda d: edit(d / RULE_11, "expect: claimed_without_evidence", "expect: met"),
        "example-fails",
        2,
        str(RULE_11),
    ),
    "unknown agency kind": (
        lambda d: edit(d / RULE_11, "co-quan-tham-muu-tinh-uy,", "so-ban-nghanh,"),
        "load",
        2,
        str(RULE_11),
    ),
    "duplicate rule id": (
        lambda d: edit(
            d / "catalogue/286-CV-TU/1.2.yaml", "id: 286-CV/TU:1.2", "id: 286-CV/TU:1.1"
        ),
        "load",
        2,
        "catalogue/286-CV-TU/1.",
    ),
    "unknown key in a rule": (
        lambda d: edit(d / RULE_11, "severity:", "severty: high\nseverity:"),
        "load",
        2,
        str(RULE_11),
    ),
    "unknown check kind": (
        lambda d: edit(d / RULE_11, "      count:\n", "      tally:\n"),
        "load",
        2,
        str(RULE_11),
    ),
    "pattern RE2 cannot run (backreference)": (
        lambda d: edit(
            d / RULE_23, "pattern: 'Ban cán sự đảng", "pattern: '(Ban)\\1|Ban cán sự đảng"
        ),
        "load",
        2,
        str(RULE_23),
    ),
    "rule with no checks": (
        lambda d: edit(
            d / "catalogue/990-CV-BTGTW/1.2.yaml", "checks:\n", "checks: []\nold_checks:\n"
        ),
        "load",
        2,
        "990-CV-BTGTW/1.2.yaml",
    ),
    "message placeholder the check kind never fills": (
        lambda d: edit(
            d / RULE_11,
            "trong kỳ {period}, tìm thấy {actual}",
            "trong kỳ {period}, tìm thấy {value}",
        ),
        "unfilled-placeholder",
        2,
        str(RULE_11),
    ),
    "sources.yaml missing": (
        lambda d: (d / "sources/sources.yaml").unlink(),
        "sources-missing",
        2,
        "",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_lint_finds_each_problem_class(rules_copy: Path, name: str) -> None:
    mutate, code, exit_code, where = BROKEN[name]
    mutate(rules_copy)
    result = lint_directory(str(rules_copy))
    codes = {p.code for p in result.problems}
    assert code in codes, [p.render() for p in result.problems]
    assert result.exit_code == exit_code
    problem = next(p for p in result.problems if p.code == code)
    assert where in problem.problem.path
    if code not in ("sources-missing", "source-text"):
        assert problem.problem.line is not None and problem.problem.column is not None
    status, out = invoke("lint", str(rules_copy), "--format", "json")
    assert status == exit_code
    assert code in {p["code"] for p in json.loads(out)["problems"]}
    assert "Traceback" not in out


def test_quote_problem_shows_where_it_diverges(rules_copy: Path) -> None:
    edit(rules_copy / RULE_11, "(*ban hành kèm theo", "(*được ban hành kèm theo")
    problem = next(
        p for p in lint_directory(str(rules_copy)).problems if p.code == "quote-not-found"
    )
    assert "Bộ Quy tắc ứng xử trên mạng xã hội (»" in problem.problem.message.en
    assert "«được ban hành" in problem.problem.message.en


def test_a_warning_alone_exits_one(rules_copy: Path) -> None:
    path = rules_copy / "catalogue/990-CV-BTGTW/1.1.yaml"
    # A branch that never holds, added to an `any`: the verdicts (and so the examples) stay the same.
    first = "  require:\n    any:\n    - count:\n"
    edit(path, first, "  require:\n    any:\n    - present: /prepared_by/nickname\n    - count:\n")
    result = lint_directory(str(rules_copy))
    assert [p.code for p in result.problems] == ["unknown-field"], [
        p.render() for p in result.problems
    ]
    assert result.exit_code == 1
    code, _ = invoke("lint", str(rules_copy))
    assert code == 1


def test_rule_test_command_reports_pass_and_fail(rules_copy: Path) -> None:
    code, out = invoke("test", str(RULES_DIR))
    assert code == 0 and "0 lỗi" in out and "0 failed" in out
    edit(rules_copy / RULE_11, "expect: claimed_without_evidence", "expect: met")
    code, out = invoke("test", str(rules_copy), "--format", "json")
    payload = json.loads(out)
    assert code == 1 and payload["failed"] == 1
    failed = [r for r in payload["results"] if not r["passed"]]
    assert (
        failed[0]["rule_id"] == "286-CV/TU:1.1"
        and failed[0]["actual"] == "claimed_without_evidence"
    )


def test_rules_list_filters_by_kind_alias_and_province() -> None:
    code, out = invoke(
        "rules", "list", "--agency-kind", "Hội Nhà báo", "--province", "Kon Tum", "--format", "json"
    )
    assert code == 0
    rules = json.loads(out)
    assert {r["id"] for r in rules} == {
        "286-CV/TU:5.1",
        "286-CV/TU:5.2",
        "286-CV/TU:5.3",
        "3855/UBND-KGVX:7",
        "3855/UBND-KGVX:8",
        "3855/UBND-KGVX:9",
    }
    assert set(rules[0]) >= {"id", "document", "clause", "quote", "agency_kinds", "severity"}
    code, out = invoke("rules", "list", "--province", "national", "--format", "json")
    assert {r["document"] for r in json.loads(out)} == {"990-CV/BTGTW"}


def test_rules_list_unknown_kind_is_a_usage_error() -> None:
    code, _ = invoke("rules", "list", "--agency-kind", "bộ quốc phòng")
    assert code == 2


def test_rules_show_explains_one_rule() -> None:
    code, out = invoke("rules", "show", "286-CV/TU:2.3")
    assert code == 0
    assert "13-QĐi/TU" in out and "Căn cứ:" in out and "toàn văn" in out
    assert "→ claimed_without_evidence" in out
    code, out = invoke("rules", "show", "3855/UBND-KGVX:1", "--lang", "en")
    assert "press report" in out and "Requires:" in out


def test_rules_show_unknown_id_suggests() -> None:
    code, out = invoke("rules", "show", "286-CV/TU:9")
    assert code == 2
    assert "286-CV/TU:" in out and "did you mean" in out


def test_rules_kinds_lists_the_vocabulary() -> None:
    code, out = invoke("rules", "kinds", "--format", "json")
    kinds = {k["id"] for k in json.loads(out)}
    assert code == 0 and {"so-ban-nganh", "bao-tinh", "hoi-nha-bao-viet-nam"} <= kinds


def test_a_backtracking_pattern_runs_in_linear_time() -> None:
    import time

    from ruleset.checks.patterns import compile_pattern

    pattern = compile_pattern("(a+)+$")  # exponential in a backtracking engine
    start = time.monotonic()
    assert pattern.search("a" * 100_000 + "!") is None
    assert time.monotonic() - start < 1.0
    assert (
        compile_pattern("MẠNG XÃ HỘI").search("về mạng xã hội") is not None
    )  # case-insensitive, Vietnamese


def test_a_deadline_offset_off_the_calendar_is_a_located_rule_error(rules_copy: Path) -> None:
    edit(
        rules_copy / RULE_11,
        "- date_in_period: {path: date}",
        "- date_before: {path: date, days_after_period_end: 1000000000}",
    )
    result = lint_directory(str(rules_copy))
    found = [p for p in result.problems if "leaves the calendar" in p.problem.message.en]
    assert found and found[0].code == "load" and found[0].problem.line is not None
    assert "vượt quá lịch" in found[0].problem.message.vi


def test_a_check_that_does_not_say_why_is_a_lint_error(rules_copy: Path) -> None:
    import yaml

    path = rules_copy / RULE_11
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["checks"][0].pop("why")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = lint_directory(str(rules_copy))
    found = [p for p in result.problems if p.code == "check-without-why"]
    assert found and found[0].problem.line is not None and result.exit_code == 2
