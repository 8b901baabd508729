"""``ruleset batch``: check many submissions; thin layer over :func:`ruleset.batch.run_batch`."""

from __future__ import annotations

import os
import sys
import time

import click

from ruleset.batch import run_batch
from ruleset.cli.common import (
    LANG_CHOICE,
    SEVERITY_CHOICE,
    as_of_option,
    limits_options,
    rules_option,
)
from ruleset.documents.limits import Limits
from ruleset.rules.ruleset import bundled_rules_dir


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
    "unreadable files).\n\nExit: the worst over all submissions: 0 no gap at or above --fail-on, "
    "1 gaps, 2 a file could not be read or checked (the others are still checked), 130 interrupted.",
)
@click.argument("paths", nargs=-1, required=True)
@rules_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes (default: the number of cores).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where reports and the summary go.",
)
@click.option(
    "--summary",
    "summary_format",
    type=click.Choice(["json", "csv", "markdown", "xlsx"]),
    default="json",
    show_default=True,
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(["json", "markdown", "text"]),
    default="json",
    show_default=True,
)
@click.option("--fail-on", type=SEVERITY_CHOICE, default="low", show_default=True)
@click.option("--lang", type=LANG_CHOICE, default="vi", show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress line and no printed summary.")
@as_of_option
@limits_options
def batch_command(
    paths: tuple[str, ...],
    rules_dir: str | None,
    jobs: int | None,
    out_dir: str | None,
    summary_format: str,
    report_format: str,
    fail_on: str,
    lang: str,
    quiet: bool,
    as_of: str | None,
    limits: Limits,
) -> None:
    show_progress = not quiet and sys.stderr.isatty()
    outcome = run_batch(
        list(paths),
        rules_dir or bundled_rules_dir(),
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
    if outcome.stopped is not None:
        click.echo(outcome.overview, err=True, nl=False)
    elif not quiet:
        click.echo(outcome.overview, nl=False)
        for path in outcome.summary_files:
            click.echo(f"→ {path}")
    raise SystemExit(outcome.exit_code)
