"""Discovery's shortcuts give what the long way gave: the same inputs, in the same order."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from ruleset.batch.discover import _below, _safe_relative, discover
from ruleset.documents.limits import Limits
from tests.conftest import EXAMPLES_DIR


def _tree(root: Path) -> None:
    for folder in ("a", "a/b", "a-b", "a.b", "z"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name in ("a/x.yaml", "a/b/y.yml", "a-b/z.json", "a.b/w.yaml", "top.yaml", "z/q.yaml"):
        shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", root / name)
    with zipfile.ZipFile(root / "z" / "pack.zip", "w") as archive:
        archive.write(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", "in/m.yaml")


@pytest.mark.parametrize("spelling", ["{root}", "{root}/", "{root}//", "{root}/./", "{root}/a/.."])
def test_a_walked_path_below_its_folder_is_what_relpath_says(tmp_path: Path, spelling: str) -> None:
    _tree(tmp_path / "in")
    root = spelling.format(root=tmp_path / "in")
    walked = [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]
    assert len(walked) == 7
    for path in walked:
        assert _safe_relative(_below(path, root)) == _safe_relative(os.path.relpath(path, root))


def test_a_relative_folder_argument_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    for root in (".", "./", "a", "a/"):
        for directory, _, files in os.walk(root):
            for name in files:
                path = os.path.join(directory, name)
                assert _safe_relative(_below(path, root)) == _safe_relative(
                    os.path.relpath(path, root)
                )


def test_without_mirrored_paths_discovery_finds_the_same_inputs(tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    os.link(tmp_path / "in" / "top.yaml", tmp_path / "in" / "a" / "hard.yaml")  # one file twice
    paths = [str(tmp_path / "in"), str(tmp_path / "in" / "a")]
    full, lean = discover(paths, Limits()), discover(paths, Limits(), mirror=False)
    assert [(i.display, i.path, i.member, i.index) for i in lean.inputs] == [
        (i.display, i.path, i.member, i.index) for i in full.inputs
    ]
    assert (lean.refused, lean.skipped, lean.trees) == (full.refused, full.skipped, full.trees)
    assert len(full.skipped) == 1, "a/hard.yaml is in/top.yaml (a path found twice is one input)"
    assert all(i.relative for i in full.inputs) and not any(i.relative for i in lean.inputs)


def test_two_files_with_one_printable_name_are_both_checked(tmp_path: Path) -> None:
    """A name that is not UTF-8 and a name that spells its escape print alike: both are inputs."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (os.fsdecode(b"\xff.yaml"), "\\xff.yaml"):
        shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", folder / name)
    found = discover([str(folder)], Limits())
    shown = [item.display for item in found.inputs]
    assert shown == [f"{folder}/\\xff.yaml", f"{folder}/\\xff.yaml#2"]
    assert sorted(os.path.basename(item.path) for item in found.inputs) == sorted(
        [os.fsdecode(b"\xff.yaml"), "\\xff.yaml"]
    )
    assert found.skipped == ()
    found.inputs.close()
