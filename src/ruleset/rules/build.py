"""Build frozen rules from rule files already valid against the rule schema."""

from __future__ import annotations

import dataclasses
from typing import Any

from ruleset.checks.registry import compile_condition
from ruleset.model import Check, Citation, Rule, RuleExample, Severity, Status
from ruleset.rules.vocabulary import Term, Vocabulary
from ruleset.text import Text

VERSIONED_FIELDS = ("title", "description", "rationale", "source", "severity", "checks", "examples")


def text(data: dict[str, str]) -> Text:
    return Text(vi=data["vi"], en=data["en"])


def build_vocabulary(data: dict[str, Any], kind: str) -> Vocabulary:
    """A vocabulary from a vocabulary file's data, already validated against its schema."""
    terms = tuple(
        Term(id=term_id, name=text(term["name"]), aliases=tuple(term.get("aliases", ())))
        for term_id, term in sorted(data["terms"].items())
    )
    return Vocabulary(kind=kind, terms=terms)


def _example(data: dict[str, Any]) -> RuleExample:
    period = data.get("period")
    return RuleExample(
        name=data["name"],
        expect=Status(data["expect"]),
        entry=data["entry"],
        period=(period["start"], period["end"]) if period else None,
        activities=tuple(data.get("activities", ())),
        documents=tuple(data.get("documents", ())),
        figures=dict(data.get("figures", {})),
    )


def build_rule(data: dict[str, Any], path: str) -> Rule:
    """A rule, with its dated versions, from a rule file's data already validated against the
    schema (plain data, so that a cached copy builds the same rule: see rules.cache)."""
    base = _build_one(data, path)
    variants: list[Rule] = []
    merged = dict(data)
    versions = data.get("versions", [])
    for index, version in enumerate(versions):
        merged = dict(merged, **{k: version[k] for k in VERSIONED_FIELDS if k in version})
        merged["effective"] = {"from": version["from"]}
        until = (
            versions[index + 1]["from"]
            if index + 1 < len(versions)
            else data["effective"].get("until")
        )
        if until is not None:
            merged["effective"]["until"] = until
        variant = _build_one(merged, path)
        variants.append(dataclasses.replace(variant, version_note=version["note"]))
    if variants:
        base = dataclasses.replace(base, variants=tuple(variants))
    return base


def _build_one(data: dict[str, Any], path: str) -> Rule:
    source = data["source"]
    applies = data["applies_to"]
    checks = tuple(
        Check(
            id=check["id"],
            condition=compile_condition(check["require"]),
            message=text(check["message"]) if "message" in check else None,
            spec=check["require"],
            why=check.get("why"),
        )
        for check in data["checks"]
    )
    return Rule(
        id=data["id"],
        title=text(data["title"]),
        description=text(data["description"]),
        citation=Citation(
            document=source["document"],
            kind=source["kind"],
            issuer=source["issuer"],
            date=source["date"],
            clause=source["clause"],
            quote=source["quote"],
            source_file=source.get("source_file"),
            reported_by=source.get("reported_by"),
        ),
        agency_kinds=tuple(applies["agency_kinds"]),
        provinces=tuple(applies["provinces"]) if "provinces" in applies else None,
        effective_from=data["effective"]["from"],
        effective_until=data["effective"].get("until"),
        severity=Severity(data["severity"]),
        checks=checks,
        examples=tuple(_example(example) for example in data["examples"]),
        evidence_required=data.get("evidence_required", True),
        rationale=data.get("rationale"),
        file=path,
        supersedes=tuple(data.get("supersedes", ())),
        superseded_by=data.get("superseded_by"),
    )
