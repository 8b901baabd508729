"""Positions for a YAML document the fast path read, from rapidyaml's tree: exactly libyaml's
marks, or none.

libyaml composes a 5 KiB submission in ~0.3 ms, as long as the whole check of it; rapidyaml parses
it in place in ~0.05 ms and keeps each scalar as a view into the text, so its offset there is where
libyaml's mark is (one before, for a quoted scalar). A container starts where libyaml says: at its
first key, at the '-' before its first item, at the '[' or '{' before its first entry. Where the
tree alone does not tell (an empty or null value, a block scalar, an empty item) the text after
the key's ':' does, or the walk gives up (``Unsure``) and the caller composes with libyaml. The
differential test (tests/documents/test_fast_path.py) holds both to the same line:column for every
pointer of every corpus and generated document.

Only for texts the fast path accepted: no tab, CR, tag, anchor, escape, directive, multi-line flow;
strings NFC. rapidyaml prints parse errors on the process's standard error, so fd 2 points at the
null device while it parses (a document yaml_rs read and rapidyaml does not is composed instead).
"""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Callable
from functools import partial
from typing import Any

from ruleset.documents.document import Position, unescape_token

TextLocator = Callable[[str, bool], Position | None]

try:
    import ryml
except ImportError:  # pragma: no cover - without it every position is composed by libyaml
    ryml = None


# What may be an explicit key's '?' (libyaml marks its mapping there, the tree at the key, maybe
# lines and comments later): such a text is composed.
_EXPLICIT_KEY = re.compile(r"\?(?<![^\s\[{,-]\?)(?=\s|\Z)")  # a literal first: a fast search


class Unsure(Exception):
    """The tree and the text around it do not say where libyaml's mark is."""


class _Buffer(ctypes.Structure):
    """CPython's Py_buffer: where a view's bytes are in memory (rapidyaml's views are read-only,
    so ctypes' from_buffer cannot take them)."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_Buffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_Buffer)]


def _address(view: Any) -> int:
    buffer = _Buffer()
    if _get_buffer(view, ctypes.byref(buffer), 0) != 0:  # pragma: no cover - ctypes raises
        raise Unsure
    try:
        return int(buffer.buf or 0)
    finally:
        _release_buffer(ctypes.byref(buffer))


class _Tree:
    """rapidyaml's tree, its methods called through its SWIG functions with the tree's own
    pointer: each of its Python methods looks that pointer up again (~0.45 µs a call against
    ~0.15 µs), and finding one position takes a dozen calls."""

    __slots__ = (
        "child",
        "find_child",
        "first_child",
        "is_stream",
        "key",
        "num_children",
        "owner",
        "root_id",
        "type",
        "val",
        "val_is_null",
    )

    def __init__(self, tree: Any) -> None:
        native, this = ryml._ryml, tree.this
        self.owner = tree  # the tree's nodes live as long as it does
        self.child = partial(native.Tree_child, this)
        self.find_child = partial(native.Tree_find_child, this)
        self.first_child = partial(native.Tree_first_child, this)
        self.is_stream = partial(native.Tree_is_stream, this)
        self.key = partial(native.Tree_key, this)
        self.num_children = partial(native.Tree_num_children, this)
        self.root_id = partial(native.Tree_root_id, this)
        self.type = partial(native.Tree_type, this)
        self.val = partial(native.Tree_val, this)
        self.val_is_null = partial(native.Tree_val_is_null, this)


_null_device: list[int] = []


def _parse_quietly(buffer: bytearray) -> Any:
    """rapidyaml's tree of the buffer (filtered in place), or None if it refuses it; whatever it
    prints goes to the null device."""
    assert ryml is not None
    try:
        saved = os.dup(2)
    except OSError:  # no standard error to protect
        saved = -1
    try:
        if saved >= 0:
            if not _null_device:
                _null_device.append(os.open(os.devnull, os.O_WRONLY))
            os.dup2(_null_device[0], 2)
        return ryml.parse_in_place(buffer)
    except Exception:  # any refusal: libyaml composes this document
        return None
    finally:
        if saved >= 0:
            os.dup2(saved, 2)
            os.close(saved)


class _Offsets:
    """Offsets of libyaml's marks in the UTF-8 text, read from rapidyaml's tree of it. A node's
    kind and styles are read once, as rapidyaml's type bits (each method of its tree is a call
    through SWIG)."""

    def __init__(self, data: bytes, tree: _Tree, base: int, root: int) -> None:
        assert ryml is not None
        self.data = data
        self.tree = tree
        self.base = base
        self.root = root
        self.flags = ryml
        self.counted = 0, 1  # a line's start and its number, counted last
        # Findings share prefixes (/obligations/<id>/...): each path is walked once per document
        # (a step is two calls into rapidyaml).
        self.walked: dict[str, tuple[int, bool, bool]] = {}

    def walk(self, pointer: str) -> tuple[int, bool, bool]:
        """The deepest node on the pointer's path, whether it is a mapping's member, and whether
        the whole path exists."""
        known = self.walked.get(pointer)
        if known is not None:
            return known
        if "/" not in pointer:  # no token (split_pointer reads tokens after a '/')
            return self.root, False, True
        parent, _, last = pointer.rpartition("/")
        node, in_map, whole = self.walk(parent)
        if whole:
            token = unescape_token(last) if "~" in last else last
            tree, flags = self.tree, self.flags
            kind = tree.type(node)
            child = -1
            if kind & flags.MAP:
                child = tree.find_child(node, token)
                child = -1 if child == flags.NONE else child
            elif kind & flags.SEQ and token.isdigit():
                index = int(token)
                if index < tree.num_children(node):
                    child = tree.child(node, index)
            if child < 0:
                whole = False
            else:
                node, in_map = child, bool(kind & flags.MAP)
        self.walked[pointer] = found = (node, in_map, whole)
        return found

    def _offset(self, view: Any) -> int:
        return _address(view) - self.base

    def key_start(self, node: int) -> int:
        start = self._offset(self.tree.key(node))
        return start - 1 if self.tree.type(node) & self.flags.KEYQUO else start

    def key_end(self, node: int) -> int:
        """Just after the key as written (quotes included)."""
        start = self.key_start(node)
        if not self.tree.type(node) & self.flags.KEYQUO:
            return start + len(self.tree.key(node))
        quote = self.data[start : start + 1]
        end = start + 1
        while True:
            end = self.data.find(quote, end)
            if end < 0 or self.data[end : end + 1] == b"\n":  # pragma: no cover - one line
                raise Unsure
            if quote == b"'" and self.data[end + 1 : end + 2] == b"'":
                end += 2  # '' is a quote inside single quotes
                continue
            return end + 1

    def after_colon(self, node: int) -> int:
        """Just after the ':' that ends the key of a mapping entry."""
        end = self.key_end(node)
        while self.data[end : end + 1] == b" ":
            end += 1
        if self.data[end : end + 1] != b":":
            raise Unsure
        return end + 1

    def start(self, node: int) -> int:
        """Where libyaml's mark for the node's value is, read from the tree alone."""
        tree, flags = self.tree, self.flags
        kind = tree.type(node)
        if kind & (flags.MAP | flags.SEQ):
            if tree.num_children(node) == 0:
                raise Unsure
            first = tree.first_child(node)
            inner = self.key_start(first) if kind & flags.MAP else self.start(first)
            if kind & flags.MAP and not kind & flags.CONTAINER_STYLE_FLOW:
                return inner  # no explicit '?' key here (offsets_locator): at the first key
            opener = (
                b"-"
                if not kind & flags.CONTAINER_STYLE_FLOW
                else b"["
                if kind & flags.SEQ
                else b"{"
            )
            at, written = self._blanks_before(inner)
            if written != opener:
                raise Unsure
            return at
        if not kind & flags.VAL:
            raise Unsure
        view = tree.val(node)
        if view is None or (len(view) <= 4 and tree.val_is_null(node)):
            if view is None or not len(view):
                raise Unsure  # nothing written: the mark is after the indicator, see value_start
            return self._offset(view)  # '~', 'null'...
        if kind & (flags.VAL_LITERAL | flags.VAL_FOLDED):
            raise Unsure  # filtered in place: its view no longer starts where it was written
        start = self._offset(view)
        return start - 1 if kind & flags.VALQUO else start

    def _blanks_before(self, offset: int) -> tuple[int, bytes]:
        """The offset and byte written last before the offset, across blanks and line breaks."""
        at = offset - 1
        while at >= 0 and self.data[at : at + 1] in (b" ", b"\n"):
            at -= 1
        return at, self.data[at : at + 1] if at >= 0 else b""

    def value_start(self, node: int) -> int:
        """The mark of a mapping entry's value; an empty or odd one read from the text after ':'."""
        try:
            return self.start(node)
        except Unsure:
            pass
        colon = self.after_colon(node)
        tree, flags = self.tree, self.flags
        kind = tree.type(node)
        at = colon
        while self.data[at : at + 1] == b" ":
            at += 1
        written = self.data[at : at + 1]
        if kind & flags.VAL and not kind & flags.VALQUO and tree.val_is_null(node):
            if written in (b"\n", b"#", b""):
                return colon  # nothing written on the line: marked just after the ':'
            raise Unsure
        if kind & (flags.MAP | flags.SEQ):
            wanted = b"[" if kind & flags.SEQ else b"{"
            if kind & flags.CONTAINER_STYLE_FLOW and written == wanted:
                return at
        elif written in (b"|", b">") and kind & (flags.VAL_LITERAL | flags.VAL_FOLDED):
            return at
        raise Unsure

    def position(self, offset: int) -> Position:
        """Line and column as libyaml counts them: from 1, in characters. Lines are counted on
        from the line asked for last when this one is further on (findings mostly are)."""
        line_start = self.data.rfind(b"\n", 0, offset) + 1
        counted, line = self.counted
        if line_start >= counted:
            line += self.data.count(b"\n", counted, line_start)
        else:
            line = self.data.count(b"\n", 0, line_start) + 1
        self.counted = line_start, line
        return line, len(self.data[line_start:offset].decode("utf-8")) + 1


def _root(tree: Any) -> int:
    node: int = tree.root_id()
    if tree.is_stream(node):
        if tree.num_children(node) != 1:
            raise Unsure
        node = tree.first_child(node)
    return node


def offsets_locator(text: str) -> TextLocator | None:
    """A locator giving libyaml's positions for the text, raising ``Unsure`` where it cannot
    tell; None when rapidyaml is missing or refuses the text."""
    if ryml is None or _EXPLICIT_KEY.search(text):
        return None
    data = text.encode("utf-8")
    buffer = bytearray(data)
    tree = _parse_quietly(buffer)
    if tree is None:
        return None
    tree = _Tree(tree)
    try:
        root = _root(tree)
    except Unsure:
        return None
    offsets = _Offsets(data, tree, _address(memoryview(buffer)), root)
    # Findings share a pointer now and then: each answer is worked out once per document.
    answers: dict[tuple[str, bool], Position] = {}

    def locate(pointer: str, key: bool = False) -> Position | None:
        _ = buffer  # the tree's views point into it: kept alive with the locator
        answer = answers.get((pointer, key))
        if answer is not None:
            return answer
        node, in_map, whole = offsets.walk(pointer)
        if key and in_map and whole:  # the exact locator gives a key only at the path's end
            answer = offsets.position(offsets.key_start(node))
        elif in_map:
            answer = offsets.position(offsets.value_start(node))
        else:
            answer = offsets.position(offsets.start(node))
        answers[pointer, key] = answer
        return answer

    return locate


def offsets_or(text: str, fallback: TextLocator) -> TextLocator:
    """rapidyaml's positions for the text, ``fallback``'s wherever they cannot tell (or for the
    whole text, when rapidyaml is missing or refuses it)."""
    offsets = offsets_locator(text)
    if offsets is None:
        return fallback

    def locate(pointer: str, key: bool = False) -> Position | None:
        try:
            return offsets(pointer, key)
        except Unsure:
            return fallback(pointer, key)

    return locate
