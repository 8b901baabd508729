"""rapidyaml's positions beyond the differential test (tests/documents/test_fast_path.py): what
they cost a long batch."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from ruleset.documents.yaml_offsets import offsets_locator

pytest.importorskip("ryml")

TEXT = "agency:\n  id: a-1\nobligations:\n  r-1:\n    status: done\n    evidence: {}\n"


@pytest.fixture
def no_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def test_a_locator_leaves_nothing_for_the_collector(no_collector: None) -> None:
    """A batch worker collects rarely (ruleset.heap): a locator caught in a reference cycle (a
    recursive closure is one) would keep its document's tree and text alive until a collection."""
    gc.collect()
    locate = offsets_locator(TEXT)
    assert locate is not None
    assert locate("/obligations/r-1/status", False) == (5, 13)
    assert locate("/obligations/r-1/evidence/missing", True) == (6, 15)
    del locate
    assert gc.collect() == 0
