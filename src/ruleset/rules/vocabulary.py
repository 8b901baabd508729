"""Agency kinds and provinces, with the aliases people actually write, matched leniently."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ruleset.text import Text

_SEPARATORS = re.compile(r"[\s,.;:/()_-]+")


# The five tone marks (huyền, sắc, ngã, hỏi, nặng); vowel marks (ă â ê ô ơ ư) are not tones.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@functools.lru_cache(maxsize=4096)  # agency kinds and provinces repeat across a batch
def tone_key(text: str) -> str:
    """Exact name, but indifferent to where a syllable's tone mark sits ('hòa' == 'hoà', 'Ủy' == 'Uỷ').

    Old and new Vietnamese orthography put the tone on different vowels of oa, oe, uy...; the
    tone itself is kept, moved to the end of its syllable, so 'hoà' and 'hòa' agree and 'hoa' differs.
    """
    lowered = text.lower()
    if lowered.isascii():  # an id or a plain name: no mark to move (half of loading the rules)
        return " ".join(word for word in _SEPARATORS.split(lowered) if word)
    return _marked_tone_key(lowered)


def _marked_tone_key(lowered: str) -> str:
    words = []
    for word in _SEPARATORS.split(lowered):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = "".join(c for c in decomposed if c not in _TONES)
        words.append(unicodedata.normalize("NFC", base) + tones)
    return " ".join(w for w in words if w)


def fold(text: str) -> str:
    """Compare names without case or any diacritics: 'Uỷ ban' == 'ủy ban' == 'uy ban'."""
    if text.isascii():  # no diacritic to take off
        return _SEPARATORS.sub(" ", text.lower()).strip()
    return _fold_marked(text)


def _fold_marked(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", stripped.lower()).strip()


@dataclass(frozen=True)
class Term:
    id: str
    name: Text
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of terms; resolve() maps an id, a name or an alias to the term's id."""

    kind: str
    terms: tuple[Term, ...]

    def __post_init__(self) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, set[str]] = {}
        for term in self.terms:
            for text in (term.id, term.name.vi, term.name.en, *term.aliases):
                exact.setdefault(tone_key(text), term.id)
                folded.setdefault(fold(text), set()).add(term.id)
        loose = {key: next(iter(ids)) for key, ids in folded.items() if len(ids) == 1}
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_loose", loose)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(term.id for term in self.terms)

    def resolve(self, text: str) -> str | None:
        """Exact (after NFC and tone placement) first; without diacritics only if unambiguous."""
        exact: dict[str, str] = self._exact  # type: ignore[attr-defined]
        found = exact.get(tone_key(text))
        if found is not None:
            return found
        loose: dict[str, str] = self._loose  # type: ignore[attr-defined]
        return loose.get(fold(text))

    def term(self, term_id: str) -> Term | None:
        for term in self.terms:
            if term.id == term_id:
                return term
        return None
