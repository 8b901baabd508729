"""Properties over hostile input: damaged real files end in a report or a documented error,
loading is deterministic, and a submission means the same in YAML and in JSON."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.reporters.json_report import report_dict
from tests.conftest import EXAMPLES_DIR
from tests.documents.test_properties import RULE_SET, submissions

EXAMPLE = (EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml").read_bytes()
INSERTS = [
    b"\x00",
    b"\xff",
    b"\t",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"!!python/name:os.system ",
    b"[",
    b"{",
    b'"',
    b"\n",
    b"\xe1\xba",
    b"---\n",
    b"<<: *a\n",
]


def _outcome(data: bytes, path: str) -> tuple[str, Any]:
    try:
        report = check_submission(RULE_SET, parse_submission(data, path, RULE_SET))
    except InputError as error:
        assert error.problems and all(p.path == path for p in error.problems)
        return "error", [p.render() for p in error.problems]
    body = report_dict(report)
    body["submission"].pop("path", None)
    body["submission"].pop("sha256", None)
    return "report", body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(EXAMPLE)), st.sampled_from(INSERTS), st.integers(0, 3)),
        min_size=1,
        max_size=4,
    )
)
def test_damaged_real_files_end_in_a_report_or_a_located_error(
    edits: list[tuple[int, bytes, int]],
) -> None:
    data = bytearray(EXAMPLE)
    for offset, insert, delete in edits:
        data[offset : offset + delete] = insert
    kind, first = _outcome(bytes(data), "hong.yaml")
    assert _outcome(bytes(data), "hong.yaml") == (kind, first)  # deterministic, errors included


def _without_positions(value: Any) -> Any:
    """The same report minus line and column, which differ between a YAML and a JSON file."""
    if isinstance(value, dict):
        return {k: _without_positions(v) for k, v in value.items() if k not in ("line", "column")}
    if isinstance(value, list):
        return [_without_positions(v) for v in value]
    return value


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions)
def test_a_submission_means_the_same_in_yaml_and_json(data: dict[str, Any]) -> None:
    as_json = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    as_yaml = yaml.safe_dump(_jsonable(data), allow_unicode=True, sort_keys=False).encode("utf-8")
    json_kind, json_result = _outcome(as_json, "s.json")
    yaml_kind, yaml_result = _outcome(as_yaml, "s.yaml")
    assert json_kind == yaml_kind
    if json_kind == "report":
        assert _without_positions(json_result) == _without_positions(yaml_result)


def test_the_round_trip_holds_for_every_example() -> None:
    for path in sorted(EXAMPLES_DIR.iterdir()):
        raw = path.read_bytes()
        data = (
            json.loads(raw) if path.suffix == ".json" else yaml.load(raw, Loader=yaml.CSafeLoader)
        )
        data = json.loads(json.dumps(data, default=str, ensure_ascii=False))
        yaml_bytes = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
        json_bytes = json.dumps(data, ensure_ascii=False).encode("utf-8")
        from_yaml = _without_positions(_outcome(yaml_bytes, "x.yaml")[1])
        assert from_yaml == _without_positions(_outcome(json_bytes, "x.json")[1])
        assert from_yaml["obligations"], path
