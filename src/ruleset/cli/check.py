"""``ruleset check``: one self-assessment, one gap report."""

from __future__ import annotations

import click

from ruleset.cli.common import (
    EXIT_HELP,
    LANG_KEY,
    SEVERITY_CHOICE,
    as_of_option,
    ci_format,
    gaps_exit_code,
    lang_option,
    limits_options,
    rules_option,
    use_colour,
)
from ruleset.documents.limits import Limits
from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.output import is_report, write_output
from ruleset.reporters import CI_FORMATS, FORMATS, render, render_ci, render_ci_error
from ruleset.reporters.errors_doc import ERROR_DOCUMENTS
from ruleset.rules.load import load_rule_set
from ruleset.text import Lang


@click.command(
    "check",
    help="Rà soát một báo cáo tự đánh giá / check one self-assessment (YAML, JSON or Excel .xlsx).\n\n"
    + EXIT_HELP,
)
@click.argument("submission", type=click.Path(dir_okay=True))
@rules_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Định dạng báo cáo (mặc định text, github khi GITHUB_ACTIONS=true; sarif, junit, github "
    "dành cho CI và trình soạn thảo, song ngữ nếu không có --lang) / report format (default text, "
    "github when GITHUB_ACTIONS=true; sarif, junit, github are for CI and editors, in both "
    "languages unless --lang).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help="Ghi báo cáo vào tệp (ghi nguyên tử; chỉ ghi đè báo cáo cũ của ruleset) / write the "
    "report to a file (atomically; only an earlier ruleset report is replaced; a FIFO, a device or "
    "/dev/stdout is written as a stream).",
)
@lang_option
@click.option(
    "--fail-on",
    type=SEVERITY_CHOICE,
    default="low",
    show_default=True,
    help="Mức độ thấp nhất khiến mã thoát là 1 / lowest gap severity that makes the exit code 1.",
)
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Tô màu (mặc định: chỉ trên terminal) / colour (default: on a terminal only).",
)
@as_of_option
@limits_options
def check_command(
    submission: str,
    rules_dir: str | None,
    fmt: str | None,
    output: str | None,
    lang: Lang,
    fail_on: str,
    colour: bool | None,
    as_of: str | None,
    limits: Limits,
) -> None:
    fmt = fmt or ci_format("text")
    chosen = click.get_current_context().meta.get(LANG_KEY)  # CI formats: both unless --lang
    rule_set = load_rule_set(rules_dir)
    try:
        loaded = load_submission(submission, rule_set, limits)
    except InputError as error:
        document = ERROR_DOCUMENTS.get(fmt)
        if document is not None:  # what a script or a page expected, instead of nothing
            click.echo(document(error, lang), nl=False)
        elif fmt in CI_FORMATS:
            click.echo(render_ci_error(submission, error, fmt, chosen), nl=False)
        raise
    report = check_submission(rule_set, loaded, as_of=as_of)
    painted = output is None and use_colour(colour) and fmt == "text"
    if fmt in CI_FORMATS:
        text = render_ci([report], fmt, chosen)
    else:
        text = render(report, fmt, lang, painted)
    if output is not None:
        write_output(
            output,
            text,
            ours=is_report,
            inputs=(submission,),
            protected=(rule_set.directory,),
        )
    else:
        click.echo(text, nl=False, color=painted)
    raise click.exceptions.Exit(gaps_exit_code([report], fail_on))
