"""What stops a hostile YAML file before or after libyaml parses it: nesting too deep to parse
safely, alias expansion past the node budget ('billion laughs'), and libyaml's own errors worded
with their line and column."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ruleset.documents.document import Position
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.errors import InputError
from ruleset.text import Text

try:
    Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    Loader = yaml.SafeLoader


def mark(node: yaml.Node) -> Position:
    """1-based line and column where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


_DEEP_INDENT = re.compile(r"\n {200,}\S")
_DEEP_INLINE = re.compile(r"(?:[-?] +){100}")


def too_deep(path: str, limits: Limits, mark: Any) -> InputError:
    return InputError.at(
        path,
        limits.too_deep(),
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
    )


def longest_line(text: str) -> int:
    return max(map(len, text.split("\n")))


def nesting_suspect(text: str, longest: int | None = None) -> bool:
    """Cheap signs that a text might nest deeply enough to overflow a recursive parser. Both
    patterns need a line of 200 characters: most texts have none and skip them."""
    if text.count("[") + text.count("{") >= 200:
        return True
    if (longest_line(text) if longest is None else longest) < 200:
        return False
    return _DEEP_INDENT.search(text) is not None or _DEEP_INLINE.search(text) is not None


def check_nesting(text: str, path: str, limits: Limits) -> None:
    """Refuse pathological nesting before libyaml's recursive composer can overflow the stack."""
    if not nesting_suspect(text):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.depth:
                    raise too_deep(path, limits, event.start_mark)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise syntax_error(exc, path, text, limits) from None


def syntax_error(
    exc: yaml.YAMLError, path: str, text: str = "", limits: Limits = DEFAULT_LIMITS
) -> InputError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow in a file
        offset = exc.position
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return InputError.at(
            path,
            Text(
                f"ký tự điều khiển U+{exc.character:04X} không được phép trong YAML",
                f"control character U+{exc.character:04X} is not allowed in YAML",
            ),
            line,
            column,
            hint=Text(
                "xóa ký tự đó (thường dán từ Word hoặc Excel)",
                "delete the character (often pasted from Word or Excel)",
            ),
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "maximum nesting depth" in problem:  # newer libyaml stops deep nesting itself
        return too_deep(path, limits, mark)
    context = getattr(exc, "context", None)
    message = Text("lỗi cú pháp YAML", f"YAML syntax error: {excerpt(problem, 2 * EXCERPT_CHARS)}")
    if context:  # libyaml's words are English: they go in the English half only
        message = Text(message.vi, f"{message.en} ({excerpt(context)})")
    hint: Text | None = None
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = Text(
            "thụt lề YAML phải dùng dấu cách, không dùng tab",
            "YAML indentation must use spaces, not tabs",
        )
    elif "mapping values are not allowed" in problem:
        hint = Text(
            "giá trị có ': ' phải đặt trong dấu nháy", "a value containing ': ' must be quoted"
        )
    if mark is None:
        return InputError.at(path, message, hint=hint)
    return InputError.at(path, message, mark.line + 1, mark.column + 1, hint=hint)


def count_alias_uses(text: str) -> int:
    return sum(1 for _ in re.finditer(r"(?:^|[\s,\[{])\*[^\s,\]}]+", text))


def check_expansion(root: yaml.Node, path: str, limits: Limits) -> None:
    """Refuse a document whose aliases expand past the node budget before building anything.

    A "billion laughs" file is a few lines whose aliases nest; the composer shares the nodes, so
    the expanded size is computed over the shared graph in linear time (memoised per node).
    """
    sizes: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children: list[yaml.Node] = (
            [item for pair in node.value for item in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if not children_done:
            visiting.add(id(node))
            stack.append((node, True))
            for child in children:
                if id(child) in visiting:
                    line, column = mark(child)
                    raise InputError.at(
                        path,
                        Text("bí danh YAML tự tham chiếu", "a YAML alias refers to itself"),
                        line,
                        column,
                    )
                if id(child) not in sizes:
                    stack.append((child, False))
            continue
        visiting.discard(id(node))
        total = 1 + sum(sizes.get(id(child), 1) for child in children)
        sizes[id(node)] = total
        if total > limits.max_nodes:
            line, column = mark(node)
            raise InputError.at(
                path,
                Text(
                    f"bí danh YAML nở ra quá lớn (hơn {limits.max_nodes} giá trị)",
                    f"YAML aliases expand "
                    f"to more than {limits.max_nodes} values (a 'billion laughs' document)",
                ),
                line,
                column,
                hint=Text(
                    "viết thẳng các giá trị thay vì lồng bí danh",
                    "write the values out instead of nesting aliases",
                ),
            )
