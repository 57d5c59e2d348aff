"""The check: match every requirement, evaluate it against the deal, build the report.

Data flows one way: requirements + catalogue + context in, a
:class:`~dealcheck.report.Report` out. Nothing here prints or reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from dealcheck.catalog.model import Catalog
from dealcheck.engine.evaluate import Evaluator, roadmap_at_risk
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.match import ALL_SIGNALS, THRESHOLD, Matcher, MatchResult
from dealcheck.report import (
    VERDICTS,
    Candidate,
    CapabilityResult,
    CatalogInfo,
    DealInfo,
    Needs,
    Report,
    RequirementResult,
    Summary,
    Waiver,
    most_severe,
)
from dealcheck.requirements import PRIORITIES, DealContext, Requirement

#: "EU or UK", "either region": the places named are alternatives, one is enough.
_ALTERNATIVES = re.compile(r"\b(?:or|either|any\s+of|one\s+of)\b", re.I)

AT_RISK_VERDICTS = frozenset({"unsupported", "unknown"})


class WaiverRule(Protocol):
    approved_by: str
    reason: str
    expires: dt.date
    pattern: str | None

    def applies(self, requirement: Requirement) -> bool: ...


#: ``--fail-on default``: the default rule, combinable with verdicts (``default,partial``).
DEFAULT_RULE = "default"


@dataclass
class GateOptions:
    #: verdicts that fail the gate, and/or :data:`DEFAULT_RULE`; None means the default rule
    fail_on: frozenset[str] | None = None
    fail_priority: str = "must"
    min_coverage: float | None = None  # percent


def beyond_quote(result: RequirementResult, quoted_edition: str | None) -> bool:
    """An ``upgrade`` when the deal quotes an edition: the quote cannot keep the promise.

    Without a quoted edition an upgrade only says what to quote (the summary's minimum
    edition and add-ons); once an edition is quoted, a higher edition or an add-on
    outside the quote is a promise this contract does not pay for."""
    return quoted_edition is not None and result.verdict == "upgrade"


class Engine:
    """A catalogue indexed once, ready to check any number of requirements."""

    def __init__(self, catalog: Catalog, signals: frozenset[str] = ALL_SIGNALS) -> None:
        self.catalog = catalog
        self.index = CatalogIndex(catalog)
        self.matcher = Matcher(self.index, signals)
        self.evaluator = Evaluator(catalog)

    def assess(
        self, req: Requirement, ctx: DealContext, verbose: bool = False
    ) -> tuple[RequirementResult, str | None, list[str]]:
        """One requirement: its result, the minimum edition and the add-ons it needs."""
        result = self.matcher.match(req.text, req.quantities, req.capability)
        return self._result(req, ctx, result, verbose)

    def _result(
        self, req: Requirement, ctx: DealContext, m: MatchResult, verbose: bool
    ) -> tuple[RequirementResult, str | None, list[str]]:
        catalog = self.catalog
        reasons: list[str] = []
        caps: list[CapabilityResult] = []
        minimum: str | None = None
        add_ons: list[str] = []
        pinned_missing = req.capability and catalog.capability(req.capability) is None

        if pinned_missing:
            verdict = "unknown"
            reasons.append(f"pinned capability '{req.capability}' is not in the catalogue")
        elif m.negative:
            verdict = "unknown"
            reasons.extend(m.notes)
        elif not m.matches:
            verdict = "unknown"
            best = m.candidates[0] if m.candidates else None
            reasons.append(
                "no capability matches with enough confidence: a product manager must answer"
            )
            if best is not None and best.score >= 0.3:
                reasons.append(
                    f"closest: {best.cap_id} (score {best.score:.2f};"
                    f" confidence {m.confidence:.2f} is below {THRESHOLD})"
                )
            reasons.extend(n for n in m.notes if not n.startswith("read '"))
        else:
            verdicts = []
            named_regions, named_deployments = self.index.places_named(req.text)
            limited = {metric for cand in m.matches for metric in self.index.docs[cand.doc].metrics}
            covered: dict[str, set[str]] = {"region": set(), "deployment": set()}
            for cand in m.matches:
                matched = self.index.docs[cand.doc].cap
                covered["region"].update(matched.regions or ())
                covered["deployment"].update(matched.deployments or ())
            alternatives = _ALTERNATIVES.search(req.text) is not None
            for cand in m.matches:
                cap = self.index.docs[cand.doc].cap
                cv = self.evaluator.evaluate(
                    cap,
                    ctx,
                    req.quantities,
                    m.metric_links,
                    named_regions,
                    named_deployments,
                    limited,
                    covered,
                    alternatives,
                )
                verdicts.append(cv.verdict)
                caps.append(
                    CapabilityResult(
                        id=cap.id,
                        verdict=cv.verdict,  # type: ignore[arg-type]
                        score=cand.score,
                        reasons=cv.reasons,
                        name=cap.name,
                        status=cap.status,
                        minimum_edition=cv.minimum_edition,
                        add_on=cap.add_on,
                        caveats=list(cap.caveats),
                        eta=cap.eta,
                        docs=cap.docs,
                    )
                )
                if cv.verdict not in AT_RISK_VERDICTS:
                    minimum = self.evaluator._higher(minimum, cv.minimum_edition)
                    if cv.add_on:
                        add_ons.append(cv.add_on)
            verdict = most_severe(verdicts)
            reasons.append("matched " + ", ".join(c.id for c in caps))
            reasons.extend(m.notes)
            if verdict == "unknown":
                # CONTRACT: capabilities is empty when the verdict is unknown.
                for c in caps:
                    reasons.extend(f"{c.id}: {r}" for r in c.reasons if "confirm" in r)
                caps = []
                minimum, add_ons = None, []

        at_risk = verdict in AT_RISK_VERDICTS
        if verdict == "roadmap":
            for c in caps:
                if c.verdict != "roadmap":
                    continue
                roadmap_cap = catalog.capability(c.id)
                eta = roadmap_cap.eta_date if roadmap_cap else None
                risky, why = roadmap_at_risk(eta, ctx.go_live, req.deadline)
                reasons.append(f"{c.id}: {why}")
                at_risk = at_risk or risky

        candidates = []
        if verbose:
            candidates = [
                Candidate(id=c.cap_id, score=c.score, signals=c.signals) for c in m.candidates[:5]
            ]
        result = RequirementResult(
            id=req.id,
            text=req.text,
            priority=req.priority,  # type: ignore[arg-type]
            source=req.source.as_dict(),
            verdict=verdict,  # type: ignore[arg-type]
            at_risk=at_risk,
            confidence=m.confidence if not pinned_missing else 0.0,
            capabilities=caps,
            reasons=reasons,
            section=req.section,
            quantities=[q.as_dict() for q in req.quantities],
            candidates=candidates,
        )
        return result, minimum, sorted(set(add_ons))

    def check(
        self,
        requirements: Sequence[Requirement],
        ctx: DealContext,
        gate: GateOptions | None = None,
        waivers: Sequence[WaiverRule] = (),
        today: dt.date | None = None,
        verbose: bool = False,
        progress: Callable[[int], Any] | None = None,
    ) -> Report:
        gate = gate or GateOptions()
        today = today or dt.date.today()
        results: list[RequirementResult] = []
        minimum: str | None = None
        add_ons: set[str] = set()
        warnings: list[str] = []
        used: set[int] = set()
        for n, req in enumerate(requirements, start=1):
            res, req_min, req_add_ons = self.assess(req, ctx, verbose)
            minimum = self.evaluator._higher(minimum, req_min)
            add_ons.update(req_add_ons)
            res.needs = self._needs(req_min, req_add_ons, ctx)
            for wi, waiver in enumerate(waivers):
                if waiver.applies(req):
                    used.add(wi)
                    if waiver.expires < today:
                        warnings.append(
                            f"waiver for {req.id} by {waiver.approved_by} expired on"
                            f" {waiver.expires.isoformat()}: it no longer applies"
                        )
                        continue
                    res.waiver = Waiver(
                        approved_by=waiver.approved_by,
                        reason=waiver.reason,
                        expires=waiver.expires.isoformat(),
                        pattern=waiver.pattern,
                    )
                    break
            results.append(res)
            if progress is not None:
                progress(n)
        for wi, waiver in enumerate(waivers):
            if wi not in used:
                where = getattr(waiver, "file", None)
                line = getattr(waiver, "line", None)
                at = f"{where}:{line}: " if where and line else (f"{where}: " if where else "")
                warnings.append(
                    f'{at}waiver for "{waiver.pattern}" by {waiver.approved_by}'
                    " matches no requirement"
                )
        summary = self._summary(results, gate, minimum, add_ons, ctx.edition)
        return Report(
            catalog=CatalogInfo(product=self.catalog.product, version=self.catalog.version),
            deal=DealInfo(
                edition=ctx.edition,
                deployment=ctx.deployment,
                region=ctx.region,
                go_live=ctx.go_live.isoformat() if ctx.go_live else None,
                add_ons=list(ctx.add_ons),
                deal=ctx.deal,
                customer=ctx.customer,
            ),
            summary=summary,
            requirements=results,
            warnings=warnings,
        )

    def _needs(self, minimum: str | None, add_ons: list[str], ctx: DealContext) -> Needs:
        """What the quote lacks for this answer: an edition above the quoted one (with none
        quoted, above the lowest, which every deal has), and add-ons outside the quote."""
        edition = None
        if minimum is not None and self.catalog.edition_rank(minimum) > 0:
            if ctx.edition is None or self.evaluator.rank(minimum) > self.evaluator.rank(
                ctx.edition
            ):
                edition = minimum
        quoted = {a.casefold() for a in ctx.add_ons}
        return Needs(edition=edition, add_ons=[a for a in add_ons if a.casefold() not in quoted])

    def _summary(
        self,
        results: list[RequirementResult],
        gate: GateOptions,
        minimum: str | None,
        add_ons: set[str],
        quoted_edition: str | None = None,
    ) -> Summary:
        counts = {v: 0 for v in VERDICTS}
        for r in results:
            counts[r.verdict] += 1
        total = len(results)
        exact_coverage = counts["supported"] / total if total else 0.0
        coverage = round(exact_coverage, 3)
        gated = set(PRIORITIES[: PRIORITIES.index(gate.fail_priority) + 1])
        default_rule = gate.fail_on is None or DEFAULT_RULE in gate.fail_on
        verdicts = (gate.fail_on or frozenset()) - {DEFAULT_RULE}
        gate_reasons: list[str] = []
        failing = {"at risk": 0, "beyond": 0, "verdict": 0}
        for r in results:
            why = None
            if default_rule and r.at_risk:
                why = "at risk"
            elif default_rule and beyond_quote(r, quoted_edition):
                why = "beyond"
            elif r.verdict in verdicts:
                why = "verdict"
            r.fails_gate = bool(why and r.priority in gated and r.waiver is None)
            if r.fails_gate and why:
                failing[why] += 1
        priorities = "/".join(p for p in PRIORITIES if p in gated)
        for why, count in failing.items():
            if not count:
                continue
            what = {
                "at risk": "at risk",
                "beyond": f"need an upgrade beyond the quote (an edition above"
                f" {quoted_edition}, or an add-on not quoted)",
                "verdict": "verdict in " + ",".join(sorted(verdicts)),
            }[why]
            gate_reasons.append(f"{count} requirement(s) of priority {priorities} {what}")
        if gate.min_coverage is not None and exact_coverage * 100 < gate.min_coverage - 1e-9:
            gate_reasons.append(
                f"coverage {exact_coverage:.1%} is below the minimum {gate.min_coverage:g}%"
            )
        at_risk_by_priority = {p: 0 for p in PRIORITIES}
        for r in results:
            if r.at_risk:
                at_risk_by_priority[r.priority] += 1
        return Summary(
            total=total,
            verdicts=counts,
            at_risk=sum(r.at_risk for r in results),
            coverage=coverage,
            gate="fail" if gate_reasons else "pass",
            minimum_edition=minimum if self.catalog.editions else None,
            add_ons=sorted(add_ons, key=str.lower),
            at_risk_by_priority=at_risk_by_priority,
            gate_reasons=gate_reasons,
            waived=sum(r.waiver is not None for r in results),
        )


__all__ = ["DEFAULT_RULE", "Engine", "GateOptions", "THRESHOLD", "beyond_quote"]
