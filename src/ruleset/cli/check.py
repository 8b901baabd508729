"""``ruleset check``: self-assessments (files or standard input), one gap report each."""

from __future__ import annotations

import click

from ruleset.cli.check_many import (
    STDIN,
    STDIN_FORMATS,
    check_one,
    combine,
    refuse_stdin_twice,
    worst_exit,
)
from ruleset.cli.common import (
    EXIT_HELP,
    LANG_KEY,
    as_of_option,
    ci_format,
    fail_on_option,
    lang_option,
    limits_options,
    phase,
    rules_option,
    terminal_options,
    use_colour,
)
from ruleset.cli.ruleset_choice import load_rules
from ruleset.documents.limits import Limits
from ruleset.errors import InputError
from ruleset.model import Report
from ruleset.output import is_report, write_output
from ruleset.reporters import CI_FORMATS, FORMATS, render, render_ci
from ruleset.text import Lang, Text

# Formats that make one document of several reports; any other needs one file per submission.
COMBINED = ("text", "markdown", "json", *CI_FORMATS)
_ONE_PAGE_EACH = Text(
    "định dạng {fmt} cho một tệp mỗi lần: hãy dùng `ruleset batch --format {fmt}` cho nhiều tệp",
    "--format {fmt} holds one submission: use `ruleset batch --format {fmt}` for several",
)


@click.command(
    "check",
    help="Rà soát báo cáo tự đánh giá (YAML, JSON hoặc Excel .xlsx; - là đầu vào chuẩn; nhiều tệp: "
    "các báo cáo văn bản, Markdown nối tiếp nhau, JSON là một danh sách) / check self-assessments "
    "(YAML, JSON or Excel .xlsx; - reads standard input; several files: text and Markdown reports "
    "one after another, JSON a list).\n\n" + EXIT_HELP,
)
@click.argument(
    "submissions", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True)
)
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
@fail_on_option
@click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Tô màu (mặc định: chỉ trên terminal) / colour (default: on a terminal only).",
)
@click.option(
    "--stdin-format",
    type=click.Choice(sorted(STDIN_FORMATS)),
    default=None,
    help="Định dạng của đầu vào chuẩn (mặc định: đoán theo nội dung) / the format of standard "
    "input (default: sniffed: a zip is a workbook, { or [ begins JSON, else YAML).",
)
@as_of_option
@limits_options
@terminal_options
def check_command(
    submissions: tuple[str, ...],
    rules_dir: str | None,
    fmt: str | None,
    output: str | None,
    lang: Lang,
    fail_on: str,
    colour: bool | None,
    stdin_format: str | None,
    as_of: str | None,
    limits: Limits,
) -> None:
    fmt = fmt or ci_format("text")
    chosen = click.get_current_context().meta.get(LANG_KEY)  # errors: both languages unless --lang
    refuse_stdin_twice(submissions)
    if len(submissions) > 1 and fmt not in COMBINED:
        raise click.UsageError(_ONE_PAGE_EACH.format(fmt=fmt).get(chosen))
    rule_set = load_rules()
    results = [check_one(path, rule_set, limits, as_of, stdin_format) for path in submissions]
    painted = output is None and use_colour(colour) and fmt == "text"
    if fmt in CI_FORMATS:  # one document over every input, the unreadable ones included
        text = render_ci([o if isinstance(o, Report) else (n, o) for n, o in results], fmt, chosen)
    elif len(results) == 1:
        outcome = results[0][1]
        if isinstance(outcome, InputError):
            from ruleset.reporters.errors_doc import ERROR_DOCUMENTS  # html pieces: errors only

            document = ERROR_DOCUMENTS.get(fmt)
            if document is not None:  # what a script or a page expected, instead of nothing
                click.echo(document(outcome, lang), nl=False)
            raise outcome
        text = render(outcome, fmt, lang, painted)
    else:
        for _, outcome in results:
            if isinstance(outcome, InputError):  # on stderr as for one file; the rest still checked
                click.echo(outcome.render(chosen), err=True)
        if not any(isinstance(o, Report) for _, o in results) and fmt != "json":
            raise SystemExit(worst_exit(results, fail_on))
        text = combine(results, fmt, lang, painted)
    with phase(Text("ghi báo cáo", "writing the report")):
        if output is not None:
            inputs = tuple(path for path in submissions if path != STDIN)
            write_output(
                output, text, ours=is_report, inputs=inputs, protected=(rule_set.directory,)
            )
        else:
            click.echo(text, nl=False, color=painted)
    if len(results) == 1 and isinstance(results[0][1], InputError):
        raise results[0][1]  # the CI document is out; the error is said as for any other format
    raise click.exceptions.Exit(worst_exit(results, fail_on))
