"""The capability catalogue (docs/catalogue.md) as pydantic models.

These models are the single source of truth: the loader validates with them,
``dealcheck schema`` prints their JSON Schema, and the README's format
reference follows their field descriptions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ETA_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$|^\d{4}-Q[1-4]$"
_ETA_RE = re.compile(ETA_PATTERN)

Status = Literal["ga", "beta", "roadmap", "deprecated", "not-planned"]
STATUSES: tuple[str, ...] = ("ga", "beta", "roadmap", "deprecated", "not-planned")

LimitValue = float | dict[str, float]


def eta_date(eta: str) -> dt.date:
    """The date an ``eta`` stands for: a month or quarter means its last day."""
    if "Q" in eta:
        year, quarter = int(eta[:4]), int(eta[-1])
        month = quarter * 3
    else:
        parts = eta.split("-")
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 3:
            return dt.date(year, month, int(parts[2]))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Metric(_Strict):
    """A quantity that requirements can ask about (uptime, RPO, storage, seats...)."""

    unit: str = Field(
        description="Unit that limits are written in, e.g. '%', minute, hour, day, GB, TB, user,"
        " request/second."
    )
    better: Literal["higher", "lower"] = Field(
        description="Which direction satisfies a customer: higher (uptime, storage) or lower"
        " (RPO, response time)."
    )
    aliases: list[str] = Field(
        default_factory=list, description="Phrases customers use for this metric."
    )


class Capability(_Strict):
    """One thing the product does (or will, or will not)."""

    id: str = Field(pattern=ID_PATTERN, description="Unique id: lower-case letters, digits, '-'.")
    name: str = Field(min_length=1, description="Name shown in reports.")
    description: str | None = Field(default=None, description="What it does, in a sentence.")
    category: str | None = Field(default=None, description="Free-text grouping.")
    aliases: list[str] = Field(
        default_factory=list, description="Phrases customers use for this capability."
    )
    status: Status = Field(
        default="ga", description="ga | beta | roadmap | deprecated | not-planned"
    )
    editions: list[str] | None = Field(
        default=None, description="Editions it is in (default: every edition)."
    )
    deployments: list[str] | None = Field(
        default=None, description="Deployments it is offered in (default: every deployment)."
    )
    regions: list[str] | None = Field(
        default=None, description="Regions it is offered in (default: every region)."
    )
    add_on: str | None = Field(default=None, description="Add-on it is sold in, if separate.")
    limits: dict[str, LimitValue] = Field(
        default_factory=dict,
        description="metric -> value in the metric's unit, or metric -> {edition: value}.",
    )
    caveats: list[str] = Field(
        default_factory=list, description="Shown in reports; the verdict is unchanged."
    )
    eta: str | None = Field(
        default=None,
        pattern=ETA_PATTERN,
        description="Roadmap only: YYYY-MM-DD, YYYY-MM or YYYY-Qn.",
    )
    owner: str | None = Field(default=None, description="Who answers for it.")
    docs: str | None = Field(default=None, description="Documentation link.")
    reviewed: dt.date | None = Field(
        default=None, description="Last date a product manager confirmed the entry."
    )

    @field_validator("eta", mode="before")
    @classmethod
    def _eta_from_date(cls, value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    @field_validator("eta")
    @classmethod
    def _eta_real_date(cls, value: str | None) -> str | None:
        if value is not None and len(value) == 10:
            dt.date.fromisoformat(value)  # 2027-02-30 fails here
        return value

    @property
    def eta_date(self) -> dt.date | None:
        return eta_date(self.eta) if self.eta else None

    def limit_for(self, metric: str, edition: str | None) -> float | None:
        """The capability's limit on ``metric`` in ``edition`` (None: no limit stated)."""
        value = self.limits.get(metric)
        if value is None or not isinstance(value, dict):
            return value
        if edition is None:
            return None
        return value.get(edition)


class Catalog(_Strict):
    """The product's truth: what ships, in which edition, where, within which limits."""

    product: str = Field(min_length=1, description="Product name shown in reports.")
    version: str | None = Field(default=None, description="Catalogue version, shown in reports.")
    editions: list[str] = Field(
        default_factory=list, description="Editions, ordered lowest to highest."
    )
    deployments: list[str] = Field(default_factory=list, description="Deployment models.")
    regions: list[str] = Field(default_factory=list, description="Hosting regions.")
    metrics: dict[str, Metric] = Field(
        default_factory=dict, description="Quantities that requirements can ask about."
    )
    capabilities: list[Capability] = Field(description="What the product does.")
    #: Capabilities by id, the first of each id (built on first use: a check looks
    #: capabilities up by id for every requirement).
    _by_id: dict[str, Capability] | None = PrivateAttr(default=None)

    def capability(self, capability_id: str) -> Capability | None:
        if self._by_id is None:
            by_id: dict[str, Capability] = {}
            for cap in self.capabilities:
                by_id.setdefault(cap.id, cap)
            self._by_id = by_id
        return self._by_id.get(capability_id)

    def edition_rank(self, edition: str) -> int:
        return self.editions.index(edition) if edition in self.editions else -1

    def editions_of(self, cap: Capability) -> list[str]:
        """Editions the capability is in, lowest first."""
        if cap.editions is None:
            return list(self.editions)
        return sorted(cap.editions, key=self.edition_rank)


def json_schema() -> dict[str, object]:
    """The catalogue's JSON Schema, for editors (yaml-language-server) and tools."""
    schema = Catalog.model_json_schema()
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "dealcheck capability catalogue"
    return schema
