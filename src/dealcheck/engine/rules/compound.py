"""``compound``: a part of a compound ask that matches nothing sends it to a person.

"SAML SSO and SCIM provisioning" asks for two things. When one clause has
specific words that no matched capability explains, the requirement is only
partly answered: promising the part that matched would hide the rest.
A clause that qualifies rather than asks ("including contractors") does not count, nor
one that says why ("so we can merge many changes a day and keep main green"), nor one
that says how much of an answer's metric is asked ("agents handle up to five chats at a
time": the limit decides), nor a place's name ("members in the US *and Canada*") or the
deal's edition ("is that ok on Business?").

Where one capability answers, the clause that holds its phrase says where or when that
ask applies ("DAST against our staging URL every night"): the decision weighs the rest
of it against the whole text. Where several answer, each clause must be answered.

Fires: "SAML SSO and blockchain notarisation" when the catalogue has only SSO.
Does not fire: "SAML SSO, including for contractors".
"""

from __future__ import annotations

from dealcheck.engine.candidates import Candidate, Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.rules.caveat import condition_clauses
from dealcheck.engine.text import LEXICON, kept_clauses, stem
from dealcheck.units import parse_unit

ID = "compound"

#: A clause starting with one of these qualifies the ask rather than adding one
#: (lexicon.yaml: clause_qualifiers).
QUALIFIER_STEMS = frozenset(stem(w) for w in LEXICON.clause_qualifiers)
#: A clause whose content words weigh less than this share of the rarest word's idf is
#: a few common words, not an ask of its own.
MIN_CLAUSE_MASS = 0.5
#: A clause is answered when the matched capabilities explain this share of its mass.
MIN_EXPLAINED = 0.34


def check(evidence: Evidence) -> list[Reason]:
    idx = evidence.index
    analysis = evidence.analysis
    strong = evidence.strong()
    if not strong or len(analysis.clauses) < 2:
        return []
    explained: set[str] = set()
    for c in strong:
        explained.update(idx.docs[c.doc].weights)
        # What a caveat keeps the capability to ("GitHub, GitLab and Bitbucket only")
        # explains the clause that names it ("in our GitHub repos"), as the decision
        # reads it. (Not everything a caveat offers: "Meta bills conversation fees
        # directly" explains no ask that Meta's fees are included.)
        for caveat in idx.docs[c.doc].cap.caveats:
            for kept in kept_clauses(caveat):
                explained.update(idx.canon.tokens(kept))
        # So does a caveat's clause tying a part to an edition or add-on ("Gantt export
        # to PDF requires the Business edition"): the evaluation applies the condition.
        for conditioned in condition_clauses(idx, idx.docs[c.doc].cap):
            explained.update(idx.canon.tokens(conditioned))
    amounts = _amount_positions(evidence, strong)
    toks = analysis.toks
    answers = {c.doc for c in strong}
    # The positions of the answers' phrases that lie within one clause (a near phrase
    # may reach across: "Teams integration and a Zoom *app*" is no "Teams app").
    clause_of = {k: n for n, clause in enumerate(analysis.clauses) for k in clause}
    phrased = {
        k
        for positions, doc in evidence.taken
        if doc in answers and len({clause_of.get(k) for k in positions}) == 1
        for k in positions
    }
    content = set(analysis.content)
    for clause in analysis.clauses:
        if not clause or toks[clause[0]] in QUALIFIER_STEMS:
            continue
        if clause and all(k in analysis.purpose for k in clause):
            continue  # why the ask is made ("so we can ... and keep main green"), not an ask
        if any(k in amounts for k in clause):
            # How much of an answer's metric is asked ("agents handle up to five chats at
            # a time"): the evaluation compares the amount with the limit.
            continue
        if len(answers) == 1 and any(k in phrased for k in clause):
            # The one answer's phrase is in it: the rest of the clause says where or when
            # that ask applies ("DAST against our staging URL every night"), and the
            # decision weighs it against the whole text. Where several capabilities
            # answer, each clause must be answered on its own ("Approval workflows driven
            # by payroll reconciliation, and SCIM provisioning").
            continue
        # A place's name is a term of the deal, which the region checks read, not an ask
        # ("No customer data may leave the UK", "members in the US and Canada"): the
        # catalogue's regions and the countries' names (lexicon.yaml: country_names); so
        # is the edition the deal quotes ("is that ok on Business?").
        words = [
            toks[k]
            for k in clause
            if k in content
            and toks[k] not in evidence.place_tokens
            and toks[k] not in evidence.deal_edition
            and analysis.spans[k][1].lower() not in LEXICON.country_names
        ]
        mass = sum(idx.idf_of(t) for t in words)
        if mass < MIN_CLAUSE_MASS * idx.max_idf:
            continue
        got = sum(idx.idf_of(t) for t in words if t in explained)
        if got < MIN_EXPLAINED * mass:
            return [Reason(ID, "part of the requirement matches no capability")]
    return []


def _amount_positions(evidence: Evidence, strong: list[Candidate]) -> set[int]:
    """The positions of the quantities in the unit of a metric an answer limits (a count
    by the metric's own noun): the evaluation compares each with the limit, so a clause
    holding one says how much is asked, not another ask."""
    idx, analysis = evidence.index, evidence.analysis
    limited = {m for c in strong for m in idx.docs[c.doc].metrics}
    found: set[int] = set()
    for q in analysis.quantities:
        for m in sorted(limited):
            parsed = parse_unit(idx.catalog.metrics[m].unit)
            if parsed is None or parsed[0] != q.dimension:
                continue
            if q.dimension == "count" and stem(q.unit) not in idx.metric_nouns(m):
                continue
            at = analysis.token_index(q)
            while at in analysis.quantity_tokens:
                found.add(at)
                at += 1
            break
    return found
