"""A batch for CI: one SARIF run over every submission (``OUT/summary.sarif``), one JUnit
testsuite per submission (``OUT/summary.junit.xml``), GitHub annotations printed on stdout.

Workers turn each submission into a :class:`~ruleset.reporters.ci.Suite` and pickle it (the
parent, the one serial part of a batch, only appends those bytes to a spool file as they arrive,
in input order); the summary streams them back, so memory stays flat and the bytes do not depend
on ``--jobs``. Every file checked is there, a
superseded submission too (its findings are still in that file); an unreadable file is an error.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from typing import IO

from ruleset.errors import InputError
from ruleset.output import write_atomically_from
from ruleset.reporters import CI_FORMATS
from ruleset.reporters.ci import Suite, Tool, rules_info, suite_of_error
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang, Text
from ruleset.version import __version__

CI_FILES = {"sarif": "summary.sarif", "junit": "summary.junit.xml"}  # written under --out
PRINTED = ("github",)  # workflow commands only work on stdout


def pack(suite: Suite) -> bytes:
    """A suite as the spool holds it; pickled in the worker, so the parent only copies bytes."""
    return pickle.dumps(suite, protocol=pickle.HIGHEST_PROTOCOL)


class SuiteSpool:
    """Suites pickled to a temporary file in arrival order; read back as often as needed.

    Only this process writes and reads the file, so unpickling it trusts nothing from outside.
    """

    def __init__(self, spool_dir: str | None) -> None:
        self.spool_dir = spool_dir
        self._file: IO[bytes] | None = None

    def add(self, packed: bytes) -> None:
        """Append a suite as :func:`pack` made it."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(dir=self.spool_dir)  # noqa: SIM115 (closed by close())
        self._file.write(packed)

    def add_error(self, display: str, reason: str) -> None:
        """An input refused before a worker saw it: its reason, located at the file."""
        self.add(pack(suite_of_error(display, InputError.at(display, Text.same(reason)))))

    def __call__(self) -> Iterator[Suite]:
        if self._file is None:
            return
        self._file.flush()
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)  # our own spool: nothing from outside
            except EOFError:
                return

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _tool(rule_set: RuleSet) -> Tool:
    return Tool(__version__, (rule_set.name, rule_set.version, rule_set.digest))


def write_ci_summary(
    fmt: str, rule_set: RuleSet, spool: SuiteSpool, lang: Lang | None, out_dir: str
) -> list[str]:
    """Write ``summary.sarif`` or ``summary.junit.xml`` atomically; returns its path."""
    path = os.path.join(out_dir, CI_FILES[fmt])
    rules = rules_info(rule_set.rules)
    write_atomically_from(path, CI_FORMATS[fmt](_tool(rule_set), rules, spool, lang))
    return [path]


def print_ci_summary(
    fmt: str, rule_set: RuleSet, spool: SuiteSpool, lang: Lang | None, emit: Callable[[str], None]
) -> None:
    for chunk in CI_FORMATS[fmt](_tool(rule_set), rules_info(rule_set.rules), spool, lang):
        emit(chunk)
