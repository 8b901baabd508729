"""FieldPath.resolve, compiled once per path, walks data as a plain token-by-token walk does."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.checks.base import MISSING, EvalContext, FieldPath
from ruleset.documents.document import escape_token

TOKENS = st.sampled_from(["a", "b", "0", "1", "2", "10", "a/b", "~x", "*", "²"])
VALUES = st.recursive(
    st.none() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TOKENS, inner, max_size=4),
    max_leaves=20,
)


def _walk(root: Any, value: Any, pointer: str, tokens: list[str], rooted: bool) -> Any:
    """The reference: each token looked up in turn, its escaped form added to the pointer."""
    if rooted:
        value, pointer = root, ""
    for token in tokens:
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdecimal() and int(token) < len(value):
            value = value[int(token)]
        else:
            return MISSING, pointer
        pointer = f"{pointer}/{escape_token(token)}"
    return value, pointer


@settings(max_examples=400, deadline=None)
@given(root=VALUES, entry=VALUES, tokens=st.lists(TOKENS, min_size=1, max_size=4))
def test_resolve_is_the_plain_walk(root: Any, entry: Any, tokens: list[str]) -> None:
    ctx = EvalContext(root, "2024-01-01", "2024-12-31", {})
    rooted = "/" + "/".join(escape_token(t) for t in tokens)
    expected = _walk(root, entry, "/obligations/x", tokens, True)
    found = FieldPath(rooted).resolve(entry, "/obligations/x", ctx)
    assert found[1] == expected[1] and found[0] is expected[0]
    names = [t for t in tokens if t.isidentifier()]
    if names:  # an entry path is dotted names
        expected = _walk(root, entry, "/obligations/x", names, False)
        found = FieldPath(".".join(names)).resolve(entry, "/obligations/x", ctx)
        assert found[1] == expected[1] and found[0] is expected[0]
