"""Settings from ``[tool.ruleset]`` in a ``pyproject.toml`` or from a ``.ruleset.toml``.

The nearest file wins: from the current folder up to the root of the git repository (or of the
file system), the first folder holding a ``.ruleset.toml`` or a ``pyproject.toml`` with a
``[tool.ruleset]`` table; in one folder ``.ruleset.toml`` wins (a file made for ruleset says more
than a section of a shared one). The settings become click's ``default_map``, the one place they
meet the command line: an option given on the command line always wins.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruleset.cli.common import LIMIT_RANGES
from ruleset.documents.textio import decode, read_bytes
from ruleset.errors import InputError, Problem
from ruleset.model import Severity
from ruleset.text import Lang, Text, did_you_mean

OWN_FILE = ".ruleset.toml"
PYPROJECT = "pyproject.toml"
# Parameters that take the rules directory: --rules, and lint's and test's DIRECTORY argument.
RULES_PARAMS = ("rules_dir", "directory")


@dataclass(frozen=True)
class Settings:
    """The settings file found (None when there is none) and the defaults it gives."""

    path: str | None
    defaults: dict[str, Any]


class EveryCommand(dict[str, Any]):
    """One default map for every command and subcommand: click looks a subcommand's map up by
    its name with ``get``, and gets these same defaults (no command name is a parameter name)."""

    def get(self, key: str, default: Any = None) -> Any:
        return dict.get(self, key, self)


def find_settings(start: str) -> tuple[str, str] | None:
    """``(file, table)`` of the nearest settings, walking up from ``start``; None when none."""
    folder = os.path.abspath(start)
    while True:
        own = os.path.join(folder, OWN_FILE)
        if os.path.isfile(own):
            return own, ""
        project = os.path.join(folder, PYPROJECT)
        if os.path.isfile(project) and _has_tool_table(project):
            return project, "tool.ruleset"
        parent = os.path.dirname(folder)
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return None
        folder = parent


def _has_tool_table(path: str) -> bool:
    """A quick look for the table before parsing: most pyproject.toml files have none."""
    return re.search(r"^\s*\[\s*tool\.ruleset\s*[\].]", _text(path), re.MULTILINE) is not None


def _text(path: str) -> str:
    return decode(read_bytes(path), path)


def load_settings(start: str) -> Settings:
    """The settings that apply in ``start``; located errors (exit 2) for any key or value wrong."""
    found = find_settings(start)
    if found is None:
        return Settings(None, {})
    path, table = found
    text = _text(path)
    if sys.version_info >= (3, 11):  # imported here: most runs find no settings file (~5 ms)
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        said = str(error)
        line, column = _position(said)
        said = re.sub(r"\s*\(at line \d+, column \d+\)", "", said)
        # The parser's words are English: they go in the English half only.
        raise InputError.at(
            path, Text("TOML không hợp lệ", f"invalid TOML: {said}"), line, column
        ) from None
    for part in table.split(".") if table else ():
        data = data.get(part, {}) if isinstance(data, dict) else None
    reader = _Reader(path, text, table)
    return Settings(path, reader.defaults(data))


def _position(message: str) -> tuple[int | None, int | None]:
    found = re.search(r"at line (\d+), column (\d+)", message)
    return (int(found[1]), int(found[2])) if found else (None, None)


def _choice(values: list[str]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return value if isinstance(value, str) and value in values else None

    return check


def _path(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_KEYS: dict[str, tuple[Callable[[Any], Any], Text]] = {
    "rules": (_path, Text("một đường dẫn thư mục (chuỗi)", "a directory path (a string)")),
    "lang": (
        _choice([lang.value for lang in Lang]),
        Text("một trong: ", "one of: ") + ", ".join(lang.value for lang in Lang),
    ),
    "fail-on": (
        _choice([s.value for s in Severity]),
        Text("một trong: ", "one of: ") + ", ".join(s.value for s in Severity),
    ),
}
_TABLES = ("limits",)


class _Reader:
    """Checks one table of settings, naming the file, the line when it can be found, the key."""

    def __init__(self, path: str, text: str, table: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.table = table
        self.problems: list[Problem] = []

    def defaults(self, data: Any) -> EveryCommand:
        defaults = EveryCommand()
        if not isinstance(data, dict):
            self._problem(self.table, Text("cần một bảng", "expected a table"))
            raise InputError(self.problems)
        for key, value in data.items():
            if key in _TABLES:
                defaults.update(self._limits(value))
            elif key not in _KEYS:
                self._unknown(key, [*_KEYS, *_TABLES])
            else:
                check, expected = _KEYS[key]
                checked = check(value)
                if checked is None:
                    self._wrong(key, value, expected)
                elif key == "rules":
                    folder = os.path.dirname(self.path)
                    rules = os.path.normpath(os.path.join(folder, checked))
                    defaults.update(dict.fromkeys(RULES_PARAMS, rules))
                else:
                    defaults[key.replace("-", "_")] = checked
        if self.problems:
            raise InputError(self.problems)
        return defaults

    def _limits(self, value: Any) -> dict[str, int]:
        if not isinstance(value, dict):
            self._wrong("limits", value, Text("một bảng", "a table"))
            return {}
        found: dict[str, int] = {}
        for key, number in value.items():
            name = key.replace("-", "_")
            if name not in LIMIT_RANGES:
                self._unknown(key, [k.replace("_", "-") for k in LIMIT_RANGES], "limits")
                continue
            low, high = LIMIT_RANGES[name]
            if (
                isinstance(number, bool)
                or not isinstance(number, int)
                or number < low
                or (high is not None and number > high)
            ):
                bound = f"{low}..{high}" if high is not None else f">= {low}"
                self._wrong(
                    key, number, Text(f"một số nguyên {bound}", f"an integer {bound}"), "limits"
                )
                continue
            found[name] = number
        return found

    def _unknown(self, key: str, known: list[str], table: str = "") -> None:
        hint = did_you_mean(key, known, Text("đã biết: ", "known: ") + ", ".join(known))
        self._problem(
            self._dotted(key, table),
            Text(f"khóa không rõ '{key}'", f"unknown key '{key}'"),
            hint,
            table,
        )

    def _wrong(self, key: str, value: Any, expected: Text, table: str = "") -> None:
        self._problem(
            self._dotted(key, table),
            Text(f"giá trị không hợp lệ {value!r}", f"invalid value {value!r}"),
            Text("cần ", "expected ") + expected,
            table,
        )

    def _dotted(self, key: str, table: str) -> str:
        return ".".join(part for part in (self.table, table, key) if part)

    def _problem(
        self, pointer: str, message: Text, hint: Text | None = None, table: str = ""
    ) -> None:
        key = pointer.rsplit(".", 1)[-1]
        line, column = self._position(".".join(p for p in (self.table, table) if p), key)
        self.problems.append(Problem(self.path, message, line, column, pointer, hint))

    def _position(self, table: str, key: str) -> tuple[int | None, int | None]:
        """Where ``key =`` is written under ``[table]``; unknown when written otherwise (inline)."""
        current = ""
        assignment = re.compile(r"(\s*)[\"']?" + re.escape(key) + r"[\"']?\s*=")
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
            if header:
                current = header[1]
                continue
            found = assignment.match(line)
            if current == table and found:
                return number, len(found[1]) + 1
        return None, None
