"""What counts as evidence at all: the gate before a rule's own checks run.

A claim of ``done`` or ``in_progress`` on a rule with ``evidence_required`` (the default) needs
at least one of these in its entry; written in the check vocabulary so that it reads, and is
explained, like any other condition.
"""

from __future__ import annotations

from typing import Any

from ruleset.checks.registry import compile_condition

EVIDENCE_SPEC: dict[str, Any] = {
    "any": [
        {"present": "evidence.activities"},
        {"present": "evidence.documents"},
        {"present": "figures"},
        {"present": "cases"},
    ]
}
EVIDENCE = compile_condition(EVIDENCE_SPEC)
"""Failures when an entry holds no evidence at all; none when it holds some."""
