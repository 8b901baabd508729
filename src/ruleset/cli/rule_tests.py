"""``ruleset test [DIR]``: run every rule's own examples and say which pass."""

from __future__ import annotations

import json
from itertools import groupby

import click

from ruleset.cli.common import LANG_KEY, lang_option, phase, terminal_options, text_json_option
from ruleset.cli.ruleset_choice import choose_rules, load_rules
from ruleset.judging.examples import run_examples
from ruleset.text import Lang, Text

_PASS = Text("ĐẠT", "PASS")
_FAIL = Text("LỖI", "FAIL")


@click.command(
    "test",
    help="Chạy các ví dụ của từng quy tắc / run every rule's examples.\n\n"
    "Exit: 0 all pass, 1 some fail, 2 rules unreadable.",
)
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@text_json_option
@lang_option
@terminal_options
def test_command(directory: str | None, fmt: str, lang: Lang) -> None:
    chosen = click.get_current_context().meta.get(LANG_KEY)  # both languages unless --lang
    rule_set = load_rules("directory")
    with phase(Text("chạy ví dụ", "running the examples")):
        outcomes = run_examples(rule_set)
    failed = [o for o in outcomes if not o.passed]
    if fmt == "json":
        payload = {
            "rule_set": {
                "directory": choose_rules("directory").directory,
                "name": rule_set.name,
                "version": rule_set.version,
                "digest": rule_set.digest,
            },
            "rules": len(rule_set.rules),
            "examples": len(outcomes),
            "failed": len(failed),
            "results": [
                {
                    "rule_id": o.rule_id,
                    "example": o.example,
                    "version_from": o.version_from,
                    "expected": o.expected.value,
                    "actual": o.actual.value if o.actual else None,
                    "passed": o.passed,
                    "error": o.error,
                }
                for o in outcomes
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for rule_id, group in groupby(outcomes, key=lambda o: o.rule_id):
            items = list(group)
            bad = [o for o in items if not o.passed]
            mark = (_PASS if not bad else _FAIL).get(chosen)
            click.echo(f"{mark}  {rule_id} ({len(items) - len(bad)}/{len(items)})")
            for o in bad:
                actual = o.actual.value if o.actual else "error"
                line = Text("cần {expected}, kết quả {actual}", "expected {expected}, got {actual}")
                said = line.format(expected=o.expected.value, actual=actual).get(chosen)
                click.echo(f"    - {o.label}: {said}")
                if o.error:
                    click.echo(f"      {o.error}")
        summary = Text(
            "{rules} quy tắc, {examples} ví dụ, {failed} lỗi",
            "{rules} rules, {examples} examples, {failed} failed",
        ).format(rules=len(rule_set.rules), examples=len(outcomes), failed=len(failed))
        click.echo(summary.get(chosen))
    raise SystemExit(1 if failed else 0)
