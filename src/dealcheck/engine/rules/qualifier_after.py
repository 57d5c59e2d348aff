"""``qualifier-after``: a name after a matched phrase narrows it.

"Support in German", "SSO with Ping Identity": a capitalised word joined to a
matched phrase by a preposition names a language, vendor or target the
capability must mention. Places are not counted (the region check answers
them), nor general IT vocabulary ("for UI mockups"), nor a word another
matched phrase explains ("dashboards with SQL queries" when a query capability matched too).

Whose the thing is may stand between the preposition and a name or another
capability's phrase ("take control *of users'* iPhones", "of *staff* iPhones"): it is
read past.

Another capability's phrase joined the same way narrows it too ("route planning for
the partner network", also through "of": "SSO for the viewers of our status page"),
unless one of the two capabilities speaks of the other's subject: then it is the more
specific capability the ask needs ("audit logs to Datadog", a SIEM export of audit
logs), and both are answered, the most severe verdict winning. So where one names the
other by its whole name ("SSO to the merchant portal" where the SSO capability signs in
"to the merchant dashboard").

The qualifier may follow any run of the phrase's words, carried over the words right
after it that the capability's own text holds ("*WCAG* 2.1 AA conformance for the mobile
apps"), and what an action is done to narrows it when that is another capability
("recording *of* breakout rooms"). A feature joined by "with" that the capability's text
never speaks of narrows it too ("quick order pad *with barcode scanning*"), and so does
another capability's phrase a finite verb ties it to ("the Android apps *must conform to*
WCAG 2.1 AA").

Likewise two capabilities in one clause with data flowing from one to the other ("shift
rota for our UK stores feeding straight into HMRC RTI submissions"): the link is an ask
of its own, which neither promises unless one speaks of the other's subject.

A lower-case word joined the same way narrows it when it names a part of the product
(in one or two capabilities' names) that this deal cannot have on the same terms:
"skills-based routing for phone calls" when the phone channel is not planned, or needs
an add-on the quote lacks. Where that part is available as freely as the capability
("Teams app for leave approvals"), the word only says where the capability is used.

Fires: "24x7 support in German" against a capability "24x7 support" that never says German.
Does not fire: "24x7 support in the EU" (a place: the region rules decide).
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import THRESHOLD, Reason
from dealcheck.engine.rules import (
    ADJACENT,
    Evidence,
    carried_over,
    date_or_label,
    initials_of,
    never_mentions,
    own_product,
)
from dealcheck.engine.rules.unexplained_name import outside_the_list
from dealcheck.engine.text import CLAUSES, KEEPS_TO_ONLY, LEXICON, TAKES_BACK
from dealcheck.report import SEVERITY

#: Words for groups of people (lexicon.yaml: populations): the population rule's.
POPULATION_WORDS = frozenset(w for words in LEXICON.populations.values() for w in words)

ID = "qualifier-after"
#: Words for people that may stand before what a preposition joins.
_PEOPLE_WORDS = POPULATION_WORDS | LEXICON.people_nouns | LEXICON.account_nouns

#: Share of a matched phrase's words (by idf) the other capability's text must hold for
#: the two to be about the same thing.
RELATED_SHARE = 0.5
#: Consecutive words after a preposition that, all in one other capability's name, name
#: that capability ("SSO into the customer portal"): one word alone ("for all users")
#: is too often a common word.
NAME_RUN = 2

#: A lower-case word names a part of the product when at most this many capabilities
#: carry it in their name: "phone" (a phone channel) does, "ticket" (in a dozen names) is
#: the product's everyday vocabulary.
NAMED_PARTS = 2

#: Words that join a qualifier to the phrase it narrows ("support in German"), and the
#: words that may stand between (lexicon.yaml: prepositions, determiners).
PREPOSITIONS = LEXICON.prepositions
JOINERS = PREPOSITIONS | LEXICON.determiners
#: The word that joins an action to what it is done to ("recording *of* breakout rooms").
OBJECT_JOINERS = frozenset({"of"})


#: A past participle joining an ask to its target ("posted", "synced", "exported").
_PARTICIPLE = re.compile(r"[a-z]{3,}ed")
#: Verbs of data moving from one part of a product to another, and the adverbs that may
#: follow them (lexicon.yaml: flow_verbs).
FLOW_WORDS = LEXICON.flow_verbs


def _joined_after(
    evidence: Evidence, last: int, prepositions: frozenset[str] = PREPOSITIONS
) -> int | None:
    """The first token after ``last`` when a preposition (with determiners) joins it to
    the text before ("support *in* German"); None otherwise."""
    spans = evidence.analysis.spans
    nxt = last + 1
    while nxt < len(spans) and spans[nxt][1] in JOINERS:
        nxt += 1  # prepositions that are not stop words ("across", "inside")
    if nxt >= len(spans) or nxt in evidence.analysis.quantity_tokens:
        return None  # nothing follows, or a unit ("storage in TB")
    between = _between(evidence.analysis.rewritten, spans[last][3], spans[nxt][2])
    if not between or not set(between) <= JOINERS | prepositions:
        return None
    if not set(between) & prepositions:
        return None
    # Whose the thing is stands between the preposition and the thing
    # ("control of *users'* iPhones", "of *staff* iPhones"): look past it.
    text = evidence.analysis.rewritten
    first = nxt
    while nxt + 1 < len(spans) and nxt + 1 not in evidence.analysis.quantity_tokens:
        written = text[spans[nxt][2] : spans[nxt][3] + 2]
        word = spans[nxt][1]
        owner = re.match(r"[A-Za-z]+(?:'s?|\u2019s?)(?=\s)", written) is not None
        if not (owner or word in _PEOPLE_WORDS):
            break
        if not re.fullmatch(r"(?:'s?|\u2019s?)?\s+", text[spans[nxt][3] : spans[nxt + 1][2]]):
            break
        nxt += 1
    if nxt != first:
        # Only a name or another capability's phrase is looked at past them.
        phrase_starts = {min(p) for p, _ in evidence.taken}
        landed = text[spans[nxt][2] : spans[nxt][3]]
        if not (nxt in phrase_starts or landed[:1].isupper()):
            nxt = first
    return nxt


def _run_ends(
    evidence: Evidence,
    doc: int,
    positions: frozenset[int],
    others: list[tuple[frozenset[int], int]],
) -> list[int]:
    """Where a qualifier may follow a matched phrase: after each run of its words ("*Recording*
    of breakout rooms to the *cloud*": after "Recording" and after "cloud"), each run
    carried over the words right after it that the capability's own text holds ("*WCAG*
    2.1 AA conformance for the mobile apps": its text says "conform to WCAG 2.1 level AA",
    so the qualifier is "for the mobile apps"). A word of another matched phrase ends the
    run. The phrase's last run comes first."""
    theirs = frozenset(k for p, _ in others for k in p)
    ends = [
        carried_over(evidence, doc, k, theirs) for k in sorted(positions) if k + 1 not in positions
    ]
    # The end of the whole phrase first: what follows the phrase is the usual qualifier.
    return ends[-1:] + ends[:-1]


def _between(text: str, start: int, end: int) -> list[str]:
    """The words between two tokens, without a leading hyphen: after "single sign-on"
    (whose span ends at "sign") the "-on" is the word "on"; "on-" of "on-prem" stays
    joined to its word."""
    return [w for w in (w.lstrip("-\u2013\u2014") for w in text[start:end].lower().split()) if w]


def _joined_names(evidence: Evidence) -> list[int]:
    """Token positions of capitalised words joined to the text before them by a
    preposition ("... in Spanish", "... from Ping Identity")."""
    spans = evidence.analysis.spans
    text = evidence.analysis.rewritten
    found = []
    for k in range(1, len(spans)):
        if k in evidence.analysis.quantity_tokens:
            continue
        start = spans[k][2]
        original = text[start : spans[k][3]]
        if not original[:1].isupper() or not original[:1].isalpha() or date_or_label(original):
            continue
        between = _between(text, spans[k - 1][3], start)
        if between and set(between) <= JOINERS and set(between) & PREPOSITIONS:
            found.append(k)
    return found


def _flow_targets(
    evidence: Evidence, phrases: list[tuple[int, frozenset[int], int]]
) -> list[tuple[int, int, frozenset[int], int]]:
    """The answer phrases data flows into: a verb of moving data, perhaps an adverb, then
    a preposition right before them ("*feeding straight into* RTI submissions"), as
    (position of the flow verb, first position, positions, capability), in text order.
    Found once per requirement, so that each phrase before them is checked in one pass."""
    spans = evidence.analysis.spans
    text = evidence.analysis.rewritten
    found = []
    for start, positions, doc in phrases:
        if start < 1:
            continue
        between = _between(text, spans[start - 1][3], spans[start][2])
        if not between or not set(between) <= JOINERS or not set(between) & PREPOSITIONS:
            continue  # no preposition right before the phrase
        k, flow = start - 1, 0
        while k >= 0 and flow < 2 and spans[k][1] in FLOW_WORDS:
            flow += 1
            if k == 0 or _between(text, spans[k - 1][3], spans[k][2]):
                break  # a word the tokens skip stands before: this verb starts the flow
            k -= 1
        if flow:
            found.append((k if spans[k][1] in FLOW_WORDS else k + 1, start, positions, doc))
    return found


def _flows_into(
    positions: frozenset[int],
    doc: int,
    targets: list[tuple[int, int, frozenset[int], int]],
    clause_of: dict[int, int],
) -> tuple[frozenset[int], int] | None:
    """Another matched phrase later in the same clause that data flows into from this
    one ("rota for our stores *feeding straight into* RTI submissions"): a flow target
    whose verb comes after this phrase."""
    last = max(positions)
    for verb, start, other_positions, other in targets:
        if verb > last and other != doc and clause_of.get(start) == clause_of.get(last):
            return other_positions, other
    return None


#: How many words an "of" phrase may put between the qualifier's first word and another
#: capability's phrase ("for the *viewers of our public* status page").
OF_REACH = 3


def _of_another(
    evidence: Evidence,
    others: list[tuple[frozenset[int], int]],
    nxt: int,
    clause_of: dict[int, int],
) -> tuple[frozenset[int], int] | None:
    """Another capability's phrase reached through "of" from the qualifier's first word
    ("SSO for the viewers *of* our public status page"): that capability is what the
    qualifier names, as if it followed the preposition itself."""
    spans, text = evidence.analysis.spans, evidence.analysis.rewritten
    for positions, other in others:
        first = min(positions)
        if not nxt < first <= nxt + OF_REACH or clause_of.get(first) != clause_of.get(nxt):
            continue
        between = _between(text, spans[nxt][3], spans[first][2])
        if "of" in between:
            return positions, other
    return None


#: How many words a verb (with its modal: "must conform") may put between two
#: capabilities' phrases for the one to ask something of the other.
VERB_REACH = 3
#: The modals and auxiliaries of a finite verb phrase ("the apps *must* conform to ...")
#: and the words that join two asks rather than one ask to another ("SSO and SCIM")
#: (lexicon.yaml: modals, coordinators).
FINITE = LEXICON.modals
COORDINATORS = LEXICON.coordinators


def _verb_linked(
    evidence: Evidence,
    end: int,
    others: list[tuple[frozenset[int], int]],
    clause_of: dict[int, int],
) -> tuple[frozenset[int], int] | None:
    """Another capability's phrase that a verb right after this one ties it to, in the
    same clause and with no word joining two asks between ("the Android apps *must
    conform to* WCAG 2.1 AA"): one ask of the two together, as "WCAG conformance for the
    Android apps" would be."""
    spans, text = evidence.analysis.spans, evidence.analysis.rewritten
    following = sorted(
        (min(p), p, d)
        for p, d in others
        if min(p) > end and clause_of.get(min(p)) == clause_of.get(end)
    )
    if not following:
        return None
    first, positions, other = following[0]
    if all(spans[k][1] in LEXICON.filler for k in positions):
        return None  # "must remain *supported*": the words every ask is wrapped in
    middle = range(end + 1, first)
    if not 1 <= len(middle) <= VERB_REACH:
        return None
    said = {spans[k][1] for k in middle} | set(_between(text, spans[end][3], spans[first][2]))
    if not said & FINITE:
        return None  # no finite verb: "session recording of user journeys with ..."
    if any(ch in text[spans[end][3] : spans[first][2]] for ch in ",;:()/&"):
        return None
    if set(_between(text, spans[end][3], spans[first][2])) & COORDINATORS:
        return None
    content = set(evidence.analysis.content)
    if not any(k in content for k in middle) or any(
        k in evidence.analysis.quantity_tokens for k in middle
    ):
        return None  # no verb ("SSO via SAML": a preposition, read above), or a number
    return positions, other


def _narrowed_by(evidence: Evidence, positions: frozenset[int], cap_id: str) -> Reason:
    """The reason for another capability's words narrowing ``cap_id``'s ask."""
    spans, text = evidence.analysis.spans, evidence.analysis.rewritten
    words = " ".join(text[spans[k][2] : spans[k][3]] for k in sorted(positions))
    return Reason(ID, f"'{words}' narrows the ask: {cap_id} never mentions it", cap_id)


def _others_taken(evidence: Evidence, doc: int) -> list[tuple[frozenset[int], int]]:
    """The phrases of the other capabilities scored as answers."""
    cands = evidence.candidates
    return [
        (p, d) for p, d in evidence.taken if d != doc and d in cands and cands[d].score >= THRESHOLD
    ]


def _names_another(evidence: Evidence, doc: int, start: int) -> tuple[frozenset[int], int] | None:
    """Two or more words from ``start`` on that all stand in one other capability's name
    ("into the *customer portal*" when a "Customer self-service portal" exists), though no
    phrase of it matched: they name that part of the product."""
    toks = evidence.analysis.toks
    content = set(evidence.analysis.content)
    run = list(range(start, min(start + NAME_RUN, len(toks))))
    if len(run) < NAME_RUN or not content & set(run):
        return None  # too short, or only filler ("the customer")
    spans, text = evidence.analysis.spans, evidence.analysis.rewritten
    if not all(ADJACENT.fullmatch(text[spans[k][3] : spans[k + 1][2]]) for k in run[:-1]):
        return None  # not one written term ("our data, with no data sent")
    if toks[start] in evidence.place_tokens:
        return None  # "in the EU data centre": a place, for the region rules
    named_by = evidence.index.named_by
    found = frozenset.intersection(*(named_by.get(toks[p], frozenset()) for p in run)) - {doc}
    return (frozenset(run), min(found)) if found else None


def _a_part_named(evidence: Evidence, doc: int, start: int) -> tuple[frozenset[int], int] | None:
    """A lower-case word after the preposition that names a part of the product the
    capability never mentions, and that this deal cannot have on the same terms
    ("skills-based routing *for phone* calls" when the phone channel is not planned, or
    needs an add-on the quote lacks): a word in the names of at most NAMED_PARTS other
    capabilities, in none of this one's text, whose verdicts are all more severe than
    this one's. Places, quantities, groups of people and general IT vocabulary are other
    rules' to read."""
    spans = evidence.analysis.spans
    tok, word = spans[start][0], spans[start][1]
    original = evidence.analysis.rewritten[spans[start][2] : spans[start][3]]
    if not original[:1].islower() or start not in set(evidence.analysis.content):
        return None
    idx = evidence.index
    if (
        tok in idx.docs[doc].weights
        or tok in evidence.place_tokens
        or tok in LEXICON.concepts
        or word in POPULATION_WORDS
    ):
        return None
    named = idx.named_by.get(tok, frozenset()) - {doc}
    verdict_of = evidence.verdict_of
    if not named or len(named) > NAMED_PARTS or verdict_of is None:
        return None
    # Only a part this deal cannot have as freely as the capability: where the named part
    # is available on the same terms, the qualifier says where it is used, not more.
    mine = SEVERITY[verdict_of(doc)]
    if any(SEVERITY[verdict_of(other)] <= mine for other in named):
        return None
    return frozenset({start}), min(named)


#: The words that join a feature to what must have it ("quick order pad *with* barcode
#: scanning").
FEATURE_JOINERS = frozenset({"with"})
#: A feature's words must weigh at least this share of the catalogue's rarest word's idf
#: (numbers are never a feature's words: "with one click" is none).
MIN_FEATURE_MASS = 1.0


def _with_feature(evidence: Evidence, doc: int, ends: list[int], nxt: int) -> str | None:
    """The lower-case words of one written term joined to the phrase by "with" ("quick order
    pad *with barcode scanning*") when the capability's text holds none of them: a feature
    the catalogue never says this capability has. Places, groups of people, quantities and
    general IT vocabulary are other rules' to read."""
    spans, text = evidence.analysis.spans, evidence.analysis.rewritten
    if not any(_joined_after(evidence, end, FEATURE_JOINERS) == nxt for end in ends):
        return None
    content = set(evidence.analysis.content)
    run = [nxt]
    while (
        run[-1] + 1 < len(spans)
        and ADJACENT.fullmatch(text[spans[run[-1]][3] : spans[run[-1] + 1][2]])
        and text[spans[run[-1] + 1][2] : spans[run[-1] + 1][3]][:1].islower()
    ):
        run.append(run[-1] + 1)
    idx = evidence.index
    own, offered = idx.docs[doc].weights, idx.docs[doc].offered_tokens
    words = [spans[k][0] for k in run if k in content]
    if not words or any(k in evidence.analysis.quantity_tokens or k not in content for k in run):
        return None
    if any(
        t in own
        or t in offered
        or t in evidence.place_tokens
        or t in LEXICON.concepts
        or spans[k][1] in POPULATION_WORDS
        for k, t in zip(run, words)
    ):
        return None
    if sum(idx.idf_of(t) for t in words) < MIN_FEATURE_MASS * idx.max_idf:
        return None
    return text[spans[run[0]][2] : spans[run[-1]][3]]


def _related(
    evidence: Evidence,
    doc: int,
    positions: frozenset[int],
    other: int,
    other_positions: frozenset[int],
) -> bool:
    """Whether either capability's text speaks of what the other matched: at least
    RELATED_SHARE of its words' weight ("offline editing on the iPad app", where the iOS
    app speaks of offline editing; "job", in many capabilities, weighs little)."""
    toks = evidence.analysis.toks
    docs = evidence.index.docs
    content = set(evidence.analysis.content)

    idx = evidence.index

    def words(ps: frozenset[int]) -> set[str]:
        return {toks[k] for k in ps if k in content} or {toks[k] for k in ps}

    def speaks_of(mine: set[str], d: int) -> bool:
        # A caveat naming what the capability works with counts ("Okta and Microsoft
        # Entra ID only" speaks of Okta).
        # Not a word its text names only to take it back ("Audit logs are not sent to
        # Datadog" speaks of no audit logs sent to Datadog).
        offered = docs[d].offered_tokens
        total = sum(idx.idf_of(t) for t in mine)
        shared = sum(idx.idf_of(t) for t in mine if docs[d].speaks_of(t) or t in offered)
        return total > 0 and shared >= RELATED_SHARE * total

    # Or one names the other, by its whole name, in its own text ("Sign in to the merchant
    # dashboard through a SAML identity provider" beside the "Merchant dashboard", asked as
    # "SSO to the merchant portal"): the ask is the first for the second, which the first
    # says it is for. (Sharing a word of the name, "card" of "Additional card schemes",
    # is not naming it.)
    def names(d: int, named: int) -> bool:
        # In one clause with the capability's own words, that neither takes anything back
        # nor keeps to anything ("the mobile app needs a network connection" of an offline
        # mode, "not for the customer portal" name the other only to set it apart).
        whole = docs[named].name_tokens
        if not whole:
            return False
        cap = docs[d].cap
        own = {t for x in (cap.name, *cap.aliases) for t in idx.canon.tokens(x)} - whole
        for written in (cap.name, cap.description or "", *cap.aliases):
            for part in CLAUSES.split(written):
                said = set(idx.canon.tokens(part))
                if (
                    whole <= said
                    and said & own
                    and TAKES_BACK.search(part) is None
                    and KEEPS_TO_ONLY.search(part) is None
                ):
                    return True
        return False

    return (
        speaks_of(words(positions), other)
        or speaks_of(words(other_positions), doc)
        or names(doc, other)
        or names(other, doc)
    )


def check(evidence: Evidence) -> list[Reason]:
    spans = evidence.analysis.spans
    text = evidence.analysis.rewritten
    cands = evidence.candidates
    reasons = []
    # Once per requirement: each token's clause, and the answer phrases by position.
    clause_of = {k: n for n, clause in enumerate(evidence.analysis.clauses) for k in clause}
    own = own_product(evidence.analysis, evidence.index)  # the product the ask is put to
    targets = _flow_targets(
        evidence,
        sorted(
            (
                (min(p), p, d)
                for p, d in evidence.taken
                if d in cands and cands[d].score >= THRESHOLD
            ),
            key=lambda phrase: (phrase[0], phrase[2]),
        ),
    )
    for positions, doc in evidence.taken:
        cand = cands.get(doc)
        if cand is None or cand.score < THRESHOLD:
            continue
        others = _others_taken(evidence, doc)
        last = max(positions)
        found = None
        ends = _run_ends(evidence, doc, positions, others)
        for end in ends:
            found = _joined_after(evidence, end)
            if found is not None:
                break
        via_participle = False
        if found is None and last + 1 < len(spans) and _PARTICIPLE.fullmatch(spans[last + 1][1]):
            # "AI job summaries posted to Salesforce": a participle may stand between,
            # for another capability (a name alone is the unexplained-name rule's)
            found, via_participle = _joined_after(evidence, last + 1), True
        flowing = _flows_into(positions, doc, targets, clause_of)
        if flowing is not None and not _related(evidence, doc, positions, flowing[1], flowing[0]):
            reasons.append(_narrowed_by(evidence, flowing[0], cand.cap_id))
            continue
        if found is None:
            # "Recording *of* breakout rooms": what an action is done to, when that is
            # another capability, narrows it as a preposition would; "of" before any
            # other word ("export of our data") is only what the action works on.
            of_phrase = next(
                (
                    (p, d)
                    for end in ends
                    if (k := _joined_after(evidence, end, OBJECT_JOINERS)) is not None
                    for p, d in others
                    if min(p) == k
                ),
                None,
            )
            if of_phrase is None:
                of_phrase = _verb_linked(evidence, ends[0], others, clause_of)
            if of_phrase is not None and not _related(
                evidence, doc, positions, of_phrase[1], of_phrase[0]
            ):
                reasons.append(_narrowed_by(evidence, of_phrase[0], cand.cap_id))
            continue
        nxt = found
        tok, _, start, end = spans[nxt]
        joined = next(((p, d) for p, d in others if min(p) == nxt), None)
        if joined is None:
            joined = _names_another(evidence, doc, nxt)
        if joined is None and not via_participle:
            joined = _a_part_named(evidence, doc, nxt)
        if joined is None:
            joined = _of_another(evidence, others, nxt, clause_of)
        if joined is None and via_participle:
            continue
        if joined is not None:
            # Another capability's phrase narrows this one ("timesheets for our
            # subcontractors", "offline mode for the partner portal"). It is the more
            # specific capability the ask needs only when one of the two speaks of the
            # other's subject ("audit logs to Datadog", a SIEM export of audit logs);
            # otherwise nothing in the catalogue says the two work together.
            other_positions, other = joined
            if _related(evidence, doc, positions, other, other_positions):
                continue
            reasons.append(_narrowed_by(evidence, other_positions, cand.cap_id))
            continue
        if any(nxt in p for p, _ in others):
            continue  # inside another matched phrase that began earlier
        original = text[start:end]
        if original[:1].islower():
            feature = _with_feature(evidence, doc, ends, nxt)
            if feature:
                reasons.append(
                    Reason(
                        ID,
                        f"'{feature}' narrows the ask: {cand.cap_id} never mentions it",
                        cand.cap_id,
                    )
                )
            continue
        if not original[:1].isupper() or not original[:1].isalpha() or date_or_label(original):
            continue
        if (
            tok in evidence.index.docs[doc].weights
            or tok in evidence.index.docs[doc].offered_tokens
            or tok in evidence.place_tokens
            or tok in evidence.deal_edition
            or tok in LEXICON.concepts
            or nxt in own
            or initials_of(original, evidence.index, doc)
        ):
            continue  # mentioned (a caveat saying what it works with counts), a place,
            # general IT vocabulary, the catalogue's own product ("in the CRM" asked
            # of "Tallyhall CRM"; rules.own_product), or its own initials
        reasons.append(
            Reason(
                ID,
                f"'{original}' narrows the ask: {cand.cap_id}"
                f" {never_mentions(evidence.index, doc)}",
                cand.cap_id,
                # A name outside the list the capability keeps to ("Germany" against
                # "Toll-free numbers in the US and UK only"): not offered.
                rules_out=outside_the_list(evidence, doc, [original]),
            )
        )
    # Capabilities the words or the meaning found, with no phrase to anchor on: any
    # name joined by a preposition anywhere in the text must be one they mention.
    phrased = {doc for _, doc in evidence.taken}
    names = None
    for cand in evidence.strong():
        if cand.doc in phrased:
            continue
        if names is None:
            names = _joined_names(evidence)
        weights = evidence.index.docs[cand.doc].weights
        offered = evidence.index.docs[cand.doc].offered_tokens
        for k in names:
            tok = spans[k][0]
            original = text[spans[k][2] : spans[k][3]]
            if (
                tok in weights
                or tok in offered
                or tok in evidence.place_tokens
                or tok in evidence.deal_edition
                or tok in LEXICON.concepts
                or k in own
                or initials_of(original, evidence.index, cand.doc)
            ):
                continue
            reasons.append(
                Reason(
                    ID,
                    f"'{original}' narrows the ask: {cand.cap_id}"
                    f" {never_mentions(evidence.index, cand.doc)}",
                    cand.cap_id,
                    # As above: a name outside the list it keeps to is not offered.
                    rules_out=outside_the_list(evidence, cand.doc, [original]),
                )
            )
            break
    return reasons
