"""``compound``: a part of a compound ask that matches nothing sends it to a person.

"SAML SSO and SCIM provisioning" asks for two things. When one clause has
specific words that no matched capability explains, the requirement is only
partly answered: promising the part that matched would hide the rest.
A clause that qualifies rather than asks ("including contractors") does not count, nor
one that says why ("so we can merge many changes a day and keep main green").

Where one capability answers, the clause that holds its phrase says where or when that
ask applies ("DAST against our staging URL every night"): the decision weighs the rest
of it against the whole text. Where several answer, each clause must be answered.

One lower-case word of a list whose last item is a modifier and the head they share is
no ask of its own ("medical, dental and vision benefits": kinds of benefits); a name in
such a list may be one ("medical, Slack and vision benefits"), and a semicolon ends it.

Fires: "SAML SSO and blockchain notarisation" when the catalogue has only SSO.
Does not fire: "SAML SSO, including for contractors".
"""

from __future__ import annotations

from collections.abc import Callable

from dealcheck.engine.analyse import Analysis
from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, stem

ID = "compound"

#: A clause starting with one of these qualifies the ask rather than adding one
#: (lexicon.yaml: clause_qualifiers).
QUALIFIER_STEMS = frozenset(stem(w) for w in LEXICON.clause_qualifiers)
#: A clause whose content words weigh less than this share of the rarest word's idf is
#: a few common words, not an ask of its own.
MIN_CLAUSE_MASS = 0.5
#: A clause is answered when the matched capabilities explain this share of its mass.
MIN_EXPLAINED = 0.34
#: The last item of a list of modifiers sharing one head ("... and vision benefits") is a
#: modifier and its head: a few words, not a clause of its own.
MAX_HEAD_WORDS = 3


def check(evidence: Evidence) -> list[Reason]:
    idx = evidence.index
    analysis = evidence.analysis
    strong = evidence.strong()
    if not strong or len(analysis.clauses) < 2:
        return []
    explained: set[str] = set()
    for c in strong:
        explained.update(idx.docs[c.doc].weights)
    toks = analysis.toks
    answers = {c.doc for c in strong}
    # The positions of the answers' phrases that lie within one clause (a near phrase
    # may reach across: "Teams integration and a Zoom *app*" is no "Teams app").
    clause_of = {k: n for n, clause in enumerate(analysis.clauses) for k in clause}
    phrased = {
        k
        for positions, doc in evidence.taken
        if doc in answers and len({clause_of.get(k) for k in positions}) == 1
        for k in positions
    }
    content = set(analysis.content)

    def words_of(clause: tuple[int, ...]) -> list[str]:
        # A place's name is a term of the deal, which the region checks read, not an ask
        # ("No customer data may leave the UK").
        return [toks[k] for k in clause if k in content and toks[k] not in evidence.place_tokens]

    clauses = analysis.clauses
    for n, clause in enumerate(clauses):
        if not clause or toks[clause[0]] in QUALIFIER_STEMS:
            continue
        if _parallel_modifier(n, clauses, words_of, explained, analysis):
            continue
        if clause and all(k in analysis.purpose for k in clause):
            continue  # why the ask is made ("so we can ... and keep main green"), not an ask
        if len(answers) == 1 and any(k in phrased for k in clause):
            # The one answer's phrase is in it: the rest of the clause says where or when
            # that ask applies ("DAST against our staging URL every night"), and the
            # decision weighs it against the whole text. Where several capabilities
            # answer, each clause must be answered on its own ("Approval workflows driven
            # by payroll reconciliation, and SCIM provisioning").
            continue
        words = words_of(clause)
        mass = sum(idx.idf_of(t) for t in words)
        if mass < MIN_CLAUSE_MASS * idx.max_idf:
            continue
        got = sum(idx.idf_of(t) for t in words if t in explained)
        if got < MIN_EXPLAINED * mass:
            return [Reason(ID, "part of the requirement matches no capability")]
    return []


def _parallel_modifier(
    n: int,
    clauses: tuple[tuple[int, ...], ...] | list[tuple[int, ...]],
    words_of: Callable[[tuple[int, ...]], list[str]],
    explained: set[str],
    analysis: Analysis,
) -> bool:
    """Whether clause ``n`` is one word of a list that shares the head of the list's last
    item: "medical, dental and vision benefits" lists kinds of benefits, and "dental"
    is a modifier of "benefits" as "vision" is, not an ask of its own. It is when it
    and every clause up to the next longer one are one lower-case word each (a name
    such as "Slack, Teams and Zoom meetings" may be an ask of its own), joined by commas
    and conjunctions (a semicolon ends the list), and that clause is a modifier and its
    head: a few words whose last the answers explain while the word before it, a word
    too, is not.
    """
    spans = analysis.spans

    def one_word(clause: tuple[int, ...]) -> bool:
        found = [k for k in clause if words_of((k,))]
        if len(found) != 1:
            return False
        written = analysis.rewritten[spans[found[0]][2] : spans[found[0]][3]]
        return written.isalpha() and written.islower()

    if not one_word(clauses[n]):
        return False
    for before, later in zip(clauses[n:], clauses[n + 1 :]):
        if ";" in analysis.rewritten[spans[before[-1]][3] : spans[later[0]][2]]:
            return False
        if one_word(later):
            continue
        words = words_of(later)
        return (
            2 <= len(words) <= MAX_HEAD_WORDS
            and words[-2].isalpha()
            and words[-1] in explained
            and words[-2] not in explained
        )
    return False
