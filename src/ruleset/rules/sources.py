"""The source texts a rule set quotes (``sources/sources.yaml``): what each text is and its bytes."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass

from ruleset.documents.document import Document, escape_token
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.read import load_document
from ruleset.documents.schema import schema_problems
from ruleset.documents.textio import decode, excerpt, read_bytes
from ruleset.errors import InputError, Problem
from ruleset.text import Text

SOURCES_FILE = os.path.join("sources", "sources.yaml")

NATURE_WORDS = {
    "full_text": Text("toàn văn", "full text"),
    "press_report": Text(
        "tin báo chí thuật lại, không phải toàn văn", "press report, not the full text"
    ),
    "conference_report": Text(
        "tường thuật hội nghị, không phải toàn văn", "conference report, not the full text"
    ),
}


@dataclass(frozen=True)
class Source:
    """One directive and the text held of it."""

    document: str
    file: str
    sha256: str
    kind: str
    system: str
    issuer: str
    date: str
    title: str
    jurisdiction: str
    nature: str


def load_sources(directory: str) -> tuple[Document, dict[str, Source]]:
    """Read and validate ``sources/sources.yaml``; InputError lists every problem."""
    document = load_document(os.path.join(directory, SOURCES_FILE))
    problems = schema_problems(document, "sources.schema.json")
    if problems:
        raise InputError(problems)
    sources = {
        key: Source(
            key,
            entry["file"],
            entry["sha256"],
            entry["kind"],
            entry["system"],
            entry["issuer"],
            entry["date"],
            entry["title"],
            entry["jurisdiction"],
            entry["nature"],
        )
        for key, entry in document.data["sources"].items()
    }
    return document, sources


def source_bytes(directory: str, relative: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a source text named relative to the rules directory.

    The file must stay inside the directory (no ``..``, no absolute path, no link leading out)
    and be a regular file within the size limit: a FIFO, /dev/zero or a huge sparse file is
    refused before a byte is read.
    """
    path = os.path.join(directory, relative)
    tree = os.path.realpath(directory)
    if not os.path.realpath(path).startswith(tree + os.sep):
        raise InputError.at(
            path,
            Text(
                "tệp nằm ngoài thư mục quy tắc, không đọc",
                "the file is outside the rules directory: not read",
            ),
        )
    return read_bytes(path, limits)


def source_text(directory: str, relative: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """A source text as NFC text (UTF-8 only), read as :func:`source_bytes` reads it."""
    path = os.path.join(directory, relative)
    return decode(source_bytes(directory, relative, limits), path)


def source_problems(
    directory: str, document: Document, sources: dict[str, Source]
) -> list[Problem]:
    """Each listed file exists and still has the bytes its digest records."""
    problems = []
    for key, source in sorted(sources.items()):
        path = os.path.join("sources", source.file)
        pointer = "/sources/" + escape_token(key) + "/file"
        shown = excerpt(source.file)
        try:
            digest = hashlib.sha256(source_bytes(directory, path)).hexdigest()
        except InputError as error:
            message = Text(f"không đọc được tệp nguồn {shown}", f"cannot read source file {shown}")
            problems.append(document.problem(pointer, message, error.problems[0].message))
            continue
        if digest != source.sha256:
            message = Text(
                f"tệp nguồn đã bị sửa: {shown} có sha256 {digest[:12]}…, "
                f"sources.yaml ghi {source.sha256[:12]}…",
                f"source text changed: {shown} has sha256 {digest[:12]}…, "
                f"sources.yaml records {source.sha256[:12]}…",
            )
            hint = Text(
                "văn bản nguồn được giữ nguyên từng byte: khôi phục tệp hoặc, nếu văn bản mới là "
                "chủ ý, ghi lại mã băm của nó",
                "source texts are kept byte for byte; restore the file or, if the new text is "
                "intended, record its digest",
            )
            problems.append(document.problem(pointer, message, hint))
    return problems


def normalise_text(text: str) -> str:
    """How quotes are compared: NFC, markdown emphasis asterisks dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def matched_prefix(quote: str, text: str) -> int:
    """Length of the longest prefix of ``quote`` found in ``text`` (binary search: presence is monotone)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low
