"""``qualifier-before``: an unknown name right before a matched phrase narrows it.

"GraphQL API" is not "API", "Kafka integration" is not "integration": when the
word before a matched phrase is a product or technology name (capitalised
mid-sentence, mixed case or an acronym) that nothing in the catalogue
mentions, the catalogue cannot confirm the narrower ask.

Fires: "We need a GraphQL API" against a capability named "REST API" with alias "API".
Does not fire: "We need a public API" (an ordinary word qualifies it).
"""

from __future__ import annotations

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence, looks_like_a_name

ID = "qualifier-before"


def check(evidence: Evidence) -> list[Reason]:
    idx = evidence.index
    spans = evidence.analysis.spans
    text = evidence.analysis.rewritten
    reasons = []
    seen: set[int] = set()
    for positions, doc in evidence.taken:
        first = min(positions)
        if first == 0 or doc not in evidence.candidates or doc in seen:
            continue
        if first - 1 in evidence.analysis.quantity_tokens:
            continue  # "5 TB of document storage": a unit, not a name
        stem_before, word, start, end = spans[first - 1]
        if stem_before in idx.idf or not idx.is_content(stem_before, word):
            continue  # the catalogue knows the word, or it is not a content word
        original = text[start:end]
        if not looks_like_a_name(original, start):
            continue
        if stem_before in evidence.place_tokens:
            continue  # "EU and US regions": a place, which the region checks read
        seen.add(doc)
        cap_id = evidence.candidates[doc].cap_id
        reasons.append(
            Reason(
                ID,
                f"'{original}' narrows the ask to something the catalogue does not mention",
                cap_id,
            )
        )
    return reasons
