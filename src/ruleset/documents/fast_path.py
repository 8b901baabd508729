"""A compiled fast path for the common, simple YAML or JSON document: exactly the exact reader's
values, or not taken.

The exact readers (``yaml_reader``, ``json_reader``) build values in Python and cost most of a
check's time. Here a compiled parser (``yaml_rs`` for YAML, the standard library's C decoder for
JSON) reads the document, and cheap checks on the text and on a compact JSON dump of the result
(``orjson``) decide whether the exact reader could give anything else. Whenever it could (a tag,
an anchor, an escape, a tab, a YAML 1.1-only scalar such as ``yes`` or ``0123``, a float, a
duplicate key, a string not in NFC, anything near a limit, any parse error) the functions here
return ``None`` and the caller reads the document the exact way, so messages, values and
positions never depend on which path ran. Without the compiled packages nothing is taken.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import date
from functools import lru_cache
from types import ModuleType
from typing import Any

import yaml

from ruleset.documents.document import Parsed
from ruleset.documents.json_reader import MAYBE_SURROGATE, locate_json
from ruleset.documents.limits import Limits
from ruleset.documents.yaml_guards import longest_line, nesting_suspect
from ruleset.documents.yaml_reader import lazy_locator

orjson: ModuleType | None
yaml_rs: ModuleType | None
try:
    import orjson
except ImportError:  # pragma: no cover - the exact readers do everything without it
    orjson = None
try:
    import yaml_rs
except ImportError:  # pragma: no cover - the exact reader does everything without it
    yaml_rs = None

# What the YAML reader refuses or reads otherwise than a YAML 1.2 parser: tab, CR, NEL, U+2028/9,
# BOM, C0/C1 controls, U+FFFE/F. Looked for only when a cheaper test finds a candidate.
_ODD_CHAR = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_CONTROLS = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])  # all but the line feed
# A tag, anchor or alias where a node can start: the exact reader refuses or expands them.
_NODE_PROPERTY = re.compile(r"(?:^|(?<=[\s\[\]{},:]))[!&*]", re.MULTILINE)
_DIRECTIVE_OR_MARKER = re.compile(r"^(?:%|---(?=\s|$)|\.\.\.(?=\s|$))", re.MULTILINE)
# Where a directive or a document marker may start a line. One search: '"\n%" in text' and its
# two siblings each stopped at every line break (5.8 µs a document each; this, 2.7 µs for all).
_LINE_MARKER = re.compile(r"\n(?:%|---|\.\.\.)")
_ONLY_COMMENTS = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*")
# An integer yaml_rs reads that YAML 1.1 reads otherwise (0123, 0x1F, 0o17, 0b1, -012), or that
# is written longer than its digits (1_000). Each starts at a literal, for a fast search.
_ODD_INTEGER = re.compile(
    r"0(?:(?<=[\s\[{,:]0)|(?<=[\s\[{,:][-+]0)|(?<=\A0)|(?<=\A[-+]0))[0-9a-zA-Z_]+"
    r"(?=[\s,\]}]|\Z)"
)
_DIGIT_UNDERSCORE = re.compile(r"_(?<=[0-9]_)")
# A block scalar header ('|', '>-', '|2 # note') ending a line, or one at the root.
_BLOCK_HEADER = re.compile(r"(?:^|[\s:-])[|>][-+0-9]*[ ]*(?:#[^\n]*)?\Z")
_ROOT_BLOCK = re.compile(
    r"(?:[ ]*(?:#[^\n]*)?\n)*(?:---(?:[ ]+(?:#[^\n]*)?)?\n(?:[ ]*(?:#[^\n]*)?\n)*)?[ ]*(?:---[ ]+)?[|>]"
)
# The flow collections both parsers read alike: on one line, not nested, of plain words or
# simply quoted text ('[cán bộ, công chức]', '{id: a, kind: b}', '[]'). libyaml reads '?', ':'
# and '-' inside flow collections by YAML 1.1's rules, which a YAML 1.2 parser does not follow.
_FLOW_SCALAR = (
    r"""(?:-?[0-9]+|'[^'\n]*'|"[^"\\\n]*"|[^\s\[\]{},:#?&*!|>'"%@`-][^\n\[\]{},:#'"]*?)"""
)
_SIMPLE_FLOW = re.compile(
    rf"""(?:\[[ ]*(?:{_FLOW_SCALAR}[ ]*(?:,[ ]*{_FLOW_SCALAR}[ ]*)*)?\]"""
    rf"""|\{{[ ]*(?:{_FLOW_SCALAR}:[ ]+{_FLOW_SCALAR}[ ]*(?:,[ ]*{_FLOW_SCALAR}:[ ]+{_FLOW_SCALAR}[ ]*)*)?\}})"""
    r"[ ]*(?:#[^\n]*)?(?:\n|\Z)"
)
_FLOAT = re.compile(rb"[0-9][.eE]")
_ISO_DATE = re.compile(rb"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))
_COLON_ESCAPE = re.compile(r"\\u003[aA]")


def _patterns(first: str) -> list[str]:
    """PyYAML's own patterns for what a plain scalar starting with one of ``first`` resolves to
    other than text: a number or a date for digits and signs; a bool, null or merge key..."""
    return sorted(
        {
            pattern.pattern.strip()[1:-1]
            for char, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
            if char and char in first
            for _, pattern in resolvers
        }
    )


def _words(patterns: list[str]) -> list[bytes]:
    """The words an alternation of literals matches (those patterns are 'yes|Yes|...'), longest
    first; the empty one left out (a plain empty value is null, never a string here)."""
    words = {
        word.strip().replace("\\", "")
        for pattern in patterns
        for word in pattern.strip()[3:-1].split("|")
    }
    return sorted((word.encode() for word in words if word), key=len, reverse=True)


_NUMBER_START = "-+0123456789."
_RESOLVED_NUMBER = re.compile(
    "|".join(f"(?:{pattern})" for pattern in _patterns(_NUMBER_START)).encode(), re.VERBOSE
)
# A JSON string that PyYAML might resolve if it were written plain: one starting like a number, or
# like a word PyYAML resolves (yes, Off, null, ~, <<, =...), without an escape (none of PyYAML's
# patterns has one). Only an opening quote is ever followed by such a character: a closing one is
# followed by ':', ',', ']' or '}'.
_RESOLVED_WORDS = frozenset(_words(_patterns("yYnNtTfFoO~<=!&*")))
_FIRST = _NUMBER_START.encode() + bytes(sorted({word[0] for word in _RESOLVED_WORDS}))
_CANDIDATE = re.compile(b'"([' + re.escape(_FIRST) + b'][^"\\\\]*)"')


@lru_cache(maxsize=4096)
def _resolves_otherwise(literal: bytes) -> bool:
    """Whether YAML 1.1 reads the text, written plain, as anything but itself: a resolved word or
    number, or a date that is not a real day (a real ISO date is kept as written either way)."""
    if literal in _RESOLVED_WORDS:
        return True
    day = _ISO_DATE.fullmatch(literal)
    if day is None:
        return _RESOLVED_NUMBER.fullmatch(literal) is not None
    try:
        date(*(int(part) for part in day.groups()))
    except ValueError:
        return True
    return False


@lru_cache(maxsize=8)
def _long_number(max_digits: int) -> re.Pattern[bytes]:
    """Digits as many as a number the limit could refuse once a sign is written before them."""
    return re.compile(f"[0-9]{{{max(1, max_digits - 1)}}}".encode())


def _odd_characters(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _CONTROLS)) != len(data):
        return True
    if all(lead not in data for lead in (b"\xc2", b"\xe2", b"\xed", b"\xef")):
        return False  # NEL, C1, U+2028/9, surrogates, BOM and U+FFFE/F start with these bytes
    return _ODD_CHAR.search(text) is not None


def _text_is_plain(text: str) -> bool:
    """Whether the YAML text has none of the features only the exact reader handles."""
    if _odd_characters(text) or ("\\" in text and '"' in text):
        return False
    longest = longest_line(text)
    if longest >= 1000 or nesting_suspect(text, longest):
        return False  # libyaml refuses a key of over 1024 characters; a YAML 1.2 parser may not
    if ("!" in text or "&" in text or "*" in text) and _NODE_PROPERTY.search(text):
        return False
    if text.startswith(("%", "---", "...")) or _LINE_MARKER.search(text):
        marker = _DIRECTIVE_OR_MARKER.search(text)
        if marker is not None:  # one leading '---' (after comments only) is plain
            lead = _ONLY_COMMENTS.match(text)
            if text[marker.start()] != "-" or lead is None or lead.end() != marker.start():
                return False
            if _DIRECTIVE_OR_MARKER.search(text, marker.end()):
                return False
    if ("[" in text or "{" in text) and not _simple_flows(text):
        return False
    if ("|" in text or ">" in text) and not _block_scalars_end_plainly(text):
        return False
    return _ODD_INTEGER.search(text) is None and _DIGIT_UNDERSCORE.search(text) is None


def _simple_flows(text: str) -> bool:
    for opener in "[{":
        start = text.find(opener)
        while start != -1:
            if not _SIMPLE_FLOW.match(text, start):
                return False
            start = text.find(opener, start + 1)
    return True


def _block_scalars_end_plainly(text: str) -> bool:
    """yaml_rs ends a block scalar that runs into the end of the text otherwise than libyaml
    (a line break added when the text has none, when the scalar is empty or its last line blank),
    and reads a root block scalar's unindented lines: a text that may hold a block scalar must end
    with a line break after a line with content, that line no block scalar header."""
    if not text.endswith("\n") or _ROOT_BLOCK.match(text):
        return False
    last = text[text.rstrip("\n").rfind("\n") + 1 :].rstrip("\n")
    return bool(last.strip()) and text.endswith(last + "\n") and not _BLOCK_HEADER.search(last)


def _nesting(bare: bytes) -> int:
    """How deeply containers nest in a dump without its strings: each pass removes the innermost
    pairs."""
    brackets = bare.translate(_BRACKETS, _NOT_BRACKETS)
    depth = 0
    while brackets:
        brackets = brackets.replace(b"[]", b"")
        depth += 1
    return depth


def _without_strings(dump: bytes) -> bytes:
    """The dump with every string taken out. Once escaped backslashes and escaped quotes are gone
    (left to right, as a JSON reader pairs them), every quote left opens or closes a string."""
    if b"\\" in dump:  # most dumps have no escape at all: no copy then
        dump = dump.replace(b"\\\\", b"").replace(b'\\"', b"")
    return b"".join(dump.split(b'"')[::2])


def _special_float(value: Any) -> bool:
    """Whether an infinity or NaN hides in the value (a dump writes them as null)."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return False
    return any(_special_float(item) for item in value)


def _real_dates_only(dump: bytes) -> bool:
    """Whether every string YAML 1.1 would resolve if plain is a real ISO date (kept as written
    either way); an empty string is never plain here (a plain empty value is null)."""
    return not any(map(_resolves_otherwise, _CANDIDATE.findall(dump)))


def _plain_dump(value: Any, limits: Limits, yaml_text: bool) -> bytes | None:
    """A compact JSON dump of what a compiled parser made, if the exact reader makes the same
    from the same text: text keys, no float, NFC strings, far enough from every limit, and for
    YAML no string that YAML 1.1 resolves when plain (but real ISO dates)."""
    assert orjson is not None
    if value is None:  # an empty file and a 'null' document read alike here: let the exact say
        return None
    try:
        dump: bytes = orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):  # a key that is not text, an integer over 64 bits
        return None
    if len(dump) > min(limits.max_string, limits.max_nodes):
        return None  # each value takes a byte of the dump, each string at most the whole dump
    if not yaml_text and not dump.isascii() and not unicodedata.is_normalized("NFC", dump.decode()):
        return None  # a JSON escape may write a combining mark (YAML's: see fast_yaml)
    if yaml_text and not _real_dates_only(dump):
        return None
    bare = _without_strings(dump)
    if _FLOAT.search(bare) or _long_number(limits.max_digits).search(bare):
        return None
    if _nesting(bare) > limits.depth or (b"null" in bare and _special_float(value)):
        return None
    return dump


def _too_large(text: str, limits: Limits) -> bool:
    """Whether the text could hold more values, or a longer string, than the limits allow: then
    building values twice, here and in the exact reader that words the error, would cost memory."""
    return len(text) > min(limits.max_string, limits.max_nodes)


def fast_yaml(text: str, limits: Limits) -> Parsed | None:
    """The YAML document's value and a lazy locator if the fast path gives exactly what
    ``load_yaml_text`` gives, else ``None``.

    ``text`` is NFC, as ``textio.decode`` gives it; then so is every string of the value, with no
    check (one was 2% of a document's time). A string taken here is a piece of the text, or pieces
    joined by a space, a line break or a quote (folding, block scalars, ``''``), no escape (a
    backslash goes to the exact reader when the text has a double quote). Pieces of an NFC text
    are NFC, and none of those three characters composes with what is beside it (no canonical
    composition starts or ends with one), so the joined string is NFC too; a test holds that."""
    if yaml_rs is None or orjson is None or _too_large(text, limits) or not _text_is_plain(text):
        return None
    try:
        value = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal (syntax, duplicate key...) is worded by the exact reader
        return None
    if _plain_dump(value, limits, yaml_text=True) is None:
        return None
    return value, lazy_locator(text)


def fast_json(text: str, limits: Limits) -> Parsed | None:
    """The JSON document's value read by the standard library's plain C decoder, and its
    locator, if it is exactly what ``load_json_text`` gives, else ``None``.

    The plain decoder keeps the last of duplicate keys: every key is followed by a colon outside
    strings, so the dump has as many colons as the text exactly when no key was dropped (a colon
    written as an escape is left to the exact reader).
    """
    if orjson is None or _too_large(text, limits):
        return None
    if MAYBE_SURROGATE.search(text) or _COLON_ESCAPE.search(text):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    dump = _plain_dump(value, limits, yaml_text=False)
    if dump is None or dump.count(b":") != text.count(":"):
        return None
    return value, lambda pointer, key=False: locate_json(text, pointer, key)
