"""Load a rules directory once: validate every file, compile every check, report all problems."""

from __future__ import annotations

import hashlib
import json
import os
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
from ruleset.rules.semantics import rule_problems
from ruleset.rules.successors import Successors
from ruleset.rules.topics import Topics, build_topics
from ruleset.rules.vocabulary import Vocabulary
from ruleset.text import Text

RULE_SCHEMA = Schema("rule.schema.json", complete_rule_schema)


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
    if refused:
        raise InputError(refused)
    return found


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


def load_rule_set(directory: str | None = None) -> RuleSet:
    """Load, validate and compile a rules directory; every problem found is reported at once."""
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
    if manifest is None or kinds_doc is None or provinces_doc is None:
        raise InputError(problems)
    kinds = build_vocabulary(kinds_doc, "agency kind")
    provinces = build_vocabulary(provinces_doc, "province")
    topics_path = os.path.join(directory, TOPICS_FILE)
    topics_doc = (
        load_checked(topics_path, "topics.schema.json", problems)
        if os.path.isfile(topics_path)
        else None
    )
    topics = build_topics(topics_doc) if topics_doc is not None else Topics()
    rules: list[Rule] = []
    rule_data: list[Any] = []
    first_file: dict[str, Document] = {}
    for path in rule_files(directory):
        document = load_checked(path, RULE_SCHEMA, problems)
        if document is None:
            continue
        found = rule_problems(document, kinds, provinces, topics.vocabulary)
        rule_id = document.data["id"]
        if rule_id in first_file:
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
        if found:
            continue
        first_file[rule_id] = document
        rules.append(build_rule(document))
        rule_data.append(document.data)
    successors, successors_data = _successors(directory, kinds, provinces, problems)
    ids = {rule.id for rule in rules}
    for rule in rules:
        if rule.superseded_by is not None and rule.superseded_by not in ids:
            problems.append(
                first_file[rule.id].problem(
                    "/superseded_by",
                    Text(
                        f"superseded_by '{rule.superseded_by}' không có trong bộ quy tắc này",
                        f"superseded_by '{rule.superseded_by}' names no rule in this rule set",
                    ),
                )
            )
    if problems:
        raise InputError(problems)
    rules.sort(key=lambda rule: rule.id)
    rule_data.sort(key=lambda data: str(data["id"]))
    parts = [rule_data, kinds_doc.data, provinces_doc.data, successors_data]
    if topics_doc is not None:
        parts.append(
            topics_doc.data
        )  # only when present: a rule set without topics keeps its digest
    digest = _canonical_digest(parts)
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
        topics=topics,
    )


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
