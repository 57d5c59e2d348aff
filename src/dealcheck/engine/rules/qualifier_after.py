"""``qualifier-after``: a name after a matched phrase narrows it.

"Support in German", "SSO with Ping Identity": a capitalised word joined to a
matched phrase by a preposition names a language, vendor or target the
capability must mention. Places are not counted (the region check answers
them), nor general IT vocabulary ("for UI mockups"), nor a word another
matched phrase explains ("dashboards with SQL queries" when a query capability matched too).

Fires: "24x7 support in German" against a capability "24x7 support" that never says German.
Does not fire: "24x7 support in the EU" (a place: the region rules decide).
"""

from __future__ import annotations

from dealcheck.engine.candidates import THRESHOLD, Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import GLOSSARY, LEXICON

ID = "qualifier-after"

#: Words that join a qualifier to the phrase it narrows ("support in German"), and the
#: words that may stand between (lexicon.yaml: prepositions, determiners).
PREPOSITIONS = LEXICON.prepositions
JOINERS = PREPOSITIONS | LEXICON.determiners


def check(evidence: Evidence) -> list[Reason]:
    spans = evidence.analysis.spans
    text = evidence.analysis.rewritten
    cands = evidence.candidates
    reasons = []
    for positions, doc in evidence.taken:
        cand = cands.get(doc)
        if cand is None or cand.score < THRESHOLD:
            continue
        others = [
            p for p, d in evidence.taken if d != doc and d in cands and cands[d].score >= THRESHOLD
        ]
        last = max(positions)
        nxt = last + 1
        while nxt < len(spans) and spans[nxt][1] in JOINERS:
            nxt += 1  # prepositions that are not stop words ("across", "inside")
        if nxt >= len(spans) or any(nxt in p for p in others):
            continue  # nothing follows, or another matched ask does
        tok, _, start, end = spans[nxt]
        between = text[spans[last][3] : start].lower().split()
        if not between or not set(between) <= JOINERS or not set(between) & PREPOSITIONS:
            continue
        original = text[start:end]
        if not original[:1].isupper() or not original[:1].isalpha():
            continue
        if (
            tok in evidence.index.docs[doc].weights
            or tok in evidence.place_tokens
            or tok in GLOSSARY
        ):
            continue  # mentioned, a place, or general IT vocabulary
        reasons.append(
            Reason(
                ID, f"'{original}' narrows the ask: {cand.cap_id} never mentions it", cand.cap_id
            )
        )
    return reasons
