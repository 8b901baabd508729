"""Options and helpers shared by several commands."""

from __future__ import annotations

import click

from ruleset.model import Report, Severity

EXIT_HELP = (
    "Mã thoát / exit codes: 0 không có thiếu sót từ ngưỡng --fail-on trở lên / no gap at or "
    "above --fail-on; 1 có thiếu sót / gaps found; 2 không đọc được đầu vào hoặc quy tắc, sai "
    "tùy chọn / input or rules unreadable, usage error; 70 lỗi nội bộ / internal error (a bug)."
)

SEVERITY_CHOICE = click.Choice([s.value for s in Severity])
LANG_CHOICE = click.Choice(["vi", "en"])


rules_option = click.option(
    "--rules",
    "rules_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Thư mục quy tắc / rules directory (default: the bundled rule set).",
)


def gaps_exit_code(reports: list[Report], fail_on: str) -> int:
    """1 when any report has a gap of severity at or above the threshold, else 0."""
    threshold = Severity(fail_on).rank
    for report in reports:
        worst = report.worst_gap()
        if worst is not None and worst.rank >= threshold:
            return 1
    return 0
