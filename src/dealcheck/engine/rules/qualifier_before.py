"""``qualifier-before``: an unknown name right before a matched phrase narrows it.

"GraphQL API" is not "API", "Kafka integration" is not "integration": when the
word before a matched phrase is a product or technology name (capitalised
mid-sentence, mixed case or an acronym) that nothing in the catalogue
mentions, the catalogue cannot confirm the narrower ask. A term of the glossary is such
a name however it is written: "24/7 phone support" (every hour of every day) is not
"phone support", unless a caveat of the capability offers it ("24/7 phone support is
available on the enterprise edition only": a condition the evaluation applies).

Fires: "We need a GraphQL API" against a capability named "REST API" with alias "API".
Does not fire: "We need a public API" (an ordinary word qualifies it).
"""

from __future__ import annotations

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence, looks_like_a_name
from dealcheck.engine.text import LEXICON, stem

ID = "qualifier-before"

#: The glossary's terms as the matcher reads them ("24x7", "sso"): concepts with a name.
GLOSSARY_TERMS = frozenset(stem(term) for term in LEXICON.glossary)


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
        if stem_before in GLOSSARY_TERMS and any(
            stem_before in idx.canon.tokens(caveat) for caveat in idx.docs[doc].cap.caveats
        ):
            continue  # "24/7 phone support is available on Enterprise only": a condition
        original = text[start:end]
        if not looks_like_a_name(original, start) and stem_before not in GLOSSARY_TERMS:
            continue  # an ordinary word; a term of the glossary ("24/7") is a name here
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
