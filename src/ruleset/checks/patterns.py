"""Patterns in rules run on untrusted text, so they are matched in linear time (RE2).

Python's ``re`` backtracks: a pattern like ``(a+)+$`` takes exponential time on a crafted line
of a self-assessment. RE2 (google-re2) never backtracks; a pattern it cannot run (backreferences,
lookaround) is a rule error reported at load and by ``ruleset lint``, not a slow match.
"""

from __future__ import annotations

from typing import Protocol

import re2

from ruleset.documents.textio import nfc


class Pattern(Protocol):
    def search(self, text: str) -> object: ...


class PatternError(ValueError):
    """The pattern is not valid RE2 syntax."""


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the error is reported to the maintainer, not logged to stderr
    return options


_OPTIONS = _options()


def compile_pattern(text: str) -> Pattern:
    """A case-insensitive, linear-time matcher for ``text`` (normalised to NFC)."""
    try:
        compiled: Pattern = re2.compile(nfc(text), _OPTIONS)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(detail) from None
    return compiled
