"""The compiled helpers start only once a process has used the slow path long enough to repay
them: `check` on one file imports none of them, a batch all of them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ruleset.warmup import WarmUp
from tests.conftest import EXAMPLES_DIR

ROOT = Path(__file__).resolve().parents[1]


@given(after=st.integers(0, 60), uses=st.integers(0, 200))
def test_due_from_the_use_after_the_warm_up_on(after: int, uses: int) -> None:
    warm_up = WarmUp(after)
    answers = [warm_up.due() for _ in range(uses)]
    assert answers == [index >= after for index in range(uses)]


SCRIPT = """
import sys
from ruleset.documents import read
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import bundled_rules_dir

COMPILED = ("ruleset.documents.fast_path", "ruleset.documents.yaml_offsets", "jsonschema_rs")
rules = load_rule_set(bundled_rules_dir())

def check(path):
    report = check_submission(rules, load_submission(path, rules))
    assert any(f.line for r in report.obligations for f in r.findings), "no finding located"

check(sys.argv[1])
print(*(name in sys.modules for name in COMPILED))
for _ in range(200):
    check(sys.argv[1])
print(*(name in sys.modules for name in COMPILED))
"""


def test_one_document_starts_no_compiled_helper_and_many_start_them_all(tmp_path: Path) -> None:
    """As `check` runs: the rules from the per-user cache (reading the 41 rule files would count
    towards the warm-up, rightly), then one submission; then many, as a batch."""
    example = EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml"  # gaps, and read by the fast path
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), RULESET_CACHE_DIR=str(tmp_path))
    env.pop("RULESET_NO_CACHE", None)
    for _ in range(2):  # the first run fills the cache
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(example)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
    first, later = done.stdout.splitlines()
    assert first.split() == ["False", "False", "False"]
    assert later.split() == ["True", "True", "True"]
