"""Golden reports: every example submission in every format and language, byte for byte.

Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/reporters/test_golden.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.reporters import REPORTERS, render
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR, GOLDEN_DIR, ROOT

EXAMPLES = sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
SUFFIX = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}
# HTML is held for two examples: one with every kind of gap and a note, one fully compliant.
HTML_EXAMPLES = ("kontum-ubnd-huyen-dak-ha-2021q4", "kontum-so-noi-vu-2021q4")
CASES = [
    (example, fmt, lang)
    for example in EXAMPLES
    for fmt in sorted(REPORTERS)
    for lang in ("vi", "en")
    if fmt != "html" or example.stem in HTML_EXAMPLES
]


@pytest.mark.parametrize(
    ("example", "fmt", "lang"), CASES, ids=[f"{e.name}-{f}-{lang}" for e, f, lang in CASES]
)
def test_golden_report(rule_set: RuleSet, example: Path, fmt: str, lang: str) -> None:
    relative = os.path.relpath(example, ROOT)
    report = check_submission(rule_set, load_submission(relative, rule_set))
    produced = render(report, fmt, lang)
    golden = GOLDEN_DIR / f"{example.stem}.{lang}.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1"
    assert produced == golden.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_readme_shows_the_report_it_promises() -> None:
    """The README's sample report is the golden file (UPDATE_GOLDEN=1 rewrites it there too)."""
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    golden = (GOLDEN_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.vi.txt").read_text(encoding="utf-8")
    command = "$ ruleset check examples/kontum-ubnd-huyen-dak-ha-2021q4.yaml\n"
    if os.environ.get("UPDATE_GOLDEN"):
        start = readme.index(command) + len(command)
        readme = readme[:start] + golden + readme[readme.index("```", start) :]
        readme_path.write_text(readme, encoding="utf-8")
    assert command + golden + "```" in readme
