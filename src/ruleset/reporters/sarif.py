"""SARIF 2.1.0: what GitHub code scanning and editors' SARIF viewers read.

One run over every input (a batch is one run), one result per annotation. A workbook's cell has
no place in SARIF's text regions: it is a logical location (``Nhiệm vụ!F12``), a ``cell``
property and the start of the message, and the physical location names the file alone. Streamed:
a batch's results are written as they are read back, never held together.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ruleset.errors import cell_name
from ruleset.reporters.ci import SOURCE, Annotation, Place, RuleInfo, Suites, Tool
from ruleset.text import Lang

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SARIF_FORMAT = "ruleset/sarif@1"  # in the log's properties: how --output knows a log of ours


def uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it from the repository root)."""
    posix = path.replace(os.sep, "/")
    if PurePath(path).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _location(place: Place) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(place.path)}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if place.line is None:
        return location
    if place.sheet is None:
        region = {"startLine": place.line}
        if place.column is not None:
            region["startColumn"] = place.column
        physical["region"] = region
    else:
        cell = cell_name(place.sheet, place.line, place.column or 1)
        location["logicalLocations"] = [
            {"name": cell.rpartition("!")[2], "fullyQualifiedName": cell}
        ]
    return location


def _cell(place: Place) -> str | None:
    if place.sheet is None or place.line is None:
        return None
    return cell_name(place.sheet, place.line, place.column or 1)


def result(annotation: Annotation, index: dict[str, int], lang: Lang | None) -> dict[str, Any]:
    cell = _cell(annotation.place)
    message = annotation.message.get(lang)
    title = f"{annotation.rule_id} — {annotation.title.get(lang)}"
    properties: dict[str, Any] = {"title": title, **dict(annotation.facts)}
    if cell is not None:
        message = f"{cell}: {message}"
        properties["cell"] = cell
    if annotation.citation is not None:
        properties["citation"] = annotation.citation
    found: dict[str, Any] = {"ruleId": annotation.rule_id}
    if annotation.rule_id in index:
        found["ruleIndex"] = index[annotation.rule_id]
    found.update(
        level=annotation.level.value,
        message={"text": message},
        locations=[_location(annotation.place)],
        properties=properties,
    )
    return found


def _descriptor(rule: RuleInfo, lang: Lang | None) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": rule.id, "shortDescription": {"text": rule.title.get(lang)}}
    if rule.help is not None:
        source = f"{SOURCE.get(lang)}: {rule.help}"
        descriptor["fullDescription"] = {"text": source}
        descriptor["help"] = {"text": source}
    descriptor["defaultConfiguration"] = {"level": rule.level.value}
    if rule.facts:
        descriptor["properties"] = dict(rule.facts)
    return descriptor


def sarif_chunks(
    tool: Tool, rules: Sequence[RuleInfo], suites: Suites, lang: Lang | None
) -> Iterator[str]:
    """The SARIF log in pieces: the run's header, then one result per line."""
    driver = {
        "name": "ruleset",
        "version": tool.version,
        "semanticVersion": tool.version,
        "rules": [_descriptor(rule, lang) for rule in rules],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}
    if lang is not None:
        run["language"] = lang.value
    if tool.ruleset is not None:
        name, version, digest = tool.ruleset
        run["properties"] = {"ruleset": {"name": name, "version": version, "digest": digest}}
    run["results"] = 0  # replaced by the streamed results: the last key of the last run
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "properties": {"format": SARIF_FORMAT},
        "runs": [run],
    }
    head, _, tail = json.dumps(log, ensure_ascii=False, indent=2).rpartition('"results": 0')
    yield head + '"results": ['
    index = {rule.id: number for number, rule in enumerate(rules)}
    first = True
    for suite in suites():
        for annotation in suite.annotations():
            found = json.dumps(result(annotation, index, lang), ensure_ascii=False)
            yield ("\n        " if first else ",\n        ") + found
            first = False
    yield ("]" if first else "\n      ]") + tail + "\n"
