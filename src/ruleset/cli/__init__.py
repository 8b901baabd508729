"""The ``ruleset`` command: a thin click layer over the library (parse options, build, run)."""

from __future__ import annotations

import traceback
from typing import Any

import click

from ruleset.cli.batch import batch_command
from ruleset.cli.check import check_command
from ruleset.cli.common import EXIT_HELP
from ruleset.cli.lint import lint_command
from ruleset.cli.rules import rules_group
from ruleset.cli.template import template_command
from ruleset.cli.test_rules import test_command
from ruleset.errors import RulesetError
from ruleset.version import __version__

EXIT_BUG = 70


class RulesetGroup(click.Group):
    """Turns the project's errors into a message and exit 2, and anything else into exit 70."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except RulesetError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(exc.exit_code)
        except Exception:
            click.echo("Lỗi nội bộ (xin báo lỗi) / internal error, please report:", err=True)
            click.echo(traceback.format_exc(), err=True)
            ctx.exit(EXIT_BUG)


@click.group(
    cls=RulesetGroup,
    help="Kiểm tra báo cáo tự đánh giá theo các văn bản chỉ đạo về quản lý thông tin trên "
    "internet, mạng xã hội.\n\nCheck agencies' self-assessments against directives on "
    "managing information on the internet and social networks.\n\n" + EXIT_HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="ruleset")
def cli() -> None:
    """Command group; each subcommand lives in its own module."""


cli.add_command(check_command)
cli.add_command(batch_command)
cli.add_command(lint_command)
cli.add_command(test_command)
cli.add_command(rules_group)
cli.add_command(template_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ruleset")
