"""Options and helpers shared by several commands."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.errors import Exit
from ruleset.model import Report, Severity
from ruleset.text import Lang

EXIT_HELP = (
    "Mã thoát / exit codes: 0 không có thiếu sót từ ngưỡng --fail-on trở lên / no gap at or "
    "above --fail-on; 1 có thiếu sót / gaps found; 2 không đọc được đầu vào hoặc quy tắc, sai "
    "tùy chọn / input or rules unreadable, usage error; 70 lỗi nội bộ / internal error (a bug); "
    "batch: 130 dừng bởi Ctrl-C / stopped by Ctrl-C, 143 dừng bởi SIGTERM / stopped by SIGTERM."
)

SEVERITY_CHOICE = click.Choice([s.value for s in Severity])
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
    help="Thư mục quy tắc / rules directory (default: the bundled rule set).",
)


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


_LIMIT_OPTIONS = [
    click.option(
        "--max-bytes",
        type=click.IntRange(1),
        default=DEFAULT_LIMITS.max_bytes,
        show_default=True,
        help="Largest input file, in bytes.",
    ),
    click.option(
        "--max-depth",
        type=click.IntRange(1, 10_000),
        default=DEFAULT_LIMITS.max_depth,
        show_default=True,
        help="Deepest nesting of mappings and lists.",
    ),
    click.option(
        "--max-nodes",
        type=click.IntRange(1),
        default=DEFAULT_LIMITS.max_nodes,
        show_default=True,
        help="Most values in one document, alias expansions included.",
    ),
    click.option(
        "--max-aliases",
        type=click.IntRange(0),
        default=DEFAULT_LIMITS.max_aliases,
        show_default=True,
        help="Most alias uses (*name) in one YAML document.",
    ),
    click.option(
        "--max-string",
        type=click.IntRange(1),
        default=DEFAULT_LIMITS.max_string,
        show_default=True,
        help="Longest string, in characters.",
    ),
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
