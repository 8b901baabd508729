"""Document references (số và ký hiệu văn bản): parse, check the shape, and write canonically.

State documents are ``number/KIND-ISSUER`` (``874/QĐ-BTTTT``), or ``number/ISSUER-UNIT`` for a
công văn (``3855/UBND-KGVX``); legal normative documents add the year (``30/2020/NĐ-CP``,
``24/2018/QH14``). Party documents are ``number-KIND/ISSUER`` (``286-CV/TU``, ``13-QĐi/TU``).
Real files write them loosely (spaces, en dashes, lower case, ``QD`` for ``QĐ``, ``QĐI`` for
``QĐi``), so a reference is canonicalised and the changes are reported, never silently made.
A party reference does not identify a document alone: numbering restarts each term, so the
date given with it (``documents[].date``) is part of its identity.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruleset.documents.document import join_pointer
from ruleset.text import Text

PARTY = "party"
STATE = "state"

# Tokens written without Vietnamese letters, or with the wrong case, and what they stand for.
_TOKEN_FIXES = {
    "QD": "QĐ",
    "QDI": "QĐi",
    "QĐI": "QĐi",
    "ND": "NĐ",
    "TTLT": "TTLT",
    "HDND": "HĐND",
    "HĐND": "HĐND",
    "DU": "ĐU",
    "ĐU": "ĐU",
    "DTN": "ĐTN",
}
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_TOKEN = r"[A-ZĐ0-9]+"
_PARTY_RE = re.compile(rf"^(\d+)-({_TOKEN}|QĐi)/({_TOKEN}(?:-{_TOKEN})*)$")
_LEGAL_RE = re.compile(rf"^(\d+)/((?:19|20)\d\d)/({_TOKEN}(?:-{_TOKEN})*)$")
_STATE_RE = re.compile(rf"^(\d+)/({_TOKEN}(?:-{_TOKEN})+)$")
_LEADING_WORD = re.compile(r"^(?:số|so|no\.?)\s*:?\s*", re.IGNORECASE)

EXPECTED_SHAPES = Text(
    "286-CV/TU, 13-QĐi/TU (Đảng); 874/QĐ-BTTTT, 3855/UBND-KGVX, 30/2020/NĐ-CP (Nhà nước)",
    "286-CV/TU, 13-QĐi/TU (party); 874/QĐ-BTTTT, 3855/UBND-KGVX, 30/2020/NĐ-CP (state)",
)


@dataclass(frozen=True)
class DocRef:
    """A parsed reference; ``canonical`` is how ruleset writes it, ``changes`` what was fixed."""

    original: str
    canonical: str
    system: str
    number: int
    kind: str | None
    issuer: str
    year: int | None
    changes: tuple[str, ...]


def _fix_token(token: str, changes: list[str]) -> str:
    upper = token.upper()
    fixed = _TOKEN_FIXES.get(upper, upper)
    if token == "QĐi":
        return token
    if fixed != token:
        changes.append(f"{token}→{fixed}")
    return fixed


def _tokens(text: str, changes: list[str]) -> str:
    return re.sub(
        r"[^\s/\-]+",
        lambda m: _fix_token(m.group(0), changes) if not m.group(0).isdigit() else m.group(0),
        text,
    )


@functools.lru_cache(maxsize=8192)  # pure, and the same few references recur in every file
def parse_reference(text: str) -> DocRef | None:
    """The reference ``text`` stands for, or None when it has none of the known shapes."""
    if not isinstance(text, str):
        return None
    changes: list[str] = []
    work = unicodedata.normalize("NFC", text).translate(_DASHES)
    if work != text:
        changes.append("dash or Unicode form")
    stripped = _LEADING_WORD.sub("", work.strip())
    if stripped != work:
        changes.append("trimmed, or a leading 'số' removed")
    compact = re.sub(r"\s*([/\-])\s*", r"\1", stripped)
    if compact != stripped:
        changes.append("spaces around separators")
    if re.search(r"\s", compact) or len(compact) > 80:
        return None
    canonical = _tokens(compact, changes)
    if match := _PARTY_RE.match(canonical):
        number, kind, issuer = match.groups()
        return DocRef(text, canonical, PARTY, int(number), kind, issuer, None, tuple(changes))
    if match := _LEGAL_RE.match(canonical):
        number, year, rest = match.groups()
        kind, _, issuer = rest.partition("-")
        return DocRef(
            text,
            canonical,
            STATE,
            int(number),
            kind if issuer else None,
            issuer or kind,
            int(year),
            tuple(changes),
        )
    if match := _STATE_RE.match(canonical):
        number, rest = match.groups()
        kind, _, issuer = rest.partition("-")
        return DocRef(text, canonical, STATE, int(number), kind, issuer, None, tuple(changes))
    return None


@dataclass(frozen=True)
class ReferenceNote:
    """A reference in a submission that was rewritten canonically, or could not be read."""

    pointer: str
    original: str
    canonical: str | None  # None: malformed

    def wording(self) -> Text:
        if self.canonical is None:
            return Text(
                f"số, ký hiệu văn bản '{self.original}' không đúng dạng; dạng đúng: {EXPECTED_SHAPES.vi}",
                f"document reference '{self.original}' is malformed; expected shapes: {EXPECTED_SHAPES.en}",
            )
        return Text(
            f"số, ký hiệu '{self.original}' được đọc là '{self.canonical}'",
            f"reference '{self.original}' read as '{self.canonical}'",
        )


_RECORD_LISTS = (("activities", False), ("documents", True))


def _record_lists(data: dict[str, object]) -> Iterator[tuple[list[Any], tuple[str, ...], bool]]:
    """(list, its pointer tokens, whether it lists documents) of every list of activities or
    documents, at the top or in an obligation's evidence; a pointer is joined only for a note."""
    for key, is_document in _RECORD_LISTS:
        items = data.get(key)
        if isinstance(items, list):
            yield items, (key,), is_document
    obligations = data.get("obligations")
    if isinstance(obligations, dict):
        for rule_id, entry in obligations.items():
            evidence = entry.get("evidence") if isinstance(entry, dict) else None
            if not isinstance(evidence, dict):
                continue
            for key, is_document in _RECORD_LISTS:
                items = evidence.get(key)
                if isinstance(items, list):
                    yield items, ("obligations", rule_id, "evidence", key), is_document


def canonicalise_references(data: dict[str, object]) -> tuple[ReferenceNote, ...]:
    """Rewrite every reference in ``data`` canonically, in place; say what changed or failed."""
    notes: list[ReferenceNote] = []

    def canonicalise(container: Any, key: Any, tokens: tuple[str | int, ...]) -> None:
        original = container[key]
        parsed = parse_reference(original)
        if parsed is None:
            notes.append(ReferenceNote(join_pointer(tokens), original, None))
        elif parsed.canonical != original:
            container[key] = parsed.canonical
            notes.append(ReferenceNote(join_pointer(tokens), original, parsed.canonical))

    for items, tokens, is_document in _record_lists(data):
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if is_document and isinstance(item.get("number"), str):
                canonicalise(item, "number", (*tokens, index, "number"))
            cites = item.get("cites")
            if isinstance(cites, list):
                for position, cited in enumerate(cites):
                    if isinstance(cited, str):
                        canonicalise(cites, position, (*tokens, index, "cites", position))
    return tuple(notes)
