"""Reader faults that once stopped a check (exit 70) or changed a value silently: each is now a
located input error, and no message quotes more than a short, escaped excerpt of a file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ruleset.documents.findings import MAX_PROBLEMS, Finding, located
from ruleset.documents.limits import DEPTH_CEILING, Limits
from ruleset.documents.read import parse_bytes
from ruleset.documents.schema import schema_problems
from ruleset.documents.textio import EXCERPT_CHARS, excerpt, read_bytes
from ruleset.errors import InputError
from ruleset.rules.load import RULE_SCHEMA
from ruleset.text import Suggester, Text
from tests.conftest import RULES_DIR
from tests.helpers import base_submission, json_document, yaml_document


def error_of(text: str, path: str, limits: Limits | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_bytes(text.encode("utf-8"), path, limits or Limits())
    return caught.value


@given(st.text(max_size=400))
def test_an_excerpt_is_short_and_printable(text: str) -> None:
    shown = excerpt(text)
    assert len(shown) <= 4 * EXCERPT_CHARS + 1  # an escaped character takes up to 10
    assert all(char.isprintable() or char == " " for char in shown)
    if text.isprintable() and len(text) <= EXCERPT_CHARS:
        assert shown == text


def test_an_excerpt_escapes_terminal_controls_and_cuts_long_text() -> None:
    assert excerpt("a\x1b[31mb\nc") == "a\\x1b[31mb\\nc"
    assert excerpt("x" * 500) == "x" * EXCERPT_CHARS + "…"


@pytest.mark.parametrize(
    ("text", "escape", "column"),
    [
        ('{"a": "\\ud800"}', "\\ud800", 8),
        ('{"a": "x\\udc00"}', "\\udc00", 9),
        ('{"a": "\\ud83d\\u0041"}', "\\ud83d", 8),
    ],
)
def test_a_lone_surrogate_escape_in_json_is_located(text: str, escape: str, column: int) -> None:
    problem = error_of(text, "s.json").problems[0]
    assert f"lone surrogate escape {escape}" in problem.message.en
    assert (problem.line, problem.column) == (1, column)


@pytest.mark.parametrize("text", ['{"a": "\\ud83d\\ude00"}', '{"a": "\\\\ud800"}'])
def test_a_surrogate_pair_and_an_escaped_backslash_are_fine(text: str) -> None:
    document = parse_bytes(text.encode("utf-8"), "s.json")
    assert document.data["a"] in ("\U0001f600", "\\ud800")


@pytest.mark.parametrize(
    ("text", "path", "position"),
    [
        ('{"a": "9", "b": ' + "9" * 5000 + "}", "s.json", (1, 17)),
        ("a: '9'\nb: " + "9" * 5000 + "\n", "s.yaml", (2, 4)),
        ("a: 1\nb: " + "9" * 5000 + ".5\n", "s.yaml", (2, 4)),
    ],
)
def test_a_number_of_thousands_of_digits_is_located_without_python_words(
    text: str, path: str, position: tuple[int, int]
) -> None:
    problem = error_of(text, path).problems[0]
    assert "number too long" in problem.message.en
    assert (problem.line, problem.column) == position
    assert "sys." not in problem.render() and "int_max_str_digits" not in problem.render()


def test_a_json_decimal_too_large_for_a_number_is_refused() -> None:
    problem = error_of('{"a": [1, 2e999]}', "s.json").problems[0]
    assert "number too large: 2e999" in problem.message.en
    assert (problem.line, problem.column) == (1, 11)


@pytest.mark.parametrize(("written", "read"), [("010", 8), ("0x10", 16), ("0b11", 3), ("1:30", 90)])
def test_yaml_integers_not_in_plain_digits_are_refused(written: str, read: int) -> None:
    problem = error_of(f"a: 1\nb: {written}\n", "s.yaml").problems[0]
    assert f"YAML reads '{written}' as {read}" in problem.message.en
    assert (problem.line, problem.column) == (2, 4)


@pytest.mark.parametrize(("written", "value"), [("0", 0), ("-12", -12), ("1_000", 1000)])
def test_yaml_integers_in_plain_digits_are_read(written: str, value: int) -> None:
    assert parse_bytes(f"a: {written}\n".encode(), "s.yaml").data["a"] == value


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_max_depth_is_capped_below_the_recursion_limit(suffix: str) -> None:
    depth = DEPTH_CEILING + 1
    text = (
        "a: " + "[" * depth + "]" * depth + "\n"
        if suffix == "yaml"
        else '{"a": ' + "[" * depth + "]" * depth + "}"
    )
    problem = error_of(text, f"s.{suffix}", Limits(max_depth=10_000)).problems[0]
    assert f"nesting deeper than {DEPTH_CEILING} levels" in problem.message.en
    assert f"--max-depth is capped at {DEPTH_CEILING}" in problem.message.en
    assert problem.line == 1 and problem.column is not None


def test_depth_up_to_the_ceiling_is_still_read() -> None:
    depth = DEPTH_CEILING - 1
    document = parse_bytes(
        ("a: " + "[" * depth + "]" * depth + "\n").encode(), "s.yaml", Limits(max_depth=10_000)
    )
    assert isinstance(document.data["a"], list)


def _participants(written: str) -> str:
    return (
        "activities:\n  - kind: briefing\n    date: '2021-11-01'\n    title: x\n"
        f"    participants: {written}\n"
    )


@pytest.mark.parametrize(
    ("written", "says"),
    [
        (
            "1.000",
            "'1.000' was read as the decimal number 1.0; looks like thousands grouping: write 1000",
        ),
        (
            "1.200",
            "'1.200' was read as the decimal number 1.2; looks like thousands grouping: write 1200",
        ),
        ("12.500", "looks like thousands grouping: write 12500"),
        (
            "3.0",
            "'3.0' was read as the decimal number 3.0; a count is written without decimals: write 3",
        ),
        ("2.5", "a count must be a whole number"),
        ("'1.000.000'", "looks like thousands grouping: write 1000000"),
    ],
)
def test_a_count_must_be_an_integer_as_written(written: str, says: str) -> None:
    data = dict(base_submission(), activities=[])
    header = yaml_document_text(data)
    document = yaml_document(header + _participants(written), "s.yaml")
    problems = schema_problems(document, "submission.schema.json")
    assert len(problems) == 1
    problem = problems[0]
    assert "expected a whole number" in problem.message.en
    assert says in (problem.hint.en if problem.hint else ""), problem.hint
    assert (problem.line, problem.column) == (header.count("\n") + 5, 19)


def yaml_document_text(data: dict[str, object]) -> str:
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "\n".join(line for line in lines if not line.startswith("activities")) + "\n"


def test_json_integral_decimal_count_is_refused_too() -> None:
    data = dict(
        base_submission(),
        activities=[{"kind": "briefing", "date": "2021-11-01", "title": "x", "participants": 4.0}],
    )
    problems = schema_problems(json_document(data), "submission.schema.json")
    assert [p.pointer for p in problems] == ["/activities/0/participants"]
    assert "write 4" in (problems[0].hint.en if problems[0].hint else "")


def test_decimals_stay_allowed_where_the_schema_wants_a_number() -> None:
    rule = (RULES_DIR / "catalogue/3855-UBND-KGVX/3.yaml").read_text(encoding="utf-8")
    assert "      value: 0\n" in rule
    document = yaml_document(rule.replace("      value: 0\n", "      value: 0.5\n", 1), "3.yaml")
    assert schema_problems(document, RULE_SCHEMA) == []
    compare = document.data["checks"][0]["require"]["all"][0]["compare"]
    assert isinstance(compare["value"], float)


def test_problems_are_capped_per_file_in_document_order() -> None:
    document = json_document({"items": list(range(200))})
    findings = [Finding(f"/items/{i}", Text.same(f"bad {i}")) for i in reversed(range(200))]
    problems = located(document, findings)
    assert len(problems) == MAX_PROBLEMS + 1
    assert [p.message.en for p in problems[:3]] == ["bad 0", "bad 1", "bad 2"]
    assert problems[-1].line is None
    assert "and 150 more problems (the first 50 are shown)" in problems[-1].message.en


def test_a_lazy_hint_is_computed_only_for_problems_shown() -> None:
    asked: list[int] = []

    def hint_for(i: int) -> Finding:
        return Finding(
            f"/items/{i}", Text.same("bad"), lambda: asked.append(i) or Text.same("hint")
        )

    document = json_document({"items": list(range(100))})
    located(document, [hint_for(i) for i in range(100)])
    assert sorted(asked) == list(range(MAX_PROBLEMS))


@given(st.lists(st.text(alphabet="abcdef-0123456789", min_size=3, max_size=12), min_size=1))
def test_the_suggester_finds_a_word_one_typo_away_at_either_end(words: list[str]) -> None:
    suggest = Suggester(words).closest
    word = sorted(set(words))[0]
    assert suggest(word) == word
    assert suggest(word + "x") is not None
    assert suggest("x" + word) is not None


def test_the_suggester_stays_useful_over_many_ids() -> None:
    ids = [f"hoat-dong-{i}" for i in range(5000)]
    suggest = Suggester(ids).closest
    assert suggest("hoat-dong-4321x") == "hoat-dong-4321"
    assert suggest("xhoat-dong-17") == "hoat-dong-17"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read_bytes(str(fifo))
    assert "is not a regular file" in caught.value.problems[0].message.en


def test_a_sparse_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "lon.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(1536 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        read_bytes(str(sparse))
    assert "file too large (1610612736 bytes" in caught.value.problems[0].message.en
