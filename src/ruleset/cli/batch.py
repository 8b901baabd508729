"""``ruleset batch``: check many submissions; thin layer over :func:`ruleset.batch.run_batch`."""

from __future__ import annotations

import os
import sys
import time

import click

from ruleset.batch import run_batch
from ruleset.batch.run import STOP_CODES, stop_message
from ruleset.cli.common import (
    SEVERITY_CHOICE,
    Verbosity,
    as_of_option,
    lang_option,
    limits_options,
    phase,
    rules_option,
    terminal_options,
    verbosity,
)
from ruleset.cli.ruleset_choice import announce, choose_rules
from ruleset.documents.limits import Limits
from ruleset.signals import Terminated, stop_signals
from ruleset.text import Lang, Text


class ProgressLine:
    """files done / total, rate and time left, redrawn at most ten times a second on a terminal."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done != total:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        left = (total - done) / rate if rate else 0
        sys.stderr.write(f"\r{done}/{total} tệp/files  {rate:,.0f}/s  còn/left {left:,.0f}s ")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


@click.command(
    "batch",
    help="Kiểm tra hàng loạt / check many submissions: files, directories (recursive *.yaml, *.yml, "
    "*.json, *.xlsx), globs and .zip archives. One report per submission under --out, mirroring the input "
    "paths, and a summary (agency × obligation matrix, compliance per obligation, score per agency, "
    "unreadable and skipped files). --out must be new, empty or an earlier --out of batch, and "
    "outside the inputs and the rules folder.\n\nMã thoát / exit: the worst over all submissions: "
    "0 không có thiếu sót / no gap at or above --fail-on; 1 có thiếu sót / gaps; 2 có tệp không đọc "
    "được hoặc không ghi được báo cáo / a file could not be read or its report written (the others "
    "are still checked); 130 Ctrl-C; 143 SIGTERM; 70 lỗi nội bộ / internal error (a bug).",
)
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Số tiến trình chạy song song (mặc định: số lõi) / worker processes (default: the "
    "number of cores).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục ghi các báo cáo và bản tổng hợp / where reports and the summary go.",
)
@click.option(
    "--summary",
    "summary_format",
    type=click.Choice(["json", "csv", "markdown", "html", "xlsx"]),
    default="json",
    show_default=True,
    help="Định dạng bản tổng hợp / format of the summary.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["json", "markdown", "text", "html"]),
    default="json",
    show_default=True,
    help="Định dạng báo cáo của từng tệp / format of each submission's report.",
)
@click.option(
    "--fail-on",
    type=SEVERITY_CHOICE,
    default="low",
    show_default=True,
    help="Mức độ thấp nhất khiến mã thoát là 1 / lowest gap severity that makes the exit code 1.",
)
@lang_option
@as_of_option
@limits_options
@terminal_options
def batch_command(
    paths: tuple[str, ...],
    rules_dir: str | None,
    jobs: int | None,
    out_dir: str | None,
    summary_format: str,
    report_format: str,
    fail_on: str,
    lang: Lang,
    as_of: str | None,
    limits: Limits,
) -> None:
    quiet = verbosity() is Verbosity.QUIET
    show_progress = not quiet and sys.stderr.isatty()
    choice = choose_rules()
    try:
        with stop_signals(), phase(Text("kiểm tra hàng loạt", "the batch")):
            announce(choice)
            outcome = run_batch(
                list(paths),
                choice.directory,
                jobs=jobs or os.cpu_count() or 1,
                out_dir=out_dir,
                summary_format=summary_format,
                report_format=report_format,
                fail_on=fail_on,
                lang=lang,
                limits=limits,
                as_of=as_of,
                progress=ProgressLine() if show_progress else None,
            )
    except KeyboardInterrupt as stop:  # while rules load or inputs are discovered
        reason = "terminated" if isinstance(stop, Terminated) else "interrupted"
        click.echo(stop_message(reason), err=True, nl=False)
        raise SystemExit(STOP_CODES[reason]) from None
    if outcome.stopped is not None:
        click.echo(outcome.overview, err=True, nl=False)
    elif not quiet:
        click.echo(outcome.overview, nl=False)
        for path in outcome.summary_files:
            click.echo(f"→ {path}")
    raise SystemExit(outcome.exit_code)
