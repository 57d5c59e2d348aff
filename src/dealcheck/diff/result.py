"""What ``dealcheck diff`` found: the catalogue change and the deals it affects."""

from __future__ import annotations

from dataclasses import dataclass, field

from dealcheck.diff.catalog import CatalogDiff
from dealcheck.diff.deals import DealDiff, RequirementChange

#: JSON schema id of the diff document
SCHEMA_ID = "dealcheck.diff/1"


@dataclass
class DiffResult:
    catalog: CatalogDiff
    deals: list[DealDiff] = field(default_factory=list)

    @property
    def broken(self) -> int:
        return sum(d.broken for d in self.deals)

    @property
    def wins(self) -> int:
        return sum(d.wins for d in self.deals)

    @property
    def exit_code(self) -> int:
        """1 when any promise breaks, else 0."""
        return 1 if self.broken else 0

    def changes(self, kind: str) -> list[tuple[DealDiff, RequirementChange]]:
        """Every requirement change of ``kind`` (broken | win), deal by deal, in input order."""
        return [(d, c) for d in self.deals for c in d.changes if c.kind == kind]
