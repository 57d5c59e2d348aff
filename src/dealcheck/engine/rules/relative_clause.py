"""``relative-clause``: a clause that says what a matched capability must do narrows it.

"Slack integration that posts meeting summaries to a channel", "Technical support
available in French", "Chat channels shared with partner organisations", "Webhooks should
include the full document body": the words after a matched phrase, joined to it by a
relative pronoun ("that", "which", "who"), by a word saying to whom or how it is
available ("available", "accessible", "shared", ..., perhaps after "must be"), by a modal
and its verb ("should include", "must support"; not "must not", the negation rule's) or
by "to" and a verb every ask is wrapped in ("the REST API to support bulk deletes"), ask
for something narrower than the phrase. When the
matched capabilities explain too little of those words, the catalogue cannot confirm
the narrower ask: a person must. Where the product runs or data is kept is the
deployment and region checks' to judge, what a caveat of theirs speaks of the caveat
rule's. Where no joining word follows the phrase itself, the phrase is carried over the
words right after it that the capability's own text holds ("*Order approval* workflows
where approvers sign off by email"). An answer found without a phrase (by its words or
meaning) is read against the first "which", "who" or "where" clause in the requirement.

Fires: "REST API available to our resellers" when the API's text never speaks of
resellers; "The REST API should accept bulk deletes" when it never speaks of deletes.
Does not fire: "Audit log that records who did what" (the capability's own words), nor
"Audit log to investigate incidents" (what for, not what it must do), nor
"Audit logs that must be kept for 90 days" (a quantity: the limits decide), nor on the
words of a place ("available in our on-premises deployment") or of an edition named as
one ("available on the Enterprise plan").
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import THRESHOLD, Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.rules import Evidence, carried_over
from dealcheck.engine.rules.unexplained_name import outside_the_list
from dealcheck.engine.text import LEXICON, alternation

ID = "relative-clause"

#: Words that ask nothing of the capability: prepositions and determiners ("across",
#: "inside") join words; words of where a product runs or data is kept ("in our
#: on-premises deployment", "hosted in the UK") are the deployment and region checks'.
NEUTRAL = (
    LEXICON.prepositions
    | LEXICON.determiners
    | LEXICON.deployment_context
    | LEXICON.residency_words
    # how often ("must refresh hourly"): the frequency rule's to judge
    | {w for forms in LEXICON.frequencies for form in forms for w in form.split()}
)

#: What joins the clause to the phrase before it: a relative pronoun, or a word of
#: availability (lexicon.yaml: availability_words), either after a modal and "be"
#: ("must be available", "should be shared").
_MODAL = r"(?:(?:must|should|shall|will|can|needs?\s+to|has\s+to|have\s+to)\s+)?(?:be\s+)?"
_JOIN = re.compile(
    r"\s*,?\s*(?:(?:that|which|who|whose|where)\b|"
    + _MODAL
    + r"(?:"
    + alternation(LEXICON.availability_words, any_space=False)
    + r")\b"
    # ... or a modal and the verb of what it must do ("Webhooks *should include* the full
    # document body", "The web SDK *must support* Safari 12"); not a negation, which is
    # the negation rule's ("must not require a kernel module").
    + r"|(?:must|should|shall|will|can|needs?\s+to|has\s+to|have\s+to)\s+"
    + r"(?!(?:be|not|never|no\s+longer)\b)[a-z]+\b"
    # ... or "to" and a verb RFPs wrap every ask in ("the REST API *to support* bulk
    # deletes"); not another verb, which says what for ("DLP to stop staff pasting").
    + r"|to\s+(?:support|allow|enable|provide|include|offer)\b)",
    re.I,
)
#: A relative pronoun that only ever starts a relative clause.
_RELATIVE = re.compile(r"\s*,?\s*(?:which|who|where)\b", re.I)
#: The clause's content words must weigh at least this share of the rarest word's idf
#: to be an ask ("that works well" is not).
MIN_MASS = 0.5
#: The clause narrows the capability when the matched capabilities leave at least this
#: share of its weight unexplained.
UNEXPLAINED_SHARE = 0.5


def _place_words(idx: CatalogIndex, text: str) -> frozenset[str]:
    """The tokens of every name of the regions and deployments ``text`` names."""
    regions, deployments = idx.places_named(text)
    names = [w for w, r in idx.region_words.items() if r in regions]
    names += [w for w, d in idx.deployment_words.items() if d in deployments]
    return frozenset(t for name in names for t in idx.canon.tokens(name))


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    spans, text = analysis.spans, analysis.rewritten
    cands = evidence.candidates
    idx = evidence.index
    clause_of = {k: n for n, clause in enumerate(analysis.clauses) for k in clause}
    content = set(analysis.content)
    strong = [c.doc for c in evidence.strong()]
    reasons: list[Reason] = []
    editions = idx.edition_tokens
    named_edition = {
        j
        for k in range(len(spans) - 1)
        if spans[k][0] in editions and spans[k + 1][1] in LEXICON.edition_units
        for j in (k, k + 1)
    }
    # Where each answer's words end: its phrases; for an answer the words or the meaning
    # found without a phrase, the word the first relative clause follows.
    anchors = [(frozenset(p), d) for p, d in evidence.taken]
    phrased = {d for _, d in evidence.taken}
    # Only a pronoun that cannot start another kind of clause: "confirmation *that* it
    # was erased" says what is confirmed, "a portal *where* customers print" what the
    # portal must do.
    first_join = next(
        (k for k in range(len(spans) - 1) if _RELATIVE.match(text, spans[k][3]) is not None),
        None,
    )
    if first_join is not None:
        anchors += [(frozenset({first_join}), d) for d in strong if d not in phrased]
    for positions, doc in anchors:
        cand = cands.get(doc)
        if cand is None or cand.score < THRESHOLD or cand.rejections:
            continue
        if any(r.capability == cand.cap_id for r in reasons):
            continue  # one reason per capability ("REST API", "API")
        last = max(positions)
        m = _JOIN.match(text, spans[last][3])
        if m is None:
            # The phrase carried over the words right after it that the capability's own
            # text holds ("*order approval* workflows where ...").
            elsewhere = frozenset(k for p, d in evidence.taken if d != doc for k in p)
            last = carried_over(evidence, doc, last, elsewhere)
            m = _JOIN.match(text, spans[last][3])
        if m is None:
            continue
        clause = clause_of.get(last)
        words = [
            k
            for k in range(last + 1, len(spans))
            if clause_of.get(k) == clause
            and spans[k][2] >= m.end()
            and k in content
            and k not in evidence.explained_positions - positions
            and k not in analysis.quantity_tokens
            and spans[k][1] not in NEUTRAL
        ]
        if words:
            # The words of a place the clause names ("in our on-premises deployment")
            # are the place checks' to judge.
            places = _place_words(idx, text[m.end() : spans[words[-1]][3]])
            words = [k for k in words if spans[k][0] not in places]
            # An edition named as one ("on the Enterprise plan") is the evaluation's.
            words = [k for k in words if k not in named_edition]
        toks = [spans[k][0] for k in words]
        mass = sum(idx.idf_of(t) for t in toks)
        if mass < MIN_MASS * idx.max_idf:
            continue
        # Places are the region rules' to judge.
        explained: set[str] = set(evidence.place_tokens) | LEXICON.concepts
        for other in {doc, *strong}:
            explained.update(idx.docs[other].weights)
            # What a caveat speaks of ("captions in English and Japanese only") is the
            # caveat rule's to judge.
            for caveat in idx.docs[other].cap.caveats:
                explained.update(idx.canon.tokens(caveat))
        missing = [k for k, t in zip(words, toks) if t not in explained]
        if sum(idx.idf_of(spans[k][0]) for k in missing) < UNEXPLAINED_SHARE * mass:
            continue
        said = text[m.start() : spans[words[-1]][3]].strip(" ,")
        # A name the clause holds outside the list the capability keeps to ("available in
        # Japanese" against "English, French, German and Spanish only") is not offered,
        # as the qualifier rule reads a name joined by a preposition.
        names = [
            text[spans[k][2] : spans[k][3]]
            for k in missing
            if text[spans[k][2] : spans[k][2] + 1].isupper()
        ]
        reasons.append(
            Reason(
                ID,
                f"'{said}' narrows the ask: {cand.cap_id} never says so",
                cand.cap_id,
                rules_out=outside_the_list(evidence, doc, names) if names else None,
            )
        )
    return reasons
