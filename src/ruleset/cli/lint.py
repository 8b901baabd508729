"""``ruleset lint [DIR]``: problems in a rules directory, each with file, line and column."""

from __future__ import annotations

import json

import click

from ruleset.diffing import resolved_rules
from ruleset.lint import LintResult, lint_directory
from ruleset.rules.ruleset import bundled_rules_dir, load_rule_set


def lint_json(result: LintResult) -> str:
    payload = {
        "directory": result.directory,
        "rules_checked": result.rules_checked,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": [
            {
                "severity": p.severity,
                "code": p.code,
                "path": p.problem.path,
                "line": p.problem.line,
                "column": p.problem.column,
                "pointer": p.problem.pointer,
                "message": p.problem.message,
                "hint": p.problem.hint,
            }
            for p in result.problems
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def lint_text(result: LintResult) -> str:
    lines = [p.render() for p in result.problems]
    lines.append(
        f"{result.rules_checked} quy tắc / rules checked: {result.errors} lỗi / errors, "
        f"{result.warnings} cảnh báo / warnings"
    )
    return "\n".join(lines) + "\n"


@click.command(
    "lint",
    help="Kiểm tra thư mục quy tắc / lint a rules directory: schema, duplicate ids, agency kinds, "
    "examples, quotes against their source texts, citations, fields no self-assessment can have.\n\n"
    "Exit: 0 clean, 1 warnings only, 2 errors.",
)
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--base",
    default=None,
    metavar="OLD",
    help="The published rules this directory changes (a directory, git:REV or git:REV:path): also "
    "checks the version bump and ids reused for another obligation.",
)
def lint_command(directory: str | None, fmt: str, base: str | None) -> None:
    target = directory or bundled_rules_dir()
    if base is None:
        result = lint_directory(target)
    else:
        with resolved_rules(base) as base_dir:
            result = lint_directory(target, load_rule_set(base_dir))
    click.echo(lint_json(result) if fmt == "json" else lint_text(result), nl=False)
    raise SystemExit(result.exit_code)
