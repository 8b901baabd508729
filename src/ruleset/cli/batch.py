"""``ruleset batch``: check many submissions; thin layer over :func:`ruleset.batch.run_batch`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ruleset.batch import run_batch
from ruleset.batch.aggregate import PRINTED_SUMMARIES, SUMMARY_FORMATS
from ruleset.batch.run import STOP_CODES, stop_message
from ruleset.batch.work import REPORT_SUFFIX
from ruleset.cli.common import (
    LANG_KEY,
    Verbosity,
    as_of_option,
    ci_format,
    fail_on_option,
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

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


class Progress:
    """click's progress bar on stderr: files done of all, percent and time left.

    It appears at the first file done, not before: the workers' start (each loads the rules) is
    then not taken for time per file, and the time left, shown once a second of work has been
    measured, is the rate of the files themselves.
    """

    def __init__(self) -> None:
        self.bar: ProgressBar[int] | None = None
        self.shown = 0  # files the bar has been told about
        self.step = 1

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label="tệp/files", file=sys.stderr, show_pos=True
            )
            self.step = max(1, total // 500)  # redrawn a few hundred times at most
        if done - self.shown >= self.step or done == total:
            self.bar.update(done - self.shown)
            self.shown = done
        if done == total:
            self.close()

    def close(self) -> None:
        """End the line, so that what is printed next (the summary, a stop) starts on its own."""
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None


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
    help="Số tiến trình con (mặc định: số lõi đang rảnh, 1 khi máy bận hoặc lô nhỏ) / worker "
    "processes (default: the cores other programs leave free, 1 when the machine is busy or the "
    "batch is small).",
)
@click.option(
    "--jsonl",
    type=click.Path(dir_okay=False),
    default=None,
    help="Ghi mọi kết quả vào một tệp JSON Lines, mỗi tệp đầu vào một dòng, thay cho một báo cáo "
    "mỗi tệp / write every outcome to one JSON Lines file, one line per input (the JSON report, "
    "or the error), instead of one report file each; never a half line, even when interrupted.",
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
    "summary_formats",
    type=click.Choice(sorted([*SUMMARY_FORMATS, *PRINTED_SUMMARIES])),
    multiple=True,
    help="Tổng hợp, có thể lặp lại (mặc định json; thêm github khi GITHUB_ACTIONS=true): ghi vào "
    "--out; github in lệnh GitHub Actions ra stdout / summary, repeatable (default json; github "
    "added when GITHUB_ACTIONS=true): written to --out (summary.json, .csv, .md, .html, .xlsx, "
    ".sarif, .junit.xml); github prints workflow commands on stdout, with or without --out.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice(sorted(REPORT_SUFFIX)),
    default="json",
    show_default=True,
    help="Định dạng báo cáo của từng tệp / format of each submission's report.",
)
@fail_on_option
@lang_option
@as_of_option
@limits_options
@terminal_options
def batch_command(
    paths: tuple[str, ...],
    rules_dir: str | None,
    jobs: int | None,
    out_dir: str | None,
    summary_formats: tuple[str, ...],
    report_format: str,
    fail_on: str,
    lang: Lang,
    as_of: str | None,
    limits: Limits,
    jsonl: str | None,
) -> None:
    quiet = verbosity() is Verbosity.QUIET
    progress = Progress() if not quiet and sys.stderr.isatty() else None
    choice = choose_rules()
    summaries = summary_formats or tuple(dict.fromkeys(("json", ci_format("json"))))
    chosen = click.get_current_context().meta.get(LANG_KEY)  # CI summaries: both unless --lang
    try:
        with stop_signals(), phase(Text("kiểm tra hàng loạt", "the batch")):
            announce(choice)
            outcome = run_batch(
                list(paths),
                choice.directory,
                jobs=jobs,
                out_dir=out_dir,
                summary_format=summaries,
                report_format=report_format,
                fail_on=fail_on,
                lang=chosen,
                limits=limits,
                as_of=as_of,
                progress=progress,
                emit=lambda chunk: click.echo(chunk, nl=False),
                jsonl=jsonl,
                overview=not quiet,
            )
    except KeyboardInterrupt as stop:  # while rules load or inputs are discovered
        if progress is not None:
            progress.close()
        reason = "terminated" if isinstance(stop, Terminated) else "interrupted"
        click.echo(stop_message(reason), err=True, nl=False)
        raise SystemExit(STOP_CODES[reason]) from None
    if progress is not None:
        progress.close()
    if outcome.stopped is not None:
        click.echo(outcome.overview, err=True, nl=False)
    elif not quiet:
        click.echo(outcome.overview, nl=False)
        for path in outcome.summary_files:
            click.echo(f"→ {path}")
    if outcome.failure:
        click.echo(outcome.failure, err=True, nl=False)
    raise SystemExit(outcome.exit_code)
