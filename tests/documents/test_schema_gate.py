"""jsonschema-rs in front of fastjsonschema for submissions: on every example submission, every
rule example, every hostile file that parses, generated submissions and hypothesis mutations of
them, its verdict is fastjsonschema's and jsonschema's; it never says yes where they say no; and
without the package (or before the warm-up) the same verdicts come from fastjsonschema alone."""

from __future__ import annotations

import copy
import importlib.util
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.documents import compiled
from ruleset.documents.compiled import WARM_UP, gated, rust_validity
from ruleset.documents.read import parse_bytes
from ruleset.documents.schema import (
    _is_date,
    compiled_validity,
    fast_validity,
    has_float,
    load_schema,
    validator_for,
)
from ruleset.errors import InputError
from ruleset.judging.examples import example_submission
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.helpers import base_submission, value_paths

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import submission  # noqa: E402

SCHEMA = "submission.schema.json"
RUST = rust_validity(load_schema(SCHEMA))
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("jsonschema_rs") is None, reason="jsonschema-rs not installed"
)
HOSTILE = sorted((ROOT / "tests" / "hostile" / "files").iterdir())
FILES = sorted([*EXAMPLES_DIR.rglob("*.yaml"), *EXAMPLES_DIR.rglob("*.json"), *HOSTILE])


def rust_says(value: Any) -> bool | None:
    """The Rust check's verdict, or None when it cannot read the value (then fastjsonschema says)."""
    assert RUST is not None, "the installed jsonschema-rs builds no validator"
    try:
        return RUST(value)
    except Exception:
        return None


def trailing_line_break(value: Any) -> bool:
    """Whether a string or key ends in a line break: Python's '$' matches before it, Rust's not."""
    if isinstance(value, str):
        return value.endswith("\n")
    if isinstance(value, dict):
        return any(map(trailing_line_break, value)) or any(map(trailing_line_break, value.values()))
    return isinstance(value, list) and any(map(trailing_line_break, value))


def agree(value: Any) -> None:
    """The gate's verdict is fastjsonschema's, and with no decimal in the value jsonschema's too;
    neither compiled check ever says yes where jsonschema says no. Python's '$' matches before a
    final line break (jsonschema), fastjsonschema's and Rust's do not: the one known difference,
    on the safe side (jsonschema then walks the value and finds nothing)."""
    exact = compiled_validity(SCHEMA)(value)
    rust = rust_says(value)
    assert not (rust and not exact), value
    if rust is not None and not trailing_line_break(value):
        assert rust == exact, value
    assert GATE(value) == exact  # past the warm-up, the Rust check answers first
    if not has_float(value):
        strict = not any(True for _ in validator_for(SCHEMA).iter_errors(value))
        assert not (exact and not strict), value
        if not trailing_line_break(value):
            assert exact == strict, value


GATE = gated(load_schema(SCHEMA), compiled_validity(SCHEMA))
for _ in range(WARM_UP):
    GATE(base_submission())


def readable(path: Path) -> Any:
    try:
        return parse_bytes(path.read_bytes(), str(path)).data
    except InputError:
        return None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_and_hostile_file_that_parses(path: Path) -> None:
    value = readable(path)
    if value is None and path in HOSTILE:
        pytest.skip("refused by the reader")
    agree(value)


def test_the_corpus_is_not_empty_and_holds_valid_and_invalid_submissions() -> None:
    verdicts = {compiled_validity(SCHEMA)(readable(p)) for p in FILES if readable(p) is not None}
    assert verdicts == {True, False}


def test_every_rule_example(rule_set: RuleSet) -> None:
    count = 0
    for rule in rule_set.rules:
        for version in rule.all_versions():
            for example in version.examples:
                agree(example_submission(version, example))
                count += 1
    assert count > 100


def test_generated_submissions(rule_set: RuleSet) -> None:
    rng = random.Random(14)
    for index in range(60):
        value = submission(rule_set, rng, index, 0.7)
        assert rust_says(value) is True
        agree(value)


# Mutations: wrong types, decimals for counts, dates real and not, keys unknown or missing, big
# integers, text that only Python's or Rust's patterns read alike.
DATES = st.one_of(
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.sampled_from(
        [
            *("0000-01-01", "0001-01-01", "2020-02-29", "2021-02-29", "1900-02-29", "2021-13-01"),
            *("2021-1-01", "2021-01-01\n", " 2021-01-01", "2021-01-01T00:00:00", "２０２１-01-01"),
        ]
    ),
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([2**63, -(2**63) - 1, 2**64, 10**30]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1.0, 12.0, -1.0, 1.5, float("inf"), float("nan")]),
    DATES,
    st.sampled_from(["", "x", "hd-1", "hd-1\n", "a b", "done", "met", "training", "kon-tum"]),
    st.sampled_from(["a\x1cb c", "Đ", "violations_detected", "Abc", "a_1\n", "-x"]),
    st.lists(st.sampled_from(["a", 1, None, 1.0]), max_size=2),
    st.dictionaries(
        st.sampled_from(["id", "kind", "date", "title", "zz", "status", "a_b", "Bad"]),
        st.sampled_from(["x", 1, "2021-10-01", 2.0]),
        max_size=3,
    ),
)
_RNG = random.Random(7)


def _bases() -> list[Any]:
    from ruleset.rules.load import load_rule_set

    rule_set = load_rule_set(str(RULES_DIR))
    bases = [submission(rule_set, _RNG, index, 0.7) for index in range(4)]
    bases += [readable(p) for p in sorted(EXAMPLES_DIR.rglob("*.yaml"))[:4]]
    return [base for base in bases if isinstance(base, dict)]


BASES = _bases()


Mutation = tuple[float, Any, int]


def mutate(base: Any, mutations: list[Mutation]) -> Any:
    """Each mutation picks a place (a fraction of the way through the value's places) and
    replaces it (0), adds a key beside it (1) or deletes it (2)."""
    data = copy.deepcopy(base)
    for where, value, how in mutations:
        paths = value_paths(data)[1:]
        if not paths:
            break
        path = paths[int(where * len(paths))]
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        if how == 1 and isinstance(target, dict):
            target[f"extra_{path[-1]}"] = value
        elif how == 2:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(range(len(BASES))),
    st.lists(
        st.tuples(st.floats(0, 0.999), VALUES, st.integers(0, 2)),
        min_size=1,
        max_size=3,
    ),
)
def test_mutated_submissions(base: int, mutations: list[Mutation]) -> None:
    agree(mutate(BASES[base], mutations))


@settings(max_examples=300, deadline=None)
@given(DATES)
def test_dates_read_alike(written: str) -> None:
    value = base_submission()
    value["period"]["start"] = written
    rust = rust_says(value)
    assert rust == _is_date(written) == compiled_validity(SCHEMA)(value)


@pytest.mark.parametrize(("status", "valid"), [("done", True), (5, False)])
def test_a_value_the_rust_check_cannot_read_is_answered_by_the_exact_check(
    status: object, valid: bool
) -> None:
    value = base_submission()
    value["obligations"] = {1: {"status": status}}  # a key that is not text
    assert rust_says(value) is None
    assert GATE(value) is compiled_validity(SCHEMA)(value) is valid


def test_the_rust_check_starts_after_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    real = compiled.rust_validity

    def counting(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
        built.append(schema)
        return real(schema)

    monkeypatch.setattr(compiled, "rust_validity", counting)
    asked: list[object] = []
    gate = gated(load_schema(SCHEMA), lambda value: asked.append(value) or True)
    for _ in range(WARM_UP - 1):
        gate(base_submission())
    assert built == [] and len(asked) == WARM_UP - 1
    gate(base_submission())
    gate(base_submission())
    assert len(built) == 1 and len(asked) == WARM_UP  # built once; valid: no exact check after


def test_without_jsonschema_rs_the_exact_check_answers(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['jsonschema_rs'] = None\n"
        "from ruleset.documents.compiled import WARM_UP, rust_validity\n"
        "from ruleset.documents.read import parse_bytes\n"
        "from ruleset.documents.schema import fast_validity, load_schema, schema_problems\n"
        "assert rust_validity(load_schema('submission.schema.json')) is None\n"
        "check = fast_validity('submission.schema.json')\n"
        "good = parse_bytes(open(sys.argv[1], 'rb').read(), sys.argv[1])\n"
        "bad = dict(good.data, submitted='2021-02-30')\n"
        "print([check(good.data) for _ in range(WARM_UP + 2)] == [True] * (WARM_UP + 2))\n"
        "print([check(bad) for _ in range(3)])\n"
        "print(schema_problems(good, 'submission.schema.json'))\n"
        "print([p.pointer for p in schema_problems(good, 'submission.schema.json', bad)])\n"
    )
    example = EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run(
        [sys.executable, "-c", script, str(example)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split("\n")[:4] == [
        "True",
        "[False, False, False]",
        "[]",
        "['/submitted']",
    ]


def test_the_gate_is_what_submissions_are_checked_with() -> None:
    check = fast_validity(SCHEMA)
    assert check is not compiled_validity(SCHEMA)
    assert fast_validity("sources.schema.json") is compiled_validity("sources.schema.json")
