"""``taken-back``: a word the catalogue names only to take it back is no promise.

"Employees can view payslips offline" matches an online-payslips capability, whose texts
never speak of working offline; the catalogue's only word on it is another capability's
caveat, "No offline mode - the app needs a network connection". A word of the ask that
no answer explains, and that the catalogue uses nowhere but in clauses of caveats that
take something back or say it is not there yet (:attr:`CatalogIndex.taken_back_words`),
asks for what the catalogue says it does not do: a person reads that caveat against the
ask. The caveat's capability must be one the signals found for the ask, or share
another word with it (the mobile app's "employees view payslips"): a word borrowed from
an unrelated capability's caveat is another matter. An everyday English word ("across",
"whole") says too little on its own and is not read. The answers' own caveats are the
caveat rule's to read.

Fires: "Employees can view payslips offline" against an online-payslips capability, in
a catalogue whose mobile app caveat reads "No offline mode".
Does not fire: "Employees can view payslips on their phone" against the same catalogue,
nor where a capability offers working offline in its own words.
"""

from __future__ import annotations

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence, looks_like_a_name
from dealcheck.engine.vocabulary import is_common_word

ID = "taken-back"


def check(evidence: Evidence) -> list[Reason]:
    strong = evidence.strong()
    if not strong:
        return []
    idx = evidence.index
    analysis = evidence.analysis
    denied = idx.taken_back_words
    if not denied:
        return []
    answers = {c.doc for c in strong}
    explained: set[str] = set()
    for c in strong:
        explained.update(idx.docs[c.doc].weights)
        explained.update(idx.docs[c.doc].offered_tokens)
    asked = {analysis.toks[k] for k in analysis.content}
    for k in analysis.content:
        tok = analysis.toks[k]
        if (
            tok not in denied
            or tok in explained
            or k in evidence.explained_positions
            or tok in evidence.place_tokens
        ):
            continue
        doc, caveat = denied[tok]
        if doc in answers:
            continue  # the answer's own caveat: the caveat rule reads it
        _, word, start, end = analysis.spans[k]
        original = analysis.rewritten[start:end]
        # A name the catalogue takes back ("Qlik and Looker are not supported") is taken
        # back wherever it is asked for; the first word is capitalised as every first
        # word is, so there an uncommon word is the name ("Looker dashboards").
        named = looks_like_a_name(original, start) or (
            k == 0 and original[:1].isupper() and not is_common_word(word)
        )
        shared = (set(idx.docs[doc].weights) & asked) - {tok}
        if doc not in evidence.candidates and not shared and not named:
            continue  # a capability the ask shares nothing with: its caveat is another matter
        if is_common_word(word):
            continue  # "across", "whole": an everyday word says too little on its own
        cap_id = idx.docs[doc].cap.id
        written = analysis.rewritten[start:end]
        return [
            Reason(ID, f"'{written}': the catalogue says \"{caveat}\" ({cap_id}): needs review")
        ]
    return []
