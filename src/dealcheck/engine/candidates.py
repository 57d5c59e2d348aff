"""The values the matching pipeline passes along: candidates, reasons, the match result.

A *signal* proposes :class:`Candidate` capabilities with a score; a *rule*
attaches a :class:`Reason` to a candidate (or to the whole requirement) when the
requirement's own words say the catalogue cannot confirm it; the *decision*
turns the evidence into the matched capabilities and a confidence. A rejected
candidate carries its reasons, never a lowered score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealcheck.requirements import Quantity

#: Below this confidence a match is not trusted: the verdict is ``unknown``. The
#: scores signals give are on the same scale (a phrase found as written scores
#: 0.94-0.99; see the precision/coverage curve in docs/BENCHMARKS.md for how the
#: threshold trades answers against precision).
THRESHOLD = 0.6


@dataclass(frozen=True)
class Reason:
    """Why the catalogue cannot confirm a candidate, or the whole requirement."""

    rule: str  # the id of the rule that found it ("qualifier-after", "version", ...)
    message: str  # plain words for a reviewer
    capability: str | None = None  # the capability id it concerns; None: the whole requirement
    #: Set when the catalogue itself says the capability does not do what is asked (a
    #: caveat that takes it back, a finite limit against an ask for none): the plain
    #: statement a report gives for an ``unsupported`` answer. None: only a doubt.
    rules_out: str | None = None
    #: Set when the catalogue ties what is asked to editions or an add-on (a caveat such
    #: as "Enforcing MFA for all users requires the Team edition or higher"): no doubt for
    #: a person but a condition of the deal, evaluated as the capability's own editions
    #: and add-on are (the editions that have what is asked; the add-on it needs).
    editions: tuple[str, ...] | None = None
    add_on: str | None = None
    #: The capability the reason points to instead, where it names one (``claimed``: the
    #: close rival the words left out are about).
    rival: str | None = None

    @property
    def doubt(self) -> bool:
        """Whether it sends the requirement to a person (every reason but a condition)."""
        return self.editions is None and self.add_on is None


@dataclass
class Candidate:
    doc: int
    cap_id: str
    score: float
    signals: list[str] = field(default_factory=list)
    accepted: bool = False
    rejections: list[Reason] = field(default_factory=list)
    #: the lexical and the semantic rankings both put it first: its meaning, not only
    #: its words, explains the requirement
    agreed: bool = False
    #: the semantic similarity of that agreement (0.0 where there is none)
    agreed_similarity: float = 0.0


@dataclass
class MatchResult:
    matches: list[Candidate]  # the asks: accepted capabilities, in catalogue order
    candidates: list[Candidate]  # everything considered, best first (for --verbose)
    confidence: float
    notes: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)
    negative: bool = False
    metric_links: dict[int, str] = field(default_factory=dict)  # quantity index -> metric
    pinned: bool = False  # the capabilities come from a reviewed mapping, not from matching
    reasons: list[Reason] = field(default_factory=list)  # every rule that fired
    #: Amounts the quantity reader found no unit for, each read as a count on the one
    #: metric the one answer limits (rules/unread_number.counted_by_elimination), with it.
    counted: list[tuple[Quantity, str]] = field(default_factory=list)
