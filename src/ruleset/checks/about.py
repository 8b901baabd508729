"""``about: [TOPIC, ...]``: the evidence in scope is about one of these topics.

Relevance is decided by structure, not by luck: the item's own ``topics:``, or a cited document
that defines one of the topics (``rules/vocabulary/topics.yaml``). Only when neither says so is
the title searched for one of the topics' phrases (two words or more, without case or
diacritics); the check then holds, but the report says the relevance was read from the title.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ruleset.checks.base import (
    CheckKind,
    Compile,
    Condition,
    Describe,
    EvalContext,
    Failure,
)
from ruleset.text import Text


def compile_about(arg: list[str], compile_: Compile) -> Condition:
    wanted = tuple(arg)
    wanted_set = frozenset(wanted)

    def about(value: Any, pointer: str, ctx: EvalContext) -> list[Failure]:
        topics = ctx.topics
        found = topics.relevance(value, wanted_set) if topics is not None else None
        if found is not None and found.how != "inferred":
            return []  # the common case: nothing to word
        names = topics.names(wanted) if topics else Text.same("; ".join(wanted))
        title = value.get("title") or value.get("summary") or "" if isinstance(value, dict) else ""
        params = {"expected": names, "actual": title}
        if found is None:
            return [Failure(pointer, "not_about", params)]
        where = pointer + ("/title" if isinstance(value, dict) and "title" in value else "")
        return [Failure(where, "about_inferred", {**params, "phrase": found.detail}, True)]

    return about


def describe(arg: list[str], explain: Describe) -> Text:
    return Text("thuộc chủ đề: {topics}", "about: {topics}").format(topics=", ".join(arg))


def topic_ids(arg: Any) -> Iterator[tuple[str, str]]:
    if isinstance(arg, list):
        for index, topic in enumerate(arg):
            if isinstance(topic, str):
                yield topic, f"/{index}"


KIND = CheckKind(
    name="about",
    schema={
        "title": "About",
        "description": "The item in scope (an activity, document or case) is about one of these topics: its topics name one, or it cites a document defining one; else a topic's phrase in its title (reported as inferred).",
        "type": "array",
        "minItems": 1,
        "items": {"type": "string", "pattern": "^[a-z0-9-]+$"},
    },
    compile=compile_about,
    describe=describe,
    failures={
        "not_about": Text(
            "'{actual}' không thuộc chủ đề: {expected}", "'{actual}' is not about: {expected}"
        ),
        "about_inferred": Text(
            "chủ đề «{expected}» được suy từ tiêu đề («{phrase}»); ghi `topics` để chắc chắn",
            "relevance to «{expected}» read from the title («{phrase}»); add `topics` to make it "
            "certain",
        ),
    },
    fills=frozenset({"expected", "actual", "phrase"}),
    topics=topic_ids,
)
