"""Fixtures for the readers' tests."""

from __future__ import annotations

import pytest

from ruleset.documents import read


@pytest.fixture
def warm_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_bytes takes the fast path, as a process does once it has read enough documents
    (ruleset.warmup): the tests compare what it reads with the exact readers."""
    monkeypatch.setattr(read.FAST_PATH, "uses", read.FAST_PATH.after)
