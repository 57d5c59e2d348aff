"""``negation``: a negative requirement is sent to a person.

"The product must not send data to third parties" asks what the product does
*not* do; a catalogue lists what it does, so it cannot confirm the promise and
matching would turn the ask into its opposite. Negations that name a place
("must not be stored outside the EU") are rewritten by the analysis into what
they ask ("only in the EU") and do not fire.

A negation inside a condition ("escalate when an alert isn't acknowledged") is the
trigger of the ask, not the ask, and is not read as one (:mod:`dealcheck.engine.analyse`).

A negation is no doubt when every matched capability's own text negates the same
thing: "close out jobs without mobile signal" against an offline mode that "keeps
working without signal", "ticket content must not be used to train AI models"
against a capability whose content "is never used to train" models. The words
compared are the first content words after each negation, RFP filler ("use",
"need", "provide") left out, so that a shared verb of asking is no agreement.

Fires: "Customer data must never be used to train AI models." (against a catalogue
that says nothing of it)
Does not fire: "Data must not be stored outside the EU." (read as residency in the EU)
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import FILLER, STOPWORDS, stem, words

ID = "negation"

#: Words after a negation that say what is negated (up to this many content words).
AFTER_NEGATION = 3
#: How a capability's own text negates something ("without signal", "no upfront schema",
#: "is never used to train", "don't count towards").
_ITS_NEGATION = re.compile(
    r"\b(?:without|no|not|never|cannot|free\s+of|\w+n't)\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.I
)


def _meaning_words(text: str, limit: int) -> set[str]:
    found = [w for w in words(text) if w not in STOPWORDS and w not in FILLER][:limit]
    return {stem(w) for w in found}


def _said_by(evidence: Evidence, wanted: list[set[str]]) -> bool:
    """Whether every answer's own text negates something of each negated part."""
    strong = evidence.strong()
    if not strong:
        return False
    for cand in strong:
        cap = evidence.index.docs[cand.doc].cap
        own = " ".join((cap.name, *cap.aliases, cap.description or ""))
        said = set().union(
            *(_meaning_words(m.group(1), AFTER_NEGATION) for m in _ITS_NEGATION.finditer(own))
        )
        if not all(part & said for part in wanted):
            return False
    return True


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    if not analysis.negative:
        return []
    wanted = [_meaning_words(tail, AFTER_NEGATION) for tail in analysis.negated]
    if wanted and all(wanted) and _said_by(evidence, wanted):
        return []
    return [Reason(ID, "negative requirement: a person must confirm what the product does not do")]
