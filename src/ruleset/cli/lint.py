"""``ruleset lint [DIR]``: problems in a rules directory, each with file, line and column."""

from __future__ import annotations

import contextlib
import json

import click

from ruleset.cli.common import LANG_KEY, lang_option
from ruleset.diffing import resolved_rules
from ruleset.diffing.resolve import DEFAULT_RULES_PATH, GIT_PREFIX
from ruleset.lint import LintResult, lint_directory
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import bundled_rules_dir
from ruleset.text import Lang, Text


def lint_json(result: LintResult, lang: Lang | None) -> str:
    payload = {
        "directory": result.directory,
        "rules_checked": result.rules_checked,
        "rules_unbuilt": result.rules_unbuilt,
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
    if result.rules_unbuilt:
        summary += Text(
            " ({n} quy tắc có lỗi nạp chỉ được kiểm một phần)",
            " ({n} with load problems checked only in part)",
        ).format(n=result.rules_unbuilt)
    lines.append(summary.get(lang))
    return "\n".join(lines) + "\n"


def _git_label(spec: str) -> str:
    """``git:REV:path`` for ``git:REV`` too: paths shown as found with ``git show REV:path/...``."""
    revision, _, path = spec[len(GIT_PREFIX) :].partition(":")
    return f"{GIT_PREFIX}{revision}:{path or DEFAULT_RULES_PATH}"


@click.command(
    "lint",
    help="Kiểm tra thư mục quy tắc / lint a rules directory (or git:REV[:path], a revision of the "
    "repository's rules): schema, duplicate ids, agency kinds, examples, quotes against their source "
    "texts, citations, fields no self-assessment can have, rule changes no version bump tells.\n\n"
    "Exit: 0 clean, 1 warnings only, 2 errors.",
)
@click.argument("directory", required=False, metavar="[DIR | git:REV[:path]]")
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
@lang_option
def lint_command(directory: str | None, fmt: str, base: str | None, lang: Lang) -> None:
    chosen = click.get_current_context().meta.get(LANG_KEY)  # both languages unless --lang
    target = directory or bundled_rules_dir()
    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(resolved_rules(target))
        published = None
        if base is not None:
            published = load_rule_set(stack.enter_context(resolved_rules(base)))
        result = lint_directory(folder, published, since_release=folder == target)
        if folder != target:  # a revision, exported to a temporary folder: name it as typed
            result = result.shown_as(folder, _git_label(target))
    click.echo(lint_json(result, chosen) if fmt == "json" else lint_text(result, chosen), nl=False)
    raise SystemExit(result.exit_code)
