"""``ruleset test [DIR]``: run every rule's own examples and say which pass."""

from __future__ import annotations

import json
from itertools import groupby

import click

from ruleset.judging.examples import run_examples
from ruleset.rules.ruleset import bundled_rules_dir, load_rule_set


@click.command(
    "test",
    help="Chạy các ví dụ của từng quy tắc / run every rule's examples.\n\n"
    "Exit: 0 all pass, 1 some fail, 2 rules unreadable.",
)
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def test_command(directory: str | None, fmt: str) -> None:
    rule_set = load_rule_set(directory or bundled_rules_dir())
    outcomes = run_examples(rule_set)
    failed = [o for o in outcomes if not o.passed]
    if fmt == "json":
        payload = {
            "rules": len(rule_set.rules),
            "examples": len(outcomes),
            "failed": len(failed),
            "results": [
                {
                    "rule_id": o.rule_id,
                    "example": o.example,
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
            mark = "ĐẠT/PASS" if not bad else "LỖI/FAIL"
            click.echo(f"{mark}  {rule_id} ({len(items) - len(bad)}/{len(items)})")
            for o in bad:
                actual = o.actual.value if o.actual else "error"
                click.echo(f"    - {o.example}: expected {o.expected.value}, got {actual}")
                if o.error:
                    click.echo(f"      {o.error}")
        click.echo(
            f"{len(rule_set.rules)} quy tắc / rules, {len(outcomes)} ví dụ / examples, "
            f"{len(failed)} lỗi / failed"
        )
    raise SystemExit(1 if failed else 0)
