"""``negation``: a negative requirement is sent to a person.

"The product must not send data to third parties" asks what the product does
*not* do; a catalogue lists what it does, so it cannot confirm the promise and
matching would turn the ask into its opposite. Negations that name a place
("must not be stored outside the EU") are rewritten by the analysis into what
they ask ("only in the EU") and do not fire.

A negation inside a condition ("escalate when an alert isn't acknowledged") is the
trigger of the ask, not the ask, and is not read as one (:mod:`dealcheck.engine.analyse`).

"Without X" is no negation when the matched capability itself is about working
without X ("close out jobs without mobile signal" against an offline mode that
"keeps working without signal"): the capability's own text says the same.

Fires: "Customer data must never be used to train AI models."
Does not fire: "Data must not be stored outside the EU." (read as residency in the EU)
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import STOPWORDS, stem, words

ID = "negation"

#: Words after "without" that say what is done without (up to this many content words).
AFTER_WITHOUT = 3
#: How the capability's own text says it works without something.
_ITS_WITHOUT = re.compile(r"\b(?:without|no|free\s+of)\s+((?:[\w-]+\s+){0,2}[\w-]+)", re.I)


def _after(tail: str) -> set[str]:
    found = [w for w in words(tail) if w not in STOPWORDS][:AFTER_WITHOUT]
    return {stem(w) for w in found}


def _said_by(evidence: Evidence, wanted: set[str]) -> bool:
    """Whether every answer's own text works without one of ``wanted``."""
    strong = evidence.strong()
    if not strong:
        return False
    for cand in strong:
        cap = evidence.index.docs[cand.doc].cap
        own = " ".join((cap.name, *cap.aliases, cap.description or ""))
        said = {stem(w) for m in _ITS_WITHOUT.finditer(own) for w in words(m.group(1))}
        if not said & wanted:
            return False
    return True


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    if not analysis.negative:
        return []
    if analysis.without:
        wanted = set().union(*(_after(tail) for tail in analysis.without))
        if wanted and _said_by(evidence, wanted):
            return []
    return [Reason(ID, "negative requirement: a person must confirm what the product does not do")]
