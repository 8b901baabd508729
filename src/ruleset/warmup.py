"""When a faster path has repaid its start-up in this process.

Three compiled helpers are worth their start-up only over many documents: the fast YAML/JSON path
(yaml_rs, orjson and its patterns, ~20 ms to import and compile), rapidyaml's positions (~16 ms to
import) and jsonschema-rs (~11 ms to import and build). Each is taken once the slow path has run
about as many times as it takes the fast one to repay its start-up: a run of any length then pays
at most about twice the best choice, and `check` on one file starts none of them. Both paths give
the same answer (each has a differential test), so only the time depends on the switch.
"""

from __future__ import annotations


class WarmUp:
    """Counts the uses of a slow path; :meth:`due` is True from the ``after``-th on."""

    __slots__ = ("after", "uses")

    def __init__(self, after: int) -> None:
        self.after = after
        self.uses = 0

    def due(self) -> bool:
        """Count one use; whether the faster path should be taken for it."""
        if self.uses < self.after:
            self.uses += 1
            return False
        return True
