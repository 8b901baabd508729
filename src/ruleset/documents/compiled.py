"""Compiled yes/no schema checks: fastjsonschema validators whose generated code is kept between
runs (see compiled_validator), and jsonschema-rs in front of them once many documents are checked
(see gated)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any, cast

import fastjsonschema

from ruleset import usercache
from ruleset.warmup import WarmUp

_CODE_FORMAT = "ruleset/validator@1"
KEPT = 16  # the schemas of rules, submissions, manifests and vocabularies, with room for a change


def compiled_validator(
    schema: dict[str, Any], formats: Mapping[str, Callable[[str], bool]]
) -> Callable[..., Any]:
    """fastjsonschema's validator of ``schema``. Generating and compiling its code takes ~35 ms,
    most of ``check`` on one file, so the compiled code is kept in the per-user cache (as Python
    keeps ``__pycache__``: marshalled, in a folder only we can write, keyed by the schema, the
    fastjsonschema version and the Python version, and checked against its sha256)."""
    text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{text}\0{fastjsonschema.VERSION}\0{sys.version}".encode()).hexdigest()
    name = f"validator-{key[:40]}.marshal"
    body = usercache.read_entry(name, _CODE_FORMAT, key)
    code = None
    if body is not None:
        with contextlib.suppress(ValueError, EOFError, TypeError):
            code = marshal.loads(body)
    if not isinstance(code, types.CodeType):
        source = fastjsonschema.compile_to_code(schema, use_default=False, formats=dict(formats))
        code = compile(source, "<fastjsonschema>", "exec")
        usercache.write_entry(name, _CODE_FORMAT, key, marshal.dumps(code))
        usercache.prune("validator-", KEPT)
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # fastjsonschema's own generated code, as its compile() runs it
    return cast("Callable[..., Any]", namespace[_root_name(namespace)])


def _root_name(namespace: dict[str, Any]) -> str:
    """The validator of the whole document: the first ``validate...`` function defined."""
    return next(n for n, v in namespace.items() if n.startswith("validate") and callable(v))


# jsonschema-rs takes ~10 ms to import and ~1 ms to build a validator, then checks a submission in
# ~0.01 ms where fastjsonschema takes ~0.08: worth it from about the 128th (see ruleset.warmup).
WARM_UP = 128


def gated(schema: dict[str, Any], exact: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """``exact`` (a yes/no check of ``schema``), preceded after :data:`WARM_UP` calls by
    jsonschema-rs's check when it is installed.

    The Rust check only ever says yes for the exact check: whenever it says no, or cannot read the
    value, the exact check answers (Rust's regular expressions refuse a final line break before
    ``$`` that Python's accept). Only for schemas whose other keywords both read alike: the
    differential test (tests/documents/test_schema_gate.py) holds the verdicts equal.
    """
    rust: list[Callable[[Any], bool] | None] = []  # once built (None: not installed)
    warm_up = WarmUp(WARM_UP - 1)

    def is_valid(value: Any) -> bool:
        if rust:
            check = rust[0]
            if check is not None:
                with contextlib.suppress(Exception):  # e.g. a key that is not text: exact says
                    if check(value):
                        return True
        elif warm_up.due():
            rust.append(rust_validity(schema))
        return exact(value)

    return is_valid


def rust_validity(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """jsonschema-rs's yes/no check of the schema (its own draft, formats asserted, no remote
    reference fetched), or None when the package is not installed or, in a release outside the
    bounds pyproject.toml sets, builds no validator from these options."""
    try:
        import jsonschema_rs

        validator = jsonschema_rs.validator_for(
            _no_year_zero(schema), validate_formats=True, offline=True
        )
    except Exception:
        return None
    return cast("Callable[[Any], bool]", validator.is_valid)


def _no_year_zero(schema: Any) -> Any:
    """The schema with its dates refused in year 0000 too: Rust's "date" format is RFC 3339's,
    which has a year 0; Python's dates (and so our "date" format) start at year 1."""
    if isinstance(schema, list):
        return [_no_year_zero(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: _no_year_zero(item) for key, item in schema.items()}
    if copy.get("format") == "date":
        copy["allOf"] = [*copy.get("allOf", []), {"not": {"pattern": "^0000"}}]
    return copy
