"""Options and helpers shared by several commands."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

import click

from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.errors import Exit
from ruleset.model import Report, Severity
from ruleset.text import Lang, Text

EXIT_HELP = (
    "Mã thoát / exit codes: 0 không có thiếu sót từ ngưỡng --fail-on trở lên / no gap at or "
    "above --fail-on; 1 có thiếu sót / gaps found; 2 không đọc được đầu vào hoặc quy tắc, sai "
    "tùy chọn / input or rules unreadable, usage error; 70 lỗi nội bộ / internal error (a bug); "
    "batch: 130 dừng bởi Ctrl-C / stopped by Ctrl-C, 143 dừng bởi SIGTERM / stopped by SIGTERM."
)

SEVERITY_CHOICE = click.Choice([s.value for s in Severity])
fail_on_option = click.option(
    "--fail-on",
    type=SEVERITY_CHOICE,
    default="low",
    show_default=True,
    help="Mức độ thấp nhất khiến mã thoát là 1 / lowest gap severity that makes the exit code 1.",
)
text_json_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Định dạng kết quả / the output format.",
)
LANG_KEY = "ruleset.lang"  # ctx.meta: the language the user chose, for the error printer


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> Lang:
    chosen = Lang(value) if value else None
    ctx.meta[LANG_KEY] = chosen
    return chosen or Lang.VI


lang_option = click.option(
    "--lang",
    type=click.Choice([lang.value for lang in Lang]),
    default=None,
    callback=_lang,
    is_eager=True,
    help="Ngôn ngữ của báo cáo và lỗi (mặc định: tiếng Việt; lỗi bằng cả hai thứ tiếng) / "
    "language of reports and errors (default: Vietnamese; errors in both languages).",
)


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục quy tắc (mặc định: theo tệp thiết lập, rồi thư mục hiện tại nếu chứa ruleset.yaml, "
    "rồi bộ quy tắc kèm theo) / rules directory (default: the settings file's, then the current "
    "folder if it holds ruleset.yaml, then the bundled rule set).",
)


class Verbosity(Enum):
    """How much a command says on standard error besides its report."""

    QUIET = "quiet"  # nothing but errors
    NORMAL = "normal"  # which rule set, and notices
    VERBOSE = "verbose"  # also the time of each phase and the files skipped, with why


VERBOSITY_KEY = "ruleset.verbosity"  # ctx.meta: the Verbosity chosen
_TIME = Text("thời gian {what}", "time of {what}")
_BOTH = Text("-q và -v không dùng cùng nhau", "-q and -v cannot be used together")


def _verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value:
        return
    chosen = Verbosity.QUIET if param.name == "quiet" else Verbosity.VERBOSE
    if ctx.meta.get(VERBOSITY_KEY, chosen) is not chosen:
        raise click.UsageError(_BOTH.get(ctx.meta.get(LANG_KEY)), ctx)
    ctx.meta[VERBOSITY_KEY] = chosen


AGENCY_KIND_HELP = "Mã hoặc tên gọi khác của loại cơ quan / agency kind id or alias."
PROVINCE_HELP = (
    "Mã hoặc tên tỉnh, hoặc 'national' (toàn quốc) / province id or name, or 'national'."
)
HELP_HELP = "Hiện trợ giúp này rồi thoát / show this help and exit."
help_option = click.help_option("-h", "--help", help=HELP_HELP)


def terminal_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``-q/--quiet`` and ``-v/--verbose`` (read with :func:`verbosity`) and ``-h/--help`` in both
    languages: the same on every command."""
    quiet = click.option(
        "--quiet",
        "-q",
        is_flag=True,
        expose_value=False,
        callback=_verbosity,
        help="Im lặng: chỉ báo cáo và lỗi, không thông báo, tiến độ hay tóm tắt trên stderr / "
        "quiet: the report and errors only, no notice, progress or summary.",
    )
    verbose = click.option(
        "--verbose",
        "-v",
        is_flag=True,
        expose_value=False,
        callback=_verbosity,
        help="Chi tiết: bộ quy tắc, thời gian từng bước, tệp bị bỏ qua và lý do / verbose: the "
        "rule set, the time of each phase, files skipped and why.",
    )
    return help_option(quiet(verbose(func)))


def verbosity() -> Verbosity:
    """The verbosity chosen for the command running (normal outside a command)."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get(VERBOSITY_KEY) if ctx is not None else None
    return chosen if isinstance(chosen, Verbosity) else Verbosity.NORMAL


def _chosen_lang() -> Lang | None:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(LANG_KEY) if ctx is not None else None


def _line(parts: tuple[Text | str, ...]) -> str:
    """Words in the language chosen, each part on its own: a path is not repeated for each."""
    lang = _chosen_lang()
    return "".join(part.get(lang) if isinstance(part, Text) else part for part in parts)


def notice(*parts: Text | str) -> None:
    """One line on standard error when a person watches it (a terminal) or with --verbose; never
    with --quiet, and never mixed into a report on stdout. Pipes and CI logs stay as they were:
    the reports themselves name the rule set's version and digest."""
    if notice_shown():
        click.echo(_line(parts), err=True)


def notice_shown() -> bool:
    """Whether :func:`notice` prints: with --verbose, or on a terminal unless --quiet."""
    chosen = verbosity()
    return chosen is Verbosity.VERBOSE or (chosen is Verbosity.NORMAL and sys.stderr.isatty())


def detail(*parts: Text | str) -> None:
    """One line on standard error with --verbose only."""
    if verbosity() is Verbosity.VERBOSE:
        click.echo(_line(parts), err=True)


@contextmanager
def phase(label: Text) -> Iterator[None]:
    """Times what runs inside, and says how long it took with --verbose."""
    started = time.perf_counter()
    yield
    elapsed = (time.perf_counter() - started) * 1000
    detail("  ", _TIME.format(what=label), f": {elapsed:,.0f} ms")


def use_colour(chosen: bool | None) -> bool:
    """--color/--no-color first, then NO_COLOR and FORCE_COLOR (no-color.org), then a terminal."""
    if chosen is not None:
        return chosen
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def gaps_exit_code(reports: list[Report], fail_on: str) -> Exit:
    """1 when any report has a gap of severity at or above the threshold, else 0."""
    threshold = Severity(fail_on).rank
    for report in reports:
        worst = report.worst_gap()
        if worst is not None and worst.rank >= threshold:
            return Exit.GAPS
    return Exit.OK


# The bounds of each input limit, for the options and for the settings file alike.
LIMIT_RANGES: dict[str, tuple[int, int | None]] = {
    "max_bytes": (1, None),
    "max_depth": (1, 10_000),
    "max_nodes": (1, None),
    "max_aliases": (0, None),
    "max_string": (1, None),
}
_LIMIT_HELP = {
    "max_bytes": "Tệp đầu vào lớn nhất, tính bằng byte / largest input file, in bytes.",
    "max_depth": "Độ lồng sâu nhất của bảng và danh sách / deepest nesting of mappings and lists.",
    "max_nodes": "Số giá trị nhiều nhất trong một tài liệu, kể cả khi bí danh được mở rộng / "
    "most values in one document, alias expansions included.",
    "max_aliases": "Số lần dùng bí danh (*tên) nhiều nhất trong một tài liệu YAML / "
    "most alias uses (*name) in one YAML document.",
    "max_string": "Chuỗi dài nhất, tính bằng ký tự / longest string, in characters.",
}
_LIMIT_OPTIONS = [
    click.option(
        "--" + name.replace("_", "-"),
        type=click.IntRange(low, high),
        default=getattr(DEFAULT_LIMITS, name),
        show_default=True,
        help=_LIMIT_HELP[name],
    )
    for name, (low, high) in LIMIT_RANGES.items()
]


def limits_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the input-limit options and pass them to the command as one ``limits`` argument."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        max_bytes: int,
        max_depth: int,
        max_nodes: int,
        max_aliases: int,
        max_string: int,
        **kwargs: Any,
    ) -> Any:
        limits = Limits(
            max_bytes=max_bytes,
            max_depth=max_depth,
            max_nodes=max_nodes,
            max_aliases=max_aliases,
            max_string=max_string,
        )
        return func(*args, limits=limits, **kwargs)

    for option in reversed(_LIMIT_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


def _as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


as_of_option = click.option(
    "--as-of",
    "as_of",
    default=None,
    callback=_as_of,
    metavar="DATE",
    help="Chấm theo quy tắc có hiệu lực ngày này / judge by the rules in force on this day "
    "(default: by the reporting period).",
)


def ci_format(default: str) -> str:
    """The format when none is given: GitHub workflow commands inside GitHub Actions (which sets
    GITHUB_ACTIONS=true), so a job's findings become annotations with no option to learn."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else default
