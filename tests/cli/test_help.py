"""Every command and every option explains itself in Vietnamese and in English."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest

from ruleset.cli import cli

# Letters only Vietnamese uses among the project's two languages.
VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
ENGLISH_WORD = re.compile(r"\b[a-z]{2,}\b.*\b[a-z]{2,}\b")


def _commands() -> Iterator[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    yield "ruleset", cli
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        yield name, command
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                found = command.get_command(ctx, sub)
                assert found is not None
                yield f"{name} {sub}", found


COMMANDS = list(_commands())


def bilingual(text: str | None) -> bool:
    """Vietnamese with its diacritics, then ' / ', then English words."""
    if not text or " / " not in text:
        return False
    vietnamese, _, english = text.partition(" / ")
    return bool(VIETNAMESE.search(vietnamese)) and bool(ENGLISH_WORD.search(english.lower()))


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_the_command_has_help_in_both_languages(name: str, command: click.Command) -> None:
    assert bilingual(command.help), f"{name}: {command.help!r}"


OPTIONS = [
    (f"{name} {param.opts[-1]}", param)
    for name, command in COMMANDS
    for param in command.get_params(click.Context(command))
    if isinstance(param, click.Option)
]


@pytest.mark.parametrize(("name", "option"), OPTIONS, ids=[n for n, _ in OPTIONS])
def test_every_option_has_help_in_both_languages(name: str, option: click.Option) -> None:
    assert bilingual(option.help), f"{name}: {option.help!r}"


def test_the_walk_sees_every_command_and_their_options() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"check", "batch", "lint", "test", "diff", "template", "rules list"} <= names
    assert len(OPTIONS) > 60  # not an empty walk that passes by finding nothing


def test_bilingual_refuses_english_alone_and_vietnamese_alone() -> None:
    assert not bilingual("Largest input file, in bytes.")
    assert not bilingual("Tệp đầu vào lớn nhất")
    assert bilingual("Tệp đầu vào lớn nhất / the largest input file")
