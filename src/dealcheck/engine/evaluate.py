"""Verdicts (docs/report.md, "Verdicts"): one matched capability against one deal.

Pure functions: a capability, the quantities the requirement asks for and
the deal context in; a verdict with reasons a person understands out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dealcheck.catalog.model import Capability, Catalog
from dealcheck.engine.ceilings import against_ceilings, ceilings, own_words
from dealcheck.engine.text import CLAUSES, KEEPS_TO_ONLY, LEXICON
from dealcheck.quantities import PERIOD_DAYS, periods_named
from dealcheck.report import SEVERITY, most_severe
from dealcheck.requirements import DealContext, Quantity
from dealcheck.units import parse_unit


@dataclass
class CapabilityVerdict:
    verdict: str
    reasons: list[str] = field(default_factory=list)
    minimum_edition: str | None = None
    add_on: str | None = None
    #: The editions in which the capability meets the ask (offered there, every limit
    #: met), lowest first; empty when the catalogue sells no editions.
    editions: tuple[str, ...] = ()
    #: The deployments it is offered in.
    deployments: tuple[str, ...] = ()
    #: The regions it is offered in.
    regions: tuple[str, ...] = ()


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _with_unit(value: float, unit: str) -> str:
    if unit == "%":
        return f"{_fmt(value)}%"
    plural = (
        unit
        if value == 1 or unit[-1:] in ("s", "%") or unit.isupper() or "/" in unit
        else _plural(unit)
    )
    if "/" in unit:
        what, per = unit.split("/", 1)
        plural = f"{_plural(what)}/{per}" if value != 1 else unit
    return f"{_fmt(value)} {plural}"


def _plural(noun: str) -> str:
    """ "seat" -> "seats", "query" -> "queries" ("day" -> "days")."""
    if noun[-1:] == "y" and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + "s"


def _metric_period(name: str, aliases: list[str]) -> str | None:
    """The one period a count metric's limit is for, from its name and aliases ("envelopes
    per month", "monthly active users"); None when they state none or more than one."""
    found = set().union(*(periods_named(text) for text in (name.replace("_", " "), *aliases)))
    return next(iter(found)) if len(found) == 1 else None


def _listing(names: list[str]) -> str:
    return ", ".join(names) if names else "none"


def _meets(offered: float, asked: float, better: str, strict: bool = False) -> bool:
    """Whether a limit meets what is asked; ``strict``: the ask excludes its own number
    ("more than 90 days" is not met by exactly 90)."""
    # A tiny tolerance absorbs unit-conversion rounding (60 minutes vs 1 hour).
    eps = 1e-9 * max(abs(offered), abs(asked), 1.0)
    if strict:
        return offered > asked + eps if better == "higher" else offered < asked - eps
    return offered >= asked - eps if better == "higher" else offered <= asked + eps


def _on_the_bound(offered: float, asked: float, strict: bool) -> bool:
    """A strict ask ("more than 90 days") against a limit of exactly that number: whether
    the customer meant the number itself is a person's call, neither a yes nor a no."""
    return strict and abs(offered - asked) <= 1e-9 * max(abs(offered), abs(asked), 1.0)


#: Places a text names: (regions, deployments), in the catalogue's own names.
PlacesNamed = Callable[[str], tuple[set[str], set[str]]]

#: How a caveat clause takes places back from the capability ("Not available in the EU
#: region", "Available in every region except APAC"): what is named after it is taken
#: back. A guarantee ("never leaves the EU region") takes nothing back.
_NOT_OFFERED = re.compile(
    r"\bnot\s+(?:be\s+)?(?:available|offered|supported|sold|provided)\b|\bunavailable\b"
    r"|\bexcept\b|\bexcluding\b",
    re.I,
)
#: Words that say nothing of what a place clause speaks of (lexicon.yaml:
#: caveat_boilerplate, prepositions, determiners, place_clause_words).
_SAYS_NOTHING = (
    LEXICON.caveat_boilerplate
    | LEXICON.prepositions
    | LEXICON.determiners
    | LEXICON.place_clause_words
)


@dataclass(frozen=True)
class _PlaceClause:
    """A caveat clause about where the whole capability is offered."""

    caveat: str
    regions: frozenset[str]
    deployments: frozenset[str]
    only: bool  # keeps it to these places; else takes them back

    def rules_out(self, region: str | None, deployment: str | None) -> bool:
        """Whether the clause rules out a deal in ``region`` on ``deployment``. A clause
        naming both dimensions speaks of the two together ("Not available on self-managed
        deployments in APAC")."""
        named = [(p, d) for p, d in ((region, self.regions), (deployment, self.deployments)) if d]
        if not named or any(place is None for place, _ in named):
            return False
        if self.only:
            return any(place not in places for place, places in named)
        return all(place in places for place, places in named)


def place_clauses(
    cap: Capability, places: PlacesNamed
) -> list[tuple[_PlaceClause, tuple[str, ...]]]:
    """Each caveat clause of ``cap`` that speaks of nothing but places and takes them
    back from the capability ("Not available in the EU region") or keeps it to some ("US
    and EU regions only"), with the capability's own lists it says less than
    (``"regions"``, ``"deployments"``): then it speaks of a part, the evaluation does not
    read it, and ``dealcheck lint`` warns."""
    found = []
    for caveat in cap.caveats:
        for clause in CLAUSES.split(caveat):
            only = KEEPS_TO_ONLY.search(clause) is not None
            taken = _NOT_OFFERED.search(clause)
            if only == (taken is not None):
                continue  # neither, or both ("not only"): a person reads it
            start = taken.start() if taken is not None else 0
            regions, deployments = places(clause[start:])
            if not regions and not deployments:
                continue
            if not _only_places(clause, places):
                continue  # a part of the capability, not where it is offered
            contradicts = tuple(
                field
                for field, offered, named in (
                    ("regions", cap.regions, regions),
                    ("deployments", cap.deployments, deployments),
                )
                if _contradicts(offered, named, only)
            )
            clause_read = _PlaceClause(caveat, frozenset(regions), frozenset(deployments), only)
            found.append((clause_read, contradicts))
    return found


def _only_places(clause: str, places: PlacesNamed) -> bool:
    """Whether a clause speaks of nothing but places ("Not available in the EU region",
    "On-premises only"): each word, as written, names a place on its own or with a
    neighbour that names none on its own ("on premises"), or says nothing."""
    said = [w for w in re.findall(r"[^\W_][\w-]*", clause) if w.lower() not in _SAYS_NOTHING]
    for i, word in enumerate(said):
        # ("US" alone may be the pronoun; "US region" is the place.)
        if any(places(word)) or any(places(f"{word} region")):
            continue
        pairs = [
            (said[j], f"{said[j]} {word}" if j < i else f"{word} {said[j]}")
            for j in (i - 1, i + 1)
            if 0 <= j < len(said)
        ]
        if not any(any(places(pair)) and not any(places(other)) for other, pair in pairs):
            return False
    return True


def _contradicts(offered: list[str] | None, named: set[str], only: bool) -> bool:
    """Whether a place clause says less of the whole capability than its own ``regions``
    or ``deployments`` list: "UK and Australia only" beside regions [us, uk, au], or "not
    available in the EU region" beside [us, eu]. The list is the capability's; such a
    clause speaks of a part of it ("toll-free numbers ...")."""
    if offered is None or not named:
        return False
    return named < set(offered) if only else bool(named & set(offered))


class Evaluator:
    def __init__(self, catalog: Catalog, places: PlacesNamed | None = None) -> None:
        self.catalog = catalog
        self._all_editions = list(catalog.editions)
        #: how a caveat's places are read; without it, caveats are not read for places
        self._places = places
        self._caveat_places_memo: dict[str, list[_PlaceClause]] = {}

    def _caveat_places(self, cap: Capability) -> list[_PlaceClause]:
        """Each caveat clause that takes places back from the whole capability ("Not
        available in the EU region", "Not available on self-managed") or keeps it to some
        ("US and EU regions only", "SaaS only"), per capability. A clause about a part of
        the capability ("Toll-free numbers in the US and UK only", "Transcription is not
        available for EU-hosted accounts") is the caveat rule's to read against an ask
        that names the part."""
        found = self._caveat_places_memo.get(cap.id)
        if found is not None:
            return found
        found = []
        if self._places is not None:
            # A clause that says less than the capability's own places list speaks of a
            # part of it.
            found = [c for c, contradicts in place_clauses(cap, self._places) if not contradicts]
        self._caveat_places_memo[cap.id] = found
        return found

    def _place_caveats(
        self, cap: Capability, regions: set[str], deployments: set[str]
    ) -> list[str]:
        """The caveats that rule out the deal's places, or the places the requirement
        names ("Not available in the EU region" on a deal hosted in the EU): each makes the
        capability ``unsupported``, as its ``regions`` or ``deployments`` would."""
        out = []
        none: list[str | None] = [None]
        for clause in self._caveat_places(cap):
            for region in [*sorted(regions)] or none:
                for deployment in [*sorted(deployments)] or none:
                    if clause.rules_out(region, deployment):
                        where = " on ".join(p for p in (region, deployment) if p)
                        out.append(f"not offered in {where}: {clause.caveat}")
        return sorted(set(out), key=out.index)

    def rank(self, edition: str | None) -> int:
        return self.catalog.edition_rank(edition) if edition else -1

    def _higher(self, a: str | None, b: str | None) -> str | None:
        if a is None:
            return b
        if b is None:
            return a
        return a if self.rank(a) >= self.rank(b) else b

    def evaluate(
        self,
        cap: Capability,
        ctx: DealContext,
        quantities: list[Quantity],
        links: dict[int, str],
        named_regions: set[str] | None = None,
        named_deployments: set[str] | None = None,
        elsewhere: set[str] | None = None,
        covered: dict[str, set[str]] | None = None,
        alternatives: bool = False,
        ask: str = "",
    ) -> CapabilityVerdict:
        """``elsewhere``: metrics another capability matched by the same requirement limits;
        a quantity on one of those is that capability's to answer, not this one's.

        Places the requirement names itself ("hosted in the EU and the US") must all be
        offered, by this capability or by another place-specific one it matched
        (``covered``: dimension -> places those offer), unless the text names them as
        ``alternatives`` ("EU or UK"), when one is enough. ``ask``: the requirement's text,
        which a caveat's ceiling on a size or a duration is read against."""
        verdicts: list[str] = []
        reasons: list[str] = []
        minimum: str | None = None
        catalog = self.catalog

        # Status.
        if cap.status == "not-planned":
            return CapabilityVerdict("unsupported", [f"{cap.name}: not planned"])
        if cap.status == "roadmap":
            verdicts.append("roadmap")
            if cap.eta:
                reasons.append(f"on the roadmap, ETA {cap.eta}")
            else:
                reasons.append("on the roadmap with no ETA")
        elif cap.status in ("beta", "deprecated"):
            verdicts.append("partial")
            reasons.append("in beta" if cap.status == "beta" else "deprecated")
        else:
            verdicts.append("supported")

        # Deployment and region: not offered there -> unsupported.
        for dimension, offered, wanted, every in (
            ("deployment", cap.deployments, ctx.deployment, catalog.deployments),
            ("region", cap.regions, ctx.region, catalog.regions),
        ):
            if offered is None:
                continue
            if not offered:
                verdicts.append("unsupported")
                reasons.append(f"in no {dimension}")
                continue
            named = (named_regions if dimension == "region" else named_deployments) or set()
            if named:
                # The requirement names the place itself ("hosted in the EU"): it must be
                # offered there too, whatever region or deployment the deal quotes.
                missing = sorted(n for n in named if n not in offered)
                elsewhere_offered = (covered or {}).get(dimension, set())
                if missing and (
                    len(missing) == len(named)
                    or (not alternatives and any(n not in elsewhere_offered for n in missing))
                ):
                    verdicts.append("unsupported")
                    reasons.append(
                        f"asks for {dimension} {', '.join(missing)};"
                        f" offered in: {_listing(offered)}"
                    )
                    continue
            if wanted:
                if wanted not in offered:
                    verdicts.append("unsupported")
                    reasons.append(
                        f"not offered in {dimension} {wanted} (offered in: {_listing(offered)})"
                    )
                else:
                    reasons.append(f"offered in {dimension} {wanted}")
            elif set(offered) != set(every):
                reasons.append(f"{dimension}s: only {_listing(offered)}")

        # A caveat on places: the requirement's own places, else the deal's.
        if cap.caveats and self._places is not None:
            in_regions = set(named_regions or ()) or ({ctx.region} if ctx.region else set())
            on_deployments = set(named_deployments or ()) or (
                {ctx.deployment} if ctx.deployment else set()
            )
            for reason in self._place_caveats(cap, in_regions, on_deployments):
                verdicts.append("unsupported")
                reasons.append(reason)

        # Edition.
        editions = catalog.editions_of(cap)
        if cap.editions is not None and not cap.editions:
            verdicts.append("unsupported")
            reasons.append("in no edition")
        elif ctx.edition:
            if ctx.edition in editions:
                minimum = editions[0]
            else:
                higher = [e for e in editions if self.rank(e) > self.rank(ctx.edition)]
                if higher:
                    verdicts.append("upgrade")
                    minimum = higher[0]
                    reasons.append(f"needs the {higher[0]} edition (quoted: {ctx.edition})")
                else:
                    verdicts.append("unsupported")
                    reasons.append(
                        f"not in the {ctx.edition} edition or higher (in: {_listing(editions)})"
                    )
        elif editions:
            minimum = editions[0]
            if cap.editions is not None and set(cap.editions) != set(self._all_editions):
                upward = editions == self._all_editions[self._all_editions.index(editions[0]) :]
                if upward:
                    reasons.append(f"{editions[0]} edition and up")
                else:
                    reasons.append(f"only in: {_listing(editions)}")

        # Add-on.
        if cap.add_on:
            quoted = {a.casefold() for a in ctx.add_ons}
            if cap.add_on.casefold() in quoted:
                reasons.append(f"with the {cap.add_on} add-on (in the quote)")
            else:
                verdicts.append("upgrade")
                reasons.append(f"needs the {cap.add_on} add-on")

        # Limits on metrics.
        for qi, q in enumerate(quantities):
            metric_name = links.get(qi)
            if (
                metric_name is not None
                and metric_name not in cap.limits
                and metric_name in (elsewhere or set())
            ):
                continue
            if metric_name is None and _bound_by_a_caveat(cap, q):
                continue  # "more than 20 members require Business": the caveat rule compares
            if metric_name is None and cap.caveats:
                # "Location history is kept for at most 30 days" of "kept for ninety days"
                # (engine/ceilings.py).
                read = against_ceilings(
                    ask,
                    q,
                    quantities,
                    ceilings(tuple(cap.caveats)),
                    own_words(cap.name, tuple(cap.aliases)),
                )
                if read is not None:
                    past, clause = read
                    if past:
                        verdicts.append("unsupported")
                        reasons.append(f"asks for {q.text!r}, past what a caveat allows: {clause}")
                    continue
            if metric_name is None:
                verdicts.append("unknown")
                reasons.append(
                    f"asks for {q.text!r}, which no catalogue limit of {cap.name} covers:"
                    " a product manager must confirm"
                )
                continue
            verdict, reason, needed = self._check_limit(cap, metric_name, q, ctx)
            verdicts.append(verdict)
            reasons.append(reason)
            if needed and verdict not in ("unsupported", "unknown"):
                minimum = self._higher(minimum, needed)

        if cap.caveats:
            reasons.extend(f"caveat: {c}" for c in cap.caveats)
        held = tuple(e for e in editions if minimum is None or self.rank(e) >= self.rank(minimum))
        offered_in = catalog.deployments if cap.deployments is None else cap.deployments
        deployments = tuple(d for d in catalog.deployments if d in offered_in)
        hosted_in = catalog.regions if cap.regions is None else cap.regions
        regions = tuple(r for r in catalog.regions if r in hosted_in)
        return CapabilityVerdict(
            most_severe(verdicts), reasons, minimum, cap.add_on, held, deployments, regions
        )

    def _check_limit(
        self, cap: Capability, metric_name: str, q: Quantity, ctx: DealContext
    ) -> tuple[str, str, str | None]:
        metric = self.catalog.metrics[metric_name]
        parsed = parse_unit(metric.unit)
        if parsed is None or parsed[0] != q.dimension:
            return (
                "unknown",
                f"{metric_name}: cannot compare {q.text!r} with a limit in {metric.unit}",
                None,
            )
        factor = parsed[1]
        asked = q.value / factor
        asked_text = f"{_with_unit(asked, metric.unit)} asked"
        if q.unit not in (metric.unit, "%") and q.dimension != "count":
            asked_text = f"{q.text} = {_with_unit(asked, metric.unit)} asked"
        if q.dimension == "count" and q.per:
            # "100 envelopes a day" against a limit per month: the same period, or none.
            period = _metric_period(metric_name, metric.aliases)
            if period is None:
                return (
                    "unknown",
                    f"{metric_name}: asks for {q.text} a {q.per}, and the catalogue's limit"
                    " states no period: a product manager must confirm",
                    None,
                )
            if period != q.per:
                asked = asked * PERIOD_DAYS[period] / PERIOD_DAYS[q.per]
                asked_text = (
                    f"{q.text} a {q.per} = about {_with_unit(round(asked), metric.unit)}"
                    f" a {period} asked"
                )
        if q.bound == "max" and metric.better == "higher":
            # "retained for no more than 30 days" caps a metric where more is better: a
            # limit of 365 days says nothing about keeping less. A person must confirm.
            return (
                "unknown",
                f"{metric_name}: asks for at most {q.text!r} where the catalogue states how"
                " much is offered: a product manager must confirm",
                None,
            )
        limit = cap.limits.get(metric_name)
        if limit is None:
            return (
                "unknown",
                f"{metric_name}: {asked_text}; the catalogue states no {metric_name} limit"
                f" for {cap.name}: a product manager must confirm",
                None,
            )
        strict = q.strict and q.bound is not None
        if strict:
            asked_text = f"{'more' if q.bound == 'min' else 'less'} than {asked_text}"

        def on_bound_note(edition: str | None, value: float) -> str:
            who = f"{edition} offers" if edition else "the limit is"
            return (
                f"; {who} exactly {_with_unit(value, metric.unit)}, the number the ask"
                " excludes: a person must confirm"
            )

        if not isinstance(limit, dict):
            offered = f"offers {_with_unit(limit, metric.unit)}"
            if _meets(limit, asked, metric.better, strict):
                return "supported", f"{metric_name}: {offered}, {asked_text}", None
            if _on_the_bound(limit, asked, strict):
                note = on_bound_note(None, limit)
                return "unknown", f"{metric_name}: {asked_text}{note}", None
            return "unsupported", f"{metric_name}: {offered}, {asked_text}", None
        meeting = sorted(
            (e for e, v in limit.items() if _meets(v, asked, metric.better, strict)),
            key=self.rank,
        )
        on_bound = sorted(
            (e for e, v in limit.items() if _on_the_bound(v, asked, strict)), key=self.rank
        )
        if ctx.edition:
            own = limit.get(ctx.edition)
            own_text = (
                f"{ctx.edition} offers {_with_unit(own, metric.unit)}"
                if own is not None
                else f"{ctx.edition} states no limit"
            )
            if ctx.edition in meeting:
                return "supported", f"{metric_name}: {own_text}, {asked_text}", meeting[0]
            higher = [e for e in meeting if self.rank(e) > self.rank(ctx.edition)]
            if higher:
                best = higher[0]
                return (
                    "upgrade",
                    f"{metric_name}: {own_text}, {asked_text}; {best} offers"
                    f" {_with_unit(limit[best], metric.unit)} \u2192 upgrade",
                    best,
                )
            at = [e for e in on_bound if self.rank(e) >= self.rank(ctx.edition)]
            if at:
                note = on_bound_note(at[0], limit[at[0]])
                return "unknown", f"{metric_name}: {own_text}, {asked_text}{note}", None
            return (
                "unsupported",
                f"{metric_name}: {own_text}, {asked_text}; no higher edition offers it",
                None,
            )
        if meeting:
            best = meeting[0]
            return (
                "supported",
                f"{metric_name}: {asked_text}; {best} and up offer"
                f" {_with_unit(limit[best], metric.unit)}",
                best,
            )
        top = max(limit.items(), key=lambda kv: kv[1] if metric.better == "higher" else -kv[1])
        if on_bound:
            note = on_bound_note(on_bound[0], limit[on_bound[0]])
            return "unknown", f"{metric_name}: {asked_text}{note}", None
        return (
            "unsupported",
            f"{metric_name}: {asked_text}; at best {top[0]} offers"
            f" {_with_unit(top[1], metric.unit)}",
            None,
        )


def roadmap_at_risk(
    eta: dt.date | None, go_live: dt.date | None, deadline: dt.date | None
) -> tuple[bool, str]:
    """docs/report.md: a roadmap verdict is at risk with no eta, no go_live, or an eta
    after go_live."""
    if eta is None:
        return True, "no ETA: cannot be promised"
    if go_live is None:
        return True, "no go-live date given: cannot tell if the ETA is in time"
    if eta > go_live:
        return True, f"ETA {eta.isoformat()} is after go-live {go_live.isoformat()}"
    if deadline is not None and eta > deadline:
        return True, f"ETA {eta.isoformat()} is after the requirement's date {deadline.isoformat()}"
    # At risk only after go-live: an ETA on the day is in time, and says so ("before"
    # read wrong for the same date).
    when = "on the go-live date" if eta == go_live else "before go-live"
    return False, f"ETA {eta.isoformat()} is {when} {go_live.isoformat()}"


__all__ = ["SEVERITY", "CapabilityVerdict", "Evaluator", "roadmap_at_risk"]


def _bound_by_a_caveat(cap: Capability, q: Quantity) -> bool:
    """Whether one of the capability's caveats bounds what a count of the ask counts with
    a number of its own ("Projects with more than 200 tasks or 20 members require the
    business edition" of "60 members"): the caveat rule compares the two, so the count is
    no amount that no limit covers."""
    if q.dimension != "count" or not cap.caveats:
        return False
    from dealcheck.engine.rules.caveat import clause_thresholds
    from dealcheck.engine.text import stem

    noun = stem(q.unit)
    return any(noun in run for c in cap.caveats for _, _, run, _, _ in clause_thresholds(c))
