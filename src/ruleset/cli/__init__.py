"""The ``ruleset`` command: a thin click layer over the library (parse options, build, run)."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import traceback
from typing import Any

import click

from ruleset.cli.common import EXIT_HELP, LANG_KEY, help_option
from ruleset.errors import Exit, RulesetError
from ruleset.signals import Terminated, stop_signals
from ruleset.text import Text
from ruleset.version import __version__

_STOPPED = Text("Đã dừng theo yêu cầu", "Stopped on request")
_MISSING = Text(
    "Python này thiếu mô-đun {name} mà lệnh {command} cần: cài lại ruleset (pip install .) hoặc "
    "dùng một bản Python có mô-đun đó",
    "this Python lacks the module {name} that `{command}` needs: reinstall ruleset "
    "(pip install .) or use a Python built with it",
)

# Each command lives in its own module, imported only when that command runs (start-up time).
COMMANDS = {
    "check": ("ruleset.cli.check", "check_command"),
    "batch": ("ruleset.cli.batch", "batch_command"),
    "lint": ("ruleset.cli.lint", "lint_command"),
    "test": ("ruleset.cli.rule_tests", "test_command"),
    "rules": ("ruleset.cli.rules", "rules_group"),
    "template": ("ruleset.cli.template", "template_command"),
    "diff": ("ruleset.cli.diff", "diff_command"),
}


class _MissingModule(click.ClickException):
    exit_code = Exit.INPUT


class RulesetGroup(click.Group):
    """Turns the project's errors into a message and exit 2, and anything else into exit 70."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        try:
            loaded = importlib.import_module(module)
        except ModuleNotFoundError as missing:  # e.g. a Python built without sqlite3 (batch)
            text = _MISSING.format(name=missing.name, command=cmd_name).get(None)
            raise _MissingModule(text) from None
        command: click.Command = getattr(loaded, attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with stop_signals():
                return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # `ruleset rules list | head`: the reader left; not our bug
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(Exit.PIPE_CLOSED)
        except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (Terminated): nothing half-written
            terminated = isinstance(stop, Terminated)
            click.echo(_STOPPED.get(ctx.meta.get(LANG_KEY)), err=True)
            ctx.exit(Exit.TERMINATED if terminated else Exit.INTERRUPTED)
        except RulesetError as exc:
            click.echo(exc.render(ctx.meta.get(LANG_KEY)), err=True)
            ctx.exit(exc.exit_code)
        except Exception:
            click.echo("Lỗi nội bộ (xin báo lỗi) / internal error, please report:", err=True)
            click.echo(traceback.format_exc(), err=True)
            ctx.exit(Exit.BUG)


def _print_version(ctx: click.Context) -> None:
    """The engine, and the rule set it ships: what a report will name."""
    from ruleset.rules.load import load_rule_set  # only when asked

    rules = load_rule_set()
    click.echo(f"ruleset {__version__}; {rules.name} {rules.version} (sha256 {rules.digest[:12]})")
    ctx.exit(Exit.OK)


@click.group(
    cls=RulesetGroup,
    help="Kiểm tra báo cáo tự đánh giá theo các văn bản chỉ đạo về quản lý thông tin trên "
    "internet, mạng xã hội.\n\nCheck agencies' self-assessments against directives on "
    "managing information on the internet and social networks.\n\n" + EXIT_HELP,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@help_option
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help="Phiên bản của chương trình và của bộ quy tắc kèm theo (kèm mã băm) / the engine's "
    "version and the bundled rule set's version and digest.",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Command group; each subcommand lives in its own module. The settings file, if any, becomes
    the default map of every command: the one place where settings and the command line meet."""
    from ruleset.cli.ruleset_choice import SETTINGS_KEY
    from ruleset.cli.settings import load_settings

    settings = load_settings(os.getcwd())
    ctx.meta[SETTINGS_KEY] = settings.path
    ctx.default_map = settings.defaults


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="ruleset")
