"""``unlimited``: no limit, forever, indefinitely: only a catalogue that says so can promise it.

A catalogue states finite limits. A requirement for "unlimited storage" or
"audit logs retained forever" asks for more than any stated limit, so a
capability that never says "unlimited" cannot confirm it.

Where the capability states a finite limit on the metric the ask is about, the
catalogue rules it out (``Reason.rules_out``) and the answer is ``unsupported``,
naming the limit. The metric is the one the requirement names, or the capability's
only limit of the right kind: one where more is better, and a duration when the ask
is for time ("forever", "indefinitely", "never expires"). Otherwise a person decides.

Fires: "Audit logs retained forever" against an audit log with a retention limit
(and rules it out).
Does not fire: "Audit logs retained for 7 years" (a quantity: the limit decides).
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import stem
from dealcheck.units import parse_unit

ID = "unlimited"

UNLIMITED = re.compile(
    r"\b(?:unlimited|unmetered|unrestricted|uncapped|infinite|limitless|forever|indefinitely"
    # "permanently deleted" (or "deleted permanently") asks for deletion, not keeping
    r"|in\s+perpetuity|(?<!deleted\s)(?<!purged\s)(?<!erased\s)(?<!removed\s)"
    r"permanently(?!\s+(?:delet|purg|eras|remov|destroy|wip))"
    r"|never\s+(?:expires?|deleted|purged)"
    r"|(?:no|without(?:\s+an?)?)\s+(?:expiry|expiration|expiry\s+date|end\s+date)"
    r"|no\s+(?:upper\s+|hard\s+)?(?:limits?|caps?|quotas?|restrictions?\s+on\s+(?:the\s+)?number)"
    r"|without\s+(?:any\s+)?(?:limits?|caps?|quotas?))\b",
    re.I,
)


#: The asks for no limit that are about time: they concern a duration metric.
TIMELESS = re.compile(
    r"\b(?:forever|indefinitely|in\s+perpetuity|permanently|never\s+(?:expires?|deleted|purged)"
    r"|expiry|expiration|end\s+date)\b",
    re.I,
)


def asks_for_no_limit(text: str) -> bool:
    return UNLIMITED.search(text) is not None


def _limited_metric(evidence: Evidence, doc: int) -> str | None:
    """The metric of the capability's stated limits the ask for none is about, or None."""
    analysis = evidence.analysis
    catalog = evidence.index.catalog
    timeless = TIMELESS.search(analysis.text) is not None
    kinds = []
    for name in evidence.index.docs[doc].cap.limits:
        metric = catalog.metrics.get(name)
        if metric is None or metric.better != "higher":
            continue
        unit = parse_unit(metric.unit)
        if timeless and (unit is None or unit[0] != "time"):
            continue
        kinds.append(name)
    named = [name for name in kinds if any(m == name for _, _, m in analysis.metric_mentions)]
    if len(named) == 1:
        return named[0]
    return kinds[0] if len(kinds) == 1 and not named else None


def _limit_text(limit: float | dict[str, float], unit: str) -> str:
    if isinstance(limit, dict):
        return ", ".join(f"{edition}: {value:g} {unit}" for edition, value in limit.items())
    return f"{limit:g} {unit}"


def check(evidence: Evidence) -> list[Reason]:
    if not asks_for_no_limit(evidence.analysis.text):
        return []
    word = stem("unlimited")
    reasons = []
    for c in evidence.strong():
        doc = evidence.index.docs[c.doc]
        if word in doc.weights:
            continue
        metric = _limited_metric(evidence, c.doc)
        rules_out = None
        if metric is not None:
            unit = evidence.index.catalog.metrics[metric].unit
            stated = _limit_text(doc.cap.limits[metric], unit)
            rules_out = f"{metric} is limited ({stated}): no edition offers it without a limit"
        reasons.append(
            Reason(
                ID,
                f"asks for no limit: {c.cap_id} states none, a person must confirm",
                c.cap_id,
                rules_out=rules_out,
            )
        )
    return reasons
