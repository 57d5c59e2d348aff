"""``caveat``: an ask that touches a capability's stated limitation goes to a person.

A catalogue's caveats are what a capability does *not* do, or does only in part
("usage-based triggers are not supported", "AWS KMS only; Azure Key Vault is not
supported"). When the requirement asks about what a caveat speaks of, the words
match but the caveat may take the promise back: a person reads the caveat
against the ask. What the capability's own name and aliases say is the ask
itself, not the caveat's subject, and is not counted.

A caveat whose shared words another matched capability explains is that capability's
to answer ("AI features in our on-prem installation": the on-prem caveat "AI features
are not available" beside the capability for AI in air-gapped installations).

Fires: "Preventive maintenance plans with usage-based triggers" against plans whose
caveat reads "usage-based triggers are not supported".
Does not fire: "Maintenance plans on a monthly calendar" against the same capability.
"""

from __future__ import annotations

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

#: Words every caveat uses to say what is not offered, and English function words: they
#: say nothing of the caveat's subject. Stop words are not dropped wholesale: "same" in
#: "same-day" is the subject.
_BOILERPLATE = (
    LEXICON.prepositions
    | LEXICON.determiners
    | frozenset(
        "is are be been being not no nor only and or of by as it this that these those can "
        "cannot may might will would must should does do available availability offered "
        "offer supported support supports provided includes included".split()
    )
)


@lru_cache(maxsize=4096)
def _subject(caveat: str, own: frozenset[str]) -> frozenset[str]:
    """The stems a caveat speaks of, without the capability's own words."""
    return (
        frozenset(stem(w) for w in words(caveat) if w not in _BOILERPLATE and not w.isdigit()) - own
    )


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
            subject = _subject(caveat, own)
            shared = asked & subject
            if any(shared <= set(weights) for weights in others):
                continue  # another matched capability answers what the caveat excludes
            if subject and len(shared) >= min(MIN_SHARED, len(subject)):
                reasons.append(
                    Reason(ID, f"{cand.cap_id}: {caveat}: a person must confirm", cand.cap_id)
                )
                break
    return reasons
