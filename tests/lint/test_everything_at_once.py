"""Lint reports every problem of a rules directory at once: a rule that cannot be built hides
nothing in the others, a schema error hides no vocabulary error in the same file, problems come
sorted by file, line and column, and ``check`` still refuses the broken rule set."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.errors import InputError
from ruleset.lint import LintCode, lint_directory
from ruleset.rules.load import load_rule_set
from tests.conftest import EXAMPLES_DIR, RULES_DIR

RULE_11 = Path("catalogue/286-CV-TU/1.1.yaml")
QUOTED = Path("catalogue/990-CV-BTGTW/1.2.yaml")
EXAMPLED = Path("catalogue/2575-CV-TU/1.1.yaml")
UNREADABLE = Path("catalogue/19-CT-TU/3.yaml")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy with four broken rules and every other rule sound."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    # One file, two kinds of problem: an unknown key (schema) and a misspelt agency kind.
    edit(rules / RULE_11, "severity:", "severty: high\nseverity:")
    edit(rules / RULE_11, "co-quan-tham-muu-tinh-uy,", "so-ban-nghanh,")
    # Problems only lint's own checks find, in rules that build.
    edit(rules / QUOTED, "quote: Đẩy mạnh công tác", "quote: Đẩy mạnh hơn công tác")
    edit(rules / EXAMPLED, "expect: not_met", "expect: met")
    # A file that is not YAML at all.
    (rules / UNREADABLE).write_text("id: [unclosed\n", encoding="utf-8")
    return rules


def _rule_files() -> int:
    return len(list((RULES_DIR / "catalogue").rglob("*.yaml")))


def test_every_problem_shows_at_once_sorted(broken: Path) -> None:
    result = lint_directory(str(broken))
    found = {(p.code, Path(p.problem.path).relative_to(broken)) for p in result.problems}
    assert (LintCode.LOAD, RULE_11) in found
    assert (LintCode.QUOTE_NOT_FOUND, QUOTED) in found
    assert (LintCode.EXAMPLE_FAILS, EXAMPLED) in found
    assert (LintCode.LOAD, UNREADABLE) in found
    in_11 = [p.problem.message.en for p in result.problems if p.problem.path.endswith(str(RULE_11))]
    assert any("unknown key 'severty'" in m for m in in_11), in_11
    assert any("unknown agency kind 'so-ban-nghanh'" in m for m in in_11), in_11
    keys = [p.sort_key() for p in result.problems]
    assert keys == sorted(keys)
    # Every file that reads is checked: all but the one that is not YAML; one of them only in part.
    assert result.rules_checked == _rule_files() - 1
    assert result.rules_unbuilt == 1
    assert result.exit_code == 2


def test_text_and_json_say_the_same(broken: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["lint", str(broken), "--lang", "en"])
    assert text.exit_code == 2 and "Traceback" not in text.output
    assert f"{_rule_files() - 1} rules checked" in text.output
    assert "(1 with load problems checked only in part)" in text.output
    shown = [
        line.split(" ", 1)[1] for line in text.output.splitlines() if line.startswith("error[")
    ]
    located = [(s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2])) for s in shown]
    assert located == sorted(located) and len(located) >= 5
    payload = json.loads(runner.invoke(cli, ["lint", str(broken), "--format", "json"]).output)
    assert payload["rules_checked"] == _rule_files() - 1 and payload["rules_unbuilt"] == 1
    assert payload["errors"] == len(shown)


def test_check_and_lint_agree_and_check_refuses(broken: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_rule_set(str(broken))
    from_loader = {(p.path, p.line, p.column, p.message.en) for p in raised.value.problems}
    from_lint = {
        (p.problem.path, p.problem.line, p.problem.column, p.problem.message.en)
        for p in lint_directory(str(broken)).problems
        if p.code is LintCode.LOAD
    }
    assert from_loader == from_lint
    submission = str(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml")
    result = CliRunner().invoke(cli, ["check", submission, "--rules", str(broken)])
    assert result.exit_code == 2 and "so-ban-nghanh" in result.output


def test_a_rule_that_cannot_be_built_is_still_a_rule_others_may_name(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    old, new = rules / "catalogue/286-CV-TU/1.1.c.yaml", rules / "catalogue/3855-UBND-KGVX/3.yaml"
    edit(
        old,
        "effective:\n  from: '2021-09-15'\n",
        "effective:\n  from: '2021-09-15'\n  until: '2021-10-26'\nsuperseded_by: 3855/UBND-KGVX:3\n",
    )
    edit(new, "id: 3855/UBND-KGVX:3\n", "id: 3855/UBND-KGVX:3\nsupersedes: [286-CV/TU:1.1.c]\n")
    clean = {p.code for p in lint_directory(str(rules)).problems}
    assert LintCode.SUPERSEDES_NOWHERE not in clean
    edit(new, "severity:", "severty: high\nseverity:")  # the successor no longer builds
    result = lint_directory(str(rules))
    messages = [p.problem.message.en for p in result.problems]
    assert not any("names no rule in this rule set" in m for m in messages), messages
    edit(new, "severty: high\n", "")
    edit(old, "severity:", "severty: high\nseverity:")  # now the rule it replaces
    codes = [p.code for p in lint_directory(str(rules)).problems]
    assert LintCode.SUPERSEDES_NOWHERE not in codes and LintCode.LOAD in codes


def test_a_partial_rule_set_is_not_compared_with_a_base(broken: Path) -> None:
    """Its unbuilt rules would count as removed obligations: no bump verdict on half the rules."""
    result = lint_directory(str(broken), load_rule_set(str(RULES_DIR)))
    codes = {p.code for p in result.problems}
    assert not codes & {LintCode.VERSION_NOT_BUMPED, LintCode.VERSION_BUMP_TOO_SMALL}
    assert LintCode.QUOTE_NOT_FOUND in codes


@pytest.mark.parametrize("vocabulary", ["agency-kinds.yaml", "provinces.yaml", "topics.yaml"])
def test_an_unreadable_vocabulary_still_lets_every_rule_be_read(
    tmp_path: Path, vocabulary: str
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    edit(rules / "vocabulary" / vocabulary, "terms:", "termz:")
    edit(rules / RULE_11, "severity:", "severty: high\nseverity:")
    result = lint_directory(str(rules))
    paths = {Path(p.problem.path).relative_to(rules) for p in result.problems}
    assert paths == {Path("vocabulary", vocabulary), RULE_11}  # no name called unknown
    assert result.rules_checked == _rule_files() and result.rules_unbuilt == _rule_files()
