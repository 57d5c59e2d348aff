"""``claimed``: the words an answer leaves out are what a close rival is about.

"iOS and Android apps that work offline" against a catalogue with a mobile app (in
every edition) and an offline mode (a higher edition): the mobile app explains most of
the ask, and the decision lets a few words go unexplained, as qualifiers and context
words are normal. But "offline" is what another capability is about, one the meaning of
the whole ask puts next to the answer and that would give a more severe verdict: the word the
answer leaves out may be the very thing asked, and answering with the mobile app alone
would promise what the deal cannot have. The same holds where that capability's text
holds two of the words the answer leaves out ("Ticket data downloadable as CSV
*automatically* every *night*" against an export to CSV, beside scheduled exports that
run "automatically every night").

A person confirms, told which capability the words point to. The other capability must

* be among the ``RIVAL_RANK`` capabilities the semantic ranking puts first (close in
  meaning to the whole ask: a word shared in passing with a capability about something
  else is no rival),
* give a more severe verdict than the answer (one with the same or a milder verdict
  changes nothing the deal relies on: asked too, the answer's verdict would stand), and
* be about the words: one of them is the rarest word of its name or of an alias ("offline"
  of "Offline mode", not "device" of "Mobile device management"), or its text holds
  ``TEXT_WORDS`` of them; each word rare in the catalogue (in at most ``RARE_IN``
  capabilities: a word many capabilities use says little about which one is asked).

With the semantic signal off there is no ranking by meaning, and the rule does not fire.

Fires: "iOS and Android apps that work offline" against a mobile app beside an offline
mode of another edition.
Does not fire: the same ask where the offline mode is in the edition quoted, nor "iOS
and Android apps for our field team".
"""

from __future__ import annotations

from dealcheck.engine.candidates import Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.rules import Evidence
from dealcheck.engine.rules.caveat import condition_clauses
from dealcheck.engine.semantic import ranked
from dealcheck.report import SEVERITY

ID = "claimed"

#: How many of the capabilities the semantic ranking puts first a rival may be among.
RIVAL_RANK = 2
#: The most capabilities a word of the rival's may appear in and still be about it.
RARE_IN = 3
#: How many of the words left out the rival's text must hold, where none is the rarest
#: word of its name or of an alias.
TEXT_WORDS = 2


def check(evidence: Evidence) -> list[Reason]:
    verdict_of = evidence.verdict_of
    answers = evidence.strong()
    if verdict_of is None or not answers or evidence.meaning is None:
        return []
    idx = evidence.index
    analysis = evidence.analysis
    toks = analysis.toks
    docs = [idx.docs[c.doc] for c in answers]
    # What an answer's caveat ties to an edition or add-on ("SMS one-time passcodes
    # require the Messaging Pack") it offers on that condition, as the decision reads it.
    conditioned = {
        t
        for d in docs
        for clause in condition_clauses(idx, d.cap)
        for t in idx.canon.tokens(clause)
    }
    left: dict[str, int] = {}  # the words no answer explains, rare in the catalogue
    for k in analysis.content:
        tok = toks[k]
        if (
            k in evidence.explained_positions
            or k in evidence.metric_positions
            or k in analysis.purpose
            or tok in evidence.place_tokens
            or tok in evidence.deal_edition
            or not 0 < len(idx.postings.get(tok, ())) <= RARE_IN
            or tok in conditioned
            or any(d.speaks_of(tok) or tok in d.offered_tokens for d in docs)
        ):
            continue
        left.setdefault(tok, k)
    if not left:
        return []
    mine = {c.doc for c in answers}
    severity = max(SEVERITY[verdict_of(c.doc)] for c in answers)
    # The capabilities the words point to, before the (costlier) ranking by meaning.
    claims: dict[int, set[str]] = {}
    for tok in left:
        for other, _ in idx.postings[tok]:
            if other not in mine and idx.docs[other].speaks_of(tok):
                claims.setdefault(other, set()).add(tok)
    rivals = {
        other: words
        for other, words in claims.items()
        if (len(words) >= TEXT_WORDS or any(_distinctive(idx, other, t) for t in words))
        and SEVERITY[verdict_of(other)] > severity
    }
    if not rivals:
        return []
    first = ranked(evidence.meaning(), RIVAL_RANK)
    for other in first:
        if other not in rivals:
            continue
        words = rivals[other]
        named = [t for t in words if _distinctive(idx, other, t)]
        shown = ", ".join(
            f"'{analysis.spans[left[t]][1]}'" for t in sorted(named or words, key=left.__getitem__)
        )
        return [
            Reason(
                ID,
                f"{shown}: what {idx.docs[other].cap.id} ({idx.docs[other].cap.name}) is"
                f" about, not {', '.join(d.cap.id for d in docs)}; needs review",
                answers[0].cap_id if len(answers) == 1 else None,
                rival=idx.docs[other].cap.id,
            )
        ]
    return []


def _distinctive(idx: CatalogIndex, doc: int, tok: str) -> bool:
    """Whether the word is the rarest word of the capability's name or of one of its
    aliases (a tie counts), read as the requirement is (glossary terms folded): what the
    name is about ("offline" of "Offline mode"), not a word it shares with many
    ("device" of "Mobile device management")."""
    cap = idx.docs[doc].cap
    for name in (cap.name, *cap.aliases):
        toks = [t for t in idx.canon.tokens(name) if t in idx.idf]
        if tok in toks and idx.idf_of(tok) >= max(idx.idf_of(t) for t in toks):
            return True
    return False
