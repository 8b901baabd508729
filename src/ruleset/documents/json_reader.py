"""JSON loading with duplicate-key errors, NFC text and a lazy pointer-to-position locator."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ruleset.documents.document import Parsed, Position, split_pointer
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import excerpt, nfc
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


def _too_deep_at(text: str, limit: int) -> int | None:
    """Offset of the first bracket nested deeper than ``limit``, outside strings."""
    depth = 0
    in_string = escaped = False
    for offset, char in enumerate(text):
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
            if depth > limit:
                return offset
        elif char in "]}":
            depth -= 1
    return None


class _BadNumber(Exception):
    def __init__(self, literal: str, message: Text, hint: Text) -> None:
        self.literal, self.message, self.hint = literal, message, hint


def _numbers(limits: Limits) -> tuple[Callable[[str], int], Callable[[str], float]]:
    """Readers of JSON numbers that refuse what no count is: over ``max_digits`` characters (Python
    would refuse an integer of 4,300 digits with a message naming a Python setting), or a decimal
    too large to be a number (1e400 would be read as infinity)."""

    def check(literal: str) -> None:
        if len(literal) > limits.max_digits:
            raise _BadNumber(
                literal,
                Text(
                    f"số quá dài ({len(literal)} ký tự, tối đa {limits.max_digits})",
                    f"number too long ({len(literal)} characters, limit {limits.max_digits})",
                ),
                Text(
                    "số đếm chỉ có vài chữ số; đặt giá trị trong dấu nháy nếu đó là chữ",
                    "a count has a few digits; put the value in quotes if it is text",
                ),
            )

    def whole(literal: str) -> int:
        check(literal)
        return int(literal)

    def decimal(literal: str) -> float:
        check(literal)
        value = float(literal)
        if not math.isfinite(value):
            raise _BadNumber(
                literal,
                Text(f"số quá lớn: {excerpt(literal)}", f"number too large: {excerpt(literal)}"),
                Text("số đếm là số nguyên vài chữ số", "a count is a whole number of a few digits"),
            )
        return value

    return whole, decimal


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?')
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)")
MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _number_at(text: str, literal: str) -> int | None:
    """Offset of the first number token written as ``literal`` (numbers inside strings skipped)."""
    for match in _TOKEN.finditer(text):
        if match.group(0) == literal:
            return match.start()
    return None


def _lone_surrogate_at(text: str) -> int | None:
    """Offset of the first ``\\uD800``-style escape that is half of a pair with no other half.

    Python's JSON reader accepts it and makes a string no UTF-8 output can carry.
    """
    if MAYBE_SURROGATE.search(text) is None:
        return None
    high: tuple[int, int] | None = None  # (start, end) of a high half waiting for its low half
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else None
        if high is not None:
            if code is not None and 0xDC00 <= code <= 0xDFFF and match.start() == high[1]:
                high = None
                continue
            return high[0]
        if code is not None and 0xD800 <= code <= 0xDBFF:
            high = (match.start(), match.end())
        elif code is not None and 0xDC00 <= code <= 0xDFFF:
            return match.start()
    return high[0] if high else None


def _reject_constant(name: str) -> float:
    raise ValueError(name)


def load_json_text(text: str, path: str, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse JSON text; positions are found by re-scanning only when a finding needs one."""
    if text.count("[") + text.count("{") > limits.depth:
        deep = _too_deep_at(text, limits.depth)
        if deep is not None:
            raise InputError.at(path, limits.too_deep(), *_position(text, deep))
    if not text.strip():
        raise InputError.at(path, Text("tệp rỗng", "the file holds no document"))
    whole, decimal = _numbers(limits)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_reject_constant,
            parse_int=whole,
            parse_float=decimal,
        )
    except _DuplicateKey as dup:
        raise _duplicate_error(text, path, dup.key) from None
    except _BadNumber as bad:
        offset = _number_at(text, bad.literal)
        line, column = _position(text, offset) if offset is not None else (None, None)
        raise InputError.at(path, bad.message, line, column, hint=bad.hint) from None
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
    lone = _lone_surrogate_at(text)
    if lone is not None:
        escape = excerpt(text[lone : lone + 6])
        raise InputError.at(
            path,
            Text(
                f"mã thoát {escape} là nửa cặp mã thay thế đơn lẻ, không phải ký tự Unicode",
                f"lone surrogate escape {escape} is not a Unicode character",
            ),
            *_position(text, lone),
            hint=Text(
                "mã thoát \\uD800-\\uDFFF phải đi theo cặp; hãy viết thẳng ký tự",
                "an escape \\uD800-\\uDFFF must be half of a pair; write the character itself",
            ),
        )
    data = _normalise_lists(data)
    return data, lambda pointer, key=False: locate_json(text, pointer, key)


def _duplicate_error(text: str, path: str, key: str) -> InputError:
    needle = json.dumps(key, ensure_ascii=False)
    key = excerpt(key)
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
