"""The reporter tables name modules imported on first use: every name must lead to a function,
and checking one file must not import the reporters it does not write."""

from __future__ import annotations

import subprocess
import sys

from ruleset.reporters import CI_FORMATS, FORMATS, REPORTERS


def test_every_name_in_the_tables_is_a_function() -> None:
    for table in (REPORTERS, CI_FORMATS):
        for name in table:
            assert callable(table[name]), name
    assert sorted([*REPORTERS, *CI_FORMATS]) == FORMATS


def test_a_text_check_imports_no_other_reporter() -> None:
    code = (
        "import sys\n"
        "from ruleset.reporters import render\n"
        "from ruleset.judging.engine import check_submission\n"
        "from ruleset.judging.submission import load_submission\n"
        "from ruleset.rules.load import load_rule_set\n"
        "rules = load_rule_set()\n"
        "report = check_submission(rules, load_submission("
        "'examples/kontum-so-tttt-2021q4.yaml', rules))\n"
        "render(report, 'text', 'vi')\n"
        "print(sorted(m for m in sys.modules if m.startswith('ruleset.reporters.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['ruleset.reporters.text', 'ruleset.reporters.wording']"
