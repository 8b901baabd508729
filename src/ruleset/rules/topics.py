"""The topic vocabulary: what evidence can be about, and how to tell that it is.

An activity, document or case is about a topic when (in order of certainty) its ``topics:``
names the topic, it cites a document that defines the topic, or, failing both, one of the
topic's phrases appears in its title. The last is an inference the report says out loud.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ruleset.checks.base import Relevance
from ruleset.documents.docrefs import parse_reference
from ruleset.rules.vocabulary import Term, Vocabulary, fold
from ruleset.text import Text


@functools.lru_cache(maxsize=2048)
def _folded_title(title: str) -> str:
    """A title as phrases are looked for in it: each evidence title is asked about by every rule
    that wants evidence (folding was 3% of a batch); short titles only, so the memory is bounded."""
    return f" {fold(title)} "


@dataclass(frozen=True)
class Topic:
    id: str
    name: Text
    documents: tuple[str, ...]  # canonical numbers of the documents that define it
    phrases: tuple[str, ...]  # as written in the vocabulary


def _canonical(number: str) -> str:
    parsed = parse_reference(number)
    return parsed.canonical if parsed else number


@dataclass(frozen=True)
class Topics:
    """Every topic, with the lookups the ``about`` check kind needs."""

    terms: tuple[Topic, ...] = ()
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary("topic", ()))
    _by_document: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    _phrases: dict[str, tuple[tuple[str, str], ...]] = field(init=False, repr=False, compare=False)
    # Remembered per set of wanted topics (the few sets the rules' ``about`` checks name):
    # asked ~5 times per submission, the same every time.
    _wanted_phrases: dict[frozenset[str], tuple[tuple[str, str], ...]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _names: dict[tuple[str, ...], Text] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        by_document: dict[str, set[str]] = {}
        for topic in self.terms:
            for number in topic.documents:
                by_document.setdefault(number, set()).add(topic.id)
        phrases = {t.id: tuple((f" {fold(p)} ", p) for p in t.phrases) for t in self.terms}
        object.__setattr__(self, "_by_document", {k: frozenset(v) for k, v in by_document.items()})
        object.__setattr__(self, "_phrases", phrases)

    @property
    def ids(self) -> tuple[str, ...]:
        return self.vocabulary.ids

    def name(self, topic_id: str) -> Text:
        term = self.vocabulary.term(topic_id)
        return term.name if term else Text.same(topic_id)

    def names(self, topic_ids: tuple[str, ...]) -> Text:
        """The topics' names as a message lists them."""
        found = self._names.get(topic_ids)
        if found is None:
            found = self._names[topic_ids] = Text.same("; ").join(map(self.name, topic_ids))
        return found

    def _phrases_of(self, wanted: frozenset[str]) -> tuple[tuple[str, str], ...]:
        """(folded key, phrase) of every wanted topic, topics in sorted order."""
        found = self._wanted_phrases.get(wanted)
        if found is None:
            found = tuple(pair for t in sorted(wanted) for pair in self._phrases.get(t, ()))
            self._wanted_phrases[wanted] = found
        return found

    def relevance(self, item: Any, wanted: Iterable[str]) -> Relevance | None:
        """How ``item`` is about one of the ``wanted`` topics, or None when it is not."""
        if not isinstance(item, dict):
            return None
        wanted = frozenset(wanted)
        declared = item.get("topics")
        if isinstance(declared, list) and wanted & set(declared):
            return Relevance("declared", next(t for t in declared if t in wanted))
        numbers = [item.get("number"), *(item.get("cites") or ())]
        for number in numbers:
            if isinstance(number, str) and wanted & self._by_document.get(number, frozenset()):
                return Relevance("cited", number)
        title = item.get("title") or item.get("summary")
        if isinstance(title, str):
            folded = _folded_title(title) if len(title) <= 500 else f" {fold(title)} "
            for key, phrase in self._phrases_of(wanted):
                if key in folded:
                    return Relevance("inferred", phrase)
        return None


def build_topics(content: dict[str, Any]) -> Topics:
    terms = []
    vocabulary_terms = []
    for topic_id, data in sorted(content["terms"].items()):
        name = Text(data["name"]["vi"], data["name"]["en"])
        numbers = tuple(_canonical(d["number"]) for d in data.get("documents", ()) if "number" in d)
        terms.append(Topic(topic_id, name, numbers, tuple(data["phrases"])))
        vocabulary_terms.append(Term(topic_id, name, tuple(data.get("aliases", ()))))
    return Topics(tuple(terms), Vocabulary("topic", tuple(vocabulary_terms)))
