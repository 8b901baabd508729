"""Text: both languages travel together; formatting fills each half with its own words."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ruleset.text import Text

NAMES = ("a", "b", "c", "d")
TEMPLATES = st.lists(
    st.one_of(st.sampled_from([f"{{{name}}}" for name in NAMES]), st.sampled_from(["x", " ", "ố"])),
    max_size=6,
).map("".join)
VALUES = st.one_of(
    st.text(alphabet="xyzọ{}", max_size=3),
    st.integers(),
    st.builds(Text, st.text(alphabet="vị", max_size=3), st.text(alphabet="en", max_size=3)),
)


def each_half(text: Text, params: dict[str, Any]) -> Text:
    """The meaning of format: each half formatted with that half of every Text value, a
    placeholder without a value left as written."""
    halves = []
    for half, template in (("vi", text.vi), ("en", text.en)):
        for name in NAMES:
            if name in params:
                value = params[name]
                template = template.replace(
                    f"{{{name}}}", getattr(value, half) if isinstance(value, Text) else str(value)
                )
        halves.append(template)
    return Text(*halves)


@given(TEMPLATES, TEMPLATES, st.dictionaries(st.sampled_from(NAMES), VALUES))
def test_format_fills_each_half_with_its_own_words(
    vi: str, en: str, params: dict[str, Any]
) -> None:
    assert Text(vi, en).format(**params) == each_half(Text(vi, en), params)


def test_a_placeholder_without_a_value_stays() -> None:
    assert Text("{a} {b}", "{b} {a}").format(a=Text("một", "one")) == Text("một {b}", "{b} one")
