"""``ruleset lint [DIR]``: problems in a rules directory, each with file, line and column."""

from __future__ import annotations

import json

import click

from ruleset.cli.common import LANG_KEY, lang_option, phase, terminal_options
from ruleset.cli.ruleset_choice import announce, choose_rules
from ruleset.diffing import resolved_rules
from ruleset.lint import LintResult, lint_directory
from ruleset.rules.load import load_rule_set
from ruleset.text import Lang, Text


def lint_json(result: LintResult, lang: Lang | None) -> str:
    payload = {
        "directory": result.directory,
        "rules_checked": result.rules_checked,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": [
            {
                "severity": p.level.value,
                "code": p.code.value,
                "path": p.problem.path,
                "line": p.problem.line,
                "column": p.problem.column,
                "pointer": p.problem.pointer,
                "message": p.problem.message.get(lang),
                "messages": {"vi": p.problem.message.vi, "en": p.problem.message.en},
                "hint": p.problem.hint.get(lang) if p.problem.hint else None,
            }
            for p in result.problems
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def lint_text(result: LintResult, lang: Lang | None) -> str:
    lines = [p.render(lang) for p in result.problems]
    summary = Text(
        "{rules} quy tắc đã kiểm: {errors} lỗi, {warnings} cảnh báo",
        "{rules} rules checked: {errors} errors, {warnings} warnings",
    ).format(rules=result.rules_checked, errors=result.errors, warnings=result.warnings)
    lines.append(summary.get(lang))
    return "\n".join(lines) + "\n"


@click.command(
    "lint",
    help="Kiểm tra thư mục quy tắc / lint a rules directory: schema, duplicate ids, agency kinds, "
    "examples, quotes against their source texts, citations, fields no self-assessment can have.\n\n"
    "Exit: 0 clean, 1 warnings only, 2 errors.",
)
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Định dạng kết quả / the output format.",
)
@click.option(
    "--base",
    default=None,
    metavar="OLD",
    help="Bộ quy tắc đã công bố mà thư mục này sửa đổi (thư mục, git:REV hoặc git:REV:đường-dẫn): "
    "kiểm tra thêm việc nâng phiên bản và mã bị dùng lại cho nghĩa vụ khác / the published rules "
    "this directory changes (a directory, git:REV or git:REV:path): also checks the version bump "
    "and ids reused for another obligation.",
)
@lang_option
@terminal_options
def lint_command(directory: str | None, fmt: str, base: str | None, lang: Lang) -> None:
    chosen = click.get_current_context().meta.get(LANG_KEY)  # both languages unless --lang
    choice = choose_rules("directory")
    announce(choice)
    target = choice.directory
    with phase(Text("kiểm tra quy tắc", "linting")):
        if base is None:
            result = lint_directory(target)
        else:
            with resolved_rules(base) as base_dir:
                result = lint_directory(target, load_rule_set(base_dir))
    click.echo(lint_json(result, chosen) if fmt == "json" else lint_text(result, chosen), nl=False)
    raise SystemExit(result.exit_code)
