"""Safe YAML loading with positions, duplicate-key errors, NFC text and bounded expansion.

libyaml (through PyYAML's C parser) builds the node tree; this module builds plain values
from it, refusing every tag outside the JSON-like core, so nothing is ever constructed
from a ``!!python/...`` or custom tag.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ruleset.documents.document import Parsed, Position, split_pointer
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import nfc
from ruleset.errors import InputError, Problem
from ruleset.text import Text

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TS, _MERGE = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "merge")
)
_SEQ, _MAP = _TAG + "seq", _TAG + "map"
_DATE_ONLY = re.compile(r"^\d{4}-\d\d?-\d\d?$")
# Cheap signs that a text might nest deeply enough to overflow libyaml's recursive composer.
_DEEP_INDENT = re.compile(r"\n {200,}\S")
_DEEP_INLINE = re.compile(r"(?:[-?] +){100}")

_scalar = yaml.constructor.SafeConstructor()


def _mark(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Builds values from nodes, counting every constructed value (aliases included)."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.budget = limits.max_nodes

    def fail(self, node: yaml.Node, message: Text, hint: Text | None = None) -> InputError:
        line, column = _mark(node)
        return InputError(Problem(self.path, message, line, column, hint=hint))

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                Text(
                    f"tài liệu quá lớn (quá {self.limits.max_nodes} giá trị, kể cả bí danh)",
                    f"document too large: more than {self.limits.max_nodes} values after alias expansion",
                ),
            )
        if depth > self.limits.max_depth:
            raise self.fail(
                node,
                Text(
                    f"lồng nhau quá sâu (tối đa {self.limits.max_depth})",
                    f"nesting deeper than {self.limits.max_depth} levels",
                ),
            )
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, tag)
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self.mapping(node, depth)
        raise self.unknown_tag(node)

    def unknown_tag(self, node: yaml.Node) -> InputError:
        return self.fail(
            node,
            Text(f"thẻ YAML không được phép: {node.tag}", f"YAML tag not allowed: {node.tag}"),
            hint=Text(
                "bỏ thẻ đi; chỉ dùng ánh xạ, danh sách, chuỗi, số, true/false và ngày",
                "remove the tag; only plain mappings, lists, text, numbers, booleans and dates",
            ),
        )

    def scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        value = node.value
        if tag == _STR:
            if len(value) > self.limits.max_string:
                raise self.fail(
                    node,
                    Text(
                        f"chuỗi quá dài ({len(value)} ký tự)",
                        f"string too long "
                        f"({len(value)} characters, limit {self.limits.max_string})",
                    ),
                )
            return nfc(value)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _scalar.construct_yaml_bool(node)
        if tag == _INT:
            return _scalar.construct_yaml_int(node)
        if tag == _FLOAT:
            return _scalar.construct_yaml_float(node)
        if tag == _TS:
            try:
                _scalar.construct_yaml_timestamp(node)
            except ValueError as exc:
                raise self.fail(
                    node,
                    Text(f"ngày không tồn tại: {value}", f"not a real date: {value} ({exc})"),
                    hint=Text(
                        "viết một ngày có thật, dạng YYYY-MM-DD",
                        "write a date that exists, as YYYY-MM-DD",
                    ),
                ) from None
            # Dates stay text (ISO 8601) so YAML and JSON submissions read identically.
            return value if _DATE_ONLY.match(value) is None else _iso_date(value)
        raise self.unknown_tag(node)

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE:
                merged.update(self.merge_sources(value_node, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    key_node, Text("khóa phải là chuỗi", "a mapping key must be plain text")
                )
            key = nfc(key_node.value)
            if key in seen:
                first_line, _ = _mark(seen[key])
                line, column = _mark(key_node)
                raise InputError(
                    Problem(
                        self.path,
                        Text(
                            f"khóa trùng lặp '{key}' (đã có ở dòng {first_line})",
                            f"duplicate key "
                            f"'{key}' (first at line {first_line}, again at line {line})",
                        ),
                        line,
                        column,
                        hint=Text(
                            "giữ một trong hai mục; YAML sẽ âm thầm bỏ mục đầu",
                            "keep one of the two entries; YAML would silently drop the first",
                        ),
                    )
                )
            seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        if merged:
            merged.update(result)
            return merged
        return result

    def merge_sources(self, node: yaml.Node, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        combined: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.build(source, depth + 1)
            if not isinstance(value, dict):
                raise self.fail(
                    source, Text("'<<' phải trỏ tới một ánh xạ", "'<<' must merge a mapping")
                )
            combined.update(value)
        return combined


def _iso_date(value: str) -> str:
    year, month, day = value.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _too_deep(path: str, limits: Limits, mark: Any) -> InputError:
    return InputError.at(
        path,
        Text(
            f"lồng nhau quá sâu (tối đa {limits.max_depth})",
            f"nesting deeper than {limits.max_depth} levels",
        ),
        mark.line + 1 if mark else None,
        mark.column + 1 if mark else None,
    )


def _check_nesting(text: str, path: str, limits: Limits) -> None:
    """Refuse pathological nesting before libyaml's recursive composer can overflow the stack."""
    flow = text.count("[") + text.count("{")
    if flow < 200 and not _DEEP_INDENT.search(text) and not _DEEP_INLINE.search(text):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    raise _too_deep(path, limits, event.start_mark)
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
        return _too_deep(path, limits, mark)
    context = getattr(exc, "context", None)
    message = Text("lỗi cú pháp YAML", f"YAML syntax error: {problem}")
    if context:
        message = Text(message.vi, f"{message.en} ({context})")  # libyaml's words are English
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


def _locator(root: yaml.Node | None) -> Any:
    def locate(pointer: str, key: bool = False) -> Position | None:
        node = root
        if node is None:
            return None
        tokens = split_pointer(pointer)
        for depth, token in enumerate(tokens, 1):
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and nfc(key_node.value) == token:
                        child = key_node if key and depth == len(tokens) else value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                index = int(token)
                if index < len(node.value):
                    child = node.value[index]
            if child is None:
                break
            node = child
        return _mark(node)

    return locate


def load_yaml_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse one YAML document: its plain data and a pointer-to-position locator."""
    _check_nesting(text, path, limits)
    try:
        loader = _Loader(text)
        try:
            if not loader.check_node():
                raise InputError.at(path, Text("tệp rỗng", "the file holds no document"))
            root = loader.get_node()
            if loader.check_node():
                extra = loader.get_node()
                line, column = _mark(extra)
                raise InputError.at(
                    path,
                    Text(
                        "tệp có nhiều tài liệu YAML (---)",
                        "the file holds more than one YAML document",
                    ),
                    line,
                    column,
                    hint=Text(
                        "mỗi tệp chỉ một bản tự đánh giá", "keep one self-assessment per file"
                    ),
                )
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise syntax_error(exc, path, text, limits) from None
    aliases = text.count("*")
    if aliases > limits.max_aliases and _count_alias_uses(text) > limits.max_aliases:
        raise InputError.at(
            path,
            Text(
                f"quá nhiều bí danh YAML (tối đa {limits.max_aliases})",
                f"more than {limits.max_aliases} YAML aliases",
            ),
        )
    if aliases:
        _check_expansion(root, path, limits)
    return _Builder(path, limits).build(root, 0), _locator(root)


def _check_expansion(root: yaml.Node, path: str, limits: Limits) -> None:
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
                    line, column = _mark(child)
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
            line, column = _mark(node)
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


def _count_alias_uses(text: str) -> int:
    return sum(1 for _ in re.finditer(r"(?:^|[\s,\[{])\*[^\s,\]}]+", text))
