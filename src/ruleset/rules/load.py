"""Load a rules directory once: validate every file, compile every check, report all problems."""

from __future__ import annotations

import dataclasses
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
from ruleset.rules import cache
from ruleset.rules.build import build_rule, build_vocabulary
from ruleset.rules.cache import RulesContent
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
    """Load, validate and compile a rules directory; every problem found is reported at once.

    A directory loaded before with the same files is built from the per-user cache instead
    (:mod:`ruleset.rules.cache`): the same rule set, without parsing and validating every file.
    """
    directory = _rules_directory(directory)
    key = cache.key(directory, _files_read(directory))
    content = cache.read(key) if key is not None else None
    if content is not None:
        built = _from_cache(directory, content)
        if built is not None:
            return built
    loaded, content = _read(directory)
    if loaded.problems or loaded.rule_set is None or content is None:
        raise InputError(list(loaded.problems))
    if key is not None and cache.key(directory, _files_read(directory)) == key:
        cache.store(key, content)  # only if no file changed while it was read
    return loaded.rule_set


def read_rule_set(directory: str | None = None) -> LoadedRules:
    """Read every file of a rules directory, collecting problems rather than stopping at them.

    Raises only when ``directory`` is not a rules directory at all (no manifest).
    """
    return _read(_rules_directory(directory))[0]


def _rules_directory(directory: str | None) -> str:
    directory = directory or bundled_rules_dir()
    if not os.path.isfile(os.path.join(directory, MANIFEST)):
        raise InputError.at(
            directory,
            Text(
                f"không phải thư mục quy tắc (thiếu {MANIFEST})",
                f"not a rules directory: no {MANIFEST}",
            ),
        )
    return directory


def _files_read(directory: str) -> list[str] | None:
    """Every file a load reads, or None when listing them already fails (the load says why)."""
    fixed = [MANIFEST, AGENCY_KINDS_FILE, PROVINCES_FILE, TOPICS_FILE, SUCCESSORS_FILE]
    files, refused = rule_files(directory)
    return None if refused else [os.path.join(directory, name) for name in fixed] + files


def _from_cache(directory: str, content: RulesContent) -> RuleSet | None:
    """The rule set built from cached content, or None when the content is not what we wrote."""
    try:
        rules = tuple(build_rule(data, directory + suffix) for suffix, data in content.rules)
        return _rule_set(
            directory,
            content,
            rules,
            build_vocabulary(content.agency_kinds, "agency kind"),
            build_vocabulary(content.provinces, "province"),
            build_topics(content.topics) if content.topics is not None else Topics(),
        )
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None


def _rule_set(
    directory: str,
    content: RulesContent,
    rules: tuple[Rule, ...],
    kinds: Vocabulary,
    provinces: Vocabulary,
    topics: Topics,
) -> RuleSet:
    successors = content.successors
    return RuleSet(
        directory=directory,
        name=content.manifest["name"],
        version=content.manifest["version"],
        released=content.manifest["released"],
        digest=content.digest,
        rules=rules,
        agency_kinds=kinds,
        provinces=provinces,
        manifest=content.manifest,
        successors=Successors.from_data(successors) if successors is not None else Successors(),
        topics=topics,
    )


def _read(directory: str) -> tuple[LoadedRules, RulesContent | None]:
    """Every file read and checked: what was built, and the content to cache when all is sound."""
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
    topics = build_topics(topics_doc.data) if topics_doc is not None else Topics()
    vocabularies = None  # without all of them, every name would look unknown: none is checked
    if (
        kinds_doc is not None
        and provinces_doc is not None
        and (topics_doc is not None or not has_topics)
    ):
        vocabularies = (
            build_vocabulary(kinds_doc.data, "agency kind"),
            build_vocabulary(provinces_doc.data, "province"),
            topics.vocabulary,
        )
    files, refused = rule_files(directory)
    problems.extend(refused)
    read = _read_rules(directory, files, vocabularies, problems)
    if manifest is None or kinds_doc is None or provinces_doc is None or vocabularies is None:
        return LoadedRules(tuple(problems), None, {}, read.count, read.ids), None
    kinds, provinces, _ = vocabularies
    successors_data = _successors(directory, kinds, provinces, problems)
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
    rules = tuple(sorted(read.rules, key=lambda rule: rule.id))
    content = RulesContent(
        manifest=manifest.data,
        agency_kinds=kinds_doc.data,
        provinces=provinces_doc.data,
        topics=topics_doc.data if topics_doc is not None else None,
        successors=successors_data,
        rules=tuple(sorted(read.data, key=lambda entry: str(entry[1]["id"]))),
        digest="",
    )
    content = dataclasses.replace(content, digest=_canonical_digest(content.digest_parts()))
    rule_set = _rule_set(directory, content, rules, kinds, provinces, topics)
    loaded = LoadedRules(tuple(problems), rule_set, read.documents, read.count, read.ids)
    return loaded, None if problems else content


@dataclass(frozen=True)
class _Read:
    rules: list[Rule]
    data: list[tuple[str, Any]]  # (path after the directory's, data): what the cache keeps
    documents: dict[str, Document]
    count: int
    ids: frozenset[str]


def _read_rules(
    directory: str,
    files: list[str],
    vocabularies: tuple[Vocabulary, Vocabulary, Vocabulary] | None,
    problems: list[Problem],
) -> _Read:
    """Each rule file checked; the rules with no problem built. Without the vocabularies, only
    the schema is checked: the rest needs them."""
    rules: list[Rule] = []
    rule_data: list[tuple[str, Any]] = []
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
        rules.append(build_rule(document.data, document.path))
        rule_data.append((document.path[len(directory) :], document.data))
    return _Read(rules, rule_data, first_file, count, frozenset(ids))


def _successors(
    directory: str, kinds: Vocabulary, provinces: Vocabulary, problems: list[Problem]
) -> Any:
    """The optional successors file's data (None without one), checked against the vocabularies."""
    path = os.path.join(directory, SUCCESSORS_FILE)
    if not os.path.isfile(path):
        return None
    document = load_checked(path, "successors.schema.json", problems)
    if document is None:
        return None
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
    return document.data
