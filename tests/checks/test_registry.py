"""The table of check kinds, the rule schema and the README say the same thing."""

from __future__ import annotations

import re
import string
from pathlib import Path

import jsonschema
import pytest

from ruleset.checks.base import ALWAYS_FILLED
from ruleset.checks.registry import KINDS, explain, failure_words, placeholders
from ruleset.documents.schema import load_schema
from ruleset.rules.load import RULE_SCHEMA
from ruleset.rules.ruleset import RuleSet

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_kinds() -> dict[str, str]:
    """Kind name -> the 'a message may use' cell of the README's check-vocabulary table."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Check vocabulary") : text.index("## Time, versions")]
    rows = re.findall(r"^\| `(\w+): [^|]*?(?:\\\|[^|]*?)*\| .*? \| (.*) \|$", section, re.M)
    return dict(rows)


def test_registry_schema_and_readme_name_the_same_kinds() -> None:
    schema = load_schema(RULE_SCHEMA)
    in_schema = set(schema["$defs"]["condition"]["properties"])
    assert set(KINDS) == in_schema == set(_readme_kinds())


def test_completed_rule_schema_is_a_valid_schema() -> None:
    schema = load_schema(RULE_SCHEMA)
    jsonschema.validators.validator_for(schema).check_schema(schema)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_readme_lists_the_placeholders_each_kind_fills(name: str) -> None:
    listed = set(re.findall(r"\{(\w+)\}", _readme_kinds()[name]))
    assert listed == set(KINDS[name].fills - ALWAYS_FILLED)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_default_words_use_only_placeholders_the_kind_fills(name: str) -> None:
    kind = KINDS[name]
    for code, text in kind.failures.items():
        for half in (text.vi, text.en):
            used = {field for _, field, _, _ in string.Formatter().parse(half) if field}
            assert used <= kind.fills | ALWAYS_FILLED, (name, code, used)


def test_a_failure_code_has_one_wording() -> None:
    words = failure_words()
    assert {"missing", "too_few", "outside_period", "after_deadline"} <= set(words)


def test_every_catalogue_condition_is_explained_in_both_languages(rule_set: RuleSet) -> None:
    for rule in rule_set.rules:
        for check in rule.checks:
            words = explain(check.spec)
            for half in (words.vi, words.en):
                assert half and not re.search(r"\{(path|where|bounds|values|quantifier)\}", half)


def test_catalogue_messages_only_use_placeholders_their_kind_fills(rule_set: RuleSet) -> None:
    for rule in rule_set.rules:
        for check in rule.checks:
            if check.message is None:
                continue
            used = {
                field
                for half in (check.message.vi, check.message.en)
                for _, field, _, _ in string.Formatter().parse(half)
                if field
            }
            assert used <= placeholders(check.spec), (rule.id, check.id, used)


def test_placeholders_flow_through_combinators_but_not_through_not() -> None:
    inner = {"date_in_period": {"path": "date"}}
    assert "actual" in placeholders({"all": [inner]})
    assert placeholders({"not": inner}) == ALWAYS_FILLED
