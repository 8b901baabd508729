"""``ruleset template``: a blank self-assessment for one agency kind, province and period."""

from __future__ import annotations

import datetime as dt

import click

from ruleset.cli.common import (
    AGENCY_KIND_HELP,
    PROVINCE_HELP,
    lang_option,
    rules_option,
    terminal_options,
)
from ruleset.cli.ruleset_choice import load_rules
from ruleset.errors import InputError
from ruleset.judging.submission import NATIONAL
from ruleset.output import never, write_output
from ruleset.template.yaml_form import render_json, render_yaml, template_data
from ruleset.text import Lang, Text, did_you_mean


def _date(value: str, option: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError.at(
            option,
            Text(
                f"ngày không hợp lệ (YYYY-MM-DD): '{value}'", f"not a date (YYYY-MM-DD): '{value}'"
            ),
        ) from None


@click.command(
    "template",
    help="Tạo mẫu báo cáo tự đánh giá / write a blank self-assessment holding every obligation "
    "that binds the agency kind in the province and period, each with its title and quote.",
)
@rules_option
@click.option("--agency-kind", "agency_kind", required=True, help=AGENCY_KIND_HELP)
@click.option("--province", required=True, help=PROVINCE_HELP)
@click.option(
    "--period-start",
    required=True,
    help="Ngày đầu kỳ báo cáo / first day of the period (YYYY-MM-DD).",
)
@click.option(
    "--period-end",
    required=True,
    help="Ngày cuối kỳ báo cáo / last day of the period (YYYY-MM-DD).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json", "xlsx"]),
    default="yaml",
    show_default=True,
    help="Định dạng mẫu; xlsx là sổ Excel để điền (cần --output) / the template's format; xlsx: "
    "an Excel workbook to fill in (needs --output).",
)
@lang_option
@terminal_options
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Ghi vào tệp này thay cho stdout (ghi nguyên tử; không bao giờ ghi đè tệp đã có vì nó có "
    "thể chứa câu trả lời) / write here instead of stdout (atomically; an existing file is never "
    "replaced, it may hold answers; a FIFO or /dev/stdout is written as a stream).",
)
def template_command(
    rules_dir: str | None,
    agency_kind: str,
    province: str,
    period_start: str,
    period_end: str,
    fmt: str,
    output: str | None,
    lang: Lang,
) -> None:
    rule_set = load_rules()
    kind = rule_set.agency_kinds.resolve(agency_kind)
    if kind is None:
        raise InputError.at(
            "--agency-kind",
            Text(f"không rõ loại cơ quan '{agency_kind}'", f"unknown agency kind '{agency_kind}'"),
            hint=did_you_mean(
                agency_kind,
                rule_set.agency_kinds.ids,
                Text("xem `ruleset rules kinds`", "see `ruleset rules kinds`"),
            ),
        )
    place = NATIONAL if province == NATIONAL else rule_set.provinces.resolve(province)
    if place is None:
        known = ", ".join(rule_set.provinces.ids)
        raise InputError.at(
            "--province",
            Text(
                f"không rõ tỉnh '{province}' (đã biết: {known}, national)",
                f"unknown province '{province}' (known: {known}, national)",
            ),
        )
    start, end = _date(period_start, "--period-start"), _date(period_end, "--period-end")
    if start > end:
        raise InputError.at(
            "--period-end",
            Text("kỳ báo cáo kết thúc trước khi bắt đầu", "the period ends before it starts"),
        )
    if fmt == "xlsx" and not output:
        raise InputError.at(
            "--output",
            Text("mẫu Excel cần --output TỆP.xlsx", "an Excel template needs --output FILE.xlsx"),
        )
    template = template_data(rule_set, kind, place, start, end)
    if fmt == "xlsx":
        from ruleset.template.xlsx_form import workbook_bytes  # openpyxl only when asked for

        assert output is not None
        workbook = workbook_bytes(template.data, rule_set)
        write_output(output, workbook, ours=never, protected=(rule_set.directory,))
        return
    text = render_json(template.data) if fmt == "json" else render_yaml(template, lang)
    if output:
        write_output(output, text, ours=never, protected=(rule_set.directory,))
    else:
        click.echo(text, nl=False)
