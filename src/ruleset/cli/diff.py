"""``ruleset diff OLD NEW``: what a rule change does, and to whom, before it is published."""

from __future__ import annotations

import contextlib
import os

import click

from ruleset.batch.discover import discover
from ruleset.cli.common import LANG_KEY, lang_option, phase, terminal_options
from ruleset.diffing import compare_rule_sets, impact, resolved_rules, summarise
from ruleset.diffing.render import render_diff
from ruleset.documents.limits import DEFAULT_LIMITS
from ruleset.rules.load import load_rule_set
from ruleset.text import Lang, Text


def _submissions(paths: tuple[str, ...]) -> list[str]:
    """Files named, and the submissions under directories named, walked as ``batch`` walks them:
    each folder once (a link loop ends), links leading outside the tree not followed."""
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            with contextlib.closing(discover([path], DEFAULT_LIMITS).inputs) as inputs:
                found += [item.path for item in inputs]
        else:
            found.append(path)
    return sorted(set(found))


@click.command(
    "diff",
    help="So sánh hai phiên bản quy tắc / compare two versions of the rules. OLD and NEW are rule "
    "directories or git revisions (git:REV, git:REV:path). Lists added, removed and changed rules, "
    "classifies each change, and says which version bump it needs; with --against, re-checks "
    "those submissions under both: per rule change, how many submissions and agencies it lowers "
    "or raises; per agency kind, the mean score before and after; and each agency whose score or "
    "status changes, with the obligations that moved it.\n\n"
    "Exit: 0, or 1 when the manifest's version bump is smaller than the changes need; 2 on errors.",
)
@click.argument("old")
@click.argument("new")
@click.option(
    "--against",
    multiple=True,
    help="Tệp hoặc thư mục bản tự đánh giá để chấm lại (lặp được) / submission files or "
    "directories to re-check (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Định dạng kết quả / the output format.",
)
@lang_option
@terminal_options
def diff_command(old: str, new: str, against: tuple[str, ...], fmt: str, lang: Lang) -> None:
    with resolved_rules(old) as old_dir, resolved_rules(new) as new_dir:
        with phase(Text("đọc hai bộ quy tắc", "loading both rule sets")):
            old_rules, new_rules = load_rule_set(old_dir), load_rule_set(new_dir)
        result = compare_rule_sets(old_rules, new_rules)
        with phase(Text("kiểm tra lại các bản tự đánh giá", "re-checking the submissions")):
            effect = (
                summarise(
                    result,
                    impact(old_rules, new_rules, _submissions(against)),
                    new_rules.agency_kinds,
                )
                if against
                else None
            )
    chosen = click.get_current_context().meta.get(LANG_KEY)  # both languages unless --lang
    click.echo(render_diff(result, effect, fmt, chosen), nl=False)
    raise SystemExit(0 if result.bump_is_enough else 1)
