"""Write reports atomically, and never over anything that is not ours.

A target is one of three kinds, decided before anything is written:

- new (nothing there): written to a temporary ``.ruleset-*.tmp`` beside it, then renamed;
- a regular file (not a link) that ``ours`` recognises from its first bytes: replaced the same way;
- a stream (a FIFO, a character device such as ``/dev/null``, or a link to one, or a link through
  ``/dev`` or ``/proc`` such as ``/dev/stdout``): opened and written in place, never created,
  truncated or renamed over.

Anything else (a directory, another link, a block device, a regular file ``ours`` does not
recognise, a path inside a ``protected`` tree such as the rules folder or an input folder) is
refused with exit 2 and left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator

from ruleset.errors import InputError
from ruleset.text import Text

Recogniser = Callable[[bytes], bool]
HEAD_BYTES = 512
KERNEL_TREES = ("/dev/", "/proc/")  # links through these name a stream (/dev/stdout, /dev/fd/1)
MAX_LINK_HOPS = 40
# How every report `ruleset check` writes begins (json, text, markdown, html; vi and en). A file that
# begins otherwise was not written by us and is never replaced. tests/test_output.py renders
# each format in each language and checks that it is recognised.
REPORT_HEADS = (
    b'{\n  "format": "ruleset/',
    b'{"format":"ruleset/',
    b'[\n  {\n    "format": "ruleset/',  # check on several files, --format json
    "Báo cáo rà soát tự đánh giá: ".encode(),
    b"Self-assessment gap report: ",
    "# Báo cáo rà soát tự đánh giá\n".encode(),
    b"# Self-assessment gap report\n",
    b"<!DOCTYPE html>\n<!-- written by ruleset -->\n",
    # CI formats (sarif, junit, github): their first bytes are fixed by their readers, so a mark.
    b'{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n'
    b'  "properties": {\n    "format": "ruleset/sarif@1"',
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- written by ruleset -->\n',
    b"::debug::written by ruleset ",
)


def any_regular_file(head: bytes) -> bool:
    """Inside a folder of ours (batch --out) every regular file is ours."""
    return True


def is_report(head: bytes) -> bool:
    """Whether a file's first bytes are those of a report ``ruleset check`` writes."""
    return head.startswith(REPORT_HEADS)


def never(head: bytes) -> bool:
    """For outputs people edit afterwards (templates): an existing file is always theirs."""
    return False


def _refuse(path: str, vi: str, en: str, hint: Text | None = None) -> InputError:
    return InputError.at(path, Text(vi, en), hint=hint)


def inside(real: str, tree: str) -> bool:
    """Whether a resolved path is ``tree`` or lies under it (links in ``tree`` resolved)."""
    root = os.path.realpath(tree)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def real_location(path: str) -> str:
    """Where ``path`` is, links resolved, even when it does not exist yet."""
    absolute = os.path.abspath(path)
    return os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))


def _through_kernel(path: str) -> bool:
    """A link that leads through /dev or /proc (``/dev/stdout`` → ``/proc/self/fd/1``)."""
    current = os.path.abspath(path)
    for _ in range(MAX_LINK_HOPS):
        if current.startswith(KERNEL_TREES):
            return True
        try:
            target = os.readlink(current)
        except OSError:
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    return False


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError as exc:
        raise _refuse(
            path,
            f"tệp đã có và không đọc được để kiểm tra ({exc.strerror})",
            f"the file exists and cannot be read to tell whether it is ours ({exc.strerror})",
        ) from None


def _refuse_inputs(path: str, inputs: tuple[str, ...]) -> None:
    for source in inputs:
        if os.path.exists(source) and os.path.exists(path) and os.path.samefile(source, path):
            raise InputError.at(
                path,
                Text("tệp kết quả trùng với tệp đầu vào", "the output file is an input file"),
                hint=Text("chọn đường dẫn --output khác", "choose another --output path"),
            )


def target_kind(path: str, ours: Recogniser, streams: bool = True) -> str:
    """``new``, ``replace`` or ``stream``; raises :class:`InputError` for what is not ours."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        raise InputError.at(path, Text("không ghi được", f"cannot write: {exc.strerror}")) from None
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        with contextlib.suppress(OSError):
            mode = os.stat(path).st_mode
        if streams and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or _through_kernel(path)):
            return "stream"
        raise _refuse(
            path,
            "là liên kết tượng trưng, không ghi đè",
            "is a symbolic link; it is not replaced",
            hint=Text(
                "ghi đường dẫn của tệp mà liên kết trỏ tới, hoặc một đường dẫn khác",
                "give the path of the file it points to, or another path",
            ),
        )
    if streams and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return "stream"
    if stat.S_ISDIR(mode):
        raise _refuse(path, "là thư mục, không ghi đè", "is a directory; it is not replaced")
    if not stat.S_ISREG(mode):
        raise _refuse(
            path, "không phải tệp thông thường", "is not a regular file; it is not written to"
        )
    if not ours(_head(path)):
        raise _refuse(
            path,
            "tệp đã có và không phải do ruleset tạo, không ghi đè",
            "the file exists and was not written by ruleset; it is not replaced",
            hint=Text(
                "tự xóa tệp đó hoặc chọn đường dẫn khác",
                "remove it yourself or choose another output path",
            ),
        )
    return "replace"


def write_output(
    path: str,
    text: str | bytes,
    *,
    ours: Recogniser,
    inputs: tuple[str, ...] = (),
    protected: tuple[str, ...] = (),
    streams: bool = True,
    durable: bool = True,
) -> None:
    """Write ``text`` to ``path`` under the rules above (``check --output``, ``template --output``).

    ``inputs`` are files the output must not be; ``protected`` are files or folders it must not be
    in (the rules folder, input folders).
    """
    real = real_location(path)
    for tree in protected:
        if inside(real, tree):
            raise _refuse(
                path,
                f"tệp kết quả nằm trong thư mục đầu vào hoặc thư mục quy tắc {tree}",
                f"the output is inside the input or rules folder {tree}",
                hint=Text(
                    "chọn đường dẫn kết quả ở ngoài thư mục đó", "choose an output path outside it"
                ),
            )
    _refuse_inputs(path, inputs)
    if target_kind(path, ours, streams) == "stream":
        write_stream(path, text)
    else:
        write_atomically(path, text, durable=durable, ours=ours)


def write_stream(path: str, text: str | bytes) -> None:
    """Write to a FIFO, a terminal, /dev/null or /dev/stdout: opened, never created or truncated."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
    except OSError as exc:
        raise InputError.at(path, Text("không ghi được", f"cannot write: {exc.strerror}")) from None


def write_atomically(
    path: str,
    text: str | bytes,
    inputs: tuple[str, ...] = (),
    durable: bool = True,
    ours: Recogniser = any_regular_file,
) -> None:
    """Write to a temporary file beside the target, then rename: readers see all or nothing.

    The target must be new or a regular file ``ours`` recognises (the default: any regular file,
    for folders of ours). ``durable=False`` skips fsync: the rename is still atomic for every
    reader and after a crash of the process, only a power cut may lose the file (batch uses it:
    fsync was 15% of its time).
    """
    _refuse_inputs(path, inputs)
    directory = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(directory):
        raise InputError.at(
            path, Text("thư mục chứa tệp kết quả không tồn tại", "the output folder does not exist")
        )
    target_kind(path, ours, streams=False)
    write_atomically_from(path, iter((text,)), durable)


def _discard(temporary: str) -> None:
    """Remove a temporary that may already be gone (renamed, or removed by a clean-up)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)


def write_atomically_from(path: str, chunks: Iterator[str | bytes], durable: bool = True) -> None:
    """Stream text (UTF-8) or bytes (a workbook) into a temporary file beside ``path`` and rename
    it: big summaries, flat memory."""
    target = os.path.abspath(path)
    directory = os.path.dirname(target) or "."
    try:
        handle, temporary = tempfile.mkstemp(prefix=".ruleset-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError.at(path, Text("không ghi được", f"cannot write: {exc.strerror}")) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        _discard(temporary)
        raise InputError.at(path, Text("không ghi được", f"cannot write: {exc.strerror}")) from None
    except BaseException:
        _discard(temporary)
        raise
