"""fastjsonschema validators whose generated code is kept between runs (see compiled_validator)."""

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
