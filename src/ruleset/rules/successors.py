"""Provinces and agency kinds that ceased (the 2025 mergers) and what took their place.

A rule binding a province or a kind stops binding it on the day that province or kind ceased.
Successors inherit nothing: a rule names the successor to bind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Succession:
    former: str
    successor: str | None
    date: str  # first day the former term no longer exists
    basis: str
    note: str | None = None


@dataclass(frozen=True)
class Successors:
    provinces: dict[str, Succession] = field(default_factory=dict)
    agency_kinds: dict[str, Succession] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Successors:
        def read(section: str) -> dict[str, Succession]:
            return {
                former: Succession(
                    former, entry.get("successor"), entry["date"], entry["basis"], entry.get("note")
                )
                for former, entry in sorted(data.get(section, {}).items())
            }

        return cls(read("provinces"), read("agency_kinds"))

    def ceased(self, agency_kind: str, province: str) -> Succession | None:
        """The earliest change that ended this kind of agency in this province, if any."""
        # On the same day, the kind's end is the more specific reason: the body itself ceased.
        found = [s for s in (self.agency_kinds.get(agency_kind), self.provinces.get(province)) if s]
        return min(found, key=lambda s: s.date) if found else None

    def predecessors(self, agency_kind: str, province: str) -> list[tuple[str, str, Succession]]:
        """(kind, province, succession) pairs of what this agency was before a change."""
        pairs = [
            (agency_kind, s.former, s) for s in self.provinces.values() if s.successor == province
        ]
        pairs += [
            (s.former, province, s)
            for s in self.agency_kinds.values()
            if s.successor == agency_kind
        ]
        return sorted(pairs, key=lambda p: (p[2].date, p[0], p[1]))
