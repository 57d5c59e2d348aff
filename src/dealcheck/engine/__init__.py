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

from dealcheck.catalog.model import Capability, Catalog
from dealcheck.engine.analyse import Analysis
from dealcheck.engine.candidates import Candidate as Match
from dealcheck.engine.candidates import Reason
from dealcheck.engine.encoders import Encoder
from dealcheck.engine.evaluate import Evaluator, roadmap_at_risk
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.match import ALL_SIGNALS, THRESHOLD, Matcher, MatchResult
from dealcheck.engine.rules import ALL_RULES, NARROWING_RULES
from dealcheck.engine.rules import version as version_rule
from dealcheck.engine.text import LEXICON, POSSESSIVES, kept_clauses, spellings, words
from dealcheck.quantities import end_of_life, extract_quantities, labelled_counts, needed_until
from dealcheck.report import (
    UNEXPLAINED,
    UNEXPLAINED_BY,
    VERDICTS,
    AnswerInfo,
    Candidate,
    CapabilityResult,
    CatalogInfo,
    DealInfo,
    Needs,
    Report,
    RequirementResult,
    Suggestion,
    Summary,
    Waiver,
    most_severe,
)
from dealcheck.requirements import PRIORITIES, DealContext, Quantity, Requirement
from dealcheck.units import parse_unit

AT_RISK_VERDICTS = frozenset({"unsupported", "unknown"})
#: An unknown names its closest candidate (and the verdict it would give) when the
#: candidate scores at least this: below it the candidate is noise, not a lead.
SUGGESTION_FLOOR = 0.3


class WaiverRule(Protocol):
    approved_by: str
    reason: str
    expires: dt.date
    pattern: str | None

    def applies(self, requirement: Requirement) -> bool: ...


#: ``--fail-on default``: the default rule, combinable with verdicts (``default,partial``).
DEFAULT_RULE = "default"


class ReviewedAnswer(Protocol):
    """A person's answer to one requirement, found before matching (the answer library).

    It names capabilities (evaluated for the deal exactly like a match), or says
    ``unsupported`` with a reason; ``note`` is the first reason shown (where it came from).
    """

    capabilities: Sequence[str]
    verdict: str | None
    reason: str | None
    note: str
    info: AnswerInfo


@dataclass
class GateOptions:
    #: verdicts that fail the gate, and/or :data:`DEFAULT_RULE`; None means the default rule
    fail_on: frozenset[str] | None = None
    fail_priority: str = "must"
    min_coverage: float | None = None  # percent


def beyond_quote(
    result: RequirementResult, quoted_edition: str | None, quotes_add_ons: bool = False
) -> bool:
    """An answer that needs more than the deal quotes: the quote cannot keep the promise.

    Without a quoted edition or add-ons an upgrade only says what to quote (the
    summary's minimum edition and add-ons); once an edition is quoted, a higher edition
    or an add-on outside the quote is a promise this contract does not pay for, and once
    add-ons are quoted, so is an add-on that is not among them. Whatever the verdict: a
    roadmap item or a beta feature that also needs a higher edition ("DLP, on the
    roadmap, in Enterprise" on a Business quote) is beyond the quote as much as an
    ``upgrade`` is."""
    needs = result.needs
    if quoted_edition is not None:
        return result.verdict == "upgrade" or bool(needs.edition or needs.add_ons)
    return quotes_add_ons and bool(needs.add_ons)


def _count_nouns(catalog: Catalog) -> frozenset[str]:
    """The nouns a catalogue's count metrics count in: the unit ("brand"), and the last
    word of the metric's name and aliases ("sandboxes", "sandbox environments")."""
    return _metric_nouns(catalog, "count", names=True)


def _count_labels(catalog: Catalog) -> dict[str, str]:
    """The labels a count of each count metric may be written after ("Users: 5,000",
    "Seated capacity is 18,500"): the metric's name, aliases and unit, singular and
    plural, each with the noun the metric counts in (its unit's last word, singular).
    Only a label that names one metric: "users", the unit of both named and guest users,
    is left to a person; "guest users" is read, and linked to the metric it names."""
    from dealcheck.quantities import singular

    labels: dict[str, str] = {}
    metrics_of: dict[str, set[str]] = {}  # label -> the count metrics it names
    for name, metric in catalog.metrics.items():
        parsed = parse_unit(metric.unit)
        if parsed is None or parsed[0] != "count":
            continue
        unit = metric.unit.strip().lower()
        if not unit.split() or not unit.split()[-1].isalpha():
            continue
        noun = singular(unit.split()[-1])
        for phrase in (name.replace("_", " "), *metric.aliases, unit):
            phrase = " ".join(phrase.lower().split())
            if not phrase or not phrase.replace(" ", "").replace("-", "").isalpha():
                continue
            words = phrase.split()
            one = " ".join([*words[:-1], singular(words[-1])])
            for form in (phrase, one, one + "s"):
                labels.setdefault(form, noun)
                metrics_of.setdefault(form, set()).add(name)
    return {label: noun for label, noun in labels.items() if len(metrics_of[label]) == 1}


def _rate_nouns(catalog: Catalog) -> frozenset[str]:
    """The nouns a catalogue's own rates are of: "backup" of a metric whose unit is
    ``backup/day`` or ``backups per day`` (the built-in rates read requests, calls and the
    like already)."""
    return _metric_nouns(catalog, "rate", names=False)


def _metric_nouns(catalog: Catalog, dimension: str, names: bool) -> frozenset[str]:
    """The last word of the unit (and, with ``names``, of the name and aliases) of each
    metric of ``dimension``, singular and in either spelling ("recruiter licences" counts
    "12 recruiter licenses"); what follows "per" or "/" is the period, not the noun ("text
    messages per month" counts messages)."""
    from dealcheck.quantities import singular

    nouns: set[str] = set()
    for name, metric in catalog.metrics.items():
        parsed = parse_unit(metric.unit)
        if parsed is None or parsed[0] != dimension:
            continue
        phrases = [metric.unit]
        if names:
            phrases += [name.replace("_", " "), *metric.aliases]
        for phrase in phrases:
            phrase = re.split(r"\s+per\s+|\s+a\s+(?=\w+$)|/", phrase.strip().lower())[0]
            words = phrase.split()
            if words and words[-1].isalpha() and len(words[-1]) > 2:
                nouns.update(spellings(singular(words[-1])))
    return frozenset(nouns - {"item", "count", "number", "limit", "total"})


def _cannot_have(res: RequirementResult, lacking: list[CapabilityResult], why: str) -> None:
    """Turn an answer the deal cannot have ``unsupported``: the capabilities ``lacking``
    (every one when none is named) carry the reason first, and the answer needs nothing."""
    lacking = lacking or res.capabilities
    res.capabilities = [
        c.model_copy(update={"verdict": "unsupported", "reasons": [why, *c.reasons]})
        if any(c is x for x in lacking)
        else c
        for c in res.capabilities
    ]
    res.verdict = "unsupported"
    res.at_risk = True
    res.reasons = [*res.reasons, why]
    res.needs = Needs()


def _owned(analysis: Analysis, found: set[str]) -> bool:
    """Whether a word of ``found`` stands right after a possessive in the ask ("backups for
    *our Azure* tenant"): the buyer's own estate, not what a caveat takes back."""
    text, spans = analysis.rewritten, analysis.spans
    for tok, _, start, _ in spans:
        if tok in found:
            before = text[max(0, start - 8) : start].lower().split()
            if before and before[-1] in POSSESSIVES:
                return True
    return False


#: What :meth:`Engine.assess` gives: the result, the minimum edition, the add-ons needed.
Assessed = tuple[RequirementResult, "str | None", list[str]]


class Engine:
    """A catalogue indexed once, ready to check any number of requirements."""

    def __init__(
        self,
        catalog: Catalog,
        signals: frozenset[str] = ALL_SIGNALS,
        rules: frozenset[str] = ALL_RULES,
        encoder: Encoder | None = None,
    ) -> None:
        self.catalog = catalog
        self.index = CatalogIndex(catalog)
        self.matcher = Matcher(self.index, signals, rules, encoder)
        #: Nouns the catalogue's metrics count ("brand" for a limit on brands): "8 brands"
        #: in a requirement is then a quantity to compare, whatever the reader knew.
        self.count_nouns = _count_nouns(catalog)
        self.count_labels = _count_labels(catalog)
        self.rate_nouns = _rate_nouns(catalog)
        self._place_specific_memo: dict[int, bool] = {}  # per capability, never per requirement
        self._residency_memo: dict[int, frozenset[str] | None] = {}  # per capability
        #: results of :meth:`assess` by requirement content, for the deal :meth:`check` runs
        self._assess_memo: dict[Any, tuple[RequirementResult, str | None, tuple[str, ...]]] = {}
        self._memo_ctx: DealContext | None = None
        #: results :meth:`_prefetch` computed on other cores, taken by :meth:`assess`: by
        #: the requirement's identity, with its memo key
        self._prefetched: dict[int, tuple[Any, Assessed]] = {}
        self.evaluator = Evaluator(catalog, self.index.places_named)

    def assess(
        self,
        req: Requirement,
        ctx: DealContext,
        verbose: bool = False,
        pins: Sequence[str] | None = None,
    ) -> tuple[RequirementResult, str | None, list[str]]:
        """One requirement: its result, the minimum edition and the add-ons it needs.

        ``pins`` are reviewed capability ids (a deal file's ``capability:``, or another
        reviewed mapping); by default the requirement's own pin. A pinned requirement is
        evaluated exactly like a matched one: status, edition, add-on, deployment,
        region, every quantity and the ETA.
        """
        if pins is None:
            pins = [req.capability] if req.capability else []
        # A requirement's result is a function of its text, the quantities its reader
        # found, its deadline, the pins and the deal: a list that repeats a question
        # (a questionnaire of many lots, a sheet pasted twice) is matched once per
        # distinct question, and every copy shares the unchanging parts of the result.
        key = (req.text, tuple(req.quantities), req.deadline, tuple(pins), verbose)
        memo = self._assess_memo if ctx is self._memo_ctx and ctx is not None else None
        if memo is not None and key in memo:
            template, minimum, add_ons = memo[key]
            fields = dict(template.__dict__)
            fields.update(
                id=req.id,
                priority=req.priority,
                source=req.source.as_dict(),
                section=req.section,
                reasons=list(template.reasons),
            )
            # Every field is set, so the copies can share one fields-set (pydantic only
            # ever adds names to it, all of which it already holds): ~0.5 KB a copy.
            copy = RequirementResult.model_construct(
                _fields_set=_all_fields(RequirementResult), **fields
            )
            copy._stated_deployments = template._stated_deployments
            copy._stated_regions = template._stated_regions
            return copy, minimum, list(add_ons)
        done = self._prefetched.pop(id(req), None) if memo is not None else None
        out = done[1] if done is not None and done[0] == key else None
        if out is None:
            out = self._assess_fresh(req, ctx, verbose, pins)
        if memo is not None:
            template = out[0].model_copy(update={"reasons": list(out[0].reasons)})
            memo[key] = (template, out[1], tuple(out[2]))
        return out

    def _assess_fresh(
        self, req: Requirement, ctx: DealContext, verbose: bool, pins: Sequence[str]
    ) -> tuple[RequirementResult, str | None, list[str]]:
        """One requirement matched and evaluated, no memo consulted."""
        analysis = self.matcher.analyse(req.text, self._quantities(req))
        verdict_of = self._verdict_of(analysis, ctx)  # one memo for matching and the result
        result = self.matcher.match(analysis, pins, verdict_of, ctx.edition)
        return self._result(req, ctx, analysis, result, verbose, pins, verdict_of)

    def _prefetch(
        self,
        requirements: Sequence[Requirement],
        reviewed: Sequence[ReviewedAnswer | None],
        ctx: DealContext,
        verbose: bool,
        jobs: int | None,
        progress: Callable[[int], Any] | None = None,
    ) -> None:
        """Match a long list's distinct questions on several cores before :meth:`check`
        walks it (see :mod:`dealcheck.engine.parallel`): the first copy of each question
        the library does not answer, each exactly as :meth:`assess` would compute it.

        Not with a sentence-transformers model (``--semantic-model``): its library runs
        threads of its own, which a forked copy may find holding a lock forever."""
        from dealcheck.engine import parallel
        from dealcheck.engine.encoders import WordLlamaEncoder

        semantic = "semantic" in self.matcher.signals
        if semantic and not isinstance(self.matcher.encoder, WordLlamaEncoder):
            return

        firsts: dict[Any, Requirement] = {}
        for req, answer in zip(requirements, reviewed):
            if answer is None:
                pins = (req.capability,) if req.capability else ()
                key = (req.text, tuple(req.quantities), req.deadline, pins, verbose)
                firsts.setdefault(key, req)
        if parallel.processes(jobs, len(firsts)) == 1:
            return
        if semantic:
            # The model and the catalogue's embeddings, loaded once here for every copy.
            self.matcher.semantic  # noqa: B018 - built on first use
        keys = list(firsts)
        share = len(requirements) / len(keys)  # requirements per distinct question

        def told(done: int) -> None:
            if progress is not None:
                progress(min(len(requirements), int(done * share)))

        outs = parallel.map_split(
            lambda k: self._assess_fresh(firsts[k], ctx, verbose, list(k[3])),
            keys,
            jobs,
            told if progress is not None else None,
        )
        # Taken by the requirement itself, the key checked: a reviewed answer asked
        # earlier with the same text and pins is assessed afresh and shares its result.
        self._prefetched = {id(firsts[k]): (k, out) for k, out in zip(keys, outs)}

    def assess_reviewed(
        self, req: Requirement, ctx: DealContext, reviewed: ReviewedAnswer, verbose: bool = False
    ) -> tuple[RequirementResult, str | None, list[str]]:
        """One requirement answered by a person: a pin of its capabilities, or unsupported."""
        if reviewed.verdict == "unsupported":
            result = RequirementResult(
                id=req.id,
                text=req.text,
                priority=req.priority,  # type: ignore[arg-type]
                source=req.source.as_dict(),
                verdict="unsupported",
                at_risk=True,
                confidence=1.0,
                reasons=[reviewed.note, f"not offered: {reviewed.reason}"],
                section=req.section,
                quantities=[q.as_dict() for q in self._quantities(req)],
                answer=reviewed.info,
            )
            return result, None, []
        result, minimum, add_ons = self.assess(req, ctx, verbose, pins=list(reviewed.capabilities))
        result.reasons.insert(0, reviewed.note)
        result.answer = (
            reviewed.info
            if result.verdict != "unknown"
            else reviewed.info.model_copy(update={"source": "unknown"})
        )
        return result, minimum, add_ons

    def match(
        self, req: Requirement, ctx: DealContext, pins: Sequence[str] = ()
    ) -> tuple[Analysis, MatchResult]:
        """The requirement analysed, and what it matches in this deal (before evaluation)."""
        analysis = self.matcher.analyse(req.text, self._quantities(req))
        verdict_of = self._verdict_of(analysis, ctx)
        return analysis, self.matcher.match(analysis, pins, verdict_of, ctx.edition)

    def _quantities(self, req: Requirement) -> list[Quantity]:
        """The requirement's quantities, counting also in the catalogue's own count and
        rate units."""
        lower = req.text.lower()
        # A quick test before the full reading: the noun as written, or its stem before a
        # plural "-ies" ("queries" holds "quer" of "query", not "query").
        own = self.count_nouns | self.rate_nouns
        if not any((noun[:-1] if noun.endswith("y") else noun) in lower for noun in own):
            return list(req.quantities)
        found = extract_quantities(req.text, self.count_nouns, self.rate_nouns)
        # A count written as a label and its value ("Users: 5,000", "Seated capacity is
        # 18,500"), where no quantity was read from the number.
        for q in labelled_counts(req.text, self.count_labels):
            if not any(o.start < q.end and q.start < o.end for o in found):
                found.append(q)
        return sorted(found, key=lambda q: q.start)

    def _keeps_data(self, doc: int) -> frozenset[str] | None:
        """For a capability about where data is kept ("EU data residency", "UK data
        hosting": named for a region, with a word of lexicon ``residency_words`` in its
        name or aliases), the regions it is offered in; None for any other ("UK payroll"
        is about where a capability applies)."""
        if doc not in self._residency_memo:
            cap = self.index.docs[doc].cap
            label = " ".join((cap.name, *cap.aliases))
            about_data = bool(LEXICON.residency_words & set(words(label)))
            named = self.index.places_named(label)[0]
            offered = frozenset(cap.regions or ())
            self._residency_memo[doc] = offered if about_data and named and offered else None
        return self._residency_memo[doc]

    @staticmethod
    def _region_asked(analysis: Analysis, offered: set[str]) -> frozenset[str]:
        """The regions a requirement answered by capabilities about where data is kept
        (offered in ``offered``) asks the deal's data to be kept in: those it names
        ("in the EU or the UK": either, whichever capability matched), else the one the
        capabilities offer. Empty when it asks for several at once ("in the EU and in the
        UK": more than one region for one deal) or names none and the capabilities offer
        several."""
        named = analysis.named_regions
        if len(named) > 1 and not analysis.alternatives:
            return frozenset()
        if named:
            return frozenset(named)
        return frozenset(offered) if len(offered) == 1 else frozenset()

    def _place_specific(self, doc: int) -> bool:
        """A capability named for a place ("EU data residency", "On-premises install")."""
        if doc not in self._place_specific_memo:
            cap = self.index.docs[doc].cap
            regions, deployments = self.index.places_named(" ".join((cap.name, *cap.aliases)))
            # Named for a place, and offered only there: "On-premises installation" is
            # [on-prem]; "Dedicated customer success manager", offered in every deployment,
            # is named for no deployment.
            self._place_specific_memo[doc] = bool(
                (regions and cap.regions is not None and set(cap.regions) <= regions)
                or (
                    deployments
                    and cap.deployments is not None
                    and set(cap.deployments) <= deployments
                )
            )
        return self._place_specific_memo[doc]

    def _verdict_of(self, analysis: Analysis, ctx: DealContext) -> Callable[[int], str]:
        """The verdict each capability would get for this requirement in this deal."""
        known: dict[int, str] = {}

        def verdict_of(doc: int) -> str:
            if doc not in known:
                known[doc] = self._verdict_alone(self.index.docs[doc].cap, doc, analysis, ctx)
            return known[doc]

        return verdict_of

    def _verdict_alone(
        self, cap: Capability, doc: int, analysis: Analysis, ctx: DealContext
    ) -> str:
        """The verdict the capability (by index ``doc``) gets for the requirement alone."""
        return self.evaluator.evaluate(
            cap,
            ctx,
            list(analysis.quantities),
            self.matcher.link_metrics(analysis, [doc]),
            set(analysis.named_regions),
            set(analysis.named_deployments),
            alternatives=analysis.alternatives,
            ask=analysis.text,
        ).verdict

    def _result(
        self,
        req: Requirement,
        ctx: DealContext,
        analysis: Analysis,
        m: MatchResult,
        verbose: bool,
        pins: Sequence[str],
        verdict_of: Callable[[int], str],
    ) -> tuple[RequirementResult, str | None, list[str]]:
        catalog = self.catalog
        reasons: list[str] = []
        caps: list[CapabilityResult] = []
        minimum: str | None = None
        add_ons: list[str] = []
        suggestion: Suggestion | None = None
        suggested: Match | None = None  # the closest candidate an unknown names
        missing_pins = [p for p in pins if catalog.capability(p) is None]
        matches = m.matches
        unavailable: Match | None = None
        residency: frozenset[str] | None = None  # the regions a residency answer states
        ruled_out: list[str] = []  # what the catalogue says against the ask, if it does
        # A closest candidate below the threshold was never read by the rules: what its
        # caveats say of the ask is read once, for the answer and for the suggestion.
        closest = m.candidates[0] if m.candidates else None
        closest_said: list[Reason] = []
        if not matches and not missing_pins and not m.pinned and not m.negative:
            if closest is not None and SUGGESTION_FLOOR <= closest.score < THRESHOLD:
                closest_said = self.matcher.caveats_of(analysis, closest)
            found = self._unavailable_either_way(m, verdict_of, closest_said, analysis)
            if found is not None:
                unavailable, ruled_out = found
                matches = [unavailable]

        if missing_pins:
            verdict = "unknown"
            reasons.extend(f"pinned capability '{p}' is not in the catalogue" for p in missing_pins)
        elif m.negative:
            verdict = "unknown"
            reasons.extend(m.notes)
        elif not matches and m.pinned:
            verdict = "unknown"
            pinned_ids = ", ".join(c.cap_id for c in m.candidates)
            reasons.append(f"pinned to {pinned_ids}, but a person must confirm:")
            reasons.extend(m.notes)
        elif not matches:
            verdict = "unknown"
            best = closest
            reasons.append(
                "no capability matches with enough confidence: a product manager must answer"
            )
            if best is not None and best.score >= SUGGESTION_FLOOR and not m.negative:
                best_cap = self.index.docs[best.doc].cap
                # What the caveats of a candidate below the threshold say of the ask counts,
                # so the suggestion never contradicts one ("Sage 200" against "Sage 50 and
                # Sage 200 are not supported").
                said = closest_said
                for reason in said:
                    if reason.message not in m.notes:
                        m.notes.append(reason.message)
                conditioned = self._conditioned(best_cap, [*m.reasons, *said])
                # What a caveat ties the ask to (an edition, an add-on) counts here too.
                would_be = (
                    verdict_of(best.doc)
                    if conditioned is best_cap
                    else self._verdict_alone(conditioned, best.doc, analysis, ctx)
                )
                if any(r.rules_out for r in said):
                    would_be = "unsupported"
                suggested = best
                suggestion = Suggestion(
                    capabilities=[best.cap_id],
                    verdict=would_be,  # type: ignore[arg-type]
                    confidence=best.score,
                )
                # A rule's doubt about this very capability, or about the whole
                # requirement, is said with the lead, so that "would be supported" never
                # reads as the answer.
                doubted = any(
                    r.capability in (best.cap_id, None) and r.doubt for r in [*m.reasons, *said]
                )
                but = ", but for what follows" if doubted else ""
                reasons.append(f"closest: {best.cap_id}, which would be {would_be}{but}: confirm?")
            reasons.extend(m.notes)
        else:
            verdicts = []
            limited = {metric for cand in matches for metric in self.index.docs[cand.doc].metrics}
            # Places another matched *place-specific* capability offers ("EU data
            # residency", "UK data residency") count for the residency asks; any other
            # capability must offer every place named itself ("an assistant hosted in the
            # EU and the UK" needs the assistant in both).
            covered: dict[str, set[str]] = {"region": set(), "deployment": set()}
            specific = {cand.doc for cand in matches if self._place_specific(cand.doc)}
            for doc in specific:
                matched = self.index.docs[doc].cap
                covered["region"].update(matched.regions or ())
                covered["deployment"].update(matched.deployments or ())
            nothing: dict[str, set[str]] = {"region": set(), "deployment": set()}
            # "Customer data must never leave the UK, including backups and DR failover
            # copies": a residency ask answered by a capability about where data is kept
            # holds for every capability it names; one that says nothing of places
            # ("Failover to a second region") cannot confirm it.
            residency_ask = analysis.residency_asked and any(
                self._keeps_data(c.doc) is not None for c in matches
            )
            # An amount read by elimination ("2,000 external partners" on the one count
            # the answer limits) is compared as the amounts the reader read are.
            quantities = [*analysis.quantities, *(q for q, _ in m.counted)]
            links = dict(m.metric_links)
            for k, (_, metric) in enumerate(m.counted):
                links[len(analysis.quantities) + k] = metric
            for cand in matches:
                cap = self._conditioned(self.index.docs[cand.doc].cap, m.reasons)
                cv = self.evaluator.evaluate(
                    cap,
                    ctx,
                    quantities,
                    links,
                    set(analysis.named_regions),
                    set(analysis.named_deployments),
                    limited,
                    covered if cand.doc in specific else nothing,
                    analysis.alternatives,
                    analysis.text,
                )
                cap_verdict, cap_reasons = cv.verdict, cv.reasons
                for q, metric in m.counted:
                    # The reading is said, so a person sees what the count was taken for.
                    cap_reasons = [
                        f"{q.text!r} read as {metric}, the one count {cap.name} limits",
                        *cap_reasons,
                    ]
                if ruled_out and cand is unavailable:
                    # The caveat that rules it out is said once, as the reason.
                    kept = [
                        r
                        for r in cv.reasons
                        if not (r.startswith("caveat: ") and any(r[8:] in x for x in ruled_out))
                    ]
                    cap_verdict, cap_reasons = "unsupported", [*ruled_out, *kept]
                if (
                    residency_ask
                    and self._keeps_data(cand.doc) is None
                    and not self._place_specific(cand.doc)
                    and cap_verdict not in ("unsupported", "unknown")
                ):
                    cap_verdict = "unknown"
                    kept_in = " or ".join(sorted(analysis.named_regions)) or "one place"
                    cap_reasons = [
                        *cap_reasons,
                        f"the requirement keeps data in {kept_in}, and this capability does"
                        " not say where it keeps data: a product manager must confirm",
                    ]
                verdicts.append(cap_verdict)
                cap_result = CapabilityResult(
                    id=cap.id,
                    verdict=cap_verdict,  # type: ignore[arg-type]
                    score=cand.score,
                    reasons=cap_reasons,
                    name=cap.name,
                    status=cap.status,
                    minimum_edition=cv.minimum_edition,
                    add_on=cap.add_on,
                    caveats=list(cap.caveats),
                    eta=cap.eta,
                    docs=cap.docs,
                )
                cap_result._editions = cv.editions
                cap_result._deployments = cv.deployments
                cap_result._stated_deployments = analysis.stated_deployments
                cap_result._named_deployments = analysis.named_deployments
                cap_result._place_specific = self._place_specific(cand.doc)
                cap_result._regions = cv.regions
                if self._keeps_data(cand.doc) is not None:
                    cap_result._residency = frozenset()  # the requirement's, set below
                caps.append(cap_result)
                if cap_verdict not in AT_RISK_VERDICTS:
                    minimum = self.evaluator._higher(minimum, cv.minimum_edition)
                    if cv.add_on:
                        add_ons.append(cv.add_on)
            verdict = most_severe(verdicts)
            keeps = [self._keeps_data(cand.doc) for cand in matches]
            offered = set().union(*(k for k in keeps if k is not None))
            if offered:
                residency = self._region_asked(analysis, offered)
                for c in caps:
                    if c._residency is not None:
                        c._residency = residency
            how = "pinned to " if m.pinned else "matched "
            reasons.append(how + ", ".join(c.id for c in caps))
            if unavailable is not None:
                # A reason the catalogue settles is no longer a question for a person.
                settled = {r.message for r in m.reasons if r.rules_out}
                narrows = [n for n in m.notes if n not in settled]
                if not ruled_out:
                    reasons.append(self._narrower_ask(unavailable.cap_id, narrows, m))
                reasons.extend(narrows)
            else:
                reasons.extend(m.notes)
            if verdict == "unknown":
                # docs/report.md: capabilities is empty when the verdict is unknown.
                for c in caps:
                    reasons.extend(f"{c.id}: {r}" for r in c.reasons if "confirm" in r)
                caps = []
                minimum, add_ons = None, []

        at_risk = verdict in AT_RISK_VERDICTS
        for c in caps:
            deprecated = catalog.capability(c.id)
            gone = self._gone_before(deprecated, ctx, req) if deprecated is not None else None
            if gone is not None and c.verdict not in AT_RISK_VERDICTS:
                reasons.append(f"{c.id}: {gone}")
                at_risk = True
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
            reasons.extend(analysis.corrections)
            # What lowered the confidence: the words of the ask no answer explains (for a
            # reviewer; a customer-facing reason never lists them).
            if suggested is not None:
                # Nothing matched: what the closest candidate would leave unexplained, not
                # every word of the ask (most of which it may well explain).
                left = self.matcher.unexplained_by(analysis, suggested)
                if left:
                    words = ", ".join(f"'{w}'" for w in dict.fromkeys(left))
                    reasons.append(UNEXPLAINED_BY.format(capability=suggested.cap_id, words=words))
            elif m.unexplained and not m.pinned:
                words = ", ".join(f"'{w}'" for w in dict.fromkeys(m.unexplained))
                reasons.append(UNEXPLAINED.format(words=words))
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
            confidence=(
                0.0
                if missing_pins
                # Below the threshold only when the capability's own caveat takes back
                # what the ask names: the catalogue's words answer; the score is what it is.
                else round(unavailable.score, 3)
                if unavailable is not None
                else m.confidence
            ),
            capabilities=caps,
            reasons=reasons,
            section=req.section,
            quantities=[q.as_dict() for q in [*analysis.quantities, *(q for q, _ in m.counted)]],
            candidates=candidates,
            suggestion=suggestion,
        )
        result._stated_deployments = analysis.stated_deployments
        if residency is None:
            stated = frozenset(self.index.regions_stated(analysis.rewritten))
            one_deal = len(stated) <= 1 or analysis.alternatives
            residency = stated if one_deal else frozenset()
        result._stated_regions = residency
        return result, minimum, sorted(set(add_ons))

    def _conditioned(self, cap: Capability, reasons: list[Reason]) -> Capability:
        """The capability as this requirement may have it: where a caveat ties what is
        asked to editions or an add-on (``Reason.editions``, ``Reason.add_on``), only those
        editions have it, or it needs that add-on. It is then evaluated like any
        capability: ``upgrade`` in a lower edition or without the add-on in the quote,
        ``unsupported`` where no higher edition has it, and the edition it needs named
        when none is quoted."""
        conditions = [r for r in reasons if r.capability == cap.id and not r.doubt]
        if not conditions:
            return cap
        editions = self.catalog.editions_of(cap)
        add_on = cap.add_on
        for r in conditions:
            if r.editions is not None:
                editions = [e for e in editions if e in r.editions]
            if r.add_on is not None:
                add_on = r.add_on
        return cap.model_copy(update={"editions": editions, "add_on": add_on})

    def _gone_before(self, cap: Any, ctx: DealContext, req: Requirement) -> str | None:
        """Why a deprecated capability is gone before it is needed, or None.

        Its end of life is the date its caveats or description give ("end of life on
        2027-06-30"); it is needed until the latest date the requirement names ("through
        2028"), and at the deal's go-live. Like a roadmap ETA after go-live, an end of life
        before either puts the promise at risk; the verdict stays ``partial``."""
        if cap.status != "deprecated":
            return None
        eol = end_of_life([*cap.caveats, cap.description or ""])
        if eol is None:
            return None
        until = needed_until(req.text)
        if until is not None and until > eol:
            return f"end of life {eol.isoformat()}, before {until.isoformat()} asked"
        if ctx.go_live is not None and ctx.go_live > eol:
            return f"end of life {eol.isoformat()}, before go-live {ctx.go_live.isoformat()}"
        return None

    @staticmethod
    def _narrower_ask(cap_id: str, narrows: Sequence[str], m: MatchResult) -> str:
        """The reason an ask narrower than an unavailable capability is ``unsupported``.

        The reasons that follow it (``narrows``) each say what narrows the ask. With
        none (no rule fired: part of the wording matches nothing), the words no
        capability explains say it. Each reason is a whole sentence: a comment joins
        them with "; ", where a trailing "what narrows it:" read as cut off.
        """
        lead = f"{cap_id} is not available for this deal, so neither is the narrower ask"
        if narrows:
            return lead
        words = list(dict.fromkeys(m.unexplained))
        if not words:
            return lead
        quoted = ", ".join(f"'{w}'" for w in words)
        return f"{lead}; what narrows it: {quoted}, which no capability explains"

    def _unavailable_either_way(
        self,
        m: MatchResult,
        verdict_of: Callable[[int], str],
        closest_said: list[Reason],
        analysis: Analysis,
    ) -> tuple[Match, list[str]] | None:
        """The capability that makes an unmatched requirement ``unsupported`` whatever a
        person decides about the rest of it, with what the catalogue says against the ask
        when a rule found it in so many words; or None.

        A requirement held back because it asks for *more* than its best capability
        explains (a qualifier, a vendor, a population, a part matching nothing, ...)
        asks for a narrower thing than that capability. When the capability itself is
        not available for this deal (not planned, not in any edition that can be
        quoted, not in this deployment, a limit exceeded), neither is anything narrower
        built on it: "streaming audit events to Splunk" is not available where
        streaming audit events are not. The answer is then ``unsupported``, naming the
        capability and what narrows the ask; it is at risk, so it can never be a false
        promise. The same holds when a rule found that the catalogue itself rules the
        capability out for this ask (``Reason.rules_out``: a caveat that takes it back,
        a finite limit against an ask for none), whatever its verdict would be. It is
        given only when

        * the best candidate scored at least the threshold on its own words (the doubt
          is about the rest of the requirement, not about this capability), or at
          least ``SUGGESTION_FLOOR`` with a caveat of its own that takes back what the
          ask names ("Journals must go to Sage 50 Accounts" against an integration whose
          caveat reads "Sage 50 and Sage 200 are not supported"), a finite limit against
          an ask for none ("Audit events must be kept forever" against a retention of
          365 days) or a lowest version above the one the ask names ("Our services run
          Node 16" against "Node.js 18 or later"): the catalogue answers in so many
          words, and the answer's confidence stays the capability's score;
        * every rule that fired narrows the ask (a negative requirement does not:
          NARROWING_RULES);
        * no other candidate at the threshold would give another verdict (a rival
          reading of the same words could be the one meant), unless the capability's
          caveat rules the ask out and the rival's words in the ask, beyond this
          capability's, are all words of that caveat ("Azure integration" found by
          "Azure" in "Serverless monitoring for Azure Functions" against "Azure
          Functions ... are not supported"): the caveat names what the rival was found
          by;
        * the capability is not named for a place: a place word in a requirement often
          describes the customer's own systems ("our on-premise Active Directory"), not
          the deployment or region asked for; unless its own caveat takes back what the
          ask names ("Windows Server is not supported" against "a Windows Server
          installer for self-hosting").
        """
        if not m.candidates:
            return None
        best = m.candidates[0]
        if any(r.rule not in NARROWING_RULES for r in m.reasons):
            return None
        ruled_out = [r.rules_out for r in m.reasons if r.rules_out and r.capability == best.cap_id]
        if best.score < THRESHOLD:
            if best.score < SUGGESTION_FLOOR:
                return None
            # The catalogue's own words about the ask: a caveat of the closest capability
            # that takes back what the ask names, or a finite limit against an ask for
            # none, is evidence of its own (``closest_said``: what its caveats and limits
            # say of the ask, read as if it were an answer); so is a lowest version it
            # states above the one the ask names (the version rule reads every candidate).
            ruled_out = [r.rules_out for r in closest_said if r.rules_out]
            ruled_out += [
                r.rules_out
                for r in m.reasons
                if r.rules_out and r.capability == best.cap_id and r.rule == version_rule.ID
            ]
            if not ruled_out:
                return None
        if self._place_specific(best.doc) and not ruled_out:
            return None
        if not ruled_out and verdict_of(best.doc) != "unsupported":
            return None
        idx = self.matcher.index
        asked = set(analysis.toks)
        caveats = idx.docs[best.doc].cap.caveats
        said = {t for c in caveats for t in idx.canon.tokens(c)}
        # What the caveats keep the capability to ("AWS Lambda only"): an ask naming it
        # too is partly offered, and the rival may be the reading meant.
        kept = {t for c in caveats for part in kept_clauses(c) for t in idx.canon.tokens(part)}
        for other in m.candidates[1:]:
            if other.score >= THRESHOLD and verdict_of(other.doc) != "unsupported":
                beyond = (asked & set(idx.docs[other.doc].weights)) - set(
                    idx.docs[best.doc].weights
                )
                if (
                    ruled_out
                    and beyond
                    and beyond <= said
                    and not asked & kept
                    and not _owned(analysis, beyond)
                ):
                    continue  # found by a word the caveat that rules the ask out names
                return None
        return best, ruled_out

    def check(
        self,
        requirements: Sequence[Requirement],
        ctx: DealContext,
        gate: GateOptions | None = None,
        waivers: Sequence[WaiverRule] = (),
        today: dt.date | None = None,
        verbose: bool = False,
        progress: Callable[[int], Any] | None = None,
        answers: Callable[[Requirement], ReviewedAnswer | None] | None = None,
        jobs: int | None = 1,
    ) -> Report:
        """Check every requirement; ``answers`` looks each one up in the answer library first
        (a deal file's own pin wins over it). A long list may be matched with up to
        ``jobs`` processes (None: as many as the cores available; see
        :mod:`dealcheck.engine.parallel`), with the same report whatever their number.
        One by default: a caller that is itself a worker process, or runs threads of its
        own, opts in."""
        gate = gate or GateOptions()
        today = today or dt.date.today()
        self._assess_memo, self._memo_ctx = {}, ctx
        reviewed_of = [
            answers(req) if answers is not None and not req.capability else None
            for req in requirements
        ]
        needs_memo: dict[tuple[str | None, tuple[str, ...]], Needs] = {}
        results: list[RequirementResult] = []
        minimum: str | None = None
        add_ons: set[str] = set()
        add_ons_of: list[list[str]] = []  # per requirement
        minimums_of: list[str | None] = []  # per requirement
        warnings: list[str] = []
        used: set[int] = set()
        try:
            if jobs != 1:
                self._prefetch(requirements, reviewed_of, ctx, verbose, jobs, progress)
            for n, (req, reviewed) in enumerate(zip(requirements, reviewed_of), start=1):
                if reviewed is None:
                    res, req_min, req_add_ons = self.assess(req, ctx, verbose)
                else:
                    res, req_min, req_add_ons = self.assess_reviewed(req, ctx, reviewed, verbose)
                if res.answer is None:
                    res.answer = _answer_source(req, res)
                minimum = self.evaluator._higher(minimum, req_min)
                add_ons.update(req_add_ons)
                add_ons_of.append(req_add_ons)
                minimums_of.append(req_min)
                # Needs and AnswerInfo are frozen: the many requirements with the same
                # needs share one value (a 67,000-line list holds a handful, not 67,000).
                needs_key = (req_min, tuple(req_add_ons))
                if needs_key not in needs_memo:
                    needs_memo[needs_key] = self._needs(req_min, req_add_ons, ctx)
                res.needs = needs_memo[needs_key]
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
                for model in (res, *res.capabilities, res.suggestion):
                    if model is not None:
                        _share_fields_set(model)
                results.append(res)
                if progress is not None:
                    progress(n)
        finally:
            self._assess_memo, self._memo_ctx, self._prefetched = {}, None, {}
        for wi, waiver in enumerate(waivers):
            if wi not in used:
                where = getattr(waiver, "file", None)
                line = getattr(waiver, "line", None)
                at = f"{where}:{line}: " if where and line else (f"{where}: " if where else "")
                warnings.append(
                    f'{at}waiver for "{waiver.pattern}" by {waiver.approved_by}'
                    " matches no requirement"
                )
        chosen, flagged = self.settle(results, ctx)
        if chosen is not None:
            minimum = chosen
        elif flagged:
            minimum = None
            for i, req_min in enumerate(minimums_of):
                if i not in flagged:
                    minimum = self.evaluator._higher(minimum, req_min)
        if flagged:
            add_ons = {a for i, needed in enumerate(add_ons_of) if i not in flagged for a in needed}
        summary = self._summary(
            results, gate, minimum, add_ons, ctx.edition, quotes_add_ons=bool(ctx.add_ons)
        )
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

    def settle(
        self, results: list[RequirementResult], ctx: DealContext
    ) -> tuple[str | None, set[int]]:
        """One deployment and one edition for the whole deal, where it quotes none (see
        :meth:`_one_for_the_deal`): the edition the deal needs (None when no answer
        depends on one) and the positions of the answers turned ``unsupported``. ``check``
        settles the whole list; ``explain`` settles its one question, whose capabilities
        may share no edition or deployment either."""
        flagged: set[int] = set()
        if ctx.deployment is None and len(self.catalog.deployments) > 1:
            flagged |= self._one_for_the_deal(results, "deployment")[1]
        if ctx.region is None and len(self.catalog.regions) > 1:
            flagged |= self._region_stated(results)
        chosen = None
        if ctx.edition is None and self.catalog.editions:
            chosen, unheld = self._one_for_the_deal(results, "edition")
            flagged |= unheld
        return chosen, flagged

    def _one_for_the_deal(
        self, results: list[RequirementResult], dimension: str
    ) -> tuple[str | None, set[int]]:
        """With no edition (or deployment) quoted: the one the deal needs; an answer it
        cannot have is ``unsupported``. Returns the edition (deployment) chosen (None when
        no answer depends on it) and the positions of the answers it does not hold.

        Each answer holds in the editions its capabilities are all in (from the lowest
        whose limits it meets), and in the deployments they are all offered in. When one
        edition holds every answer, the deal needs the lowest that does. When none does
        ("Classic editor", only in Starter, beside "SAML SSO", only in Enterprise; "AI
        summaries", only in SaaS, beside the on-premises installation), the deal needs the
        deployment the most ``must`` requirements state for the product ("must be
        installed on-premises", whatever their own answer), then the one that holds the
        most ``must`` answers (a question asked twice counts once), then that the most
        requirements state, then that holds the most ``should`` answers, then ``may``,
        then the catalogue's first (for editions, the lowest); each answer it does not
        hold is
        ``unsupported``, as if the deal had quoted it, and the reason names the
        requirements that need it. A requirement that states deployments for the product
        holds only among them ("the audit log must be available in our on-prem
        deployment"); a deployment named for the buyer's own systems ("our on-premises
        Active Directory") says nothing (see :meth:`_deployments_held`). An answer whose
        capabilities share no edition, or no deployment, is ``unsupported`` too.
        """
        editions = dimension == "edition"
        ladder = list(self.catalog.editions if editions else self.catalog.deployments)
        everywhere = set(ladder)
        held: list[tuple[int, set[str]]] = []
        named: dict[str, set[str]] = {}
        said: set[int] = set()  # statements only: requirements no answer of theirs holds
        for i, res in enumerate(results):
            unanswered = res.at_risk or not res.capabilities
            if editions and unanswered:
                continue
            if unanswered:
                # Where the product runs is stated whatever the answer ("Must run on your
                # multi-tenant SaaS, no private cloud" may itself go to a person).
                places = set(res._stated_deployments) & everywhere
                stated = places
                if not places:
                    continue
                said.add(i)
            elif editions:
                places = set(everywhere)
                for cap in res.capabilities:
                    places &= set(cap._editions)
            else:
                places, stated = self._deployments_held(res, everywhere)
            if not editions and len(stated) == 1:
                named.setdefault(next(iter(stated)), set()).add(res.text)
            held.append((i, places))
        if not held or all(i in said for i, _ in held):
            return None, set()
        common = set.intersection(*(places for _, places in held))
        if common:
            return (min(common, key=ladder.index) if editions else None), set()
        rank = {"must": 0, "should": 1, "may": 2}

        must_texts = {results[i].text for i, _ in held if results[i].priority == "must"}

        def weight(choice: str) -> tuple[int, int, int, int, int, int]:
            counts: list[set[str]] = [set(), set(), set()]
            for i, places in held:
                if choice in places:
                    counts[rank[results[i].priority]].add(results[i].text)
            must, should, may = (len(c) for c in counts)
            stated = named.get(choice, set())
            # Where the product runs is the buyer's to say: a must-have that states it
            # outweighs any number of features offered elsewhere.
            return len(stated & must_texts), must, len(stated), should, may, -ladder.index(choice)

        best = max(ladder, key=weight)
        # The answers that need it: they hold there and not everywhere (this one does not).
        needs_best = [j for j, other in held if best in other and other != everywhere]
        unheld = set()
        for i, places in held:
            if best in places or i in said:
                continue
            unheld.add(i)
            res = results[i]
            if places:
                needing = [results[j].id for j in needs_best[:3]]
                more = len(needs_best) - len(needing)
                which = ", ".join(needing) + (f" and {more} more" if more > 0 else "")
                why = (
                    f"the deal needs the {best} {dimension} (for {which}), which this answer"
                    f" is not in: no single {dimension} holds every answer"
                )
            else:
                why = f"no single {dimension} has every capability this answer needs"
            # The capabilities not in it carry the reason; when all are (the requirement
            # states another deployment for them), every one does.
            lacking = [
                c
                for c in res.capabilities
                if best not in (c._editions if editions else c._deployments)
            ]
            _cannot_have(res, lacking, why)
        return best, unheld

    @staticmethod
    def _region_stated(results: list[RequirementResult]) -> set[int]:
        """Where the requirements say the deal's data is kept, what is offered only in
        other regions is ``unsupported``; the positions of those answers.

        A requirement answered by a capability about where data is kept ("Customer data
        must be hosted in the UK" by "UK data residency") states the deal's region, as a
        quoted ``--region`` does ("in the EU or the UK" states either); so does one naming a
        region beside a word for where data is kept ("must be stored in Australia"),
        whatever its own verdict (:meth:`CatalogIndex.regions_stated`). When every such
        statement leaves a region in common, an answer whose other capabilities are
        offered in none of those regions cannot be promised ("AI writing assistant",
        offered in the US and EU, beside UK hosting). Statements that share no region
        ("hosted in the EU", "hosted in the US") ask for more than one region: a person's
        question, and nothing is decided. Without a statement regions constrain nothing
        (a capability's regions may be where it applies, "UK payroll", not where data is
        hosted).
        """
        statements = [(i, r._stated_regions) for i, r in enumerate(results) if r._stated_regions]
        if not statements:
            return set()
        region = frozenset.intersection(*(asked for _, asked in statements))
        if not region:
            return set()
        stating = [results[i].id for i, _ in statements]
        more = len(stating) - 3
        which = ", ".join(stating[:3]) + (f" and {more} more" if more > 0 else "")
        where = " or ".join(sorted(region))
        why = (
            f"the deal's data is kept in the {where} region ({which} asks for it),"
            " where this is not offered"
        )
        flagged = set()
        for i, res in enumerate(results):
            if res.at_risk or not res.capabilities:
                continue
            general = [c for c in res.capabilities if c._residency is None]
            lacking = [c for c in general if not region & set(c._regions)]
            shared = region.intersection(*(set(c._regions) for c in general))
            if not lacking and (shared or not general):
                continue
            flagged.add(i)
            _cannot_have(res, lacking, why)
        return flagged

    @staticmethod
    def _deployments_held(
        res: RequirementResult, everywhere: set[str]
    ) -> tuple[set[str], set[str]]:
        """The deployments an answer holds in, and those its requirement states for the
        product.

        A capability named for a deployment ("On-premises installation") is matched
        because the text names that deployment: what the text says decides, not the
        capability's own list ("as SaaS or on-premises" holds in both). Every other
        capability holds where it is offered. A requirement that states deployments for
        the product ("must be installed on-premises", "in our on-prem deployment") holds
        only among them; one about deployments alone ("On-premises installation") states
        what it names.
        """
        places = set(everywhere)
        stated: set[str] = set()
        general = [cap for cap in res.capabilities if not cap._place_specific]
        for cap in general:
            places &= set(cap._deployments)
        for cap in res.capabilities:
            stated |= cap._stated_deployments
            if not general:
                stated |= cap._named_deployments & set(cap._deployments)
        if stated:
            places &= stated
        return places, stated

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
        quotes_add_ons: bool = False,
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
            elif default_rule and beyond_quote(r, quoted_edition, quotes_add_ons):
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
                "beyond": "need an upgrade beyond the quote ("
                + (f"an edition above {quoted_edition}, or " if quoted_edition else "")
                + "an add-on not quoted)",
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
            answers={
                source: sum(r.answer is not None and r.answer.source == source for r in results)
                for source in ("reviewed", "matched", "unknown")
            },
        )


_FIELD_SETS: dict[type, set[str]] = {}


def _all_fields(cls: type[Any]) -> set[str]:
    """One set of every field name of a model class, shared by its instances."""
    if cls not in _FIELD_SETS:
        _FIELD_SETS[cls] = set(cls.model_fields)
    return _FIELD_SETS[cls]


def _share_fields_set(model: Any) -> None:
    """Give a result model the class's shared set of field names as its "fields set".

    pydantic keeps a set of the fields given explicitly in every instance (about
    0.7 KB each, several per requirement); dealcheck never dumps with
    ``exclude_unset``, and pydantic only ever adds a name to the set when a field is
    assigned, which the shared set already holds. A 67,000-requirement check keeps
    tens of MB less."""
    object.__setattr__(model, "__pydantic_fields_set__", _all_fields(type(model)))


def _answer_source(req: Requirement, result: RequirementResult) -> AnswerInfo:
    """Where an answer not from the library came from: a deal file's pin, the matcher, or none."""
    if result.verdict == "unknown":
        return _PLAIN_ANSWERS["unknown", "deal file" if req.capability else None]
    if req.capability:
        return _PLAIN_ANSWERS["reviewed", "deal file"]
    return _PLAIN_ANSWERS["matched", None]


#: the few answer sources that are not library answers, shared by every requirement
_PLAIN_ANSWERS = {
    ("unknown", "deal file"): AnswerInfo(source="unknown", origin="deal file"),
    ("unknown", None): AnswerInfo(source="unknown"),
    ("reviewed", "deal file"): AnswerInfo(source="reviewed", origin="deal file"),
    ("matched", None): AnswerInfo(source="matched"),
}


__all__ = [
    "DEFAULT_RULE",
    "Engine",
    "GateOptions",
    "ReviewedAnswer",
    "THRESHOLD",
    "beyond_quote",
]
