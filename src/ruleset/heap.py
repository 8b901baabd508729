"""Keep the cyclic garbage collector out of the way of a run's long-lived objects.

Checking a submission allocates thousands of short-lived containers (parsed nodes, findings,
report dicts), almost none in reference cycles: reference counting frees them. With CPython's
default threshold (a young collection every 700 net allocations, older ones every 10 of those)
the collector ran about once per document in a batch, and its older collections walked the whole
compiled rule set again (thousands of closures, patterns and dataclasses) each time: measured on
10,000 generated documents with ``--jobs 1``, 7,672 collections, 1.29 s of 15.3 s of CPU.
Once the rules are loaded, ``gc.freeze()`` moves everything alive into a permanent generation
that no collection walks, and the young threshold is raised so that a collection runs every few
documents: 123 collections, 0.05 s, and the same peak RSS (48 MiB at 10,000 documents; the
collector still runs, so garbage in cycles is still freed; benchmarks/run.py prints peak RSS per
count). At start-up the same threshold spares collections over what importing creates.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Net container allocations between two young collections (CPython's default: 700). Measured
# with gc callbacks on 2,000 documents: 5,000 and more all bring the collector's time to ~0.
YOUNG_THRESHOLD = 20_000


def start() -> None:
    """Collect less often from now on: what a command creates while it starts lives to its end."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, young), middle, old)


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Around loading the rule set: nothing it builds is garbage, so no collection runs meanwhile
    (from the cache, the build allocates enough for dozens of them, ~14 ms of ``check``); after,
    :func:`settle`."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        settle()
        if enabled:
            gc.enable()


def settle() -> None:
    """Freeze what exists now (the rule set, the imported modules) out of every later collection,
    and collect less often; call once, after the rules are loaded, before the per-document work."""
    gc.freeze()  # no gc.collect() first: over everything the rules made it cost ~20 ms, for
    start()  # the little garbage that start-up leaves
