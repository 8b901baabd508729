"""Load a rules directory once: validate every file, compile every check, index by id."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruleset.checks.conditions import compile_condition
from ruleset.checks.patterns import PatternError, compile_pattern
from ruleset.documents.document import Document
from ruleset.documents.read import load_document
from ruleset.documents.schema import schema_problems
from ruleset.errors import InputError, Problem
from ruleset.model import Bilingual, Check, Citation, Rule, RuleExample, Severity, Status
from ruleset.rules.calendar import rule_date_problems
from ruleset.rules.successors import Successors
from ruleset.rules.vocabulary import Term, Vocabulary

MANIFEST = "ruleset.yaml"
CATALOGUE_DIR = "catalogue"
AGENCY_KINDS_FILE = os.path.join("vocabulary", "agency-kinds.yaml")
PROVINCES_FILE = os.path.join("vocabulary", "provinces.yaml")
SUCCESSORS_FILE = os.path.join("vocabulary", "successors.yaml")


def bundled_rules_dir() -> str:
    """The rule set shipped with the package (or the repository's rules/ in a source checkout)."""
    packaged = Path(__file__).resolve().parents[1] / "bundled_rules"
    if (packaged / MANIFEST).is_file():
        return str(packaged)
    return str(Path(__file__).resolve().parents[3] / "rules")


@dataclass(frozen=True)
class RuleSet:
    """Every rule of one directory, compiled, with its vocabularies, version and digest."""

    directory: str
    name: str
    version: str
    released: str
    digest: str
    rules: tuple[Rule, ...]
    agency_kinds: Vocabulary
    provinces: Vocabulary
    manifest: dict[str, Any] = field(repr=False, compare=False)
    successors: Successors = field(default_factory=Successors, repr=False)

    def rule(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    @property
    def _by_id(self) -> dict[str, Rule]:
        cached: dict[str, Rule] | None = self.__dict__.get("_by_id_cache")
        if cached is None:
            cached = {rule.id: rule for rule in self.rules}
            object.__setattr__(self, "_by_id_cache", cached)
        return cached

    def applicable(self, agency_kind: str, province: str, start: str, end: str) -> list[Rule]:
        return [
            rule
            for rule in self.rules
            if rule.binds(agency_kind, province) and rule.in_force_during(start, end)
        ]


def _bilingual(data: dict[str, str]) -> Bilingual:
    return Bilingual(vi=data["vi"], en=data["en"])


def _vocabulary(document: Document, kind: str) -> Vocabulary:
    terms = tuple(
        Term(
            id=term_id,
            name=_bilingual(term["name"]),
            aliases=tuple(term.get("aliases", ())),
        )
        for term_id, term in sorted(document.data["terms"].items())
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


VERSIONED_FIELDS = ("title", "description", "rationale", "source", "severity", "checks", "examples")


def build_rule(document: Document) -> Rule:
    """A rule, with its dated versions, from a rule file already validated against the schema."""
    data = document.data
    base = _build_one(data, document.path)
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
        variant = _build_one(merged, document.path)
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
            message=_bilingual(check["message"]),
            spec=check["require"],
        )
        for check in data["checks"]
    )
    return Rule(
        id=data["id"],
        title=_bilingual(data["title"]),
        description=_bilingual(data["description"]),
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


def rule_files(directory: str) -> list[str]:
    """Every ``*.yaml`` under ``catalogue/``, in a stable order.

    A rule file may be a link within the rules directory; a link leading out of it (to
    /etc/passwd, say) or to a folder is refused with an error naming the link, so no file outside
    the rule tree is ever read as a rule, and a link loop cannot make the walk endless.
    """
    root = os.path.join(directory, CATALOGUE_DIR)
    tree = os.path.realpath(directory)
    found: list[str] = []
    refused: list[Problem] = []
    for parent, dirs, files in os.walk(root):
        dirs.sort()
        for name in dirs:
            if os.path.islink(os.path.join(parent, name)):
                refused.append(
                    Problem(
                        os.path.join(parent, name),
                        "liên kết tới thư mục không được theo / a link to a folder is not "
                        "followed: move the rule files into the catalogue",
                    )
                )
        for name in sorted(files):
            path = os.path.join(parent, name)
            if not name.endswith((".yaml", ".yml")):
                continue
            if not os.path.realpath(path).startswith(tree + os.sep):
                refused.append(
                    Problem(
                        path,
                        "liên kết dẫn ra ngoài thư mục quy tắc, không đọc / the link leads outside "
                        "the rules directory: not read",
                    )
                )
                continue
            found.append(path)
    if refused:
        raise InputError(refused)
    return found


def _patterns(spec: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """Every ``matches`` pattern in a rule's checks, with its pointer."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if (
                key == "matches"
                and isinstance(value, dict)
                and isinstance(value.get("pattern"), str)
            ):
                yield f"{pointer}/matches/pattern", value["pattern"]
            else:
                yield from _patterns(value, f"{pointer}/{key}")
    elif isinstance(spec, list):
        for index, item in enumerate(spec):
            yield from _patterns(item, f"{pointer}/{index}")


def _semantic_problems(
    document: Document, kinds: Vocabulary, provinces: Vocabulary
) -> list[Problem]:
    """What the schema cannot say: known vocabulary, unique check ids, examples of both kinds."""
    data = document.data
    problems: list[Problem] = []

    def problem(pointer: str, message: str, hint: str | None = None) -> None:
        line, column = document.locate(pointer) or (None, None)
        problems.append(Problem(document.path, message, line, column, pointer, hint))

    for index, kind in enumerate(data["applies_to"]["agency_kinds"]):
        if kind not in kinds.ids:
            problem(
                f"/applies_to/agency_kinds/{index}",
                f"unknown agency kind '{kind}'",
                "add it to vocabulary/agency-kinds.yaml or use one of: " + ", ".join(kinds.ids),
            )
    for index, province in enumerate(data["applies_to"].get("provinces", [])):
        if province not in provinces.ids:
            problem(f"/applies_to/provinces/{index}", f"unknown province '{province}'")
    seen: set[str] = set()
    for index, check in enumerate(data["checks"]):
        if check["id"] in seen:
            problem(f"/checks/{index}/id", f"duplicate check id '{check['id']}'")
        seen.add(check["id"])
    expects = {example["expect"] for example in data["examples"]}
    if "met" not in expects or expects == {"met"}:
        problem("/examples", "a rule needs at least one 'met' example and one that is not met")
    effective = data["effective"]
    if "until" in effective and effective["until"] <= effective["from"]:
        problem("/effective/until", "'until' must be after 'from'")
    previous = effective["from"]
    for index, version in enumerate(data.get("versions", [])):
        if version["from"] <= previous:
            problem(
                f"/versions/{index}/from",
                f"version dates must increase and follow effective.from: {version['from']} is not after {previous}",
                "versions overlap: give each version a later 'from' than the one before",
            )
        elif "until" in effective and version["from"] >= effective["until"]:
            problem(
                f"/versions/{index}/from",
                f"version starts on or after effective.until ({effective['until']})",
            )
        previous = version["from"]
        if "checks" in version:
            ids = [check["id"] for check in version["checks"]]
            for position, check_id in enumerate(ids):
                if check_id in ids[:position]:
                    problem(
                        f"/versions/{index}/checks/{position}/id",
                        f"duplicate check id '{check_id}'",
                    )
        if "examples" in version:
            expects = {example["expect"] for example in version["examples"]}
            if "met" not in expects or expects == {"met"}:
                problem(
                    f"/versions/{index}/examples",
                    "a version's examples need one 'met' and one not met",
                )
    for pointer, message, hint in rule_date_problems(data):
        problem(pointer, message, hint)
    if data.get("superseded_by") and "until" not in effective:
        problem(
            "/superseded_by",
            "a superseded rule needs effective.until: the day its successor takes over",
        )
    sources = [(data["checks"], "/checks")] + [
        (v["checks"], f"/versions/{i}/checks")
        for i, v in enumerate(data.get("versions", []))
        if "checks" in v
    ]
    for pointer, pattern in (found for spec, base in sources for found in _patterns(spec, base)):
        try:
            compile_pattern(pattern)
        except PatternError as exc:
            problem(
                pointer,
                f"mẫu không hợp lệ / pattern not supported: {exc}",
                "patterns run in linear time (RE2): no backreferences, lookahead or lookbehind",
            )
    return problems


def _canonical_digest(parts: list[Any]) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _load_checked(path: str, schema: str, problems: list[Problem]) -> Document | None:
    try:
        document = load_document(path)
    except InputError as error:
        problems.extend(error.problems)
        return None
    found = schema_problems(document, schema)
    problems.extend(found)
    return None if found else document


def load_rule_set(directory: str | None = None) -> RuleSet:
    """Load, validate and compile a rules directory; every problem found is reported at once."""
    directory = directory or bundled_rules_dir()
    if not os.path.isfile(os.path.join(directory, MANIFEST)):
        raise InputError.at(
            directory,
            f"không phải thư mục quy tắc (thiếu {MANIFEST}) / not a rules directory: no {MANIFEST}",
        )
    problems: list[Problem] = []
    manifest = _load_checked(os.path.join(directory, MANIFEST), "manifest.schema.json", problems)
    kinds_doc = _load_checked(
        os.path.join(directory, AGENCY_KINDS_FILE), "vocabulary.schema.json", problems
    )
    provinces_doc = _load_checked(
        os.path.join(directory, PROVINCES_FILE), "vocabulary.schema.json", problems
    )
    if manifest is None or kinds_doc is None or provinces_doc is None:
        raise InputError(problems)
    kinds = _vocabulary(kinds_doc, "agency kind")
    provinces = _vocabulary(provinces_doc, "province")
    rules: list[Rule] = []
    rule_data: list[Any] = []
    first_file: dict[str, Document] = {}
    for path in rule_files(directory):
        document = _load_checked(path, "rule.schema.json", problems)
        if document is None:
            continue
        found = _semantic_problems(document, kinds, provinces)
        rule_id = document.data["id"]
        if rule_id in first_file:
            line, column = document.locate("/id") or (None, None)
            found.append(
                Problem(
                    path,
                    f"duplicate rule id '{rule_id}' (also in {first_file[rule_id].path})",
                    line,
                    column,
                    "/id",
                )
            )
        problems.extend(found)
        if found:
            continue
        first_file[rule_id] = document
        rules.append(build_rule(document))
        rule_data.append(document.data)
    successors, successors_data = _successors(directory, kinds, provinces, problems)
    ids = {rule.id for rule in rules}
    for rule in rules:
        if rule.superseded_by is not None and rule.superseded_by not in ids:
            document = first_file[rule.id]
            line, column = document.locate("/superseded_by") or (None, None)
            problems.append(
                Problem(
                    rule.file,
                    f"superseded_by '{rule.superseded_by}' không có / names no rule in this rule set",
                    line,
                    column,
                    "/superseded_by",
                )
            )
    if problems:
        raise InputError(problems)
    rules.sort(key=lambda rule: rule.id)
    rule_data.sort(key=lambda data: str(data["id"]))
    digest = _canonical_digest([rule_data, kinds_doc.data, provinces_doc.data, successors_data])
    return RuleSet(
        directory=directory,
        name=manifest.data["name"],
        version=manifest.data["version"],
        released=manifest.data["released"],
        digest=digest,
        rules=tuple(rules),
        agency_kinds=kinds,
        provinces=provinces,
        manifest=manifest.data,
        successors=successors,
    )


def _successors(
    directory: str, kinds: Vocabulary, provinces: Vocabulary, problems: list[Problem]
) -> tuple[Successors, Any]:
    """The optional successors file, checked against the vocabularies."""
    path = os.path.join(directory, SUCCESSORS_FILE)
    if not os.path.isfile(path):
        return Successors(), None
    document = _load_checked(path, "successors.schema.json", problems)
    if document is None:
        return Successors(), None
    for section, vocabulary in (("provinces", provinces), ("agency_kinds", kinds)):
        for former, entry in document.data.get(section, {}).items():
            for name, pointer in (
                (former, f"/{section}/{former}"),
                (entry.get("successor"), f"/{section}/{former}/successor"),
            ):
                if name is not None and name not in vocabulary.ids:
                    line, column = document.locate(pointer, key=name == former) or (None, None)
                    problems.append(
                        Problem(
                            path,
                            f"'{name}' không có trong từ vựng / is not in the {section} vocabulary",
                            line,
                            column,
                            pointer,
                        )
                    )
    return Successors.from_data(document.data), document.data
