"""Validate a located document against a shipped JSON Schema, with positions and did-you-mean."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # jsonschema is imported only to word the problems of an invalid document
    import jsonschema
    from jsonschema.exceptions import ValidationError

from ruleset.documents.document import Document, join_pointer
from ruleset.documents.findings import Finding, Suggester, located
from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.errors import InputError, Problem

_UNEXPECTED = re.compile(r"'([^']*)' (?:was|were) unexpected")
_TYPE_NAMES = {
    "string": "text (chuỗi)",
    "integer": "a whole number (số nguyên)",
    "number": "a number (số)",
    "object": "a mapping (ánh xạ)",
    "array": "a list (danh sách)",
    "boolean": "true/false",
    "null": "nothing (null)",
}


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A schema shipped in ``ruleset/schemas``; no remote ``$ref`` is ever followed."""
    text = resources.files("ruleset.schemas").joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def validator_for(name: str) -> jsonschema.protocols.Validator:
    import jsonschema

    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # An integer is a whole number as written: JSON Schema would accept 1.0 (read from "1.000",
    # a Vietnamese one thousand) as the integer 1.
    strict = cls.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    )
    cls = jsonschema.validators.extend(cls, type_checker=strict)  # type: ignore[no-untyped-call]
    validator: jsonschema.protocols.Validator = cls(
        schema, format_checker=jsonschema.FormatChecker(["date"])
    )
    return validator


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def fast_validity(name: str) -> Callable[[Any], bool]:
    """A compiled yes/no check of the same schema (fastjsonschema, ~40x faster than jsonschema).

    Valid documents, the common case, are accepted by it alone; an invalid one is then walked by
    jsonschema for the located, worded problems. The tests hold the two to the same verdict.
    """
    schema = dict(load_schema(name))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"  # same keywords, faster draft
    compiled = fastjsonschema.compile(schema, formats={"date": _is_date}, use_default=False)

    def is_valid(value: Any) -> bool:
        try:
            compiled(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def _describe_type(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, str):
        return f"text '{excerpt(value, 40)}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _shown(value: Any) -> str:
    """A value as a message quotes it: text in quotes, cut short and escaped."""
    if isinstance(value, str):
        return f"'{excerpt(value)}'"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return excerpt(repr(value))


def _allowed_keys(error: ValidationError) -> list[str]:
    schema = error.schema
    if isinstance(schema, dict):
        return sorted(schema.get("properties", {}))
    return []


def _message(error: ValidationError) -> tuple[str, str | None, list[str | int], bool]:
    """A human message for one schema error, a hint, and the pointer tokens it is about."""
    tokens: list[str | int] = list(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties":
        match = _UNEXPECTED.search(error.message)
        names: list[str] = match.group(1).split("', '") if match else []
        if isinstance(error.instance, dict):
            extras = [k for k in error.instance if k not in _allowed_keys(error)]
            names = extras or names
        key = names[0] if names else "?"
        allowed = _allowed_keys(error)
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'? / có phải là '{close[0]}'?" if close else None
        if not close and allowed:
            hint = "allowed keys: " + ", ".join(allowed)
        shown = excerpt(key)
        return (
            f"khóa không hợp lệ '{shown}' / unknown key '{shown}'",
            hint,
            [*tokens, key],
            True,
        )
    if validator == "required":
        match = re.match(r"'([^']*)' is a required property", error.message)
        name = match.group(1) if match else error.message
        return (
            f"thiếu trường bắt buộc '{name}' / missing required field '{name}'",
            None,
            tokens,
            False,
        )
    if validator == "type":
        expected: Any = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        hint = None
        if isinstance(error.instance, str) and "integer" in names:
            hint = _grouping_hint(error.instance.strip())
        if isinstance(error.instance, bool) and "string" in names:
            hint = "YAML reads yes/no/on/off as true/false: put the word in quotes"
        elif isinstance(error.instance, (int, float)) and "string" in names:
            hint = 'put the value in quotes so it is read as text (e.g. "286-CV/TU")'
        return (
            f"sai kiểu: cần {wanted}, nhận được {_describe_type(error.instance)} / wrong type: "
            f"expected {wanted}, found {_describe_type(error.instance)}",
            hint,
            tokens,
            False,
        )
    if validator == "enum":
        choices: list[Any] = list(error.validator_value)  # type: ignore[arg-type]
        allowed_values = ", ".join(str(v) for v in choices)
        close = difflib.get_close_matches(str(error.instance), [str(v) for v in choices], n=1)
        hint = f"did you mean '{close[0]}'?" if close else None
        shown = _shown(error.instance)
        return (
            f"giá trị không hợp lệ {shown}; cho phép: {allowed_values} / invalid value "
            f"{shown}; expected one of: {allowed_values}",
            hint,
            tokens,
            False,
        )
    if validator == "format" and error.validator_value == "date":
        shown = _shown(error.instance)
        return (
            f"ngày không hợp lệ {shown} / not a valid date {shown}",
            "write dates as YYYY-MM-DD",
            tokens,
            False,
        )
    if validator == "oneOf" and isinstance(error.instance, (str, dict)):
        from jsonschema.exceptions import best_match

        best = best_match(error.context or [])
        if best is not None and best is not error:
            return _message(best)
    # jsonschema's own wording quotes the whole value: put a short excerpt in its place.
    worded = error.message.replace(repr(error.instance), _shown(error.instance))
    return f"không hợp lệ / invalid: {excerpt(worded, 2 * EXCERPT_CHARS)}", None, tokens, False


def schema_problems(document: Document, schema_name: str, data: Any = None) -> list[Problem]:
    """The problems of the document's data against a schema, in order of position: the first
    :data:`~ruleset.documents.findings.MAX_PROBLEMS` located, the rest counted."""
    value = document.data if data is None else data
    if fast_validity(schema_name)(value) and not _has_float(value):
        return []
    findings = []
    for error in validator_for(schema_name).iter_errors(value):
        message, hint, tokens, at_key = _message(error)
        pointer = join_pointer(tokens)
        if isinstance(error.instance, float) and _float_for_integer(error):
            lazy = functools.partial(_how_to_write, document, pointer, error.instance)
            findings.append(Finding(pointer, message, lazy, at_key))
        else:
            findings.append(Finding(pointer, message, hint, at_key))
    return located(document, findings, data=value)


def _has_float(value: Any) -> bool:
    """Whether any number was read as a decimal: JSON Schema counts 1.0 as an integer, and so does
    the compiled check, so such a document goes to the strict validator."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _float_for_integer(error: ValidationError) -> bool:
    expected = error.validator_value
    names = expected if isinstance(expected, list) else [expected]
    return error.validator == "type" and isinstance(error.instance, float) and "integer" in names


_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:[.,][0-9]{3})+")
_NUMBER_TEXT = re.compile(r"[-+]?[0-9._,:eE+-]*[0-9a-zA-Z.]")


def _grouping(written: str) -> tuple[str, str] | None:
    """What to write for a count typed with thousands separators (Vietnamese 1.000 = 1000)."""
    if not _GROUPED.fullmatch(written):
        return None
    digits = written.replace(".", "").replace(",", "")
    return (
        f"có vẻ là dấu phân cách hàng nghìn: viết {digits}",
        f"looks like thousands grouping: write {digits} (a count has no separators)",
    )


def _grouping_hint(written: str) -> str | None:
    found = _grouping(written)
    return f"{found[0]} / {found[1]}" if found else None


def _how_to_write(document: Document, pointer: str, value: float) -> str:
    """How a decimal was read where a whole number is expected, and what to write instead."""
    shown = excerpt(_written_at(document, pointer) or repr(value))
    fix = _grouping(shown)
    if fix is None and value.is_integer():
        whole = int(value)
        fix = (
            f"số đếm viết không có phần thập phân: viết {whole}",
            f"a count is written without decimals: write {whole}",
        )
    elif fix is None:
        fix = ("số đếm phải là số nguyên", "a count must be a whole number")
    return (
        f"'{shown}' được đọc là số thập phân {value!r}; {fix[0]} / "
        f"'{shown}' was read as the decimal number {value!r}; {fix[1]}"
    )


def _written_at(document: Document, pointer: str) -> str | None:
    position = document.locate(pointer)
    if position is None:
        return None
    line, column = position
    lines = document.text.splitlines()
    if line > len(lines):
        return None
    match = _NUMBER_TEXT.match(lines[line - 1], column - 1)
    return match.group(0) if match else None


def validate(document: Document, schema_name: str) -> None:
    """Raise one :class:`InputError` listing every schema problem of the document."""
    problems = schema_problems(document, schema_name)
    if problems:
        raise InputError(problems)


def did_you_mean(word: str, choices: list[str]) -> str | None:
    """The closest known spelling, for 'did you mean' hints."""
    return Suggester(choices)(word)
