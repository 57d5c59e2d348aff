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
caveat rule's to read, and so are their descriptions' take-backs, read here: a word of
the ask that an answer's own description or caveat names only in a statement negating a
verb of offering or a passive ("Audit events are not included", "Reports cannot be
exported to PDF", "Visit notes are not written back"; :attr:`CapabilityDoc.taken_back`),
where the ask holds at least ``SAME_SHARE`` of what that statement takes back, sends the
ask to a person with the statement as the reason. A guarantee ("never shared"), a purpose
("so card numbers are never sent") or a condition ("unless OCR is on") takes nothing back.

The same holds for another capability's statement (a neighbour's), where the ask holds
at least ``SAME_SHARE`` of it and one of the words it holds is one no answer explains:
"Play SCORM courses offline on the app" answered by SCORM content leaves "offline" to the
mobile app, whose caveat says "SCORM packages cannot be played offline". The neighbour
must share another word with the ask (the app), and the statement name at least
``MIN_NEIGHBOUR_WORDS`` words.

Fires: "Audit events sent to QRadar" against a SIEM app whose description says "Audit
events are not included".
Does not fire: "Agents click a number to dial" against a dialer whose description says
"Calls to premium-rate numbers are not supported" (one word of what it takes back).

Fires: "Play SCORM courses offline on the app" against SCORM content beside a mobile app
whose caveat says "SCORM packages cannot be played offline".
Does not fire: "Play SCORM courses on the app" (the answer leaves no word of it out).

Fires: "Employees can view payslips offline" against an online-payslips capability, in
a catalogue whose mobile app caveat reads "No offline mode".
Does not fire: "Employees can view payslips on their phone" against the same catalogue,
nor where a capability offers working offline in its own words.
"""

from __future__ import annotations

from dealcheck.engine.candidates import Candidate, Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.rules import Evidence, looks_like_a_name
from dealcheck.engine.text import LEXICON, stem, taken_back_items
from dealcheck.engine.vocabulary import is_common_word

ID = "taken-back"
#: Share of a take-back's words (those it takes back) the ask must hold for the ask to be
#: for what the answer's own text says it does not offer.
SAME_SHARE = 2 / 3
#: The verbs of offering (lexicon offering_verbs), as stems.
_OFFERING = frozenset(stem(w) for w in LEXICON.offering_verbs)
#: The negations (lexicon negations), as stems.
_NEGATIONS = frozenset(stem(w) for w in LEXICON.negations)
#: The fewest words a neighbour's take-back must name to be matched against an ask.
MIN_NEIGHBOUR_WORDS = 2


def check(evidence: Evidence) -> list[Reason]:
    strong = evidence.strong()
    if not strong:
        return []
    idx = evidence.index
    analysis = evidence.analysis
    denied = idx.taken_back_words
    answers = {c.doc for c in strong}
    explained: set[str] = set()
    negated = {analysis.toks[k] for k in analysis.negated_positions}
    for c in strong:
        d = idx.docs[c.doc]
        # (What the ask wants not done, the answer's statement that it is not done
        # explains: "must not be used to train your AI model" against "Your data is not
        # used to train the model".)
        explained.update(t for t in d.weights if t not in d.taken_back or t in negated)
        explained.update(d.offered_tokens)
    asked = {analysis.toks[k] for k in analysis.content}
    own = _own_take_back(evidence, strong, explained)
    if own is not None:
        return [own]
    other = _a_neighbours_take_back(evidence, answers, explained)
    if other is not None:
        return [other]
    if not denied:
        return []
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


def _own_take_back(
    evidence: Evidence, strong: list[Candidate], explained: set[str]
) -> Reason | None:
    """What an answer's own description or caveat says it does not offer, asked for: a
    word of the ask that the answer's text names only to take it back, in a statement
    whose words the ask holds at least SAME_SHARE of ("Audit events sent to QRadar"
    against a SIEM app whose description says "Audit events are not included"; not
    "click a number to dial" against "Calls to premium-rate numbers are not supported"),
    and that no other answer explains, unless the ask holds the whole statement. A word
    the ask itself wants not done agrees with the statement."""
    idx = evidence.index
    analysis = evidence.analysis
    asked = {analysis.toks[k] for k in analysis.content}
    written = set(analysis.toks)
    negated = {analysis.toks[k] for k in analysis.negated_positions}
    for k in analysis.content:
        tok = analysis.toks[k]
        if k in evidence.explained_positions or tok in evidence.place_tokens or tok in negated:
            continue
        for c in strong:
            doc = idx.docs[c.doc]
            if tok not in doc.taken_back:
                continue
            for said in doc.withdrawn:
                named = set(idx.canon.tokens(said)) & doc.taken_back
                # What it takes back, beside the verb that says so ("the full report is
                # not shared": the full report); the verb where nothing else is ("...
                # and cannot be exported").
                words = (named - _OFFERING) or named
                if tok not in named:
                    continue
                if len(words & asked) < SAME_SHARE * len(words) and not _one_item_asked(
                    idx, said, doc.taken_back, asked
                ):
                    continue
                if tok in explained and not named <= written:
                    # Another answer explains the word ("subscriptions" of recurring
                    # billing): only the whole statement asked for, its verb too, is
                    # asked of this one ("Migrate our subscriptions from Stripe" against
                    # a migration tool: "Subscriptions are not migrated").
                    continue
                _, _, start, end = analysis.spans[k]
                as_written = analysis.rewritten[start:end]
                return Reason(
                    ID, f"'{as_written}': {doc.cap.id} says \"{said}\": needs review", doc.cap.id
                )
    return None


def _a_neighbours_take_back(
    evidence: Evidence, answers: set[int], explained: set[str]
) -> Reason | None:
    """What another capability's text says is not offered, asked for beside the answer:
    "Play SCORM courses offline on the app" answered by SCORM content, where the mobile
    app's caveat says "SCORM packages cannot be played offline". The statement's words
    (less its negation and verb of offering) must be at least SAME_SHARE in the ask, and
    one of those the ask holds must be a word no answer explains ("offline"), or the ask
    must hold all of them, where two answers explain every word ("Technicians create new
    work orders while offline" answered by work orders and an offline mode, beside the
    app's "Work orders cannot be created offline"). A verb of offering the statement
    negates must be the ask's too ("close work orders offline" is no ask to create them).
    The neighbour must share a word with the ask beyond the statement's (it is about the
    same thing: the app)."""
    idx = evidence.index
    analysis = evidence.analysis
    asked = {analysis.toks[k] for k in analysis.content}
    left = {
        analysis.toks[k]
        for k in analysis.content
        if k not in evidence.explained_positions
        and analysis.toks[k] not in explained
        and analysis.toks[k] not in evidence.place_tokens
    }
    negated = {analysis.toks[k] for k in analysis.negated_positions}
    # Only the statements that name a word of the ask.
    statements = sorted({e for t in asked for e in idx.withdrawn_by_word.get(t, ())})
    for i, said, tokens_of in statements:
        if i in answers:
            continue
        named = tokens_of - _OFFERING - _NEGATIONS
        if len(named) < MIN_NEIGHBOUR_WORDS or named & negated:
            continue
        verbs = tokens_of & _OFFERING
        if verbs and not verbs & asked:
            continue  # another act than the one it takes back ("close" against "created")
        held = named & asked
        if len(held) < SAME_SHARE * len(named) or not (held & left or held == named):
            continue  # too little of it asked, or only what the answers explain
        doc = idx.docs[i]
        if not (set(doc.weights) & asked) - named:
            continue  # the neighbour shares nothing else with the ask
        # The rarest of the words it holds that the answer leaves out ("offline", not
        # "play"), or of all it holds: what the neighbour's statement is about.
        shown = held & left or held
        k = max(
            (k for k in analysis.content if analysis.toks[k] in shown),
            key=lambda k: (idx.idf_of(analysis.toks[k]), -k),
        )
        word = analysis.spans[k][1]
        return Reason(ID, f"'{word}': {doc.cap.id} says \"{said}\": needs review")
    return None


def _one_item_asked(
    idx: CatalogIndex, said: str, taken_back: frozenset[str], asked: set[str]
) -> bool:
    """Whether the ask holds every word, taken back, of one item of the list of two or
    more the take-back's subject is ("Do your gateways support Zigbee devices?" against
    "Zigbee and Z-Wave are not supported")."""
    items = [(set(idx.canon.tokens(i)) & taken_back) - _OFFERING for i in taken_back_items(said)]
    items = [words for words in items if words]
    # (A subject of one item is no list: "Shoppers are not redirected away from your
    # store" takes back the redirecting, which the share of its words decides.)
    return len(items) > 1 and any(words <= asked for words in items)
