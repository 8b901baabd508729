"""User-facing text in the two languages of the project, and the language a reader chose.

Every word a user reads is a :class:`Text`: both languages travel together until the reporter or
the error printer picks one. A reader who chose no language gets both (``vi / en``); one who chose
``--lang en`` gets English only, errors included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Lang(str, Enum):
    """A language of the reports and messages."""

    VI = "vi"
    EN = "en"

    def __str__(self) -> str:  # written into pages and files as its code, on every Python
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


@dataclass(frozen=True)
class Text:
    """One message in Vietnamese and English."""

    vi: str
    en: str

    @classmethod
    def same(cls, text: str) -> Text:
        """Text that reads the same in both languages (ids, numbers, quotes, paths)."""
        return cls(text, text)

    def get(self, lang: Lang | str | None) -> str:
        """The text in one language, or both (``vi / en``) when no language was chosen."""
        if lang is None:
            return self.vi if self.vi == self.en else f"{self.vi} / {self.en}"
        return self.vi if lang == Lang.VI else self.en

    def format(self, **params: Any) -> Text:
        """Both halves with the same ``{name}`` placeholders filled; a value may itself be Text.

        Without a Text value both halves read one mapping (most findings are worded this way,
        a few per submission)."""
        vi = _Keep(params)
        en = vi
        for name, value in params.items():
            if isinstance(value, Text):
                if en is vi:
                    en = _Keep(params)
                vi[name], en[name] = value.vi, value.en
        return Text(self.vi.format_map(vi), self.en.format_map(en))

    def __add__(self, other: Text | str) -> Text:
        if isinstance(other, str):
            return Text(self.vi + other, self.en + other)
        return Text(self.vi + other.vi, self.en + other.en)

    def __radd__(self, other: str) -> Text:
        return Text(other + self.vi, other + self.en)

    def join(self, parts: Iterable[Text]) -> Text:
        """The parts with this text between them, like ``str.join``."""
        items = list(parts)
        return Text(self.vi.join(p.vi for p in items), self.en.join(p.en for p in items))


class _Keep(dict[str, Any]):
    """Placeholders with no value stay as written (lint reports them; nothing crashes)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Suggester:
    """'Did you mean' over any number of known words, at a bounded cost per question.

    difflib compares a word with every choice (2,000 dangling ids against 2,000 known ids took
    seconds); here it compares it only with the choices next to it in sorted order, forwards and
    backwards (a typo near either end of a word), a binary search and a few comparisons.
    """

    NEIGHBOURS = 8

    def __init__(self, choices: Iterable[str]) -> None:
        self.forward = sorted(set(choices))
        self.backward = sorted(choice[::-1] for choice in self.forward)

    def candidates(self, word: str) -> list[str]:
        if len(self.forward) <= 4 * self.NEIGHBOURS:
            return self.forward
        import bisect

        found: set[str] = set()
        for ordered, probe, turn in (
            (self.forward, word, False),
            (self.backward, word[::-1], True),
        ):
            at = bisect.bisect_left(ordered, probe)
            for choice in ordered[max(0, at - self.NEIGHBOURS) : at + self.NEIGHBOURS]:
                found.add(choice[::-1] if turn else choice)
        return sorted(found)

    def closest(self, word: str) -> str | None:
        import difflib  # only on the error path

        close = difflib.get_close_matches(word, self.candidates(word), n=1)
        return close[0] if close else None


def did_you_mean(
    word: str, choices: Iterable[str] | Suggester, otherwise: Text | None = None
) -> Text | None:
    """A "did you mean" hint for a misspelt name, or ``otherwise`` when nothing is close."""
    suggester = choices if isinstance(choices, Suggester) else Suggester(choices)
    found = suggester.closest(word)
    if found is None:
        return otherwise
    return Text(f"có phải là '{found}'?", f"did you mean '{found}'?")
