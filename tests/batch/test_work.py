"""check_run: a run of inputs checked stage by stage gives, for each input, what checking it alone
gives, whatever the others in the run are; one bad input never changes another's result."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.batch.inputs import BatchInput
from ruleset.batch.work import ItemResult, WorkerConfig, check_run, init_worker
from ruleset.documents.limits import Limits
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR, RULES_DIR

BROKEN = {
    "syntax.yaml": b"agency: [\n",
    "list.yaml": b"- a\n- b\n",
    "schema.yaml": b"schema_version: 1\nagncy: {}\n",
    "latin1.yaml": "agency: Hà\n".encode("latin-1"),
    "empty.yaml": b"",
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[BatchInput]:
    """The shipped examples, broken files, and a file that is gone."""
    root = tmp_path_factory.mktemp("in")
    for name, data in BROKEN.items():
        (root / name).write_bytes(data)
    paths = [*sorted(EXAMPLES_DIR.glob("*.yaml")), *sorted(root.iterdir()), root / "gone.yaml"]
    return [
        BatchInput(display=str(path), relative=path.name, path=str(path), report=f"{i}.json")
        for i, path in enumerate(paths)
    ]


def _config(out: Path | None, jsonl: bool) -> WorkerConfig:
    return WorkerConfig(
        str(RULES_DIR), str(out) if out else None, "json", "vi", Limits(), jsonl=jsonl
    )


def _alone(items: list[BatchInput]) -> list[ItemResult]:
    return [result for item in items for result in check_run([item])]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_run_gives_each_input_what_it_gives_alone(
    inputs: list[BatchInput], rule_set: RuleSet, data: st.DataObject
) -> None:
    chosen = data.draw(st.lists(st.sampled_from(inputs), min_size=1, max_size=12))
    init_worker(_config(None, jsonl=True), rule_set, ignore_interrupt=False)
    together = list(check_run(chosen))
    assert together == _alone(chosen)
    assert [result.display for result in together] == [item.display for item in chosen]


def test_the_mix_holds_good_and_bad_inputs(inputs: list[BatchInput], rule_set: RuleSet) -> None:
    """The property above is not vacuous: the run has reports and each kind of error."""
    init_worker(_config(None, jsonl=True), rule_set, ignore_interrupt=False)
    results = list(check_run(inputs))
    errors = [result.error for result in results if result.error is not None]
    assert len(errors) == len(BROKEN) + 1
    assert len(results) - len(errors) >= 3
    assert all(result.line.startswith(b'{"format":"ruleset/') for result in results)


def test_a_report_that_cannot_be_written_fails_that_input_only(
    inputs: list[BatchInput], rule_set: RuleSet, tmp_path: Path
) -> None:
    good = [item for item in inputs if item.path.startswith(str(EXAMPLES_DIR))][:3]
    out = tmp_path / "out"
    (out / good[1].report).mkdir(parents=True)  # a folder where the report should go
    init_worker(_config(out, jsonl=False), rule_set, ignore_interrupt=False)
    results = list(check_run(good))
    assert [result.error is None for result in results] == [True, False, True]
    assert "not written" in (results[1].error or "")
    assert sorted(os.listdir(out)) == sorted(item.report for item in good)
    alone = tmp_path / "alone"
    init_worker(_config(alone, jsonl=False), rule_set, ignore_interrupt=False)
    for item in (good[0], good[2]):
        list(check_run([item]))
        assert (out / item.report).read_bytes() == (alone / item.report).read_bytes()
