"""Which rule set a command uses, decided in one place for every command, and said on stderr.

The order: the command line (``--rules``, or lint's and test's DIRECTORY), then the settings file
(``rules =``), then the current folder when it holds a rule set manifest (``ruleset.yaml``), then
the copy bundled with the package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum

import click
from click.core import ParameterSource

from ruleset import heap
from ruleset.cli.common import notice, notice_shown, phase
from ruleset.errors import InputError
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import MANIFEST, RuleSet, bundled_rules_dir
from ruleset.text import Text

SETTINGS_KEY = "ruleset.settings"  # ctx.meta: the settings file in force, or None


class Origin(Enum):
    """Where the choice of rule set came from."""

    COMMAND_LINE = "command-line"
    SETTINGS = "settings"
    FOLDER = "current-folder"
    BUNDLED = "bundled"


@dataclass(frozen=True)
class RulesChoice:
    """The rules directory chosen, and why that one."""

    directory: str
    origin: Origin
    settings_file: str | None = None

    def why(self) -> tuple[Text | str, ...]:
        if self.origin is Origin.SETTINGS:
            return _FROM, f" {self.settings_file}"
        return (_WHY[self.origin],)


_RULE_SET = Text("bộ quy tắc", "rule set")
_FROM = Text("theo", "from")
_WHY = {
    Origin.COMMAND_LINE: Text("theo dòng lệnh", "from the command line"),
    Origin.FOLDER: Text(
        f"thư mục hiện tại chứa {MANIFEST}", f"the current folder holds {MANIFEST}"
    ),
    Origin.BUNDLED: Text("bộ kèm theo gói", "the bundled copy"),
}


def choose_rules(param: str = "rules_dir") -> RulesChoice:
    """The rules directory for the running command; ``param`` is its rules parameter."""
    ctx = click.get_current_context()
    given = ctx.params.get(param)
    if given:
        if ctx.get_parameter_source(param) is ParameterSource.DEFAULT_MAP:
            return RulesChoice(str(given), Origin.SETTINGS, ctx.meta.get(SETTINGS_KEY))
        return RulesChoice(str(given), Origin.COMMAND_LINE)
    if os.path.isfile(MANIFEST):
        return RulesChoice(os.curdir, Origin.FOLDER)
    return RulesChoice(bundled_rules_dir(), Origin.BUNDLED)


def describe(choice: RulesChoice, rule_set: RuleSet | None) -> tuple[Text | str, ...]:
    """``rule set: DIR — NAME VERSION, sha256 SHORT (why)``: one line, for a person."""
    what = (
        f" — {rule_set.name} {rule_set.version}, sha256 {rule_set.digest[:12]}" if rule_set else ""
    )
    return (_RULE_SET, f": {choice.directory}{what} (", *choice.why(), ")")


def load_rules(param: str = "rules_dir") -> RuleSet:
    """Choose, load (errors as usual: exit 2) and say which rule set is used."""
    choice = choose_rules(param)
    with phase(Text("đọc bộ quy tắc", "loading the rule set")), heap.loading():
        rule_set = load_rule_set(choice.directory)
    notice(*describe(choice, rule_set))
    return rule_set


def announce(choice: RulesChoice) -> None:
    """Say which rule set a command that loads it on its own (lint, batch) uses: its version and
    digest when it loads; the directory and why alone when it does not (lint says what is wrong)."""
    if not notice_shown():
        return
    try:
        rule_set: RuleSet | None = load_rule_set(choice.directory)
    except InputError:
        rule_set = None
    notice(*describe(choice, rule_set))
