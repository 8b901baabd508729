"""Drive a batch: a bounded window of chunks in flight, results consumed in input order.

Order never depends on ``jobs``; memory does not grow with the batch (only ``window`` chunks are
in flight and the aggregator spools rows to disk). Ctrl-C or a dead worker stops the run, removes
any half-written temporary file, and the outcome says how many files were fully done.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ruleset.batch.aggregate import Aggregator
from ruleset.batch.discover import BatchInput, discover
from ruleset.batch.work import ItemResult, WorkerConfig, check_chunk, init_worker
from ruleset.documents.limits import Limits
from ruleset.model import Severity
from ruleset.rules.load import load_rule_set

EXIT_INTERRUPTED = 130
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchOutcome:
    total: int
    done: int
    exit_code: int
    overview: str
    summary_files: tuple[str, ...]
    stopped: str | None = None  # why the run stopped early, if it did


def _chunks(items: tuple[BatchInput, ...], size: int) -> Iterator[list[BatchInput]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _results_in_process(
    config: WorkerConfig, items: tuple[BatchInput, ...], rule_set: object
) -> Iterator[ItemResult]:
    init_worker(config, rule_set, ignore_interrupt=False)  # type: ignore[arg-type]
    for chunk in _chunks(items, 1):
        yield from check_chunk(chunk)


def _results_in_pool(
    config: WorkerConfig, items: tuple[BatchInput, ...], jobs: int
) -> Iterator[ItemResult]:
    size = max(1, min(32, len(items) // (jobs * 8) or 1))
    window = jobs * 4
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(config,))
    pending: deque[Future[list[ItemResult]]] = deque()
    chunks = _chunks(items, size)
    try:
        for chunk in chunks:
            pending.append(executor.submit(check_chunk, chunk))
            if len(pending) >= window:
                break
        while pending:
            results = pending.popleft().result()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                pending.append(executor.submit(check_chunk, next_chunk))
            yield from results
        executor.shutdown(wait=True)
    except BaseException:
        for future in pending:
            future.cancel()
        for process in list(getattr(executor, "_processes", {}).values()):
            process.terminate()
        executor.shutdown(wait=True, cancel_futures=True)
        raise


def remove_temporaries(out_dir: str) -> int:
    """Delete the temporary files an interrupted writer may leave (never a finished report)."""
    removed = 0
    for directory, _, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".ruleset-") and name.endswith(".tmp"):
                os.unlink(os.path.join(directory, name))
                removed += 1
    return removed


def run_batch(
    paths: list[str],
    rules_dir: str,
    *,
    jobs: int = 1,
    out_dir: str | None = None,
    summary_format: str = "json",
    report_format: str = "json",
    fail_on: str = "low",
    lang: str = "vi",
    limits: Limits | None = None,
    as_of: str | None = None,
    progress: Progress | None = None,
) -> BatchOutcome:
    """Check every submission the paths name; returns the outcome, never prints."""
    limits = limits or Limits()
    rule_set = load_rule_set(rules_dir)
    found = discover(paths, limits)
    if out_dir is not None:
        os.makedirs(out_dir, exist_ok=True)
    config = WorkerConfig(rules_dir, out_dir, report_format, lang, limits, as_of)
    aggregator = Aggregator(rule_set, Severity(fail_on).rank, out_dir)
    for problem in found.refused:
        aggregator.add(ItemResult(problem.path, error=problem.render()))
    total = len(found.inputs)
    done = 0
    stopped = None
    try:
        results = (
            _results_in_process(config, found.inputs, rule_set)
            if jobs <= 1 or total <= 1
            else _results_in_pool(config, found.inputs, jobs)
        )
        for result in results:
            aggregator.add(result)
            done += 1
            if progress is not None:
                progress(done, total)
    except KeyboardInterrupt:
        stopped = "interrupted"
    except BrokenProcessPool:
        stopped = "worker died"
    if stopped is not None:
        if out_dir is not None:
            remove_temporaries(out_dir)
        aggregator.close()
        code = EXIT_INTERRUPTED if stopped == "interrupted" else 2
        message = (
            f"Đã dừng sau {done}/{total} tệp ({'bị ngắt' if code == EXIT_INTERRUPTED else 'tiến trình con bị dừng'}); "
            f"báo cáo của {done} tệp đã ghi đầy đủ, không có báo cáo dở dang, không ghi tổng hợp.\n"
            f"Stopped after {done} of {total} files ({stopped}); the reports of those {done} files are "
            f"complete, no partial report was left, no summary was written.\n"
        )
        return BatchOutcome(total, done, code, message, (), stopped)
    files: list[str] = []
    if out_dir is not None:
        files = aggregator.write(out_dir, summary_format, lang)
    overview = aggregator.render_overview()
    code = aggregator.exit_code
    aggregator.close()
    return BatchOutcome(total, done, code, overview, tuple(files))
