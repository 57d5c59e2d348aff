"""``caveat``: an ask that touches a capability's stated limitation goes to a person.

A catalogue's caveats are what a capability does *not* do, or does only in part
("usage-based triggers are not supported", "AWS KMS only; Azure Key Vault is not
supported"). When the requirement asks about what a caveat speaks of, the words
match but the caveat may take the promise back: a person reads the caveat
against the ask. What the capability's own name and aliases say is the ask
itself, not the caveat's subject, and is not counted.

Fires: "Preventive maintenance plans with usage-based triggers" against plans whose
caveat reads "usage-based triggers are not supported".
Does not fire: "Maintenance plans on a monthly calendar" against the same capability.
"""

from __future__ import annotations

from functools import lru_cache

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import FILLER, tokens

ID = "caveat"

#: Distinct words a requirement must share with one caveat (beyond the capability's
#: name and aliases) for the caveat to be about the ask: one shared word is often
#: chance ("users"), two name the same thing ("usage-based triggers").
MIN_SHARED = 2


@lru_cache(maxsize=4096)
def _caveat_words(caveat: str, own: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in tokens(caveat) if not t.isdigit() and t not in own) - FILLER


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    asked = {analysis.toks[k] for k in analysis.content}
    reasons = []
    for cand in evidence.strong():
        doc = evidence.index.docs[cand.doc]
        if not doc.cap.caveats:
            continue
        own = frozenset(t for phrase in doc.phrases for t in phrase.tokens)
        for caveat in doc.cap.caveats:
            if len(asked & _caveat_words(caveat, own)) >= MIN_SHARED:
                reasons.append(
                    Reason(ID, f"{cand.cap_id}: {caveat}: a person must confirm", cand.cap_id)
                )
                break
    return reasons
