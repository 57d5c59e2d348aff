"""``compound``: a part of a compound ask that matches nothing sends it to a person.

"SAML SSO and SCIM provisioning" asks for two things. When one clause has
specific words that no matched capability explains, the requirement is only
partly answered: promising the part that matched would hide the rest.
A clause that qualifies rather than asks ("including contractors") does not count, nor
one that says why ("so we can merge many changes a day and keep main green").

A clause that holds an answer's phrase qualifies that ask ("DAST against our staging URL
every night"): the decision weighs the rest of it. A clause opened by a qualifying word,
stop words included (", not just *when* someone opens an MR"), is no ask either.

Fires: "SAML SSO and blockchain notarisation" when the catalogue has only SSO.
Does not fire: "SAML SSO, including for contractors".
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, stem

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
    spans, text = analysis.spans, analysis.rewritten
    content = set(analysis.content)
    before = 0
    for clause in analysis.clauses:
        if not clause:
            continue
        # The words that open the clause, stop words included (", not just *when* ..."):
        # a clause opened by a qualifying word qualifies the ask.
        opener = {
            stem(w) for w in re.findall(r"[a-z]+", text[before : spans[clause[0]][2]].lower())
        }
        before = spans[clause[-1]][3]
        if toks[clause[0]] in QUALIFIER_STEMS or opener & QUALIFIER_STEMS:
            continue
        if clause and all(k in analysis.purpose for k in clause):
            continue  # why the ask is made ("so we can ... and keep main green"), not an ask
        if any(k in phrased for k in clause):
            # An answer's phrase is in it: the rest of the clause qualifies that ask ("DAST
            # against our staging URL every night"), and the decision weighs it. (Clauses
            # part at "and" / "or": "Teams integration and a Zoom app" is two.)
            continue
        # An edition's or a place's name is a term of the deal, not an ask ("is that ok
        # on Business?").
        terms = idx.edition_tokens | evidence.place_tokens
        words = [toks[k] for k in clause if k in content and toks[k] not in terms]
        mass = sum(idx.idf_of(t) for t in words)
        if mass < MIN_CLAUSE_MASS * idx.max_idf:
            continue
        got = sum(idx.idf_of(t) for t in words if t in explained)
        if got < MIN_EXPLAINED * mass:
            return [Reason(ID, "part of the requirement matches no capability")]
    return []
