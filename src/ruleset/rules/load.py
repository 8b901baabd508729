"""Load a rules directory once: validate every file, compile every check, report all problems."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any

from ruleset.checks.registry import complete_rule_schema
from ruleset.documents.document import Document
from ruleset.documents.read import load_document
from ruleset.documents.schema import Schema, SchemaRef, schema_problems
from ruleset.errors import InputError, Problem
from ruleset.model import Rule
from ruleset.rules.build import build_rule, build_vocabulary
from ruleset.rules.ruleset import (
    AGENCY_KINDS_FILE,
    CATALOGUE_DIR,
    MANIFEST,
    PROVINCES_FILE,
    SUCCESSORS_FILE,
    TOPICS_FILE,
    RuleSet,
    bundled_rules_dir,
)
from ruleset.rules.semantics import rule_problems, vocabulary_problems
from ruleset.rules.successors import Successors
from ruleset.rules.topics import Topics, build_topics
from ruleset.rules.vocabulary import Vocabulary
from ruleset.text import Text

RULE_SCHEMA = Schema("rule.schema.json", complete_rule_schema)


def rule_files(directory: str) -> tuple[list[str], list[Problem]]:
    """Every ``*.yaml`` under ``catalogue/``, in a stable order, and the links refused.

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
                        Text(
                            "liên kết tới thư mục không được theo: chuyển các tệp quy tắc vào catalogue",
                            "a link to a folder is not followed: move the rule files into the catalogue",
                        ),
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
                        Text(
                            "liên kết dẫn ra ngoài thư mục quy tắc, không đọc",
                            "the link leads outside the rules directory: not read",
                        ),
                    )
                )
                continue
            found.append(path)
    return found, refused


def _canonical_digest(parts: list[Any]) -> str:
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_checked(path: str, schema: SchemaRef, problems: list[Problem]) -> Document | None:
    """The document if it reads and is valid; else None, with its problems added."""
    try:
        document = load_document(path)
    except InputError as error:
        problems.extend(error.problems)
        return None
    found = schema_problems(document, schema)
    problems.extend(found)
    return None if found else document


@dataclass(frozen=True)
class LoadedRules:
    """A rules directory read as far as it can be: every problem, and the rules that hold none.

    ``rule_set`` holds the rules that were built (``None`` when the manifest or a vocabulary cannot
    be read: nothing can be built without them); it is the whole directory only when ``problems``
    is empty. Only lint works with a partial set; ``load_rule_set`` refuses it.
    """

    problems: tuple[Problem, ...]
    rule_set: RuleSet | None
    documents: dict[str, Document]  # rule id -> its file, for every rule built
    rules_read: int  # rule files read as documents, built or not
    ids_read: frozenset[str]  # the id of every rule read that names one, built or not


def load_rule_set(directory: str | None = None) -> RuleSet:
    """Load, validate and compile a rules directory; every problem found is reported at once."""
    loaded = read_rule_set(directory)
    if loaded.problems or loaded.rule_set is None:
        raise InputError(list(loaded.problems))
    return loaded.rule_set


def read_rule_set(directory: str | None = None) -> LoadedRules:
    """Read every file of a rules directory, collecting problems rather than stopping at them.

    Raises only when ``directory`` is not a rules directory at all (no manifest).
    """
    directory = directory or bundled_rules_dir()
    if not os.path.isfile(os.path.join(directory, MANIFEST)):
        raise InputError.at(
            directory,
            Text(
                f"không phải thư mục quy tắc (thiếu {MANIFEST})",
                f"not a rules directory: no {MANIFEST}",
            ),
        )
    problems: list[Problem] = []
    manifest = load_checked(os.path.join(directory, MANIFEST), "manifest.schema.json", problems)
    kinds_doc = load_checked(
        os.path.join(directory, AGENCY_KINDS_FILE), "vocabulary.schema.json", problems
    )
    provinces_doc = load_checked(
        os.path.join(directory, PROVINCES_FILE), "vocabulary.schema.json", problems
    )
    topics_path = os.path.join(directory, TOPICS_FILE)
    has_topics = os.path.isfile(topics_path)
    topics_doc = load_checked(topics_path, "topics.schema.json", problems) if has_topics else None
    topics = build_topics(topics_doc) if topics_doc is not None else Topics()
    vocabularies = None  # without all of them, every name would look unknown: none is checked
    if (
        kinds_doc is not None
        and provinces_doc is not None
        and (topics_doc is not None or not has_topics)
    ):
        vocabularies = (
            build_vocabulary(kinds_doc, "agency kind"),
            build_vocabulary(provinces_doc, "province"),
            topics.vocabulary,
        )
    files, refused = rule_files(directory)
    problems.extend(refused)
    read = _read_rules(files, vocabularies, problems)
    if manifest is None or kinds_doc is None or provinces_doc is None or vocabularies is None:
        return LoadedRules(tuple(problems), None, {}, read.count, read.ids)
    kinds, provinces, _ = vocabularies
    successors, successors_data = _successors(directory, kinds, provinces, problems)
    for rule in read.rules:
        if rule.superseded_by is not None and rule.superseded_by not in read.ids:
            problems.append(
                read.documents[rule.id].problem(
                    "/superseded_by",
                    Text(
                        f"superseded_by '{rule.superseded_by}' không có trong bộ quy tắc này",
                        f"superseded_by '{rule.superseded_by}' names no rule in this rule set",
                    ),
                )
            )
    rules = sorted(read.rules, key=lambda rule: rule.id)
    rule_data = sorted(read.data, key=lambda data: str(data["id"]))
    parts = [rule_data, kinds_doc.data, provinces_doc.data, successors_data]
    if topics_doc is not None:
        parts.append(
            topics_doc.data
        )  # only when present: a rule set without topics keeps its digest
    digest = _canonical_digest(parts)
    rule_set = RuleSet(
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
        topics=topics,
    )
    return LoadedRules(tuple(problems), rule_set, read.documents, read.count, read.ids)


@dataclass(frozen=True)
class _Read:
    rules: list[Rule]
    data: list[Any]
    documents: dict[str, Document]
    count: int
    ids: frozenset[str]


def _read_rules(
    files: list[str],
    vocabularies: tuple[Vocabulary, Vocabulary, Vocabulary] | None,
    problems: list[Problem],
) -> _Read:
    """Each rule file checked; the rules with no problem built. Without the vocabularies, only
    the schema is checked: the rest needs them."""
    rules: list[Rule] = []
    rule_data: list[Any] = []
    first_file: dict[str, Document] = {}
    ids: set[str] = set()
    count = 0
    for path in files:
        try:
            document = load_document(path)
        except InputError as error:
            problems.extend(error.problems)
            continue
        count += 1
        found = schema_problems(document, RULE_SCHEMA)
        rule_id = document.data.get("id") if isinstance(document.data, dict) else None
        if not isinstance(rule_id, str) or any(p.pointer == "/id" for p in found):
            rule_id = None  # no usable id: not compared with the others
        else:
            ids.add(rule_id)
        if vocabularies is not None:
            found += (
                rule_problems(document, *vocabularies)
                if not found
                else vocabulary_problems(document, *vocabularies, schema_found=found)
            )
        if rule_id is not None and rule_id in first_file:
            found.append(
                document.problem(
                    "/id",
                    Text(
                        f"mã quy tắc trùng lặp '{rule_id}' (đã có trong {first_file[rule_id].path})",
                        f"duplicate rule id '{rule_id}' (also in {first_file[rule_id].path})",
                    ),
                )
            )
        problems.extend(found)
        if found or vocabularies is None or rule_id is None:
            continue
        first_file[rule_id] = document
        rules.append(build_rule(document))
        rule_data.append(document.data)
    return _Read(rules, rule_data, first_file, count, frozenset(ids))


def _successors(
    directory: str, kinds: Vocabulary, provinces: Vocabulary, problems: list[Problem]
) -> tuple[Successors, Any]:
    """The optional successors file, checked against the vocabularies."""
    path = os.path.join(directory, SUCCESSORS_FILE)
    if not os.path.isfile(path):
        return Successors(), None
    document = load_checked(path, "successors.schema.json", problems)
    if document is None:
        return Successors(), None
    for section, vocabulary in (("provinces", provinces), ("agency_kinds", kinds)):
        for former, entry in document.data.get(section, {}).items():
            for name, pointer in (
                (former, f"/{section}/{former}"),
                (entry.get("successor"), f"/{section}/{former}/successor"),
            ):
                if name is not None and name not in vocabulary.ids:
                    problems.append(
                        document.problem(
                            pointer,
                            Text(
                                f"'{name}' không có trong từ vựng {section}",
                                f"'{name}' is not in the {section} vocabulary",
                            ),
                            key=name == former,
                        )
                    )
    return Successors.from_data(document.data), document.data
