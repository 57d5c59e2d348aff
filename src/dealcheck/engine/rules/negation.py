"""``negation``: a negative requirement is sent to a person.

"The product must not send data to third parties" asks what the product does
*not* do; a catalogue lists what it does, so it cannot confirm the promise and
matching would turn the ask into its opposite. Negations that name a place
("must not be stored outside the EU") are rewritten by the analysis into what
they ask ("only in the EU") and do not fire.

A negation inside a condition ("escalate when an alert isn't acknowledged") is the
trigger of the ask, not the ask, and is not read as one (:mod:`dealcheck.engine.analyse`).

A negation is no doubt when every matched capability's own text negates the same
thing. After a "without", a word in common within the first four words after the
capability's own negation is enough ("close out jobs without mobile signal" against an
offline mode that "keeps working without signal"). After any other
negation the capability must negate the same act of the same things: the first word
the ask negates and two in three of its words, within one negation of one of the
capability's texts (its name, an alias or its description, each read on its own):
"ticket content must not be used to train AI models" against content "never used to
train Kestrel's or a provider's models", but not "file uploads must not be limited in
size" against "no limit on the number of files", nor "admins must not be able to purge
audit logs" against "admins cannot export audit logs". RFP filler ("use", "need") counts
for nothing.

An aside that excludes an alternative ("Hosted Linux runners (not self-hosted)",
"generally available (not beta)") leaves the ask as it is; its words match nothing
(engine/match.py skips a phrase that reaches into it), and a matched capability that
*is* the alternative is in doubt: one of its names is the alternative beside what is
asked ("Self-hosted runners"), its status is ("beta"), a caveat keeps it to the
alternative ("AWS KMS only" for "(not AWS)"), or it offers every word of the
alternative and does not explain the rest of the ask. A capability that takes the
alternative back ("Same-day ACH is not supported") or offers it beside what is asked
("Maven (not npm)" of a registry for both) is not: "Slack integration (not Microsoft
Teams)" stands, "Hosted runners (not self-hosted)" against self-hosted runners does not.

Fires: "Customer data must never be used to train AI models." (against a catalogue
that says nothing of it)
Does not fire: "Data must not be stored outside the EU." (read as residency in the EU)
"""

from __future__ import annotations

import math
import re

from dealcheck.catalog.model import Capability
from dealcheck.engine.analyse import without_asides
from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence, kept_to
from dealcheck.engine.text import FILLER, STOPWORDS, offered_clauses, stem, tokens, words

ID = "negation"

#: Words after a negation of the ask that say what is negated (content words).
AFTER_NEGATION = 3
#: Share of those words one negation of the capability's own text must hold (with the
#: first of them, the act or thing negated).
SAME_SHARE = 2 / 3
#: How a capability's own text negates something, and the words after it that say what
#: ("without signal", "no upfront schema", "is never used to train ... models"): up to
#: six words, of which a "without" ask reads the first four (one word in common is
#: agreement there, so the window stays short: "No split tunnelling is offered to VPN
#: users" says nothing of working without a VPN).
_ITS_NEGATION = re.compile(
    r"\b(?:without|no|not|never|cannot|free\s+of|\w+n't)\s+((?:[\w'-]+\s+){0,5}[\w'-]+)", re.I
)
#: Words after a capability's negation a "without" ask is compared with.
WITHOUT_WINDOW = 4


def _meaning_words(text: str, limit: int | None = None) -> list[str]:
    found = [w for w in words(text) if w not in STOPWORDS and w not in FILLER]
    return [stem(w) for w in found[:limit]]


def _negated_by(cap: Capability, window: int | None) -> list[set[str]]:
    """What each negation in the capability's texts negates (the meaning words of up to
    ``window`` words after it): its name, each alias and its description read on their
    own (a negation never runs from one into the next)."""
    return [
        set(_meaning_words(" ".join(m.group(1).split()[:window])))
        for text in (cap.name, *cap.aliases, cap.description or "", *cap.caveats)
        for m in _ITS_NEGATION.finditer(text)
    ]


def _same(without: bool, wanted: list[str], cap: Capability) -> bool:
    if without:
        return any(set(wanted) & s for s in _negated_by(cap, WITHOUT_WINDOW))
    need = math.ceil(SAME_SHARE * len(wanted))
    return any(wanted[0] in s and len(set(wanted) & s) >= need for s in _negated_by(cap, None))


def _said_by(evidence: Evidence, wanted: list[tuple[bool, list[str]]]) -> bool:
    """Whether every answer's own text negates what each negation of the ask negates."""
    strong = evidence.strong()
    if not strong:
        return False
    for cand in strong:
        cap = evidence.index.docs[cand.doc].cap
        if not all(_same(without, part, cap) for without, part in wanted):
            return False
    return True


def _excluded(evidence: Evidence) -> list[Reason]:
    """A doubt on each answer that is what a "(not X)" aside excludes."""
    analysis = evidence.analysis
    asked = set(tokens(without_asides(analysis.text)))
    idx = evidence.index
    # What the ask itself is made of, as the matcher reads it (the asides are no part).
    content = {analysis.toks[k] for k in analysis.content}
    reasons = []
    for aside in analysis.excluded:
        distinct = set(tokens(aside)) - asked
        if not distinct:
            continue
        for cand in evidence.strong():
            cap = idx.docs[cand.doc].cap
            names = [set(tokens(text)) for text in (cap.name, *cap.aliases)]
            named = set().union(*names)
            # What it offers: not what its caveats or description take back ("Same-day
            # ACH is not supported") or negate ("without stored secrets").
            texts = [c for t in (cap.description or "", *cap.caveats) for c in offered_clauses(t)]
            offered = named | {w for text in texts for w in tokens(text)}
            offered -= {w for negated in _negated_by(cap, None) for w in negated}
            # It is X: a name of it is X beside what is asked ("Self-hosted runners" for
            # "Hosted runners (not self-hosted)"; not "secure FTP" for "SFTP import (not
            # FTP)"), it is in that state ("(not beta)"), it keeps to X, or it offers X
            # and not all that is asked ("Hosted Linux runners" of self-hosted runners).
            # One offering X beside what is asked ("Maven (not npm)" of a registry for
            # both) answers.
            only = kept_to(idx, cand.doc)
            is_x = (
                any(name - asked == distinct for name in names)
                or distinct <= set(tokens(cap.status.replace("-", " ")))
                # It keeps to X ("AWS KMS only" for "Customer-managed keys (not AWS)").
                or (only is not None and distinct <= set(tokens(" ".join(offered_clauses(only)))))
                or (distinct <= offered and not content <= set(idx.docs[cand.doc].weights))
            )
            if is_x:
                reasons.append(
                    Reason(
                        ID,
                        f"asks for something other than '{aside}', which {cand.cap_id}"
                        " speaks of: a person must confirm",
                        cand.cap_id,
                    )
                )
    return reasons


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    if analysis.excluded:
        excluded = _excluded(evidence)
        if excluded:
            return excluded
    if not analysis.negative:
        return []
    wanted = [(without, _meaning_words(tail, AFTER_NEGATION)) for without, tail in analysis.negated]
    if wanted and all(part for _, part in wanted) and _said_by(evidence, wanted):
        return []
    return [Reason(ID, "negative requirement: a person must confirm what the product does not do")]
