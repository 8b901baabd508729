"""``ruleset check`` on several files and on standard input: one result per input, in order.

A result is a plain ``(name, report or error)`` pair, so any reporter that takes several reports
can be given the list. One unreadable file never stops the others; the exit code is the worst.
"""

from __future__ import annotations

import sys

from ruleset.cli.common import gaps_exit_code, phase
from ruleset.documents.limits import Limits
from ruleset.documents.read import parse_bytes
from ruleset.documents.textio import too_large
from ruleset.errors import Exit, InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission, validate_submission
from ruleset.model import Report
from ruleset.reporters import render
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang, Text

STDIN = "-"
STDIN_NAME = "<stdin>"  # how located errors name standard input
STDIN_FORMATS = {"yaml": ".yaml", "json": ".json", "xlsx": ".xlsx"}
ZIP_MAGIC = b"PK\x03\x04"

Checked = tuple[str, Report | InputError]

_UNREADABLE = Text("Không đọc được:", "Unreadable:")
_FILE = Text("Tệp", "File")
_TWICE = Text("chỉ đọc đầu vào chuẩn (-) một lần", "standard input (-) can be read only once")


def sniff(data: bytes) -> str:
    """The format of unnamed bytes: a workbook (zip), JSON (begins with { or [), else YAML."""
    if data.startswith(ZIP_MAGIC):
        return "xlsx"
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if start in (b"{", b"[") else "yaml"


def read_stdin(limits: Limits) -> bytes:
    """All of standard input, refusing more than --max-bytes without reading further."""
    data = sys.stdin.buffer.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise too_large(STDIN_NAME, len(data), limits)
    return data


def check_one(
    path: str,
    rule_set: RuleSet,
    limits: Limits,
    as_of: str | None,
    stdin_format: str | None,
) -> Checked:
    """One input checked, or the reason it could not be read."""
    name = STDIN_NAME if path == STDIN else path
    try:
        with phase(Text("kiểm tra ", "checking ") + name):
            if path == STDIN:
                data = read_stdin(limits)
                form = STDIN_FORMATS[stdin_format or sniff(data)]
                document = parse_bytes(data, STDIN_NAME, limits, suffix=form)
                loaded = validate_submission(document, rule_set)
            else:
                loaded = load_submission(path, rule_set, limits)
            return name, check_submission(rule_set, loaded, as_of=as_of)
    except InputError as error:
        return name, error


def refuse_stdin_twice(paths: tuple[str, ...]) -> None:
    if paths.count(STDIN) > 1:
        raise InputError.at(STDIN, _TWICE)


def worst_exit(results: list[Checked], fail_on: str) -> Exit:
    """2 when any input was unreadable, else 1 when any report has a gap at --fail-on, else 0."""
    if any(isinstance(outcome, InputError) for _, outcome in results):
        return Exit.INPUT
    return gaps_exit_code([o for _, o in results if isinstance(o, Report)], fail_on)


def combine(results: list[Checked], fmt: str, lang: Lang, colour: bool) -> str:
    """Several results as one document: a JSON list (reports and error documents, in order);
    text and Markdown reports one after another (each names its file), the unreadable last."""
    if fmt == "json":
        from ruleset.reporters.errors_doc import error_json  # its html pieces: not for one file

        items = [
            render(o, fmt, lang) if isinstance(o, Report) else error_json(o, lang)
            for _, o in results
        ]
        indented = (
            "\n".join("  " + line for line in item.rstrip("\n").split("\n")) for item in items
        )
        return "[\n" + ",\n".join(indented) + "\n]\n"
    parts = []
    for name, outcome in results:
        if isinstance(outcome, Report):
            text = render(outcome, fmt, lang, colour)
            if fmt == "markdown":  # its title names no file: the file goes under the title
                title, _, rest = text.partition("\n")
                text = f"{title}\n\n{_FILE.get(lang)}: `{name}`\n{rest}"
            parts.append(text)
    unreadable = [o for _, o in results if isinstance(o, InputError)]
    if unreadable:
        lines = [_UNREADABLE.get(lang), *(e.render(lang) for e in unreadable)]
        parts.append("\n".join(lines) + "\n")
    separator = "\n---\n\n" if fmt == "markdown" else "\n" + "=" * 72 + "\n\n"
    return separator.join(parts)
