"""The fast parse path against the exact readers: on every example, rule file, hostile file and on
generated documents, the same values (type for type), the same errors (every Problem field) and the
same line:column for every pointer; taken for the common document, not taken for anything unusual,
and never needed: without the compiled packages everything reads the exact way."""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.documents import fast_path
from ruleset.documents.document import Parsed, escape_token
from ruleset.documents.fast_path import fast_json, fast_yaml
from ruleset.documents.json_reader import load_json_text
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.read import parse_bytes
from ruleset.documents.textio import decode, read_bytes
from ruleset.documents.yaml_offsets import Unsure, offsets_locator
from ruleset.documents.yaml_reader import load_yaml_text
from ruleset.errors import InputError
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.documents.fast_path_strategies import (
    JSON_TOKENS,
    YAML_TOKENS,
    limits,
    soups,
    values,
    yaml_texts,
)
from tests.hostile.test_hostile import GENERATORS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import submission, to_yaml  # noqa: E402

pytestmark = [
    pytest.mark.skipif(
        fast_path.yaml_rs is None or fast_path.orjson is None, reason="compiled packages missing"
    ),
    pytest.mark.usefixtures("warm_fast_path"),
]


HOSTILE = sorted((ROOT / "tests" / "hostile" / "files").iterdir())
CORPUS = sorted(
    [*EXAMPLES_DIR.rglob("*.yaml"), *EXAMPLES_DIR.rglob("*.json"), *RULES_DIR.rglob("*.yaml")]
)


def same(fast: Any, exact: Any) -> bool:
    """Equal and of the same type all the way down (True is not 1, 1 is not 1.0), keys in order."""
    if type(fast) is not type(exact):
        return False
    if isinstance(exact, dict):
        return list(fast) == list(exact) and all(same(fast[k], exact[k]) for k in exact)
    if isinstance(exact, list):
        return len(fast) == len(exact) and all(map(same, fast, exact))
    if isinstance(exact, float) and math.isnan(exact):
        return math.isnan(fast)
    return bool(fast == exact)


def pointers(value: Any, base: str = "") -> list[str]:
    """Every pointer into the value, and one past each container's end; in a huge document an
    even spread of 300 of them (each locate() of the exact JSON locator rescans the text)."""
    found = [base, base + "/zz-missing", base + "/999"]
    if isinstance(value, dict):
        for key, item in value.items():
            found += pointers(item, f"{base}/{escape_token(key)}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += pointers(item, f"{base}/{index}")
    return found if base or len(found) <= 300 else found[:: len(found) // 300 + 1]


def exact(text: str, path: str, limit: Limits) -> Parsed | InputError:
    load = load_json_text if path.endswith(".json") else load_yaml_text
    try:
        return load(text, path, limit)
    except InputError as error:
        return error


def fast(text: str, path: str, limit: Limits) -> Parsed | None:
    return (fast_json if path.endswith(".json") else fast_yaml)(text, limit)


def check_same(text: str, path: str, limit: Limits = DEFAULT_LIMITS) -> bool:
    """Assert the fast path gives what the exact reader gives; whether it was taken."""
    want = exact(text, path, limit)
    got = fast(text, path, limit)
    if got is None:
        return False
    assert not isinstance(want, InputError), f"fast path read what the exact refuses: {want}"
    (value, locate), (want_value, want_locate) = got, want
    assert same(value, want_value), (value, want_value)
    for pointer in pointers(want_value):
        for key in (False, True):
            assert locate(pointer, key) == want_locate(pointer, key), (pointer, key)
    if not path.endswith(".json"):
        offsets_agree(text, want_value, want_locate)
    return True


def offsets_agree(text: str, value: Any, want_locate: Any) -> int:
    """Assert rapidyaml's offsets give the exact reader's position for every pointer wherever
    they give one; how many they left to libyaml. Asked in document order, then backwards of a
    fresh locator (it remembers paths and counts lines on from the last answer), with paths
    past a missing key (the deepest existing value, never a key)."""
    asked = pointers(value)
    asked += [pointer + "/zz-missing/0" for pointer in asked[:: len(asked) // 50 + 1]]
    unsure = 0
    for order in (asked, asked[::-1]):
        locate = offsets_locator(text)
        if locate is None:
            return -1
        for pointer in order:
            for key in (False, True):
                try:
                    got = locate(pointer, key)
                except Unsure:
                    unsure += 1
                    continue
                assert got == want_locate(pointer, key), (pointer, key)
    return unsure


def check_bytes(data: bytes, path: str, limit: Limits = DEFAULT_LIMITS) -> None:
    """Through the public reader: a Document equal to the exact one, or the same problems."""
    try:
        text = decode(data, path)
    except InputError:
        return
    want = exact(text, path, limit)
    try:
        document = parse_bytes(data, path, limit)
    except InputError as error:
        assert isinstance(want, InputError), f"{path}: refused, the exact reads it: {error}"
        assert error.problems == want.problems
        return
    assert not isinstance(want, InputError), f"{path}: read, the exact refuses it: {want}"
    assert same(document.data, want[0])
    for pointer in pointers(want[0]):
        assert document.locate(pointer) == want[1](pointer, False), pointer
        assert document.locate(pointer, True) == want[1](pointer, True), pointer
    check_same(text, path, limit)


@pytest.mark.parametrize("path", CORPUS + HOSTILE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_rule_file_and_hostile_file_reads_alike(path: Path) -> None:
    check_bytes(path.read_bytes(), path.name)


def check_file(path: str) -> None:
    try:
        data = read_bytes(path)  # devices, FIFOs and oversized files are refused unread
    except InputError:
        return
    check_bytes(data, os.path.basename(path))


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_generated_hostile_file_reads_alike(name: str, tmp_path: Path) -> None:
    path = GENERATORS[name](tmp_path)
    # In a child process: a million values read twice would leave this one's memory high for the
    # rest of the suite.
    script = (
        "import sys; from ruleset.documents import read; read.FAST_PATH.uses = read.FAST_PATH.after\n"
        "from tests.documents.test_fast_path import check_file; check_file(sys.argv[1])"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_rules_own_examples_read_alike_as_yaml_and_json(rule_set: RuleSet) -> None:
    taken = 0
    for rule in rule_set.rules:
        for example in rule.examples:
            if example.entry is None:
                continue
            entry = {"obligations": {rule.id: example.entry}}
            text = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
            taken += check_same(text, "e.yaml")
            taken += check_same(json.dumps(entry, ensure_ascii=False, indent=1), "e.json")
    assert taken > 100  # most of them take the fast path: the comparison is not vacuous


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=yaml_texts(), limit=limits)
def test_generated_yaml_reads_alike(text: str, limit: Limits) -> None:
    check_same(text, "g.yaml", limit)
    check_bytes(text.encode(), "g.yaml", limit)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=values, limit=limits, ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_generated_json_reads_alike(
    value: Any, limit: Limits, ascii_only: bool, indent: int | None
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    check_same(text, "g.json", limit)
    check_same(text, "g.yaml", limit)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=soups(YAML_TOKENS), limit=limits)
def test_yaml_token_soup_reads_alike(text: str, limit: Limits) -> None:
    check_same(text, "s.yaml", limit)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=soups(JSON_TOKENS), limit=limits)
def test_json_token_soup_reads_alike(text: str, limit: Limits) -> None:
    check_same(text, "s.json", limit)


def test_generated_benchmark_submissions_take_the_fast_path(rule_set: RuleSet) -> None:
    rng = random.Random(11)
    for index in range(12):
        data = submission(rule_set, rng, index, 0.7)
        text = to_yaml(data)
        assert check_same(text, "b.yaml"), f"submission {index} as YAML fell back"
        want_value, want_locate = load_yaml_text(text, "b.yaml")
        assert offsets_agree(text, want_value, want_locate) == 0, "left to libyaml"
        assert check_same(json.dumps(data, ensure_ascii=False, indent=1), "b.json"), index


HAND_WRITTEN = """\
# Báo cáo tự đánh giá
schema_version: 1
agency: {id: so-noi-vu, name: Sở Nội vụ tỉnh Kon Tum, kind: so-ban-nganh}
period:
  start: 2021-10-01   # a plain date, as people write it
  end: "2021-12-31"
activities:
  - id: hd-1
    date: 2021-10-15
    participants: 120
    audience: [cán bộ, công chức]
    outcome: >
      Đã quán triệt đến toàn thể
      cán bộ, công chức.
    note: |
      Dòng một
      Dòng hai
obligations: {}
"""


def test_a_hand_written_submission_takes_the_fast_path() -> None:
    assert check_same(HAND_WRITTEN, "h.yaml")
    assert check_same("---\n" + HAND_WRITTEN, "h.yaml")


UNUSUAL_YAML = {
    "tag": "a: !!str 1\n",
    "custom tag": "a: !x 1\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {x: 2}\n",
    "escape in double quotes": 'a: "x\\ty"\n',
    "tab": "a:\t1\n",
    "control character": "a: b\x07\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "line separator": "a: b\u2028c\n",
    "byte order mark inside": "a: b\ufeff\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "second document": "a: 1\n---\nb: 2\n",
    "document end": "a: 1\n...\n",
    "deep nesting": "a: " + "[" * 300 + "]" * 300 + "\n",
    "deep inline nesting": "- " * 150 + "a\n",
    "parse error": "a: [1, 2\n",
    "duplicate key": "a: 1\na: 2\n",
    "yes": "a: yes\n",
    "on": "a: on\n",
    "octal": "a: 0123\n",
    "hexadecimal": "a: 0x1F\n",
    "1.2 octal": "a: 0o17\n",
    "grouped digits": "a: 1_000\n",
    "sexagesimal": "a: 1:20\n",
    "infinity": "a: .inf\n",
    "not a number": "a: .nan\n",
    "float": "a: 1.5\n",
    "1.2-only float": "a: 1e5\n",
    "impossible date": "a: 2021-02-30\n",
    "timestamp": "a: 2001-12-14t21:59:43.10-05:00\n",
    "value key": "a: =\n",
    "key that is not text": "1: a\n",
    "empty document": "# nothing\n",
    "null document": "~\n",
    "long key": "k" * 1030 + ": 1\n",
    "long number": "a: " + "1" * 100 + "\n",
}


@pytest.mark.parametrize("text", UNUSUAL_YAML.values(), ids=list(UNUSUAL_YAML))
def test_each_unusual_yaml_feature_falls_back(text: str) -> None:
    assert fast_yaml(text, DEFAULT_LIMITS) is None
    check_bytes(text.encode(), "u.yaml")


def strings_of(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *strings_of(item))]
    if isinstance(value, list):
        return [text for item in value for text in strings_of(item)]
    return [value] if isinstance(value, str) else []


# Combining marks where YAML joins pieces: after a fold, a quote, a space or a line's start.
MARK_TOKENS = [
    *("\u0301", "\u0323", "\u0309", "\u0302", "\u031b", "e\u0301", "o\u031b\u0300", "'\u0301"),
    *("\n  \u0301", "\n\n  \u0323", "''\u0301", "\u1ea1", "\u01a1", "\u0110", "\uac00", "\u11a8"),
]


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.one_of(yaml_texts(), soups(YAML_TOKENS + MARK_TOKENS * 3)),
    limit=limits,
)
def test_from_nfc_text_the_fast_path_reads_nfc_strings(text: str, limit: Limits) -> None:
    """fast_yaml takes the text as decode() gives it, NFC, and does not check its strings again:
    every key and string it reads from such a text must be NFC (see its docstring)."""
    parsed = fast_yaml(unicodedata.normalize("NFC", text), limit)
    if parsed is not None:
        for string in strings_of(parsed[0]):
            assert unicodedata.is_normalized("NFC", string), ascii(string)


def test_a_text_not_in_nfc_is_read_in_nfc() -> None:
    document = parse_bytes("a: e\u0301\nb: 'o\u031b\u0300'\n".encode(), "n.yaml")
    assert document.data == {"a": "\u00e9", "b": "\u1edd"}


UNUSUAL_JSON = {
    "duplicate key": '{"a": 1, "a": 2}',
    "lone surrogate": '{"a": "\\ud800"}',
    "NaN": '{"a": NaN}',
    "Infinity": '{"a": -Infinity}',
    "overflowing float": '{"a": 1e400}',
    "float": '{"a": 1.5}',
    "huge integer": '{"a": ' + "9" * 120 + "}",
    "deep nesting": "[" * 100 + "]" * 100,
    "escaped colon": '{"a\\u003a": 1}',
    "not NFC": '{"a": "e\\u0301"}',
    "parse error": '{"a": 1,}',
    "empty": " ",
    "null document": "null",
}


@pytest.mark.parametrize("text", UNUSUAL_JSON.values(), ids=list(UNUSUAL_JSON))
def test_each_unusual_json_feature_falls_back(text: str) -> None:
    assert fast_json(text, DEFAULT_LIMITS) is None
    check_bytes(text.encode(), "u.json")


def test_a_document_without_findings_is_never_composed_again(monkeypatch: Any) -> None:
    import ruleset.documents.yaml_reader as reader

    monkeypatch.setattr(reader.OFFSETS, "uses", 0)  # a process's first document
    calls = []
    composer = reader._PositionsLoader
    monkeypatch.setattr(
        reader, "_PositionsLoader", lambda text: calls.append(text) or composer(text)
    )
    document = parse_bytes(HAND_WRITTEN.encode(), "h.yaml")
    assert calls == []
    assert document.locate("/activities/0/participants") == (10, 19)
    assert document.locate("/period/start", key=True) == (5, 3)
    assert len(calls) == 1  # composed once, on the first locate(), then kept


def test_once_enough_documents_were_located_offsets_replace_composing(monkeypatch: Any) -> None:
    import ruleset.documents.yaml_reader as reader

    monkeypatch.setattr(reader.OFFSETS, "uses", reader.OFFSETS.after)
    calls = []
    composer = reader._PositionsLoader
    monkeypatch.setattr(
        reader, "_PositionsLoader", lambda text: calls.append(text) or composer(text)
    )
    document = parse_bytes(HAND_WRITTEN.encode(), "h.yaml")
    assert document.locate("/activities/0/participants") == (10, 19)
    assert document.locate("/agency/kind", key=True) == (3, 55)
    assert document.locate("/activities/0/note") == (15, 11)  # '|' found after the key's ':'
    assert calls == []  # read from rapidyaml's tree
    explicit = parse_bytes(b"? a\n: 1\n", "e.yaml")
    assert explicit.locate("") == (1, 1)  # marked at the '?': the tree does not say, libyaml does
    assert len(calls) == 1


def test_rapidyaml_says_nothing_on_standard_error(capfd: Any) -> None:
    from ruleset.documents.yaml_offsets import _parse_quietly

    assert _parse_quietly(bytearray(b"a: [\nb")) is None  # it refuses this, and would print
    assert offsets_locator("a: [\nb") is None
    assert capfd.readouterr() == ("", "")


def test_without_the_compiled_packages_everything_reads_the_exact_way(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['yaml_rs'] = sys.modules['orjson'] = sys.modules['ryml'] = None\n"
        "from ruleset.documents import fast_path\n"
        "from ruleset.documents.read import parse_bytes\n"
        "assert fast_path.yaml_rs is None and fast_path.orjson is None\n"
        "assert fast_path.fast_yaml('a: 1', fast_path.Limits()) is None\n"
        "from ruleset.documents.yaml_offsets import offsets_locator\n"
        "assert offsets_locator('a: 1') is None\n"
        "d = parse_bytes(sys.stdin.buffer.read(), 'h.yaml')\n"
        "print(d.data['activities'][0]['participants'], d.locate('/period/end'))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=HAND_WRITTEN.encode(),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == ["120", "(6,", "8)"]
