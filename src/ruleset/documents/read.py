"""One entry point for reading a YAML, JSON or Excel input file into a located :class:`Document`."""

from __future__ import annotations

import hashlib

from ruleset.documents.document import Document, Parsed
from ruleset.documents.json_reader import load_json_text
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.textio import decode, read_bytes, too_large
from ruleset.documents.yaml_reader import load_yaml_text
from ruleset.warmup import WarmUp

# The fast path (yaml_rs, orjson, its patterns: ~20 ms to import) saves ~0.5 ms a document: taken
# from the 32nd document a process reads (see ruleset.warmup), so `check` on one file never starts it.
FAST_PATH = WarmUp(32)

# Read as a workbook (the reader names the ones it cannot read); the Excel code is imported then.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".ods")


def parse_bytes(
    data: bytes, path: str, limits: Limits = DEFAULT_LIMITS, suffix: str | None = None
) -> Document:
    """Decode and parse bytes; by extension: JSON (``.json``), a workbook (``.xlsx``), else YAML.

    ``suffix`` stands for the extension when the name has none that says it (``<stdin>``)."""
    if len(data) > limits.max_bytes:
        raise too_large(path, len(data), limits)
    kind = (suffix or path).lower()
    if kind.endswith(WORKBOOK_SUFFIXES):
        from ruleset.documents.xlsx_reader import load_workbook_bytes

        value, locator = load_workbook_bytes(data, path, limits)
        digest = hashlib.sha256(data).hexdigest()
        return Document(path=path, data=value, sha256=digest, text="", locator=locator)
    text = decode(data, path)
    # The fast path gives exactly what the exact reader gives, or nothing (then the exact reads).
    fast: Parsed | None = None
    if FAST_PATH.due():
        from ruleset.documents.fast_path import fast_json, fast_yaml

        fast = fast_json(text, limits) if kind.endswith(".json") else fast_yaml(text, limits)
    if fast is not None:
        value, locator = fast
    elif kind.endswith(".json"):
        value, locator = load_json_text(text, path, limits)
    else:
        value, locator = load_yaml_text(text, path, limits)
    digest = hashlib.sha256(data).hexdigest()
    return Document(
        path=path,
        data=value,
        sha256=digest,
        text=text,
        locator=locator,
        float_free=fast is not None,  # the fast path takes no document with a float
    )


def load_document(path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read and parse a file, raising :class:`~ruleset.errors.InputError` on any problem."""
    return parse_bytes(read_bytes(path, limits), path, limits)
