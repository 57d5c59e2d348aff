"""``qualifier-before``: an unknown name right before a matched phrase narrows it.

"GraphQL API" is not "API", "Kafka integration" is not "integration": when the
word before a matched phrase is a product or technology name (capitalised
mid-sentence, mixed case or an acronym) that nothing in the catalogue
mentions, the catalogue cannot confirm the narrower ask.

So does a word the matched capability never uses that the catalogue uses only in the
name and an alias of one other capability, not asked for ("*duplicate* expense claims"
where only "Duplicate invoice detection" says "duplicate"): it asks for that one's
feature on this one's object.

Fires: "We need a GraphQL API" against a capability named "REST API" with alias "API".
Does not fire: "We need a public API" (an ordinary word qualifies it).

A text's first word is capitalised whatever it is, so there it is a name only where the
capability works with named things only and the word is no English word: "Sitecore CMS
connector" against CMS connectors for "WordPress and Contentful only".
"""

from __future__ import annotations

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence, looks_like_a_name, model_of_listed
from dealcheck.engine.vocabulary import is_real_word

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
        other = _named_for(evidence, doc, first - 1)
        if other is not None:
            # "duplicate expense claims": a word the matched capability never uses, which
            # the catalogue uses only to name another capability ("Duplicate invoice
            # detection"), asks for that one's feature on this one's object.
            seen.add(doc)
            reasons.append(
                Reason(
                    ID,
                    f"'{text[start:end]}' narrows the ask: {evidence.candidates[doc].cap_id}"
                    f" never mentions it, and the catalogue uses it only for {other}",
                    evidence.candidates[doc].cap_id,
                )
            )
            continue
        if stem_before in idx.idf or not idx.is_content(stem_before, word):
            continue  # the catalogue knows the word, or it is not a content word
        if stem_before in idx.docs[doc].offered_tokens:
            continue  # "a Java server library" against "Java, Python and PHP only"
        original = text[start:end]
        if not looks_like_a_name(original, start) and not _first_name_of_a_list(
            evidence, doc, original, start
        ):
            continue
        if stem_before in evidence.place_tokens:
            continue  # "EU and US regions": a place, which the region checks read
        if model_of_listed(idx, [doc], evidence.analysis, first - 1):
            continue
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


def _first_name_of_a_list(evidence: Evidence, doc: int, original: str, start: int) -> bool:
    """The text's first word, capitalised as every first word is, read as a name where the
    capability works with named things only ("WordPress and Contentful only") and the word
    is no English word at all: "Sitecore CMS connector" asks for one more of those
    things. (Not elsewhere: a first word outside the English list is as often an
    everyday one, "Admins", "Pls".)"""
    return (
        start == 0
        and original[:1].isupper()
        and bool(evidence.index.docs[doc].offered_tokens)
        and not is_real_word(original)
    )


def _named_for(evidence: Evidence, doc: int, k: int) -> str | None:
    """The other capability a catalogue word right before a matched phrase belongs to:
    the word is in no text of the matched capability, and in the whole catalogue only in
    the name and an alias of one other capability. None otherwise."""
    idx = evidence.index
    stem_before, word = evidence.analysis.spans[k][0], evidence.analysis.spans[k][1]
    if (
        stem_before not in idx.idf
        or not idx.is_content(stem_before, word)
        or stem_before in idx.docs[doc].weights
        # ("Microsoft SQL Server" against "PostgreSQL, MySQL, Microsoft SQL Server ...
        # only": the caveat names it as what the capability works with.)
        or stem_before in idx.docs[doc].offered_tokens
        or k in evidence.explained_positions
        or k in evidence.analysis.purpose
        or stem_before in evidence.place_tokens
    ):
        return None
    # Right before it in the same clause ("provisioning, with an audit trail" is two asks).
    if not any(k in clause and k + 1 in clause for clause in evidence.analysis.clauses):
        return None
    users = [d for d, other in enumerate(idx.docs) if stem_before in other.weights]
    if len(users) != 1 or users[0] == doc:
        return None
    if any(c.doc == users[0] for c in evidence.strong()):
        return None  # the other capability is asked for too
    other = idx.docs[users[0]]
    in_alias = any(stem_before in p.tokens for p in other.phrases if p.kind == "alias")
    return other.cap.id if stem_before in other.name_tokens and in_alias else None
