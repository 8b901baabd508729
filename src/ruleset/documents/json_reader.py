"""JSON loading with duplicate-key errors, NFC text and a lazy pointer-to-position locator."""

from __future__ import annotations

import json
import re
from typing import Any

from ruleset.documents.document import Parsed, Position, split_pointer
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import nfc
from ruleset.errors import InputError, Problem
from ruleset.text import Text

_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def _position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        key = nfc(key)
        if key in result:
            raise _DuplicateKey(key)
        result[key] = nfc(value) if isinstance(value, str) else value
    return result


def _normalise_lists(value: Any) -> Any:
    # object_pairs_hook covers object members; list items and a bare root string need it too.
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_normalise_lists(item) for item in value]
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list):
                value[key] = _normalise_lists(item)
    return value


def _max_depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _reject_constant(name: str) -> float:
    raise ValueError(name)


def load_json_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse JSON text; positions are found by re-scanning only when a finding needs one."""
    if text.count("[") + text.count("{") > limits.max_depth and _max_depth(text) > limits.max_depth:
        raise InputError.at(
            path,
            Text(
                f"lồng nhau quá sâu (tối đa {limits.max_depth})",
                f"nesting deeper than {limits.max_depth} levels",
            ),
        )
    if not text.strip():
        raise InputError.at(path, Text("tệp rỗng", "the file holds no document"))
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except _DuplicateKey as dup:
        raise _duplicate_error(text, path, dup.key) from None
    except ValueError as exc:
        if isinstance(exc, json.JSONDecodeError):
            raise InputError.at(
                path,
                Text("lỗi cú pháp JSON", f"JSON syntax error: {exc.msg}"),
                exc.lineno,
                exc.colno,
            ) from None
        raise InputError.at(
            path,
            Text(f"JSON không hợp lệ: {exc}", f"invalid JSON value {exc}"),
            hint=Text(
                "NaN và Infinity không phải số JSON", "NaN and Infinity are not JSON numbers"
            ),
        ) from None
    except RecursionError:
        raise InputError.at(path, Text("lồng nhau quá sâu", "nesting too deep")) from None
    data = _normalise_lists(data)
    return data, lambda pointer, key=False: locate_json(text, pointer, key)


def _duplicate_error(text: str, path: str, key: str) -> InputError:
    needle = json.dumps(key, ensure_ascii=False)
    offsets = [m.start() for m in re.finditer(re.escape(needle) + r"\s*:", text)]
    if len(offsets) >= 2:
        first, _ = _position(text, offsets[0])
        line, column = _position(text, offsets[1])
        return InputError(
            Problem(
                path,
                Text(
                    f"khóa trùng lặp '{key}' (đã có ở dòng {first})",
                    f"duplicate key '{key}' (first at line {first}, again at line {line})",
                ),
                line,
                column,
            )
        )
    return InputError.at(path, Text(f"khóa trùng lặp '{key}'", f"duplicate key '{key}'"))


def _skip_ws(text: str, index: int) -> int:
    match = _WS.match(text, index)
    return match.end() if match else index


def locate_json(text: str, pointer: str, key: bool = False) -> Position | None:
    """Walk the JSON text along the pointer and return where the deepest reached value starts."""
    index = _skip_ws(text, 0)
    tokens = split_pointer(pointer)
    for depth, token in enumerate(tokens, 1):
        if index >= len(text):
            break
        opener = text[index]
        found = None
        if opener == "{":
            cursor = _skip_ws(text, index + 1)
            while cursor < len(text) and text[cursor] == '"':
                key_start = cursor
                name, cursor = _decoder.raw_decode(text, cursor)
                cursor = _skip_ws(text, cursor) + 1  # ':'
                cursor = _skip_ws(text, cursor)
                if nfc(name) == token:
                    found = key_start if key and depth == len(tokens) else cursor
                    break
                _, cursor = _decoder.raw_decode(text, cursor)
                cursor = _skip_ws(text, cursor)
                if cursor < len(text) and text[cursor] == ",":
                    cursor = _skip_ws(text, cursor + 1)
        elif opener == "[" and token.isdigit():
            cursor = _skip_ws(text, index + 1)
            position = 0
            while cursor < len(text) and text[cursor] != "]":
                if position == int(token):
                    found = cursor
                    break
                _, cursor = _decoder.raw_decode(text, cursor)
                cursor = _skip_ws(text, cursor)
                if cursor < len(text) and text[cursor] == ",":
                    cursor = _skip_ws(text, cursor + 1)
                position += 1
        if found is None:
            break
        index = found
    return _position(text, index)
