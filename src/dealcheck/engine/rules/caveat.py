"""``caveat``: an ask about what a capability's caveat takes back is not promised.

A catalogue's caveats are what a capability does *not* do, or does only in part
("usage-based triggers are not supported", "AWS KMS only; Azure Key Vault is not
supported"). When the requirement asks about what a caveat speaks of, the words
match but the caveat may take the promise back: a person reads the caveat
against the ask. What the capability's own name and aliases say is the ask
itself, not the caveat's subject, and is not counted.

Only a clause that takes something back counts ("not", "no", "except"): "Shared under
NDA through the trust portal" states a condition, "Executive summary only" what is
offered.

A caveat whose shared words another matched capability explains is that capability's
to answer ("AI features in our on-prem installation": the on-prem caveat "AI features
are not available" beside the capability for AI in air-gapped installations).

The reason *rules the capability out* (``Reason.rules_out``): the catalogue says in
so many words that it does not do this, so where the capability is the requirement's
best match the answer is ``unsupported``, quoting the caveat, not ``unknown``.

Fires: "Preventive maintenance plans with usage-based triggers" against plans whose
caveat reads "usage-based triggers are not supported".
Does not fire: "Maintenance plans on a monthly calendar" against the same capability.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, stem, words

ID = "caveat"

#: Distinct words a requirement must share with one caveat (beyond the capability's
#: name and aliases) for the caveat to be about the ask: one shared word is often
#: chance ("users"), two name the same thing ("usage-based triggers"). A caveat whose
#: subject is a single word ("Same-day ACH is not supported": "same day") needs that.
MIN_SHARED = 2

#: Words a caveat uses to say what is (not) offered, and the joining words: they say
#: nothing of its subject (lexicon.yaml: caveat_boilerplate, prepositions, determiners).
#: Stop words are not dropped wholesale: "same" in "same-day" is the subject.
_BOILERPLATE = LEXICON.caveat_boilerplate | LEXICON.prepositions | LEXICON.determiners


#: A caveat clause that takes something back ("not", "no", "except", ...). A clause
#: without one states a condition ("Shared under NDA through the trust portal") or what
#: is offered ("Executive summary and remediation letter only"): an ask for that is met.
_LIMITS = re.compile(
    r"\b(?:not|no|never|cannot|can't|except|excluding|without|unavailable|unsupported)\b"
    r"|n't\b",
    re.I,
)
#: Where a caveat's clauses part.
_CLAUSES = re.compile(r"[;.]\s*|\s+but\s+", re.I)


@lru_cache(maxsize=4096)
def _subjects(caveat: str, own: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The stems each limiting clause of a caveat speaks of, without the capability's own
    words: "the full report is not shared" speaks of "full"."""
    found = []
    for clause in _CLAUSES.split(caveat):
        if not _LIMITS.search(clause):
            continue
        subject = (
            frozenset(stem(w) for w in words(clause) if w not in _BOILERPLATE and not w.isdigit())
            - own
        )
        if subject:
            found.append(subject)
    return tuple(found)


def _touches(asked: set[str], subject: frozenset[str], others: list[dict[str, float]]) -> bool:
    shared = asked & subject
    if not shared or any(shared <= set(weights) for weights in others):
        return False  # nothing shared, or another matched capability answers it
    return len(shared) >= min(MIN_SHARED, len(subject))


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    asked = {stem(w) for w in words(analysis.text)}
    reasons = []
    strong = evidence.strong()
    for cand in strong:
        doc = evidence.index.docs[cand.doc]
        if not doc.cap.caveats:
            continue
        own = frozenset(t for phrase in doc.phrases for t in phrase.tokens)
        others = [evidence.index.docs[c.doc].weights for c in strong if c.doc != cand.doc]
        for caveat in doc.cap.caveats:
            if any(_touches(asked, subject, others) for subject in _subjects(caveat, own)):
                reasons.append(
                    Reason(
                        ID,
                        f"{cand.cap_id}: {caveat}: a person must confirm",
                        cand.cap_id,
                        rules_out=f"the caveat rules out what is asked: {caveat}",
                    )
                )
                break
    return reasons
