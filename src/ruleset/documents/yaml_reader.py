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
from ruleset.documents.textio import EXCERPT_CHARS, excerpt, nfc
from ruleset.errors import InputError, Problem

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
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
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

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> InputError:
        line, column = _mark(node)
        return InputError(Problem(self.path, message, line, column, hint=hint))

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                f"tài liệu quá lớn (quá {self.limits.max_nodes} giá trị, kể cả bí danh) / "
                f"document too large: more than {self.limits.max_nodes} values after alias expansion",
            )
        if depth > self.limits.depth:
            raise self.fail(node, self.limits.too_deep())
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, tag)
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self.mapping(node, depth)
        raise self.unknown_tag(node)

    def unknown_tag(self, node: yaml.Node) -> InputError:
        tag = excerpt(node.tag)
        return self.fail(
            node,
            f"thẻ YAML không được phép: {tag} / YAML tag not allowed: {tag}",
            hint="remove the tag; only plain mappings, lists, text, numbers, booleans and dates",
        )

    def scalar(self, node: yaml.ScalarNode, tag: str) -> Any:
        value = node.value
        if tag == _STR:
            if len(value) > self.limits.max_string:
                raise self.fail(
                    node,
                    f"chuỗi quá dài ({len(value)} ký tự) / string too long "
                    f"({len(value)} characters, limit {self.limits.max_string})",
                )
            return nfc(value)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _scalar.construct_yaml_bool(node)
        if tag == _INT:
            return self.integer(node)
        if tag == _FLOAT:
            self.check_length(node)
            return _scalar.construct_yaml_float(node)
        if tag == _TS:
            try:
                _scalar.construct_yaml_timestamp(node)
            except ValueError as exc:
                raise self.fail(
                    node,
                    f"ngày không tồn tại: {value} / not a real date: {value} ({exc})",
                    hint="write a date that exists, as YYYY-MM-DD",
                ) from None
            # Dates stay text (ISO 8601) so YAML and JSON submissions read identically.
            return value if _DATE_ONLY.match(value) is None else _iso_date(value)
        raise self.unknown_tag(node)

    def check_length(self, node: yaml.ScalarNode) -> None:
        if len(node.value) > self.limits.max_digits:
            raise self.fail(
                node,
                f"số quá dài ({len(node.value)} ký tự, tối đa {self.limits.max_digits}) / number "
                f"too long ({len(node.value)} characters, limit {self.limits.max_digits})",
                hint="a count has a few digits; put the value in quotes if it is text",
            )

    def integer(self, node: yaml.ScalarNode) -> int:
        """An integer as written in plain digits; YAML 1.1 reads 010 as 8, 0x10 as 16 and 1:30
        as 90, a silent change of a count, so those forms are refused with what YAML made."""
        self.check_length(node)
        plain = node.value.replace("_", "")
        if _DECIMAL.fullmatch(plain):
            return int(plain)
        read = _scalar.construct_yaml_int(node)
        shown = excerpt(node.value)
        raise self.fail(
            node,
            f"YAML đọc '{shown}' là {read} (không phải hệ thập phân) / YAML reads '{shown}' as "
            f"{read} (not a decimal number as written)",
            hint="write the number in plain decimal digits as meant (10, not 010; 90, not 1:30), "
            "or put it in quotes if it is text",
        )

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE:
                merged.update(self.merge_sources(value_node, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "khóa phải là chuỗi / a mapping key must be plain text")
            key = nfc(key_node.value)
            if key in seen:
                first_line, _ = _mark(seen[key])
                line, column = _mark(key_node)
                shown = excerpt(key)
                raise InputError(
                    Problem(
                        self.path,
                        f"khóa trùng lặp '{shown}' (đã có ở dòng {first_line}) / duplicate key "
                        f"'{shown}' (first at line {first_line}, again at line {line})",
                        line,
                        column,
                        hint="keep one of the two entries; YAML would silently drop the first",
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
                raise self.fail(source, "'<<' phải trỏ tới một ánh xạ / '<<' must merge a mapping")
            combined.update(value)
        return combined


def _iso_date(value: str) -> str:
    year, month, day = value.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _too_deep(path: str, limits: Limits, mark: Any) -> InputError:
    return InputError.at(
        path,
        limits.too_deep(),
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
                if depth > limits.depth:
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
            f"ký tự điều khiển không được phép U+{exc.character:04X} / control character "
            f"U+{exc.character:04X} is not allowed in YAML",
            line,
            column,
            hint="delete the character (often pasted from Word or Excel)",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if "maximum nesting depth" in problem:  # newer libyaml stops deep nesting itself
        return _too_deep(path, limits, mark)
    context = getattr(exc, "context", None)
    message = f"lỗi cú pháp YAML / YAML syntax error: {excerpt(problem, 2 * EXCERPT_CHARS)}"
    if context:
        message += f" ({excerpt(context)})"
    hint = None
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = "YAML indentation must use spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
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
                raise InputError.at(path, "tệp rỗng / the file holds no document")
            root = loader.get_node()
            if loader.check_node():
                extra = loader.get_node()
                line, column = _mark(extra)
                raise InputError.at(
                    path,
                    "tệp có nhiều tài liệu YAML (---) / the file holds more than one YAML document",
                    line,
                    column,
                    hint="keep one self-assessment per file",
                )
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise syntax_error(exc, path, text, limits) from None
    aliases = text.count("*")
    if aliases > limits.max_aliases and _count_alias_uses(text) > limits.max_aliases:
        raise InputError.at(
            path,
            f"quá nhiều bí danh YAML (tối đa {limits.max_aliases}) / more than "
            f"{limits.max_aliases} YAML aliases",
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
                        "bí danh YAML tự tham chiếu / a YAML alias refers to itself",
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
                f"bí danh YAML nở ra quá lớn (hơn {limits.max_nodes} giá trị) / YAML aliases expand "
                f"to more than {limits.max_nodes} values (a 'billion laughs' document)",
                line,
                column,
                hint="write the values out instead of nesting aliases",
            )


def _count_alias_uses(text: str) -> int:
    return sum(1 for _ in re.finditer(r"(?:^|[\s,\[{])\*[^\s,\]}]+", text))
