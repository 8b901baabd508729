"""Check one input inside a worker: rules are loaded once per process, never per submission."""

from __future__ import annotations

import os
import signal
import zipfile
from dataclasses import dataclass

from ruleset.batch.discover import BatchInput
from ruleset.documents.limits import Limits
from ruleset.documents.textio import read_bytes
from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.output import write_atomically
from ruleset.reporters import render
from ruleset.reporters.json_report import render_json_compact
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Text

REPORT_SUFFIX = {"json": ".json", "markdown": ".md", "text": ".txt", "html": ".html"}


@dataclass(frozen=True)
class WorkerConfig:
    rules_dir: str
    out_dir: str | None
    fmt: str
    lang: str
    limits: Limits
    as_of: str | None = None


@dataclass(frozen=True)
class ItemResult:
    """What the summary needs of one submission; the report itself is already on disk."""

    display: str
    error: str | None = None
    agency_id: str = ""
    agency_name: str = ""
    agency_kind: str = ""
    province: str = ""
    period_start: str = ""
    period_end: str = ""
    score: float | None = None
    worst_gap_rank: int = 0  # 0: no gap; else Severity.rank + 1
    statuses: tuple[tuple[str, str], ...] = ()  # (rule id, status) for each rule that binds it
    report: str | None = None  # its report's path under --out, "/"-separated (dashboard links)


_state: dict[str, object] = {}


def init_worker(
    config: WorkerConfig, rule_set: RuleSet | None = None, ignore_interrupt: bool = True
) -> None:
    """Load and compile the rules once for this process; Ctrl-C is the parent's to handle."""
    if ignore_interrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state["config"] = config
    _state["rules"] = rule_set if rule_set is not None else load_rule_set(config.rules_dir)


def report_path(out_dir: str, item: BatchInput, fmt: str) -> str:
    return os.path.join(out_dir, *item.relative.split("/")) + REPORT_SUFFIX[fmt]


def _read(item: BatchInput, limits: Limits) -> bytes:
    if item.member is None:
        return read_bytes(item.path, limits)
    try:
        with zipfile.ZipFile(item.path) as archive, archive.open(item.member) as stream:
            data = stream.read(limits.max_bytes + 1)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise InputError.at(
            item.display, Text("không đọc được trong zip", f"cannot read from archive: {exc}")
        ) from None
    if len(data) > limits.max_bytes:
        raise InputError.at(
            item.display, Text("tệp quá lớn", f"file too large (limit {limits.max_bytes} bytes)")
        )
    return data


def check_one(item: BatchInput) -> ItemResult:
    """Check one submission and write its report; a bad file becomes a result, never an exception."""
    config = _state["config"]
    rule_set = _state["rules"]
    assert isinstance(config, WorkerConfig) and isinstance(rule_set, RuleSet)
    try:
        data = _read(item, config.limits)
        submission = parse_submission(data, item.display, rule_set, config.limits)
        report = check_submission(rule_set, submission, as_of=config.as_of)
        if config.out_dir is not None:
            target = report_path(config.out_dir, item, config.fmt)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            inputs = (item.path,) if item.member is None else ()
            text = (
                render_json_compact(report, config.lang)
                if config.fmt == "json"
                else render(report, config.fmt, config.lang)
            )
            write_atomically(target, text, inputs=inputs, durable=False)
    except InputError as error:
        return ItemResult(item.display, error=str(error))
    worst = report.worst_gap()
    return ItemResult(
        display=item.display,
        agency_id=report.agency.id,
        agency_name=report.agency.name,
        agency_kind=report.agency.kind,
        province=report.agency.province,
        period_start=report.period_start,
        period_end=report.period_end,
        score=report.score(),
        worst_gap_rank=0 if worst is None else worst.rank + 1,
        statuses=tuple((r.rule.id, r.status.value) for r in report.obligations),
        report=None if config.out_dir is None else item.relative + REPORT_SUFFIX[config.fmt],
    )


def check_chunk(items: list[BatchInput]) -> list[ItemResult]:
    return [check_one(item) for item in items]
