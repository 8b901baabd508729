"""The folders show the architecture: each layer imports only the layers below it, and no
module grows into a god module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ruleset"
MAX_LINES = 400

# What each part of the package may import (besides itself); everything may import the base.
BASE = {"text", "errors", "version", "signals", "usercache", "heap", "warmup"}
ALLOWED: dict[str, set[str]] = {
    "text": set(),
    "errors": {"text"},
    "version": set(),
    "signals": set(),
    "heap": set(),
    "warmup": set(),
    "usercache": {"output"},  # the cache writes its entries atomically like every output
    "documents": set(),
    "checks": {"documents"},
    "model": {"checks"},
    "output": set(),
    "rules": {"documents", "checks", "model", "output"},
    "judging": {"documents", "checks", "model", "rules"},
    "reporters": {"model"},
    "template": {"documents", "checks", "model", "rules", "judging"},
    "diffing": {"documents", "checks", "model", "rules", "judging"},
    "lint": {"documents", "checks", "model", "rules", "judging", "diffing"},
    "batch": {"documents", "model", "rules", "judging", "reporters", "output"},
    "schemas": set(),
    "cli": None,  # the top: may import anything
    "__init__": None,
    "__main__": None,
}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if "bundled_rules" not in p.parts)


def _part(path: Path) -> str:
    relative = path.relative_to(SRC)
    return relative.parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_module_imports_only_lower_layers(path: Path) -> None:
    part = _part(path)
    allowed = ALLOWED[part]
    if allowed is None:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ruleset."):
            target = node.module.split(".")[1]
            assert target == part or target in allowed | BASE, f"{part} imports {node.module}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_a_god_module(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
