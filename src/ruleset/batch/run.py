"""Drive a batch: a bounded window of chunks in flight, results consumed in input order.

Order never depends on ``jobs``; memory does not grow with the batch (only ``window`` chunks are
in flight and the aggregator spools rows to disk). Ctrl-C, SIGTERM or a dead worker stops the run:
workers are ended, half-written temporary files removed, and the outcome says how many files were
fully done (exit 130, 143 or 2).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ruleset import heap
from ruleset.batch.aggregate import CI_SUMMARIES, PRINTED_SUMMARIES, Aggregator
from ruleset.batch.discover import Discovery, discover
from ruleset.batch.inputs import BatchInput
from ruleset.batch.jsonl import JsonlSink, error_line, skipped_line
from ruleset.batch.paths import check_out_place, claim_out
from ruleset.batch.tables import overview as summary_overview
from ruleset.batch.work import (
    REPORT_SUFFIX,
    ItemResult,
    WorkerConfig,
    check_chunk,
    check_run,
    close_archive,
    init_worker,
)
from ruleset.documents.limits import Limits
from ruleset.errors import Exit, InputError
from ruleset.model import Severity
from ruleset.rules.load import load_rule_set
from ruleset.signals import Terminated
from ruleset.text import Lang

STOP_CODES = {"interrupted": Exit.INTERRUPTED, "terminated": Exit.TERMINATED}
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BatchOutcome:
    total: int
    done: int
    exit_code: Exit
    overview: str
    summary_files: tuple[str, ...]
    stopped: str | None = None  # why the run stopped early, if it did
    failure: str = ""  # why the summary was not written, if it was not: said even with --quiet


Outcome = tuple[BatchInput, ItemResult]  # an input and what checking it gave


# Inputs checked stage by stage at a time (see check_run), in this process or a worker's chunk:
# the gain levels off from ~25.
RUN_SIZE = 32


def _chunks(items: Iterable[BatchInput], size: int) -> Iterator[list[BatchInput]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _results_in_process(
    config: WorkerConfig, items: Iterable[BatchInput], rule_set: object
) -> Generator[Outcome, None, None]:
    init_worker(config, rule_set, ignore_interrupt=False)  # type: ignore[arg-type]
    try:
        for chunk in _chunks(items, RUN_SIZE):
            yield from zip(chunk, check_run(chunk), strict=True)
    finally:
        close_archive()


def _results_in_pool(
    config: WorkerConfig, items: Iterable[BatchInput], total: int, jobs: int
) -> Generator[Outcome, None, None]:
    size = max(1, min(RUN_SIZE, total // (jobs * 8) or 1))
    window = jobs * 4
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(config,))
    pending: deque[tuple[list[BatchInput], Future[list[ItemResult]]]] = deque()
    chunks = _chunks(items, size)
    try:
        for chunk in chunks:
            pending.append((chunk, executor.submit(check_chunk, chunk)))
            if len(pending) >= window:
                break
        while pending:
            chunk, future = pending.popleft()
            results = future.result()
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                pending.append((next_chunk, executor.submit(check_chunk, next_chunk)))
            yield from zip(chunk, results, strict=True)
        executor.shutdown(wait=True)
    except BaseException:
        with _shielded():
            for _, future in pending:
                future.cancel()
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()  # workers ignore SIGINT and SIGTERM: the parent ends them
            executor.shutdown(wait=True, cancel_futures=True)
        raise


def remove_temporaries(out_dir: str) -> int:
    """Delete the temporary files an interrupted writer may leave (never a finished report)."""
    removed = 0
    for directory, _, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".ruleset-") and name.endswith(".tmp"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(directory, name))
                    removed += 1
    return removed


@contextlib.contextmanager
def _shielded() -> Iterator[None]:
    """Clean-up runs to its end: a second Ctrl-C or SIGTERM meanwhile is not raised."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop_message(stopped: str, done: int | None = None, total: int | None = None) -> str:
    """What was done when a batch stopped early, in both languages."""
    vi = {
        "interrupted": "bị ngắt",
        "terminated": "nhận SIGTERM",
        "worker died": "tiến trình con bị dừng",
    }.get(stopped, stopped)
    if done is None:  # before the first file, or while the summary was being written
        return (
            f"Đã dừng ({vi}) trước khi kiểm tệp đầu tiên hoặc khi đang ghi tổng hợp; không có tệp dở "
            f"dang, không ghi tổng hợp.\nStopped ({stopped}) before the first file was checked or "
            f"while the summary was written; no partial file was left, no summary was written.\n"
        )
    return (
        f"Đã dừng sau {done}/{total} tệp ({vi}); "
        f"báo cáo của {done} tệp đã ghi đầy đủ, không có báo cáo dở dang, không ghi tổng hợp.\n"
        f"Stopped after {done} of {total} files ({stopped}); the reports of those {done} files are "
        f"complete, no partial report was left, no summary was written.\n"
    )


def _plan(
    found: Discovery, out_dir: str | None, rules_dir: str, report_format: str, reports: bool
) -> Discovery:
    """Decide every report path (when ``reports``: one file each), and claim --out, before
    anything is written."""
    if reports:
        found.inputs.plan_reports(REPORT_SUFFIX[report_format])
    if out_dir is not None:
        check_out_place(out_dir, found.trees, found.inputs.paths(loose_only=True), rules_dir)
        claim_out(out_dir)
    return found


FILES_PER_WORKER_START = 100  # a worker's start (imports, rules) costs about as much as 100 files


def usable_cores() -> int:
    """The cores this process may run on (its affinity), not all the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def default_jobs(total: int, cores: int, busy: float) -> int:
    """Workers when ``--jobs`` is not given: one per core that is free, none for a small batch.

    ``busy`` is how many cores other programs keep busy (:func:`machine_load`). Measured on 2
    cores (benchmarks/run.py, 2,000 documents): idle, ``--jobs 2`` ran 1.7x ``--jobs 1``; with the
    other core taken by someone else it ran 0.75-1.1x, since the main process (which receives
    every result, folds the summary, writes the JSON lines) then fights the workers for one core.
    So the default takes the cores left free, and 1 when none is: never slower than ``--jobs 1``.
    A batch too small to repay starting the workers is checked in-process.
    """
    free = max(1, round(cores - busy))
    return max(1, min(cores, free, total // FILES_PER_WORKER_START))


def machine_load(window: float = 0.1) -> float:
    """How many cores other programs keep busy now: the share of time the machine's CPUs were not
    idle over a short window (/proc/stat), times the cores. The 1-minute load average, where
    there is no /proc/stat, lags: just after a run of our own it still counts that run."""
    try:
        before = _cpu_times()
        time.sleep(window)
        after = _cpu_times()
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):
            return 0.0
    busy = (after[0] - before[0]) / max(after[1] - before[1], 1)
    return busy * (os.cpu_count() or 1)


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def run_batch(
    paths: list[str],
    rules_dir: str,
    *,
    jobs: int | None = 1,
    out_dir: str | None = None,
    summary_format: str | Sequence[str] = "json",
    report_format: str = "json",
    fail_on: str = "low",
    lang: str | None = "vi",
    limits: Limits | None = None,
    as_of: str | None = None,
    progress: Progress | None = None,
    emit: Callable[[str], None] | None = None,
    jsonl: str | None = None,
    overview: bool = True,
) -> BatchOutcome:
    """Check every submission the paths name; returns the outcome. Prints nothing itself: a
    summary that goes to stdout (GitHub workflow commands) is given to ``emit``. ``lang`` None:
    none was chosen (reports in Vietnamese, CI summaries in both languages). ``jobs=None``
    chooses (:func:`default_jobs`). With ``jsonl``, every outcome is a line of that file instead
    of a report file of its own. ``overview`` False: nobody will read the terminal's summary
    (``--quiet``), so it is not made (one more pass over every row)."""
    formats = (summary_format,) if isinstance(summary_format, str) else tuple(summary_format)
    chosen = Lang(lang) if lang else None
    lang = (chosen or Lang.VI).value
    ci = any(fmt in CI_SUMMARIES for fmt in formats)
    limits = limits or Limits()
    with heap.loading():  # this process too keeps the rule set to its end
        rule_set = load_rule_set(rules_dir)
    reports = out_dir is not None and jsonl is None  # one report file per input
    found = discover(paths, limits, reports)
    with contextlib.closing(found.inputs):  # its scratch database, whatever happens
        found = _plan(found, out_dir, rules_dir, report_format, reports)
        sink = (
            JsonlSink.open(
                jsonl,
                trees=found.trees,
                inputs=found.inputs.paths(),
                rules_dir=rules_dir,
                out_dir=out_dir,
            )
            if jsonl is not None
            else None
        )
        config = WorkerConfig(
            rules_dir, out_dir, report_format, lang, limits, as_of, ci, jsonl=sink is not None
        )
        aggregator = Aggregator(rule_set, Severity(fail_on), out_dir, ci)
        total = len(found.inputs)
        jobs = (
            jobs
            if jobs is not None
            else default_jobs(
                total,
                usable_cores(),
                machine_load() if total >= 2 * FILES_PER_WORKER_START else 0.0,
            )
        )
        done, stopped = _check_all(found, config, rule_set, aggregator, sink, jobs, progress)
        if stopped is not None:
            with _shielded():
                if out_dir is not None:
                    remove_temporaries(out_dir)
                aggregator.close()
            code = STOP_CODES.get(stopped, Exit.INPUT)
            return BatchOutcome(total, done, code, stop_message(stopped, done, total), (), stopped)
        files: list[str] = []
        text = summary_overview(aggregator, Lang(lang)) if overview else ""
        code = aggregator.exit_code
        try:
            for fmt in formats:
                if fmt in PRINTED_SUMMARIES:
                    if emit is not None:
                        aggregator.emit(fmt, chosen, emit)
                elif out_dir is not None:
                    files += aggregator.write(out_dir, fmt, chosen)
        except InputError as error:
            failure = f"{error}\nKhông ghi được tổng hợp / the summary was not written.\n"
            return BatchOutcome(total, done, Exit.INPUT, text, tuple(files), failure=failure)
        finally:
            aggregator.close()
        return BatchOutcome(total, done, code, text, tuple(files))


def _check_all(
    found: Discovery,
    config: WorkerConfig,
    rule_set: object,
    aggregator: Aggregator,
    sink: JsonlSink | None,
    jobs: int,
    progress: Progress | None,
) -> tuple[int, str | None]:
    """Fold every outcome, in input order, into the summary (and the JSON lines); returns how
    many inputs were done and why the run stopped early, if it did."""
    total, done, lang = len(found.inputs), 0, config.lang
    outcomes: Generator[Outcome, None, None] | None = None
    try:
        for problem in found.refused:
            aggregator.add(ItemResult(problem.path, error=problem.render()))
            if sink is not None:
                sink.write(error_line(InputError([problem]), lang))
        for problem in found.skipped:
            aggregator.add(ItemResult(problem.path, skipped=problem.message.get(None)))
            if sink is not None:
                sink.write(skipped_line(problem, lang))
        outcomes = (
            _results_in_process(config, found.inputs, rule_set)
            if jobs <= 1 or total <= 1
            else _results_in_pool(config, found.inputs, total, jobs)
        )
        for source, result in outcomes:
            aggregator.add(result, source)
            if sink is not None:
                sink.write(result.line)
            done += 1
            if progress is not None:
                progress(done, total)
    except Terminated:
        return done, "terminated"
    except KeyboardInterrupt:
        return done, "interrupted"
    except BrokenProcessPool:
        return done, "worker died"
    except OSError as exc:  # the spool of summary rows cannot be written (a full disk)
        return done, f"cannot write: {exc.strerror}"
    except InputError as error:  # the scratch database cannot be written (batch.scratch)
        return done, error.problems[0].message.en
    finally:
        if outcomes is not None:
            outcomes.close()  # a pool ends its workers, whatever ended the loop
        close_archive()  # one the summary's file times may have opened (Aggregator.add)
        if sink is not None:
            sink.close()
    return done, None
