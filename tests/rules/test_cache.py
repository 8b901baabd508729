"""The per-user cache of loaded rules: used when the files are the same, ignored and rebuilt when
an entry is anything but ours, never a way to write elsewhere, off on request."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ruleset.rules.load as load_module
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.reporters.json_report import render_json
from ruleset.rules.cache import FORMAT
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from ruleset.usercache import DISABLE_ENV
from tests.conftest import EXAMPLES_DIR, RULES_DIR

EXAMPLE = str(EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml")


@pytest.fixture
def rules(tmp_path: Path) -> str:
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    return str(copy)


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache" / "ruleset"
    monkeypatch.setenv("RULESET_CACHE_DIR", str(where))
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    return where


def _entries(place: Path) -> list[Path]:
    return sorted(place.glob("rules-*.json")) if place.is_dir() else []


def _report(rule_set: RuleSet) -> str:
    return render_json(check_submission(rule_set, load_submission(EXAMPLE, rule_set)))


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a rules file was parsed although the cache holds the rules")

    monkeypatch.setattr(load_module, "load_document", refuse)


def test_a_second_load_comes_from_the_cache_and_is_the_same(
    rules: str, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_rule_set(rules)
    assert len(_entries(place)) == 1
    assert place.stat().st_mode & 0o777 == 0o700
    with monkeypatch.context() as patch:
        _no_parsing(patch)
        second = load_rule_set(rules)
    assert second.digest == first.digest
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert [r.file for r in second.rules] == [r.file for r in first.rules]
    assert (second.agency_kinds, second.provinces, second.topics, second.successors) == (
        first.agency_kinds,
        first.provinces,
        first.topics,
        first.successors,
    )
    assert _report(second) == _report(first)


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff not json")


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _parts(path: Path) -> tuple[dict[str, Any], bytes]:
    head, _, body = path.read_bytes().partition(b"\n")
    return json.loads(head), body


def _write(path: Path, header: dict[str, Any], body: bytes) -> None:
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


def _other_version(path: Path) -> None:
    header, body = _parts(path)
    _write(path, {**header, "format": FORMAT.replace("@1", "@99")}, body)


def _other_key(path: Path) -> None:
    header, body = _parts(path)
    _write(path, {**header, "key": "0" * 64}, body)


def _tampered(path: Path) -> None:
    """Valid JSON under the right header, but a rule's data changed: the body's hash differs."""
    header, body = _parts(path)
    entry = json.loads(body)
    entry["rules"][0][1]["title"]["en"] = "Not what the file says"
    _write(path, header, json.dumps(entry).encode())


def _wrong_shape(path: Path) -> None:
    """A header that matches its body, but a body that is not rules."""
    header, _ = _parts(path)
    body = json.dumps({"rules": 3}).encode()
    _write(path, {**header, "sha256": hashlib.sha256(body).hexdigest()}, body)


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    "spoil",
    [_garbage, _truncated, _other_version, _other_key, _tampered, _wrong_shape, _fifo, _folder],
)
def test_a_spoiled_entry_is_ignored_and_rebuilt(
    rules: str, place: Path, spoil: Callable[[Path], None]
) -> None:
    expected = _report(load_rule_set(rules))
    (entry,) = _entries(place)
    spoil(entry)
    again = load_rule_set(rules)
    assert _report(again) == expected
    assert all(e.name.startswith("rules-") for e in _entries(place))
    if entry.is_file():  # rewritten whole
        assert _parts(entry)[0]["format"] == FORMAT


def test_a_link_planted_at_an_entry_is_not_followed(
    rules: str, place: Path, tmp_path: Path
) -> None:
    load_rule_set(rules)
    (entry,) = _entries(place)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    entry.unlink()
    entry.symlink_to(victim)
    rule_set = load_rule_set(rules)
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not entry.is_symlink()  # replaced by an entry of ours, never written through
    assert len(rule_set.rules) > 0


def test_a_cache_folder_that_is_a_link_or_open_to_others_is_not_used(
    rules: str, place: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    place.parent.mkdir(parents=True)
    place.symlink_to(elsewhere)
    load_rule_set(rules)
    assert list(elsewhere.iterdir()) == []
    place.unlink()
    place.mkdir()
    place.chmod(0o777)
    load_rule_set(rules)
    assert _entries(place) == []


def test_disabled_by_the_environment(
    rules: str, place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DISABLE_ENV, "1")
    load_rule_set(rules)
    assert _entries(place) == []


def test_an_edit_of_the_rules_invalidates(rules: str, place: Path) -> None:
    before = load_rule_set(rules)
    path = Path(before.rules[0].file)
    text = path.read_text(encoding="utf-8")
    title = before.rules[0].title.en
    path.write_text(text.replace(title, title + " (edited)", 1), encoding="utf-8")
    after = load_rule_set(rules)
    assert after.rules[0].title.en == title + " (edited)"
    assert after.digest != before.digest
    assert len(_entries(place)) == 2


def test_broken_rules_are_never_cached(rules: str, place: Path) -> None:
    first = sorted(Path(rules, "catalogue").rglob("*.yaml"))[0]
    first.write_text("id: [unclosed\n", encoding="utf-8")
    for _ in range(2):  # reported each time, never served from a cache
        with pytest.raises(load_module.InputError):
            load_rule_set(rules)
    assert _entries(place) == []
