"""What lint checks read: the loaded rule set, each rule's positional document, the sources."""

from __future__ import annotations

from dataclasses import dataclass

from ruleset.diffing.resolve import Release
from ruleset.documents.document import Document
from ruleset.rules.ruleset import RuleSet
from ruleset.rules.sources import Source


@dataclass(frozen=True)
class LintContext:
    directory: str
    rule_set: RuleSet
    documents: dict[str, Document]  # rule id -> its file, for locating pointers
    sources: dict[str, Source] | None  # None when sources.yaml is absent or invalid
    base: RuleSet | None = None  # the published rules this directory changes, if given
    ids_read: frozenset[str] = frozenset()  # every rule id read, with the rules not built
    complete: bool = True  # False when some rules could not be built: no version comparison
    release: tuple[Release, RuleSet] | None = None  # the rules as the current version was set
