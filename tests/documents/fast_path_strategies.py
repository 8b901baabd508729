"""Documents for the fast path's differential test: awkward values rendered every way a person or a
program writes YAML and JSON, and soups of YAML and JSON tokens that are mostly not documents."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from hypothesis import strategies as st

from ruleset.documents.limits import Limits

# Scalars whose reading differs between YAML 1.1 and 1.2, or between the two parsers' scanners.
AWKWARD = [
    *("yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "~", "null", "Null", "NULL"),
    *("true", "True", "TRUE", "false", "tRUE", "nULL"),
    *("0", "00", "012", "08", "-012", "+12", "-0", "+0", "0x1F", "0o17", "0b11", "1_000", "1__0"),
    *("1:20", "1:20.5", "190:20:30", ".inf", "-.inf", ".Inf", ".nan", ".NaN", "inf", "nan"),
    *("1e5", "1.0e5", "1.0e+5", "-.5", ".5", "1.", "0.0", "1_0.5", "12e3", "1E5", "+.5", "1e400"),
    *("2021-10-01", "2021-9-5", "2021-02-30", "0000-01-01", "2021-10-01 ", "2020-02-29"),
    *("2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z"),
    *("=", "<<", "-", "+", ".", "!", "&", "*", "?", ":", "|", ">", "@x", "`x", "%x", "#x"),
    *("a: b", "a:b", "- a", "a #b", "a#b", "'q'", '"dq"', "x\ny", "x\n\ny", "  lead", "trail  "),
    *("", " ", "tab\there", "[a]", "{a: 1}", "a,b", "a, b", "!x", "&x", "*x", "? x", "---", "..."),
    *("Đăk Hà", "e\u0301", "\u00a0nbsp", "a\u2028b", "a\x85b", "bom\ufeff", "ctl\x07", "\u200b"),
    *("Sở TT&TT", "(*)", "Lưu ý!", "10:30 sáng", "ngày 05/10/2021", "0912 345 678", "v.v..."),
    *("1" * 99, "1" * 100, "9" * 25, "-" + "9" * 99, "18446744073709551616", "9223372036854775807"),
    *("a" * 1030, "x'y", "x''y", 'x"y', "x\\y", "\\", "\\n", "'", '"', "a\r\nb", "a\rb"),
]

scalars = st.one_of(
    st.sampled_from(AWKWARD),
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.text(alphabet="aĐđ ếệ-:#'\"\n0123456789.,[]{}", max_size=10),
)
keys = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=8), st.integers(-3, 3))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=24,
)
limits = st.sampled_from(
    [
        Limits(),
        Limits(max_depth=2),
        Limits(max_depth=3),
        Limits(max_string=6),
        Limits(max_nodes=5),
        Limits(max_digits=3),
        Limits(max_digits=20),
        Limits(max_aliases=0),
    ]
)

_PLAIN_SAFE = re.compile(r"[^\s\[\]{},#&*!|>'\"%@`][^\n:#]*(?<=\S)")


def _plain(value: Any) -> str:
    """A scalar as a person types it: plain if it can be, else double-quoted the JSON way."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float)):
        return json.dumps(value) if isinstance(value, bool) else repr(value)
    text = str(value)
    if _PLAIN_SAFE.fullmatch(text) and not text.startswith(("- ", "? ", ": ", "-\n")):
        return text
    return json.dumps(text, ensure_ascii=False)


def render_plain(value: Any, indent: int = 0, step: int = 2, dash_indent: bool = False) -> str:
    """Block YAML with scalars written plain: the documents YAML 1.1 and 1.2 read differently."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        lines = []
        for key, item in value.items():
            head = f"{pad}{_plain(key)}:"
            if isinstance(item, (dict, list)) and item:
                inner = indent + step if isinstance(item, dict) or dash_indent else indent
                lines.append(head + "\n" + render_plain(item, inner, step, dash_indent))
            else:
                lines.append(f"{head} {_plain_leaf(item)}".rstrip())
        return "\n".join(lines)
    if isinstance(value, list) and value:
        lines = []
        for item in value:
            if isinstance(item, (dict, list)) and item:
                body = render_plain(item, indent + 2, step, dash_indent)
                lines.append(f"{pad}- {body.lstrip()}")
            else:
                lines.append(f"{pad}- {_plain_leaf(item)}".rstrip())
        return "\n".join(lines)
    return pad + _plain_leaf(value)


def _plain_leaf(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _plain(value)


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """One value rendered by PyYAML in a drawn style, or plain by hand, or as JSON (also YAML)."""
    value = draw(values)
    style = draw(st.sampled_from(["dump", "flow", "plain", "plain-deep", "json", "block-scalars"]))
    if style == "plain":
        text = render_plain(value)
    elif style == "plain-deep":
        text = render_plain(value, step=draw(st.integers(1, 4)), dash_indent=True)
    elif style == "json":
        text = json.dumps(
            value, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1]))
        )
    elif style == "block-scalars":
        text = yaml.safe_dump(
            value,
            allow_unicode=True,
            sort_keys=False,
            default_style=draw(st.sampled_from(["|", ">"])),
        )
    else:
        text = yaml.safe_dump(
            value,
            allow_unicode=draw(st.booleans()),
            sort_keys=False,
            default_flow_style=style == "flow",
            width=draw(st.sampled_from([20, 80, 1000])),
            explicit_start=draw(st.booleans()),
        )
    prefix = draw(st.sampled_from(["", "# comment\n", "\n", "--- \n", "---\n# c\n"]))
    suffix = draw(st.sampled_from(["", "\n", "# end\n", "\n\n", " # trailing"]))
    return prefix + text + suffix


YAML_TOKENS = [
    *("a", "b", "1", "0", "012", "yes", "~", "2021-10-01", "1.5", "x y", "Đ", "é", "<<", "="),
    *(":", ": ", "-", "- ", "?", "? ", "[", "]", "{", "}", ",", ", ", "#", " #c", "'", '"', "''"),
    *("|", ">", "|-", ">+", "|2", "\n", "\n", "\n  ", "\n    ", "\n- ", " ", "  ", "@", "`", "%"),
    *("---", "...", "\n---\n", "\n...\n", "\\", "!", "!!str ", "&a ", "*a", "\r\n", "\t", "\\n"),
]
JSON_TOKENS = [
    *("{", "}", "[", "]", ",", ":", '"a"', '"b"', '"a"', "1", "-0", "0", "01", "1.5", "1e400"),
    *("NaN", "Infinity", "-Infinity", "true", "null", " ", "\n", '"\\u003a"', '"\\ud800"'),
    *('"e\\u0301"', '"x:y"', '"null"', '"\\"', '"\\\\"', '"\\"x"', "9" * 30, '"\\udc00"'),
]


@st.composite
def soups(draw: st.DrawFn, tokens: list[str]) -> str:
    return "".join(draw(st.lists(st.sampled_from(tokens), max_size=24)))
