"""GitHub Actions workflow commands: each annotation one ``::error file=..,line=..::message`` line.

Escaped as the Actions toolkit escapes them (``%``, CR and LF in the message; also ``:`` and
``,`` in the properties), so nothing a submission says can end the line and start a command of
its own. A workbook's cell has no line in the file: it opens the message instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ruleset.errors import cell_name
from ruleset.reporters.ci import SOURCE, Annotation, Level, RuleInfo, Suites, Tool
from ruleset.text import Lang

GITHUB_MARK = "::debug::written by ruleset"  # how --output knows a file of ours
COMMANDS = {Level.ERROR: "error", Level.WARNING: "warning", Level.NOTE: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(annotation: Annotation, lang: Lang | None) -> str:
    place = annotation.place
    properties = [("file", place.path)]
    message = annotation.message.get(lang)
    if place.line is not None and place.sheet is None:
        properties.append(("line", str(place.line)))
        if place.column is not None:
            properties.append(("col", str(place.column)))
    elif place.line is not None and place.sheet is not None:
        message = f"{cell_name(place.sheet, place.line, place.column or 1)}: {message}"
    properties.append(("title", f"{annotation.rule_id} — {annotation.title.get(lang)}"))
    if annotation.citation is not None:
        message += f"\n{SOURCE.get(lang)}: {annotation.citation}"
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[annotation.level]} {listed}::{escape_data(message)}\n"


def github_chunks(
    tool: Tool, rules: Sequence[RuleInfo], suites: Suites, lang: Lang | None
) -> Iterator[str]:
    """A debug line naming us (shown only in debug logs), then one command per annotation."""
    yield f"{GITHUB_MARK} {tool.version}\n"
    for suite in suites():
        for annotation in suite.annotations():
            yield command(annotation, lang)
