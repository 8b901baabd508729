"""``ruleset lint [DIR]``: problems in a rules directory, each with file, line and column."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import click

from ruleset.cli.common import LANG_KEY, ci_format, lang_option, phase, terminal_options
from ruleset.cli.ruleset_choice import announce, choose_rules
from ruleset.diffing import resolved_rules
from ruleset.diffing.resolve import DEFAULT_RULES_PATH, GIT_PREFIX
from ruleset.lint import LintResult, lint_directory
from ruleset.lint.problem import Level as LintLevel
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.reporters import CI_FORMATS
from ruleset.reporters.ci import Annotation, Case, Level, Outcome, Place, RuleInfo, Suite, Tool
from ruleset.rules.load import load_rule_set
from ruleset.text import Lang, Text
from ruleset.version import __version__


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


_LEVELS = {LintLevel.ERROR: Level.ERROR, LintLevel.WARNING: Level.WARNING}
_LABELS = {LintLevel.ERROR: Text("lỗi", "error"), LintLevel.WARNING: Text("cảnh báo", "warning")}
LINT_RULES = tuple(RuleInfo(c.value, Text.same(c.value), _LEVELS[c.level]) for c in LintCode)


def _case(found: LintProblem) -> Case:
    p = found.problem
    message = p.message + (Text.same(" (") + p.hint + ")" if p.hint else "")
    place = Place(p.path, p.line, p.column, p.sheet)
    label = _LABELS[found.level]
    facts = (("pointer", p.pointer),) if p.pointer else ()
    code = found.code.value
    annotation = Annotation(code, _LEVELS[found.level], message, place, label, facts=facts)
    return Case(code, p.message, Outcome.FAILED, label, code, (annotation,))


def lint_suite(result: LintResult) -> Suite:
    """The rules directory as one suite: a failed case per problem, one passing case if none."""
    cases = tuple(_case(found) for found in result.problems) or (
        Case(
            "lint",
            Text("{n} quy tắc đã kiểm", "{n} rules checked").format(n=result.rules_checked),
            Outcome.PASSED,
            Text("không có vấn đề", "no problem"),
            "lint",
        ),
    )
    return Suite(result.directory, cases)


def _ci(fmt: str) -> Callable[[LintResult, Lang | None], str]:
    def render(result: LintResult, lang: Lang | None) -> str:
        suites = [lint_suite(result)]
        return "".join(CI_FORMATS[fmt](Tool(__version__), LINT_RULES, lambda: suites, lang))

    return render


LINT_FORMATS: dict[str, Callable[[LintResult, Lang | None], str]] = {
    "text": lint_text,
    "json": lint_json,
    **{fmt: _ci(fmt) for fmt in CI_FORMATS},
}


@click.command(
    "lint",
    help="Kiểm tra thư mục quy tắc / lint a rules directory (or git:REV[:path], a revision of the "
    "repository's rules): schema, duplicate ids, agency kinds, examples, quotes against their source "
    "texts, citations, fields no self-assessment can have, rule changes no version bump tells.\n\n"
    "Exit: 0 clean, 1 warnings only, 2 errors.",
)
@click.argument("directory", required=False, metavar="[DIR | git:REV[:path]]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(LINT_FORMATS)),
    default=None,
    help="Định dạng (mặc định text, github khi GITHUB_ACTIONS=true) / format (default text, "
    "github when GITHUB_ACTIONS=true).",
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
def lint_command(directory: str | None, fmt: str | None, base: str | None, lang: Lang) -> None:
    chosen = click.get_current_context().meta.get(LANG_KEY)  # both languages unless --lang
    choice = choose_rules("directory")
    announce(choice)
    target = choice.directory
    with contextlib.ExitStack() as stack, phase(Text("kiểm tra quy tắc", "linting")):
        folder = stack.enter_context(resolved_rules(target))
        published = None
        if base is not None:
            published = load_rule_set(stack.enter_context(resolved_rules(base)))
        result = lint_directory(folder, published, since_release=folder == target)
        if folder != target:  # a revision, exported to a temporary folder: name it as typed
            result = result.shown_as(folder, _git_label(target))
    click.echo(LINT_FORMATS[fmt or ci_format("text")](result, chosen), nl=False)
    raise SystemExit(result.exit_code)
