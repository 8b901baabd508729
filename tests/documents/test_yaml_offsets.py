"""rapidyaml's positions beyond the differential test (tests/documents/test_fast_path.py): what
they cost a long batch."""

from __future__ import annotations

import gc
import sys
import sysconfig
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


def test_a_view_is_found_where_the_buffer_protocol_says() -> None:
    """Addresses are read from the view object itself where its layout was checked at import."""
    import ryml

    from ruleset.documents import yaml_offsets

    buffer = bytearray(TEXT.encode())
    tree = ryml.parse_in_place(buffer)
    views = [tree.key(node) for node in range(1, tree.size()) if tree.has_key(node)]
    views += [tree.val(node) for node in range(1, tree.size()) if tree.has_val(node)]
    assert len(views) >= 6
    for view in views:
        assert yaml_offsets._address(view) == yaml_offsets._buffer_address(view)
    layout = sys.implementation.name == "cpython" and sys.maxsize > 2**32
    if layout and sys.version_info < (3, 14) and not sysconfig.get_config_var("Py_GIL_DISABLED"):
        assert yaml_offsets._FIELD == 56  # the fast read is taken where it is known to hold
