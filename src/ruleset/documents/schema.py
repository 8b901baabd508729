"""Validate a located document against a shipped JSON Schema, with positions and did-you-mean."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import fastjsonschema

from ruleset.text import Text, did_you_mean

if TYPE_CHECKING:  # jsonschema is imported only to word the problems of an invalid document
    import jsonschema
    from jsonschema.exceptions import ValidationError

from ruleset.documents.compiled import compiled_validator, gated
from ruleset.documents.document import Document, join_pointer
from ruleset.documents.findings import Finding, located
from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.errors import Problem

_UNEXPECTED = re.compile(r"'([^']*)' (?:was|were) unexpected")
_TYPE_NAMES = {
    "string": Text("chuỗi", "text"),
    "integer": Text("số nguyên", "a whole number"),
    "number": Text("số", "a number"),
    "object": Text("ánh xạ", "a mapping"),
    "array": Text("danh sách", "a list"),
    "boolean": Text("true/false", "true/false"),
    "null": Text("rỗng (null)", "nothing (null)"),
}


@dataclass(frozen=True)
class Schema:
    """A schema shipped in ``ruleset/schemas``, completed by the code that owns part of it.

    The rule schema's conditions are written by the check kinds (``ruleset.checks``), so the
    file leaves them out and ``complete`` puts them in.
    """

    file: str
    complete: Callable[[dict[str, Any]], dict[str, Any]] | None = None


SchemaRef = Schema | str


def _schema(ref: SchemaRef) -> Schema:
    return ref if isinstance(ref, Schema) else Schema(ref)


@cache
def _load(schema: Schema) -> dict[str, Any]:
    text = resources.files("ruleset.schemas").joinpath(schema.file).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return schema.complete(loaded) if schema.complete else loaded


def load_schema(ref: SchemaRef) -> dict[str, Any]:
    """The whole schema; no remote ``$ref`` is ever followed."""
    return _load(_schema(ref))


def validator_for(ref: SchemaRef) -> jsonschema.protocols.Validator:
    return _validator(_schema(ref))


@cache
def _validator(ref: Schema) -> jsonschema.protocols.Validator:
    import jsonschema

    schema = load_schema(ref)
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


def fast_validity(ref: SchemaRef) -> Callable[[Any], bool]:
    """A compiled yes/no check of the schema: fastjsonschema's, and for a submission jsonschema-rs
    in front of it once many are checked (``compiled.gated``).

    Valid documents, the common case, are accepted by it alone; an invalid one is then walked by
    jsonschema for the located, worded problems. The tests hold them all to the same verdict.
    """
    return _fast_validity(_schema(ref))


@cache
def _fast_validity(name: Schema) -> Callable[[Any], bool]:
    exact = compiled_validity(name)
    return gated(load_schema(name), exact) if name.file in _RUST_CHECKED else exact


# The schemas jsonschema-rs checks too: those whose patterns Rust reads as Python does (ASCII
# classes only; Rust's \S, unlike Python's, takes U+001C-U+001F for non-space).
_RUST_CHECKED = frozenset({"submission.schema.json"})


def compiled_validity(ref: SchemaRef) -> Callable[[Any], bool]:
    return _compiled_validity(_schema(ref))


@cache
def _compiled_validity(name: Schema) -> Callable[[Any], bool]:
    """fastjsonschema's yes/no check of the schema, ~40x faster than jsonschema."""
    schema = dict(load_schema(name))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"  # same keywords, faster draft
    formats = {"date": _is_date}
    validate = compiled_validator(schema, formats)

    def compiled(value: Any) -> Any:
        return validate(value, custom_formats=formats)

    def is_valid(value: Any) -> bool:
        try:
            compiled(value)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def _describe_type(value: Any) -> Text:
    if isinstance(value, bool):
        return Text.same(f"boolean {str(value).lower()}")
    if value is None:
        return Text.same("null")
    if isinstance(value, (int, float)):
        return Text(f"số {value}", f"number {value}")
    if isinstance(value, str):
        return Text(f"chuỗi '{excerpt(value, 40)}'", f"text '{excerpt(value, 40)}'")
    if isinstance(value, list):
        return Text("một danh sách", "a list")
    return Text("một ánh xạ", "a mapping")


def _shown(value: Any) -> str:
    """A value as a message quotes it: text in quotes, cut short and escaped."""
    if isinstance(value, str):
        return f"'{excerpt(value)}'"
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    return excerpt(repr(value))


def _allowed_keys(error: ValidationError) -> list[str]:
    schema = error.schema
    if isinstance(schema, dict):
        return sorted(schema.get("properties", {}))
    return []


# Bounds jsonschema reports, in words: (validator, what is measured, "at least"/"at most").
_BOUNDS = {
    "minimum": (Text("giá trị", "the value"), Text("ít nhất", "at least")),
    "maximum": (Text("giá trị", "the value"), Text("nhiều nhất", "at most")),
    "exclusiveMinimum": (Text("giá trị", "the value"), Text("lớn hơn", "more than")),
    "exclusiveMaximum": (Text("giá trị", "the value"), Text("nhỏ hơn", "less than")),
    "minLength": (Text("độ dài chuỗi", "the text's length"), Text("ít nhất", "at least")),
    "maxLength": (Text("độ dài chuỗi", "the text's length"), Text("nhiều nhất", "at most")),
    "minItems": (Text("số mục", "the number of items"), Text("ít nhất", "at least")),
    "maxItems": (Text("số mục", "the number of items"), Text("nhiều nhất", "at most")),
    "minProperties": (Text("số khóa", "the number of keys"), Text("ít nhất", "at least")),
    "maxProperties": (Text("số khóa", "the number of keys"), Text("nhiều nhất", "at most")),
}
_KEY_HINT = Text("các khóa cho phép: ", "allowed keys: ")
_BOOLEAN_HINT = Text(
    "YAML đọc yes/no/on/off thành true/false: đặt từ đó trong dấu nháy",
    "YAML reads yes/no/on/off as true/false: put the word in quotes",
)
_QUOTE_HINT = Text(
    'đặt giá trị trong dấu nháy để được đọc là chuỗi (ví dụ "286-CV/TU")',
    'put the value in quotes so it is read as text (e.g. "286-CV/TU")',
)
_DATE_HINT = Text("viết ngày dạng YYYY-MM-DD", "write dates as YYYY-MM-DD")

Worded = tuple[Text, Text | None, list[str | int], bool]


def _message(error: ValidationError) -> Worded:
    """A message for one schema error, a hint, its pointer tokens, and whether it is about a key."""
    tokens: list[str | int] = list(error.absolute_path)
    validator = error.validator
    instance = error.instance
    if validator == "additionalProperties":
        match = _UNEXPECTED.search(error.message)
        names: list[str] = match.group(1).split("', '") if match else []
        allowed = _allowed_keys(error)
        if isinstance(instance, dict):
            names = [k for k in instance if k not in allowed] or names
        key = names[0] if names else "?"
        hint = did_you_mean(key, allowed, _KEY_HINT + ", ".join(allowed) if allowed else None)
        return (
            Text(f"khóa không hợp lệ '{excerpt(key)}'", f"unknown key '{excerpt(key)}'"),
            hint,
            [*tokens, key],
            True,
        )
    if validator == "required":
        match = re.match(r"'([^']*)' is a required property", error.message)
        name = match.group(1) if match else str(error.validator_value)
        message = Text(f"thiếu trường bắt buộc '{name}'", f"missing required field '{name}'")
        return message, None, tokens, False
    if validator == "type":
        expected: Any = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        wanted = Text(" hoặc ", " or ").join(_TYPE_NAMES.get(n, Text.same(n)) for n in names)
        hint = None
        if isinstance(instance, str) and "integer" in names:
            hint = _grouping(instance.strip())
        if isinstance(instance, bool) and "string" in names:
            hint = _BOOLEAN_HINT
        elif isinstance(instance, (int, float)) and "string" in names:
            hint = _QUOTE_HINT
        message = Text(
            "sai kiểu: cần {wanted}, nhận được {found}",
            "wrong type: expected {wanted}, found {found}",
        ).format(wanted=wanted, found=_describe_type(instance))
        return message, hint, tokens, False
    if validator == "enum":
        choices = [str(v) for v in error.validator_value]  # type: ignore[union-attr]
        allowed_values = ", ".join(choices)
        message = Text(
            f"giá trị không hợp lệ {_shown(instance)}; cho phép: {allowed_values}",
            f"invalid value {_shown(instance)}; expected one of: {allowed_values}",
        )
        return message, did_you_mean(str(instance), choices), tokens, False
    if validator == "format" and error.validator_value == "date":
        message = Text(
            f"ngày không hợp lệ {_shown(instance)}", f"not a valid date {_shown(instance)}"
        )
        return message, _DATE_HINT, tokens, False
    if validator in _BOUNDS:
        measured, relation = _BOUNDS[validator]
        message = Text(
            "{measured} phải {relation} {bound} (nhận được {found})",
            "{measured} must be {relation} {bound} (found {found})",
        ).format(
            measured=measured,
            relation=relation,
            bound=error.validator_value,
            found=_describe_type(instance),
        )
        return message, None, tokens, False
    if validator == "const":
        message = Text(
            f"giá trị phải là {error.validator_value!r}, nhận được {_shown(instance)}",
            f"the value must be {error.validator_value!r}, found {_shown(instance)}",
        )
        return message, None, tokens, False
    if validator == "pattern":
        message = Text(
            f"{_shown(instance)} không đúng dạng (mẫu {error.validator_value})",
            f"{_shown(instance)} does not have the expected form (pattern {error.validator_value})",
        )
        return message, None, tokens, False
    if validator in ("oneOf", "anyOf") and isinstance(instance, (str, dict)):
        from jsonschema.exceptions import best_match

        best = best_match(error.context or [])
        if best is not None and best is not error:
            return _message(best)
    message = Text(
        f"giá trị không hợp lệ theo quy định '{validator}' của lược đồ",
        f"invalid under the schema's '{validator}' rule: "
        + excerpt(error.message.replace(repr(instance), _shown(instance)), 2 * EXCERPT_CHARS),
    )
    return message, None, tokens, False


def schema_problems(document: Document, schema_name: SchemaRef, data: Any = None) -> list[Problem]:
    """The problems of the document's data against a schema, in order of position: the first
    :data:`~ruleset.documents.findings.MAX_PROBLEMS` located, the rest counted."""
    value = document.data if data is None else data
    whole = data is None and document.float_free
    if fast_validity(schema_name)(value) and (whole or not has_float(value)):
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


def has_float(value: Any) -> bool:
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


def _grouping(written: str) -> Text | None:
    """What to write for a count typed with thousands separators (Vietnamese 1.000 = 1000)."""
    if not _GROUPED.fullmatch(written):
        return None
    digits = written.replace(".", "").replace(",", "")
    return Text(
        f"có vẻ là dấu phân cách hàng nghìn: viết {digits}",
        f"looks like thousands grouping: write {digits} (a count has no separators)",
    )


def _how_to_write(document: Document, pointer: str, value: float) -> Text:
    """How a decimal was read where a whole number is expected, and what to write instead."""
    shown = excerpt(_written_at(document, pointer) or repr(value))
    fix = _grouping(shown)
    if fix is None and value.is_integer():
        whole = int(value)
        fix = Text(
            f"số đếm viết không có phần thập phân: viết {whole}",
            f"a count is written without decimals: write {whole}",
        )
    elif fix is None:
        fix = Text("số đếm phải là số nguyên", "a count must be a whole number")
    read = Text(
        f"'{shown}' được đọc là số thập phân {value!r}; ",
        f"'{shown}' was read as the decimal number {value!r}; ",
    )
    return read + fix


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
