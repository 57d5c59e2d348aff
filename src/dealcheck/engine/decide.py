"""The decision: evidence from the signals and the rules in; matches and a confidence out.

* A candidate is an answer when a signal scored it at least ``THRESHOLD`` and no
  rule rejected it.
* The confidence is the weakest answer's score, lowered when much of the
  requirement's specific wording is explained by none of the answers
  (``RESIDUAL_FREE`` and ``RESIDUAL_PENALTY``). Beside an amount on a metric an answer
  limits, the words that frame the amount ("we *expect* 1,000 agents at *peak*") are
  not wording left unexplained.
* Any rule's doubt, about a candidate or the whole requirement, keeps the
  confidence below the threshold: the requirement goes to a person, with the
  reason as the explanation. A condition (an edition or add-on a caveat ties the
  ask to) is no doubt: the evaluation applies it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dealcheck.engine.candidates import THRESHOLD, Candidate, Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.rules.caveat import condition_clauses
from dealcheck.engine.text import LEXICON, stem, tokens

#: Share of the requirement's content (by idf mass) that may be left unexplained by the
#: answers before the confidence drops: qualifiers and context words are normal.
RESIDUAL_FREE = 0.34
#: When every answer's meaning was confirmed by the semantic ranking agreeing with the
#: words, more of the wording may differ from the catalogue's (a paraphrase is made of
#: other words): half, not a third.
AGREED_RESIDUAL_FREE = 0.5
#: ... where that agreement is itself clear: the meaning's similarity reaches what the
#: semantic ranking is trusted at alone (``match.MIN_SEMANTIC_ALONE``). A weak agreement
#: ("Accident reconstruction report for our insurer after a crash" against crash
#: detection, 0.44) already lifted the words' score to the agreed one; it does not also
#: let half of the ask go unexplained. On the development part: two false promises
#: fewer, three answers lost; held-out unchanged.
AGREED_FREE_SIMILARITY = 0.45
#: How fast the confidence falls per unit of unexplained share beyond RESIDUAL_FREE.
RESIDUAL_PENALTY = 1.2
#: The most words left unexplained beside a quantity for the quantity's own noun to count
#: as explained wording ("We sell in 25 currencies *worldwide*", "eight thousand laptops
#: *across* the *group*").
QUANTITY_CONTEXT_WORDS = 2
#: The confidence reported when a rule sends the requirement to a person: just below
#: the threshold, so the curve over the threshold shows it as the nearest miss.
BELOW = THRESHOLD - 0.01


#: The words that frame an amount (lexicon.yaml amount_framing), as tokens.
AMOUNT_FRAMING = frozenset(t for w in LEXICON.amount_framing for t in tokens(w))
#: The words that say an edition is one ("plan", "tier", "edition"), as tokens.
EDITION_UNITS = frozenset(t for w in LEXICON.edition_units for t in tokens(w))


@dataclass
class Decision:
    answers: list[Candidate]
    confidence: float
    unexplained: list[str]  # words of the requirement no answer explains
    #: The share of the requirement's content (by idf mass) no answer explains.
    share: float = 0.0


def decide(evidence: Evidence, reasons: list[Reason]) -> Decision:
    idx = evidence.index
    analysis = evidence.analysis
    toks = analysis.toks
    answers = evidence.strong()
    explained_tokens: set[str] = set()
    negated = {toks[k] for k in analysis.negated_positions}
    for c in answers:
        # Not the words its text names only to say it does not offer them ("Visit notes
        # are not written back" explains no ask for notes written back), unless the ask
        # wants them not done too ("stored" of "so they are not stored on our servers"
        # against "Card numbers are not stored on your servers").
        doc = idx.docs[c.doc]
        explained_tokens.update(t for t in doc.weights if t not in doc.taken_back or t in negated)
        # What a caveat says the capability works with ("Okta and Entra ID only"), and
        # what it offers under an edition or add-on ("24/7 phone support is available on
        # the enterprise edition only"): the evaluation applies the condition.
        explained_tokens.update(idx.docs[c.doc].offered_tokens)
        for clause in condition_clauses(idx, idx.docs[c.doc].cap):
            explained_tokens.update(idx.canon.tokens(clause))
    # A region's name of one word ("EU", "Europe"); not one word of a longer name
    # ("central" of "eu-central", "economic" of "European Economic Area").
    region_tokens = {stem(w) for w in idx.region_words if " " not in w and "-" not in w}
    # The deal's terms: the edition the deal quotes, where the ask names it, with the noun
    # that says it is one right after it ("is that ok on your Professional tier?").
    editions = {k for k in analysis.content if toks[k] in evidence.deal_edition}
    editions |= {k + 1 for k in editions if k + 1 < len(toks) and toks[k + 1] in EDITION_UNITS}
    # A metric's name explains its words only when an answer limits that metric: "pay
    # suppliers in their local currency" names payout currencies, which an interface-
    # languages capability matched by "local" does not explain.
    limiting = {m for c in answers for m in idx.docs[c.doc].metrics}
    metric_at: dict[int, set[str]] = {}
    for start, end, metric in analysis.metric_mentions:
        for k in range(start, end):
            metric_at.setdefault(k, set()).add(metric)
    for k, metric in evidence.linked_metric_at.items():
        metric_at.setdefault(k, set()).add(metric)
    metric_explained = {
        k for k in evidence.metric_positions if k not in metric_at or metric_at[k] & limiting
    }
    residual = [
        k
        for k in analysis.content
        if k not in evidence.explained_positions
        and k not in analysis.purpose
        and k not in metric_explained
        and toks[k] not in explained_tokens
        and toks[k] not in region_tokens
        and k not in editions
    ]
    # Beside an amount on a metric an answer limits, the words that frame an amount
    # ("We *expect* 1,000 concurrent agents", "9,000 invoices a month *across* the group",
    # "*roughly* 300 connections at *peak*"; lexicon.yaml's amount_framing) say how sure
    # or how counted, not what: the evaluation compares the amount with the limit.
    limiting_here = {m for c in answers for m in idx.docs[c.doc].metrics}
    if any(m in limiting_here for m in evidence.linked_metric_at.values()):
        # (Not a framing word the catalogue itself uses: "*forecast* 5,000 deals" against
        # a catalogue that offers forecasts may be the very thing asked.)
        framed = [k for k in residual if toks[k] not in AMOUNT_FRAMING or toks[k] in idx.idf]
        # Only where nothing else is left: "agents *handle* four chats with automatic
        # translation", "*projected* pipeline value across 4,000 deals", "auto-*scale* to
        # 200 nodes" ask for more than the amount.
        if not framed:
            residual = framed
    unexplained = set(residual)

    def weight(k: int) -> float:
        # An expansion folded into its acronym ("software bill of materials": "sbom")
        # that no answer explains weighs as its words would: folding must not shrink
        # what is left unexplained below what the words as written would leave.
        folded = analysis.spans[k][1]
        if k in unexplained and (" " in folded or "-" in folded):
            as_written = sum(idx.idf_of(t) for t in tokens(folded))
            return max(idx.idf_of(toks[k]), as_written)
        return idx.idf_of(toks[k])

    # The name of a metric inside a quantity ("25 *currencies*", "eight thousand
    # *laptops*") is no content word, but it is wording an answer explains when the answer
    # limits that metric: it counts in the whole, or the few words around the quantity
    # would be all there is and any one of them would look like most of the ask.
    # Only a few such words (``QUANTITY_CONTEXT_WORDS``): more left unexplained beside a
    # quantity ("for 20 users with two-person sign-off on load changes") is more of an ask.
    limited = {m for c in answers for m in idx.docs[c.doc].metrics}
    named_metric = [
        k
        for k, metric in evidence.linked_metric_at.items()
        if metric in limited and k not in analysis.content
    ]
    if len(residual) > QUANTITY_CONTEXT_WORDS:
        named_metric = []
    total_mass = sum(weight(k) for k in [*analysis.content, *named_metric]) or 1.0
    residual_mass = sum(weight(k) for k in residual)
    confidence = min((c.score for c in answers), default=0.0)
    ratio = residual_mass / total_mass
    if answers:
        free = (
            AGREED_RESIDUAL_FREE
            if all(c.agreed and c.agreed_similarity >= AGREED_FREE_SIMILARITY for c in answers)
            else RESIDUAL_FREE
        )
        if ratio > free:
            # Much of the text matches nothing: part of the ask may be unmatched.
            confidence *= max(0.0, 1.0 - (ratio - free) * RESIDUAL_PENALTY)
    if any(r.doubt for r in reasons):
        confidence = min(confidence, BELOW)
    return Decision(answers, round(confidence, 3), [analysis.spans[k][1] for k in residual], ratio)
