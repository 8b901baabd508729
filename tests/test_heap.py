"""The collector is tuned around the rule set's load, and left as it was found otherwise."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from ruleset import heap


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    (gc.enable if enabled else gc.disable)()


def test_loading_freezes_what_it_built_and_collects_less_often() -> None:
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    built: list[object] = []
    with heap.loading():
        assert not gc.isenabled(), "no collection while the rules are built"
        built.extend([i] for i in range(1000))
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)
    assert gc.get_threshold() == (heap.YOUNG_THRESHOLD, 10, 10)


def test_loading_that_fails_leaves_the_collector_running() -> None:
    with pytest.raises(RuntimeError), heap.loading():
        raise RuntimeError("the rules did not load")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with heap.loading():
        pass
    assert not gc.isenabled()


def test_start_never_lowers_a_higher_threshold() -> None:
    gc.set_threshold(10 * heap.YOUNG_THRESHOLD, 5, 5)
    heap.start()
    assert gc.get_threshold() == (10 * heap.YOUNG_THRESHOLD, 5, 5)
