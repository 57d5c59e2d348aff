"""The report (docs/report.md) as pydantic models: every output format renders it.

Field order here is the order in the JSON. Fields the contract fixes come
first; the extra ones (section, waiver, candidates, ...) are additive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_ID = "dealcheck.report/1"

Verdict = Literal["unsupported", "unknown", "roadmap", "upgrade", "partial", "supported"]
#: Most severe first.
VERDICTS: tuple[str, ...] = ("unsupported", "unknown", "roadmap", "upgrade", "partial", "supported")
SEVERITY = {v: len(VERDICTS) - i for i, v in enumerate(VERDICTS)}  # higher = more severe


def most_severe(verdicts: list[str]) -> str:
    return max(verdicts, key=lambda v: SEVERITY[v])


#: The reasons for a reviewer only (``--verbose``, ``explain``): a typo the matcher
#: corrected, and the words no matched capability explains. The customer's own
#: spreadsheet (the write-back comment, the matrix's Notes) never gets them.
CORRECTION = "read '{word}' as '{fixed}'"
UNEXPLAINED = "words no matched capability explains: {words}"
#: ... and, for an ``unknown``, the words its closest candidate does not explain.
UNEXPLAINED_BY = "words the closest, {capability}, does not explain: {words}"
#: ... and the framing of a question written as a message ("Hi team,", "Thanks!"), which
#: the matcher leaves out of the ask.
FRAMING = "left out as the framing of a message: {parts}"
_FOR_REVIEWERS = re.compile(
    r"read '[^']*' as '[^']*'|words no matched capability explains: .*"
    r"|words the closest, [^,]*, does not explain: .*"
    r"|left out as the framing of a message: .*",
    re.S,
)


def for_reviewers(reason: str) -> bool:
    """Whether a reason is for a reviewer only (:data:`CORRECTION`, :data:`UNEXPLAINED`,
    :data:`UNEXPLAINED_BY`, :data:`FRAMING`)."""
    return _FOR_REVIEWERS.fullmatch(reason) is not None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CatalogInfo(_Model):
    product: str
    version: str | None = None


class DealInfo(_Model):
    edition: str | None = None
    deployment: str | None = None
    region: str | None = None
    go_live: str | None = None
    add_ons: list[str] = Field(default_factory=list)
    deal: str | None = None
    customer: str | None = None
    value: int | float | None = None  # integral amounts stay integers in the JSON
    currency: str | None = None


class Summary(_Model):
    total: int
    verdicts: dict[str, int]
    at_risk: int
    coverage: float
    gate: Literal["pass", "fail"]
    minimum_edition: str | None = None
    add_ons: list[str] = Field(default_factory=list)
    at_risk_by_priority: dict[str, int] = Field(default_factory=dict)
    gate_reasons: list[str] = Field(default_factory=list)
    waived: int = 0
    answers: dict[str, int] = Field(default_factory=dict)


class CapabilityResult(_Model):
    id: str
    verdict: Verdict
    score: float
    reasons: list[str] = Field(default_factory=list)
    name: str | None = None
    status: str | None = None
    minimum_edition: str | None = None
    add_on: str | None = None
    caveats: list[str] = Field(default_factory=list)
    eta: str | None = None
    docs: str | None = None
    #: The editions in which it meets the ask, the deployments it is offered in, and the
    #: deployments the requirement states for the product (not in the JSON: the engine
    #: reads them to choose the edition and deployment a deal that quotes none needs).
    _editions: tuple[str, ...] = PrivateAttr(default=())
    _deployments: tuple[str, ...] = PrivateAttr(default=())
    _stated_deployments: frozenset[str] = PrivateAttr(default=frozenset())
    #: deployments the requirement names at all, and whether the capability is named for
    #: one ("On-premises installation")
    _named_deployments: frozenset[str] = PrivateAttr(default=frozenset())
    _place_specific: bool = PrivateAttr(default=False)
    #: the regions it is offered in; for a capability about where data is kept ("EU data
    #: residency"), the regions the requirement asks the deal's data to be kept in
    _regions: tuple[str, ...] = PrivateAttr(default=())
    _residency: frozenset[str] | None = PrivateAttr(default=None)


class Candidate(_Model):
    id: str
    score: float
    signals: list[str] = Field(default_factory=list)


class Suggestion(_Model):
    """For an ``unknown``: the closest capability and the verdict it would give, so a
    reviewer confirms or rejects it in seconds. Never counted as an answer."""

    capabilities: list[str]
    verdict: Verdict
    confidence: float


class Waiver(_Model):
    approved_by: str
    reason: str
    expires: str
    pattern: str | None = None


class Needs(_Model):
    """What the deal must add to get the answer: a higher edition than the one quoted (or,
    with none quoted, an edition above the lowest), and add-ons not in the quote."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # shared between requirements

    edition: str | None = None
    add_ons: list[str] = Field(default_factory=list)


class AnswerInfo(_Model):
    """Where a requirement's answer came from (docs/answers.md).

    ``source`` is ``reviewed`` (a person's answer: the answer library or a deal
    file's pin), ``matched`` (the matcher) or ``unknown`` (no answer: a person must
    give one). The other fields describe a library answer.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)  # shared between requirements

    source: Literal["reviewed", "matched", "unknown"]
    origin: Literal["library", "deal file"] | None = None
    reviewed_by: str | None = None
    reviewed: str | None = None
    similarity: float | None = None  # 1.0: the same text; below: a near phrasing
    phrasing: str | None = None  # the library text that was found
    library: str | None = None  # FILE:LINE of the library answer
    catalog_version: str | None = None
    response: str | None = None


class RequirementResult(_Model):
    id: str
    text: str
    priority: Literal["must", "should", "may"]
    source: dict[str, Any]
    verdict: Verdict
    at_risk: bool
    confidence: float
    capabilities: list[CapabilityResult] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    section: str | None = None
    fails_gate: bool = False
    waiver: Waiver | None = None
    quantities: list[dict[str, Any]] = Field(default_factory=list)
    candidates: list[Candidate] = Field(default_factory=list)
    needs: Needs = Field(default_factory=Needs)
    answer: AnswerInfo | None = None
    suggestion: Suggestion | None = None
    #: The deployments and regions the requirement states for the deal ("must be
    #: installed on-premises", "data must be stored in the UK"), whatever its verdict
    #: (not in the JSON: the engine reads them to choose one place for the deal).
    _stated_deployments: frozenset[str] = PrivateAttr(default=frozenset())
    _stated_regions: frozenset[str] = PrivateAttr(default=frozenset())


class Report(_Model):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    catalog: CatalogInfo
    deal: DealInfo
    summary: Summary
    requirements: list[RequirementResult]
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        """The JSON report: stable key order, byte-identical for identical input."""
        return "".join(self.iter_json())

    def iter_json(self) -> Iterator[str]:
        """:meth:`to_json` in pieces, one requirement at a time.

        Dumping the whole report to one dict first held a second copy of every result
        (most of the memory of a 67,000-requirement check); encoding each requirement on
        its own, indented as it sits in the document, gives the same bytes. Each
        requirement is encoded by pydantic's own serialiser, about seven times faster
        than ``json.dumps(..., indent=2, ensure_ascii=False)`` (the standard library's C
        encoder is not used when it indents) and the same bytes but for the spelling of
        tiny or huge floats' exponents ("1e-7" where json.dumps writes "1e-07"); a test
        holds it to that on realistic and hostile text."""
        import json

        def encode(value: Any) -> str:
            return json.dumps(value, indent=2, ensure_ascii=False)

        head = self.model_dump(by_alias=True, mode="json", exclude={"requirements"})
        keys = list(head)
        split = keys.index("warnings") if "warnings" in keys else len(keys)
        before = {k: head[k] for k in keys[:split]}
        after = {k: head[k] for k in keys[split:]}
        yield encode(before)[:-2] + ',\n  "requirements": '
        if not self.requirements:
            yield "[]"
        else:
            for i, r in enumerate(self.requirements):
                item = r.model_dump_json(indent=2).replace("\n", "\n    ")
                yield ("[\n    " if i == 0 else ",\n    ") + item
            yield "\n  ]"
        if after:
            yield ",\n" + encode(after)[2:] + "\n"
        else:
            yield "\n}\n"
