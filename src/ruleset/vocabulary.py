"""Agency kinds and provinces, with the aliases people actually write, matched leniently."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ruleset.model import Bilingual

_SEPARATORS = re.compile(r"[\s,.;:/()_-]+")


def fold(text: str) -> str:
    """Compare names without case, diacritics or tone placement: 'Uỷ ban' == 'ủy ban' == 'uy ban'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", stripped.lower()).strip()


@dataclass(frozen=True)
class Term:
    id: str
    name: Bilingual
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of terms; resolve() maps an id, a name or an alias to the term's id."""

    kind: str
    terms: tuple[Term, ...]

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for term in self.terms:
            for text in (term.id, term.name.vi, term.name.en, *term.aliases):
                index.setdefault(fold(text), term.id)
        object.__setattr__(self, "_index", index)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(term.id for term in self.terms)

    def resolve(self, text: str) -> str | None:
        index: dict[str, str] = self._index  # type: ignore[attr-defined]
        return index.get(fold(text))

    def term(self, term_id: str) -> Term | None:
        for term in self.terms:
            if term.id == term_id:
                return term
        return None
