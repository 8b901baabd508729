"""The summary's rows read back from the spool equal what was written, whichever encoder wrote."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.batch import spool as spool_module
from ruleset.batch.spool import RowSpool

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)  # beyond 64 bits too
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),  # lone surrogates too
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
ROWS = st.lists(st.dictionaries(st.text(max_size=8), VALUES, max_size=4), max_size=6)


@pytest.mark.parametrize("with_orjson", [True, False])
@settings(max_examples=150, deadline=None)
@given(rows=ROWS)
def test_rows_read_back_as_written(with_orjson: bool, rows: list[dict[str, Any]]) -> None:
    saved = spool_module.orjson
    if not with_orjson:
        spool_module.orjson = None
    try:
        spool = RowSpool(None)
        for row in rows:
            spool.write(row)
        assert list(spool) == rows
        assert list(spool) == rows  # read again: the summary reads the rows more than once
        spool.write({"after": 1})
        assert list(spool) == [*rows, {"after": 1}]
        spool.close()
    finally:
        spool_module.orjson = saved
