"""``ruleset template``: a blank self-assessment for one agency kind, province and period."""

from __future__ import annotations

import datetime as dt

import click

from ruleset.cli.common import rules_option
from ruleset.errors import InputError
from ruleset.judging.submission import NATIONAL
from ruleset.output import write_atomically
from ruleset.rules.ruleset import bundled_rules_dir, load_rule_set
from ruleset.template.yaml_form import render_json, render_yaml, template_data


def _date(value: str, option: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError.at(
            option, f"ngày không hợp lệ / not a date (YYYY-MM-DD): '{value}'"
        ) from None


@click.command(
    "template",
    help="Tạo mẫu báo cáo tự đánh giá / write a blank self-assessment holding every obligation "
    "that binds the agency kind in the province and period, each with its title and quote.",
)
@rules_option
@click.option("--agency-kind", "agency_kind", required=True, help="Agency kind id or alias.")
@click.option("--province", required=True, help="Province id or name, or 'national'.")
@click.option("--period-start", required=True, help="YYYY-MM-DD")
@click.option("--period-end", required=True, help="YYYY-MM-DD")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json", "xlsx"]),
    default="yaml",
    show_default=True,
    help="xlsx: an Excel workbook to fill in (needs --output).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write here (atomically) instead of stdout.",
)
def template_command(
    rules_dir: str | None,
    agency_kind: str,
    province: str,
    period_start: str,
    period_end: str,
    fmt: str,
    output: str | None,
) -> None:
    rule_set = load_rule_set(rules_dir or bundled_rules_dir())
    kind = rule_set.agency_kinds.resolve(agency_kind)
    if kind is None:
        raise InputError.at(
            "--agency-kind",
            f"không rõ loại cơ quan / unknown agency kind '{agency_kind}'",
            hint="see `ruleset rules kinds`",
        )
    place = NATIONAL if province == NATIONAL else rule_set.provinces.resolve(province)
    if place is None:
        known = ", ".join(rule_set.provinces.ids)
        raise InputError.at(
            "--province",
            f"không rõ tỉnh / unknown province '{province}' (known: {known}, national)",
        )
    start, end = _date(period_start, "--period-start"), _date(period_end, "--period-end")
    if start > end:
        raise InputError.at(
            "--period-end", "cuối kỳ trước đầu kỳ / the period ends before it starts"
        )
    if fmt == "xlsx" and not output:
        raise InputError.at(
            "--output",
            "mẫu Excel cần --output TỆP.xlsx / an Excel template needs --output FILE.xlsx",
        )
    data, rules = template_data(rule_set, kind, place, start, end)
    if fmt == "xlsx":
        from ruleset.template.xlsx_form import workbook_bytes  # openpyxl only when asked for

        assert output is not None
        write_atomically(output, workbook_bytes(data, rule_set))
        return
    text = render_json(data) if fmt == "json" else render_yaml(data, rules)
    if output:
        write_atomically(output, text)
    else:
        click.echo(text, nl=False)
