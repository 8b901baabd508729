"""The input table on disk gives what the sort, the identity table and the report sets in memory
gave (kept here as the oracles), and its Python memory does not grow with the inputs."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.batch import inputs as inputs_module
from ruleset.batch import latest as latest_module
from ruleset.batch.inputs import InputTable
from ruleset.batch.paths import SUMMARY_FILES
from ruleset.cli import cli
from tests.conftest import EXAMPLES_DIR

Found = tuple[str, int, str]  # display, member index, the file it is (its identity)


def once_in_memory(found: list[Found]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The oracle: sort, keep each file once, tell equal names apart; (kept display, file) of the
    kept and (display, first display) of the skipped."""
    first: dict[str, str] = {}
    kept: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    shown: set[str] = set()
    previous = None
    for display, index, ident in sorted(found, key=lambda f: (f[0], f[1], f[2])):
        if previous == (display, index, ident):
            continue
        previous = (display, index, ident)
        key = f"{ident}\0{index}"
        if key in first:
            skipped.append((display, first[key]))
            continue
        if display in shown:
            display = f"{display}#{len(kept) + 1}"
        first[key] = display
        shown.add(display)
        kept.append((display, ident))
    return kept, sorted(skipped)


def plan_in_memory(relatives: list[str], suffix: str) -> list[str]:
    """The oracle: one report path per input, none equal to another, to a folder another needs,
    or to a summary file."""
    wanted = [relative + suffix for relative in relatives]
    folders = {"/".join(p.split("/")[:end]) for p in wanted for end in range(1, p.count("/") + 1)}
    taken = set(SUMMARY_FILES)
    planned = []
    for path in wanted:
        candidate, count = path, 0
        while candidate in taken or candidate in folders:
            count += 1
            candidate = f"{path[: -len(suffix)]}~{count}{suffix}"
        taken.add(candidate)
        planned.append(candidate)
    return planned


@contextmanager
def identities_by_path() -> Iterator[None]:
    """A path ``/f/<ident>/...`` is the file ``<ident>``: several paths can be one file."""

    def fake(path: str, index: int) -> bytes:
        return f"{path.split('/')[2]}\0{index}".encode()

    with mock.patch.object(inputs_module, "identity", fake):
        yield


def planned_reports(relatives: list[str], suffix: str) -> list[str]:
    """The report paths InputTable plans for these relative paths, given in this order."""
    table = InputTable()
    for number, relative in enumerate(relatives):
        table.add(f"{number:06d}", relative, f"/nonexistent/{number}")
    table.settle()
    table.plan_reports(suffix)
    planned = [item.report for item in table]
    table.close()
    return planned


NAMES = st.sampled_from(["a.yaml", "a.yaml.json", "b", "summary", "a.yaml~1", "s", "é.yml"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(NAMES, min_size=1, max_size=3).map("/".join), max_size=14))
def test_report_paths_are_planned_as_in_memory(relatives: list[str]) -> None:
    assert planned_reports(relatives, ".json") == plan_in_memory(relatives, ".json")


DISPLAYS = st.sampled_from(["a.yaml", "a.yaml#2", "a.yaml#3", "b.yaml", "z/q.yaml", "z.yaml"])
FOUND = st.tuples(DISPLAYS, st.sampled_from([-1, 0, 1]), st.sampled_from("ABCD"))


@settings(max_examples=300, deadline=None)
@given(st.lists(FOUND, max_size=16))
def test_inputs_are_sorted_and_kept_once_as_in_memory(found: list[Found]) -> None:
    table = InputTable()
    with identities_by_path():
        for display, index, ident in found:
            table.add(display, display, f"/f/{ident}/{display}", None, index)
        skipped = table.settle()
    kept = [(item.display, item.path.split("/")[2]) for item in table]
    assert len(table) == len(kept)
    expected_kept, expected_skipped = once_in_memory(found)
    assert kept == expected_kept
    assert sorted((p.path, p.message.en.split("as ")[1].split(", ")[0]) for p in skipped) == (
        expected_skipped
    )
    table.close()


def _python_peak(count: int) -> int:
    """Peak Python allocations while ``count`` inputs go through the table (bytes)."""
    tracemalloc.start()
    table = InputTable()
    for number in range(count):
        table.add(f"in/{number:07d}.yaml", f"{number:07d}.yaml", f"/nonexistent/{number:07d}")
    table.settle()
    table.plan_reports(".json")
    assert sum(1 for _ in table) == count
    table.close()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_does_not_grow_with_the_number_of_inputs() -> None:
    small, large = _python_peak(5_000), _python_peak(40_000)
    # In memory, 35,000 more inputs were about 10 MiB more (about 300 bytes each).
    assert large - small < 256 * 1024, (small, large)


@pytest.mark.parametrize(
    ("table", "flush", "stopped"),
    [(inputs_module, 2048, False), (latest_module, 2048, False), (latest_module, 16, True)],
)
def test_a_full_scratch_disk_is_a_clear_error_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: ModuleType, flush: int, stopped: bool
) -> None:
    """The input list fills up while the inputs are found; the table of the latest submissions
    when the summary is made, or, written in smaller steps, while the files are checked (the run
    then stops as on a full disk). Each time: what failed, what to do, exit 2."""
    example = (EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml").read_bytes()
    (tmp_path / "in").mkdir()
    for number in range(400):
        (tmp_path / "in" / f"s{number:03d}.yaml").write_bytes(example)
    monkeypatch.setattr(table, "_SCHEMA", (*table._SCHEMA, "PRAGMA max_page_count = 12"))
    monkeypatch.setattr(table, "FLUSH_ROWS", flush)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in"), "-q", "-j", "1"])
    assert result.exit_code == 2, result.output
    assert "cannot write the batch's scratch file: database or disk is full" in result.output
    assert "Traceback" not in result.output
    assert ("Stopped after" in result.output) is stopped
    assert ("TMPDIR" in result.output) is not stopped
