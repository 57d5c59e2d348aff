"""``prefixed``: a word written with a prefix that changes what is done is another word.

"Approvers must re-approve a change request if it is edited" asks for approval *again*,
which a capability for change approvals does not say it does; "re-record a voicemail
greeting" is no ask for call recording. A word of the ask written with such a prefix
and a hyphen (lexicon.yaml ``verb_prefixes``: "re-", "de-", "un-", "pre-", "non-", "co-")
is not the bare word a capability explains: where an answer explains the bare word but
none of its texts writes the prefix, a person reads the ask.

Fires: "Approvers must re-approve a change request" against "Change approvals: approve
changes before they are deployed".
Does not fire: "Approvers must approve a change request", nor "re-approve" against a
capability whose text says approvals are required again after an edit ("re-approval").
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, fold

ID = "prefixed"

PREFIXES = LEXICON.verb_prefixes
#: What joins a prefix to its word: a hyphen, a non-breaking hyphen, an en or em dash, as
#: word processors write them ("re–approve"), a hyphen after a space ("re -approve"), or
#: the parenthesis of "(re)approve".
_DASHES = frozenset({"-", "\u2010", "\u2011", "\u2013", "\u2014", " -", ")"})


def check(evidence: Evidence) -> list[Reason]:
    strong = evidence.strong()
    if not strong:
        return []
    analysis = evidence.analysis
    spans, text = analysis.spans, analysis.rewritten
    idx = evidence.index
    reasons = []
    for k in range(len(spans) - 1):
        prefix = spans[k][1]
        if prefix not in PREFIXES or text[spans[k][3] : spans[k + 1][2]] not in _DASHES:
            continue
        bare = spans[k + 1][0]
        for c in strong:
            doc = idx.docs[c.doc]
            if bare not in doc.weights:
                continue
            said = re.compile(rf"\b{prefix}[-\s]?{re.escape(bare)}")
            if any(
                said.search(fold(t))
                for t in (
                    doc.cap.name,
                    *doc.cap.aliases,
                    doc.cap.description or "",
                    *doc.cap.caveats,
                )
            ):
                continue
            written = text[spans[k][2] : spans[k + 1][3]]
            reasons.append(
                Reason(
                    ID,
                    f"'{written}' is not '{text[spans[k + 1][2] : spans[k + 1][3]]}':"
                    f" {c.cap_id} never says '{prefix}-': a person must confirm",
                    c.cap_id,
                )
            )
    return reasons
