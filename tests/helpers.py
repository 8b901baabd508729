"""Small builders for test submissions, a walk over their values, and a child process set-up."""

from __future__ import annotations

import json
import signal
from typing import Any

from ruleset.documents.document import Document
from ruleset.documents.json_reader import load_json_text
from ruleset.documents.yaml_reader import load_yaml_text
from ruleset.judging.submission import Submission, validate_submission
from ruleset.rules.ruleset import RuleSet


def yaml_document(text: str, path: str = "test.yaml") -> Document:
    data, locator = load_yaml_text(text, path)
    return Document(path=path, data=data, sha256="0" * 64, text=text, locator=locator)


def json_document(value: Any, path: str = "test.json") -> Document:
    text = json.dumps(value, ensure_ascii=False, indent=1)
    data, locator = load_json_text(text, path)
    return Document(path=path, data=data, sha256="0" * 64, text=text, locator=locator)


def base_submission(**obligations: Any) -> dict[str, Any]:
    return {
        "agency": {"id": "a1", "name": "Sở Nội vụ", "kind": "so-ban-nganh", "province": "kon-tum"},
        "period": {"start": "2021-10-01", "end": "2021-12-31"},
        "submitted": "2022-01-05",
        "obligations": dict(obligations),
    }


def submission_of(rule_set: RuleSet, data: dict[str, Any]) -> Submission:
    return validate_submission(json_document(data), rule_set)


def value_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path (keys and indexes) of every value inside ``value``, itself first."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += value_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += value_paths(item, (*prefix, index))
    return found


def default_sigint() -> None:
    """``preexec_fn`` of a child an interrupt test signals: a suite started as a shell's background
    job hands its children SIGINT ignored, and Python then never raises KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
