"""Safe YAML loading with positions, duplicate-key errors, NFC text and bounded expansion.

libyaml (through PyYAML's C parser) builds the node tree; this module builds plain values
from it, refusing every tag outside the JSON-like core, so nothing is ever constructed
from a ``!!python/...`` or custom tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from ruleset.documents.document import Locator, Parsed, Position, split_pointer
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import excerpt, nfc
from ruleset.documents.yaml_guards import (
    Loader,
    check_expansion,
    check_nesting,
    count_alias_uses,
    mark,
    syntax_error,
)
from ruleset.errors import InputError, Problem
from ruleset.text import Text
from ruleset.warmup import WarmUp

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TS, _MERGE = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "merge")
)
_SEQ, _MAP = _TAG + "seq", _TAG + "map"
_DATE_ONLY = re.compile(r"^\d{4}-\d\d?-\d\d?$")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")

_scalar = yaml.constructor.SafeConstructor()


class _Builder:
    """Builds values from nodes, counting every constructed value (aliases included)."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.budget = limits.max_nodes

    def fail(self, node: yaml.Node, message: Text, hint: Text | None = None) -> InputError:
        line, column = mark(node)
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
            Text(f"thẻ YAML không được phép: {tag}", f"YAML tag not allowed: {tag}"),
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
                    Text(f"ngày không tồn tại: {value}", f"not a real date: {value} ({exc})"),
                    hint=Text(
                        "viết một ngày có thật, dạng YYYY-MM-DD",
                        "write a date that exists, as YYYY-MM-DD",
                    ),
                ) from None
            # Dates stay text (ISO 8601) so YAML and JSON submissions read identically.
            return value if _DATE_ONLY.match(value) is None else _iso_date(value)
        raise self.unknown_tag(node)

    def check_length(self, node: yaml.ScalarNode) -> None:
        if len(node.value) > self.limits.max_digits:
            raise self.fail(
                node,
                Text(
                    f"số quá dài ({len(node.value)} ký tự, tối đa {self.limits.max_digits})",
                    f"number "
                    f"too long ({len(node.value)} characters, limit {self.limits.max_digits})",
                ),
                hint=Text(
                    "số đếm chỉ có vài chữ số; đặt giá trị trong dấu nháy nếu đó là chữ",
                    "a count has a few digits; put the value in quotes if it is text",
                ),
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
            Text(
                f"YAML đọc '{shown}' là {read} (không phải hệ thập phân)",
                f"YAML reads '{shown}' as {read} (not a decimal number as written)",
            ),
            hint=Text(
                "viết số bằng chữ số thập phân như ý muốn (10, không viết 010; 90, không viết 1:30), "
                "hoặc đặt trong dấu nháy nếu đó là chữ",
                "write the number in plain decimal digits as meant (10, not 010; 90, not 1:30), "
                "or put it in quotes if it is text",
            ),
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
                raise self.fail(
                    key_node, Text("khóa phải là chuỗi", "a mapping key must be plain text")
                )
            key = nfc(key_node.value)
            if key in seen:
                first_line, _ = mark(seen[key])
                line, column = mark(key_node)
                shown = excerpt(key)
                raise InputError(
                    Problem(
                        self.path,
                        Text(
                            f"khóa trùng lặp '{shown}' (đã có ở dòng {first_line})",
                            f"duplicate key "
                            f"'{shown}' (first at line {first_line}, again at line {line})",
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
        return mark(node)

    return locate


class _PositionsLoader(Loader):  # type: ignore[misc]
    """Composes only for positions: no tag is read from a node, so none is resolved (the regular
    expressions of PyYAML's resolver ran for every scalar, a fifth of composing)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _STR if kind is yaml.ScalarNode else _SEQ if kind is yaml.SequenceNode else _MAP


# rapidyaml's import (~16 ms) repays itself once a process has composed about fifty documents
# (~0.3 ms each): `check` on one file composes, a batch switches (see ruleset.warmup).
OFFSETS = WarmUp(48)


def lazy_locator(text: str) -> Locator:
    """The locator of a document whose values the fast path read, positions found on the first
    locate() only (a document without findings never pays): from rapidyaml's tree once the
    process has located enough documents to repay its import, else, and wherever the tree does
    not tell, composed by libyaml. Both give the exact reader's positions (the differential test)."""
    composed: list[Any] = []
    chosen: list[Callable[[str, bool], Position | None]] = []

    def compose(pointer: str, key: bool = False) -> Position | None:
        if not composed:
            loader = _PositionsLoader(text)
            try:
                composed.append(_locator(loader.get_node() if loader.check_node() else None))
            finally:
                loader.dispose()
        located: Position | None = composed[0](pointer, key)
        return located

    def locate(pointer: str, key: bool = False) -> Position | None:
        if not chosen:
            if OFFSETS.due():
                from ruleset.documents.yaml_offsets import offsets_or

                chosen.append(offsets_or(text, compose))
            else:
                chosen.append(compose)
        return chosen[0](pointer, key)

    return locate


def load_yaml_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse one YAML document: its plain data and a pointer-to-position locator."""
    check_nesting(text, path, limits)
    try:
        loader = Loader(text)
        try:
            if not loader.check_node():
                raise InputError.at(path, Text("tệp rỗng", "the file holds no document"))
            root = loader.get_node()
            if loader.check_node():
                extra = loader.get_node()
                line, column = mark(extra)
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
    if aliases > limits.max_aliases and count_alias_uses(text) > limits.max_aliases:
        raise InputError.at(
            path,
            Text(
                f"quá nhiều bí danh YAML (tối đa {limits.max_aliases})",
                f"more than {limits.max_aliases} YAML aliases",
            ),
        )
    if aliases:
        check_expansion(root, path, limits)
    return _Builder(path, limits).build(root, 0), _locator(root)
