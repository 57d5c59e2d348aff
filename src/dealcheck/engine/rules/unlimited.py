"""``unlimited``: no limit, forever, indefinitely: only a catalogue that says so can promise it.

A catalogue states finite limits. A requirement for "unlimited storage" or
"audit logs retained forever" asks for more than any stated limit, so a
capability that never says "unlimited" cannot confirm it.

Fires: "Audit logs retained forever" against an audit log with a retention limit.
Does not fire: "Audit logs retained for 7 years" (a quantity: the limit decides).
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import stem

ID = "unlimited"

UNLIMITED = re.compile(
    r"\b(?:unlimited|unmetered|unrestricted|uncapped|infinite|limitless|forever|indefinitely"
    r"|in\s+perpetuity|permanently|never\s+(?:expires?|deleted|purged)"
    r"|(?:no|without(?:\s+an?)?)\s+(?:expiry|expiration|expiry\s+date|end\s+date)"
    r"|no\s+(?:upper\s+|hard\s+)?(?:limits?|caps?|quotas?|restrictions?\s+on\s+(?:the\s+)?number)"
    r"|without\s+(?:any\s+)?(?:limits?|caps?|quotas?))\b",
    re.I,
)


def asks_for_no_limit(text: str) -> bool:
    return UNLIMITED.search(text) is not None


def check(evidence: Evidence) -> list[Reason]:
    if not asks_for_no_limit(evidence.analysis.text):
        return []
    word = stem("unlimited")
    return [
        Reason(ID, f"asks for no limit: {c.cap_id} states none, a person must confirm", c.cap_id)
        for c in evidence.strong()
        if word not in evidence.index.docs[c.doc].weights
    ]
