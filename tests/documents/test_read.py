"""The loaders: positions, duplicate keys, tags, aliases, depth, dates, encodings."""

from __future__ import annotations

import codecs
import os
import stat
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.documents import textio
from ruleset.documents.limits import Limits
from ruleset.documents.read import parse_bytes
from ruleset.errors import InputError


def load(text: str | bytes, path: str = "s.yaml", limits: Limits | None = None):  # type: ignore[no-untyped-def]
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_bytes(data, path, limits or Limits())


def error_of(text: str | bytes, path: str = "s.yaml", limits: Limits | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        load(text, path, limits)
    return caught.value


def test_positions_of_values_are_one_based() -> None:
    document = load("a:\n  b: 1\n  c:\n    - x\n    - y\n")
    assert document.locate("/a/b") == (2, 6)
    assert document.locate("/a/c/1") == (5, 7)
    assert document.locate("/a/missing") == (2, 3)


def test_duplicate_key_names_both_lines() -> None:
    error = error_of("a: 1\nb: 2\na: 3\n")
    problem = error.problems[0]
    assert (problem.line, problem.column) == (3, 1)
    assert "line 1" in problem.message.en and "line 3" in problem.message.en


def test_duplicate_key_in_json_names_both_lines() -> None:
    error = error_of('{\n "a": 1,\n "a": 2\n}', "s.json")
    assert error.problems[0].line == 3
    assert "line 2" in error.problems[0].message.en


@pytest.mark.parametrize(
    "text", ["a: !!python/object:os.system {}\n", "a: !custom 1\n", "a: !!binary aGk=\n"]
)
def test_tags_are_refused(text: str) -> None:
    error = error_of(text)
    assert "tag" in error.problems[0].message.en
    assert error.problems[0].line == 1


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 9)}]")
    started = time.perf_counter()
    error = error_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2.0
    assert "too large" in error.problems[0].message.en or "aliases" in error.problems[0].message.en


def test_ordinary_anchors_aliases_and_merge_keys_work() -> None:
    document = load("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\nlist: [*b]\n")
    assert document.data["other"] == {"x": 1, "y": 3}
    assert document.data["list"] == [{"x": 1, "y": 2}]


def test_deep_nesting_is_refused_without_crashing() -> None:
    error = error_of("[" * 100_000 + "]" * 100_000)
    assert "nesting" in error.problems[0].message.en
    error = error_of("[" * 100_000, "s.json")
    assert "nesting" in error.problems[0].message.en


def test_depth_limit_is_configurable() -> None:
    text = "a:\n b:\n  c:\n   d: 1\n"
    assert load(text).data["a"]["b"]["c"]["d"] == 1
    assert "nesting" in error_of(text, limits=Limits(max_depth=2)).problems[0].message.en


def test_dates_stay_text_and_impossible_dates_are_reported() -> None:
    assert load("d: 2021-10-01\n").data == {"d": "2021-10-01"}
    error = error_of("x: 1\nd: 2021-02-30\n")
    assert error.problems[0].line == 2 and "2021-02-30" in error.problems[0].message.en


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tỉnh ủy Kon Tum")
    assert decomposed != "Tỉnh ủy Kon Tum"
    assert load(f"name: {decomposed}\n").data["name"] == "Tỉnh ủy Kon Tum"
    assert load(f'{{"name": "{decomposed}"}}', "s.json").data["name"] == "Tỉnh ủy Kon Tum"


def test_boms_and_utf16() -> None:
    assert load(codecs.BOM_UTF8 + "a: ấ\n".encode()).data == {"a": "ấ"}
    assert load("a: ấ\n".encode("utf-16")).data == {"a": "ấ"}


def test_invalid_utf8_reports_offset_and_legacy_hint() -> None:
    error = error_of(b"ten: Ph\xf2ng Gi\xe1o d\xf2c\n")
    problem = error.problems[0]
    assert "offset 7" in problem.message.en and problem.line == 1
    assert problem.hint is not None


@pytest.mark.parametrize("text", ["", "# only a comment\n", "a: 1\n---\nb: 2\n"])
def test_empty_and_multi_document_files(text: str) -> None:
    error_of(text)


def test_syntax_error_has_line_and_column() -> None:
    problem = error_of("a: 1\nb: [1, 2\nc: 3\n").problems[0]
    assert problem.line is not None and "syntax" in problem.message.en


def test_json_syntax_error_has_line_and_column() -> None:
    problem = error_of('{\n "a": 1,\n}', "s.json").problems[0]
    assert problem.line == 3 and "syntax" in problem.message.en


def test_json_positions() -> None:
    document = load('{"a": {"b": [10, {"c": "x"}]}, "d": 1}', "s.json")
    assert document.locate("/a/b/1/c") == (1, 24)
    assert document.locate("/d") == (1, 37)


def test_file_size_limit() -> None:
    error = error_of("a: " + "x" * 200 + "\n", limits=Limits(max_bytes=100))
    assert "too large" in error.problems[0].message.en or "limit" in error.problems[0].message.en


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    size=st.integers(0, 300),
    limit=st.integers(1, 300),
    seen=st.integers(0, 300),
    piece=st.integers(1, 400),
)
def test_a_file_is_read_whole_or_refused_whatever_fstat_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, limit: int, seen: int, piece: int
) -> None:
    """read_bytes reads what fstat reported and a byte more; a file that grew since (fstat saw
    ``seen`` bytes of ``size``) is read on to the limit: never cut short, never over the limit,
    even when each read returns at most ``piece`` bytes."""
    path = tmp_path / "grown.yaml"
    content = bytes(range(256)) * 2
    path.write_bytes(content[:size])
    real_fstat = os.fstat

    def fstat(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        fields = list(info)
        fields[stat.ST_SIZE] = min(seen, size)  # the file was smaller when fstat looked
        return os.stat_result(fields)

    real_read = os.read

    def read(descriptor: int, wanted: int) -> bytes:
        return real_read(descriptor, min(wanted, piece))

    monkeypatch.setattr(textio.os, "fstat", fstat)
    monkeypatch.setattr(textio.os, "read", read)
    if size > limit:
        with pytest.raises(InputError, match=r"too large|quá lớn"):
            textio.read_bytes(str(path), Limits(max_bytes=limit))
    else:
        assert textio.read_bytes(str(path), Limits(max_bytes=limit)) == content[:size]
