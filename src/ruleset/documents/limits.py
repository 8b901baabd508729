"""Bounds on untrusted input, so that no file can exhaust time, memory or the C stack."""

from __future__ import annotations

from dataclasses import dataclass

from ruleset.text import Text


@dataclass(frozen=True)
class Limits:
    """Limits applied while reading a submission or a rule file (see README, "Limits")."""

    max_bytes: int = 5 * 1024 * 1024
    """Largest file read, in bytes."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists."""
    max_nodes: int = 500_000
    """Most values constructed, counting every expansion of an alias."""
    max_aliases: int = 1_000
    """Most alias uses (``*name``) in one document."""
    max_string: int = 1024 * 1024
    """Longest single string, in characters."""
    max_digits: int = 100
    """Longest number, in characters: a count never needs more, and Python refuses to read an
    integer of over 4,300 digits (an error that would name a Python setting)."""

    @property
    def depth(self) -> int:
        """The nesting depth enforced: ``max_depth``, but never over :data:`DEPTH_CEILING`."""
        return min(self.max_depth, DEPTH_CEILING)

    def too_deep(self) -> Text:
        """The message for nesting over :attr:`depth`, saying when the ceiling applied."""
        message = Text(
            f"lồng nhau quá sâu (tối đa {self.depth})",
            f"nesting deeper than {self.depth} levels",
        )
        if self.max_depth > DEPTH_CEILING:
            message += Text(
                f" (--max-depth không vượt quá {DEPTH_CEILING})",
                f" (--max-depth is capped at {DEPTH_CEILING})",
            )
        return message


DEPTH_CEILING = 100
"""Deepest nesting read whatever --max-depth asks: validating and judging data walk it
recursively, and a few hundred levels reach Python's recursion limit."""


DEFAULT_LIMITS = Limits()
