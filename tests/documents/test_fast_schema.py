"""The compiled fast schema check (fastjsonschema) and jsonschema give the same verdict."""

from __future__ import annotations

import copy as _copy
import json as _json
from pathlib import Path

import pytest
from hypothesis import given as _given
from hypothesis import settings as _settings
from hypothesis import strategies as _st

from ruleset.documents.schema import fast_validity, has_float, validator_for
from tests.conftest import EXAMPLES_DIR as _EXAMPLES
from tests.helpers import value_paths

_BASE = _json.loads((_EXAMPLES / "kontum-hoi-nha-bao-2021q4.json").read_text(encoding="utf-8"))
_VALUES = _st.one_of(
    _st.none(),
    _st.booleans(),
    _st.integers(-3, 3),
    _st.floats(allow_nan=False, allow_infinity=False),
    _st.sampled_from(
        ["", "x", "2021-02-30", "2021-10-01", "done", "met", "kon-tum", "2021-1-1", "١٢٣٤-٠١-٠١"]
    ),
    _st.lists(_st.sampled_from(["a", 1, None]), max_size=2),
    _st.dictionaries(
        _st.sampled_from(["id", "kind", "date", "zz"]), _st.sampled_from(["x", 1]), max_size=2
    ),
)


_ALL_PATHS = value_paths(_BASE)


@_settings(max_examples=300, deadline=None)
@_given(
    _st.lists(
        _st.tuples(_st.sampled_from(_ALL_PATHS[1:]), _VALUES, _st.booleans()),
        min_size=1,
        max_size=3,
    )
)
def test_fast_check_and_jsonschema_agree(
    mutations: list[tuple[tuple[object, ...], object, bool]],
) -> None:
    data = _copy.deepcopy(_BASE)
    for path, value, add_key in mutations:
        target: object = data
        try:
            for step in path[:-1]:
                target = target[step]  # type: ignore[index]
            if add_key and isinstance(target, dict):
                target["extra_" + str(path[-1])] = value
            else:
                target[path[-1]] = value  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            continue
    slow_valid = not any(True for _ in validator_for("submission.schema.json").iter_errors(data))
    fast_valid = fast_validity("submission.schema.json")(data)
    # The compiled check counts 1.0 as an integer: a document with a decimal always goes on to the
    # strict validator, so the fast path accepts only what the strict one accepts.
    assert (fast_valid and not has_float(data)) <= slow_valid
    if not has_float(data):
        assert fast_valid == slow_valid


def test_the_compiled_validator_is_kept_and_reused_and_a_spoilt_entry_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fastjsonschema

    from ruleset.documents import schema as schema_module
    from ruleset.documents.compiled import compiled_validator

    monkeypatch.setenv("RULESET_CACHE_DIR", str(tmp_path / "cache"))
    definition = dict(schema_module.load_schema("submission.schema.json"))
    definition["$schema"] = "http://json-schema.org/draft-07/schema#"
    first = compiled_validator(definition, {})
    # the root validator, as fastjsonschema's own compile() chooses it
    assert first.__name__ == fastjsonschema.compile(definition, use_default=False).__name__
    (entry,) = (tmp_path / "cache").glob("validator-*.marshal")
    generated: list[object] = []
    monkeypatch.setattr(
        fastjsonschema, "compile_to_code", lambda *a, **k: generated.append(a) or "x = 1"
    )
    assert compiled_validator(definition, {}).__name__ == first.__name__  # from the cache
    assert generated == []
    entry.write_bytes(entry.read_bytes()[:-10])  # cut short: not ours any more
    with pytest.raises(StopIteration):  # rebuilt from (here, a stub) generator, not the entry
        compiled_validator(definition, {})
    assert len(generated) == 1
