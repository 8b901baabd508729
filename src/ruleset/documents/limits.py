"""Bounds on untrusted input, so that no file can exhaust time, memory or the C stack."""

from __future__ import annotations

from dataclasses import dataclass


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


DEFAULT_LIMITS = Limits()
