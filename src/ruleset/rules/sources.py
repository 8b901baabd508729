"""The source texts a rule set quotes (``sources/sources.yaml``): what each text is and its bytes."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass

from ruleset.documents.document import Document, escape_token
from ruleset.documents.read import load_document
from ruleset.documents.schema import schema_problems
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


def source_problems(
    directory: str, document: Document, sources: dict[str, Source]
) -> list[Problem]:
    """Each listed file exists and still has the bytes its digest records."""
    problems = []
    for key, source in sorted(sources.items()):
        path = os.path.join(directory, "sources", source.file)
        pointer = "/sources/" + escape_token(key) + "/file"
        if not os.path.isfile(path):
            problems.append(
                document.problem(
                    pointer,
                    Text(
                        f"tệp nguồn không tồn tại: {source.file}",
                        f"source file missing: {source.file}",
                    ),
                )
            )
            continue
        with open(path, "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        if digest != source.sha256:
            problems.append(
                document.problem(
                    pointer,
                    Text(
                        f"tệp nguồn đã bị sửa: {source.file} có sha256 {digest[:12]}…, "
                        f"sources.yaml ghi {source.sha256[:12]}…",
                        f"source text changed: {source.file} has sha256 {digest[:12]}…, "
                        f"sources.yaml records {source.sha256[:12]}…",
                    ),
                    Text(
                        "văn bản nguồn được giữ nguyên từng byte: khôi phục tệp hoặc, nếu văn bản mới là "
                        "chủ ý, ghi lại mã băm của nó",
                        "source texts are kept byte for byte; restore the file or, if the new text is "
                        "intended, record its digest",
                    ),
                )
            )
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
