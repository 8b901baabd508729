"""Turn the bytes of an input file into NFC text, or say precisely why not."""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata

from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.errors import InputError
from ruleset.text import Text


def nfc(text: str) -> str:
    """Vietnamese may be typed with combining marks (NFD); compare and report in NFC only."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


EXCERPT_CHARS = 80
"""The most characters of a file's content any message quotes."""


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, printable excerpt of untrusted text for a message: control characters escaped,
    cut at ``limit`` characters, so no error can echo a file (a linked /etc/passwd) or a terminal
    escape sequence."""
    text = value if isinstance(value, str) else str(value)
    cut = text[:limit]
    shown = "".join(
        char
        if char.isprintable() or char == " "
        else char.encode("unicode_escape", "backslashreplace").decode("ascii")
        for char in cut
    )
    return shown + ("…" if len(text) > limit else "")


def _cannot_read(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError.at(path, Text("không tìm thấy tệp", "file not found"))
    return InputError.at(path, Text("không đọc được tệp", f"cannot read file: {exc.strerror}"))


def _read_up_to(descriptor: int, size: int) -> bytes:
    """``size`` bytes, or fewer at the end of the file: a read may return less than asked (a
    signal, a file system that serves in pieces), so read on until either."""
    parts: list[bytes] = []
    while size > 0 and (data := os.read(descriptor, size)):
        parts.append(data)
        size -= len(data)
    return b"".join(parts)  # one part is returned as it is, not copied


def read_bytes(path: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a regular file, refusing directories, devices, FIFOs and oversized files before
    reading a byte.

    The file is opened without blocking (a FIFO would otherwise wait for a writer forever) and
    checked through its open descriptor, so it cannot be swapped between the check and the read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputError.at(
                path, Text("là thư mục, không phải tệp", "is a directory, not a file")
            )
        if not stat.S_ISREG(info.st_mode):
            raise InputError.at(path, Text("không phải tệp thông thường", "is not a regular file"))
        if info.st_size > limits.max_bytes:
            raise too_large(path, info.st_size, limits)
        # As much as fstat said, and a byte more to see growth: a buffer of the whole limit
        # (5 MiB) was mapped and unmapped for every file. A file that grew is read on to the
        # limit. Read from the descriptor itself: a buffered reader over it cost two system
        # calls and ~5 µs a file more.
        wanted = min(info.st_size, limits.max_bytes) + 1
        data = _read_up_to(descriptor, wanted)
        if len(data) == wanted and wanted <= limits.max_bytes:
            data += _read_up_to(descriptor, limits.max_bytes + 1 - wanted)
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    finally:
        os.close(descriptor)
    if len(data) > limits.max_bytes:
        raise too_large(path, len(data), limits)
    return data


def too_large(path: str, size: int, limits: Limits) -> InputError:
    """The one wording of "over --max-bytes", wherever the size is found out."""
    return InputError.at(
        path,
        Text(
            f"tệp quá lớn ({size} byte, tối đa {limits.max_bytes})",
            f"file too large ({size} bytes, limit {limits.max_bytes})",
        ),
        hint=Text(
            "nâng giới hạn bằng --max-bytes nếu tệp là thật",
            "raise the limit with --max-bytes if the file is genuine",
        ),
    )


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; report the first bad byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError.at(
                path,
                Text(
                    f"UTF-16 không hợp lệ tại byte {exc.start}",
                    f"invalid UTF-16 at byte {exc.start}",
                ),
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
            line, column = _line_col(data, offset)
            from ruleset.documents.legacy_encoding import guess_legacy_encoding

            legacy = guess_legacy_encoding(data)
            hint = (
                Text(
                    f"tệp có vẻ là tiếng Việt theo bảng mã cũ {legacy}; lưu lại dạng UTF-8 (Unicode) rồi thử lại",
                    f"the file looks like Vietnamese in the legacy {legacy} encoding; "
                    "save it as UTF-8 (Unicode) and try again",
                )
                if legacy
                else Text("lưu tệp dạng UTF-8", "save the file as UTF-8")
            )
            raise InputError.at(
                path,
                Text(
                    f"byte không hợp lệ 0x{data[offset]:02x} tại vị trí {offset}, tệp không phải UTF-8",
                    f"invalid byte 0x{data[offset]:02x} at offset {offset}: the file is not UTF-8",
                ),
                line,
                column,
                hint=hint,
            ) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise InputError.at(
            path, Text("tệp chứa ký tự NUL", "file contains a NUL character"), line, column
        )
    return nfc(text)
