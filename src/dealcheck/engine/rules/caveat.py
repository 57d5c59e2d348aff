"""``caveat``: an ask about what a capability's caveat takes back is not promised.

A catalogue's caveats are what a capability does *not* do, or does only in part
("usage-based triggers are not supported", "AWS KMS only; Azure Key Vault is not
supported"). When the requirement asks about what a caveat speaks of, the words
match but the caveat may take the promise back: a person reads the caveat
against the ask. What the capability's own name and aliases say is the ask
itself, not the caveat's subject, and is not counted.

Only a clause that limits counts: one that takes something back ("not", "no",
"except"), one that ties it to an edition or add-on of the catalogue ("SMS passcodes
require the Messaging Pack", "enterprise edition only"), or one with a number when the
requirement asks for a number too ("At most 10 approval steps per workflow" against
"15 approval steps"). "Shared under NDA through the trust portal" states a condition,
"Executive summary only" what is offered.

A clause is about the ask when the requirement shares two of its words beyond the
capability's name and aliases (or all of them), or half of their weight: a word few
capabilities use ("SMS") is no chance. Sharing only the weightiest part leaves out what
may be the very thing the clause excludes ("400 dbt models" against "dbt Python models
are not supported"): that only sends the ask to a person.

A caveat whose shared words another matched capability explains is that capability's
to answer when that capability speaks of this one's subject too ("AI features in our
on-prem installation": the on-prem caveat "AI features are not available" beside the
capability for AI in air-gapped installations). Another capability that only provides
what the caveat excludes ("bulk send via SMS" beside an SMS delivery capability) does
not silence it.

A clause that takes something back, and whose words the ask shares, *rules the
capability out* (``Reason.rules_out``):
the catalogue says in so many words that it does not do this, so where the capability
is the requirement's best match the answer is ``unsupported``, quoting the caveat, not
``unknown``. An edition or add-on clause that names one edition (or one add-on) is a
*condition* (``Reason.edition``, ``Reason.add_on``), not a doubt: the engine evaluates
the capability as if only that edition and those above had it, or as if it needed that
add-on ("24/7 phone support is available on the enterprise edition only": ``upgrade``
on a business quote). A number clause only sends the ask to a person.

Fires: "Preventive maintenance plans with usage-based triggers" against plans whose
caveat reads "usage-based triggers are not supported".
Does not fire: "Maintenance plans on a monthly calendar" against the same capability.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dealcheck.catalog.model import Capability, Catalog
from dealcheck.engine.candidates import THRESHOLD, Reason
from dealcheck.engine.index import numbered_names
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import CLAUSES, LEXICON, STOPWORDS, stem, words
from dealcheck.engine.text import TAKES_BACK as TAKES_BACK_WORDS

ID = "caveat"

#: Distinct words a requirement must share with one caveat (beyond the capability's
#: name and aliases) for the caveat to be about the ask: one shared word is often
#: chance ("users"), two name the same thing ("usage-based triggers"). A caveat whose
#: subject is a single word ("Same-day ACH is not supported": "same day") needs that.
MIN_SHARED = 2
#: ... or this share of the subject's weight (by idf): one rare word names it.
SUBJECT_SHARE = 0.5
#: Share of a capability's own name words (by idf) another capability's text must hold
#: to answer for the caveat's subject in its place.
OWN_SHARE = 0.5

#: Words a caveat uses to say what is (not) offered, and the joining words: they say
#: nothing of its subject (lexicon.yaml: caveat_boilerplate, prepositions, determiners).
#: Stop words are not dropped wholesale: "same" in "same-day" is the subject.
_BOILERPLATE = LEXICON.caveat_boilerplate | LEXICON.prepositions | LEXICON.determiners


#: A caveat clause that takes something back ("not", "no", "except", ...). A clause
#: without one states a condition ("Shared under NDA through the trust portal") or what
#: is offered ("Executive summary and remediation letter only"): an ask for that is met.
_LIMITS = TAKES_BACK_WORDS
#: Where a caveat's clauses part.
_CLAUSES = CLAUSES
_DIGIT = re.compile(r"\d")

#: How a clause limits: it takes something back (and so rules the ask out), or it
#: ties it to an edition or add-on, or bounds it with a number (a person compares).
TAKES_BACK, CONDITION, BOUND = "takes back", "condition", "bound"


@lru_cache(maxsize=4096)
def _versions(clause: str) -> frozenset[tuple[str, str]]:
    return numbered_names(clause)


@lru_cache(maxsize=4096)
def _subjects(
    caveat: str, own: frozenset[str], offers: frozenset[str], core: frozenset[str] = frozenset()
) -> tuple[tuple[str, frozenset[str], str, frozenset[str]], ...]:
    """How each limiting clause of a caveat limits, the stems it speaks of without the
    capability's own words ("the full report is not shared" takes back "full"), the
    clause itself, and the stems that set it apart from the capability (none of its
    name's or aliases' words). A clause that names versions ("TLS 1.0 and 1.1 are not supported")
    is about the ask only when the ask names one of them.
    ``offers``: the stems of the catalogue's edition and add-on names.

    A clause that ties part of the capability to an edition or add-on keeps the words of
    its aliases and drops only those of its name (``core``): in "Enforcing MFA for all
    users requires the Team edition", "enforce" is what needs the edition, even when an
    alias reads "enforce MFA"; "MFA" is the capability itself. The ask must still share
    a word that sets the clause apart, if it has one: "a one-time passcode by email" is
    not "SMS one-time passcodes require the Messaging Pack"."""
    found = []
    for clause in _CLAUSES.split(caveat):
        stems = frozenset(
            stem(w) for w in words(clause) if w not in _BOILERPLATE and not w.isdigit()
        )
        if _LIMITS.search(clause):
            kind = TAKES_BACK
        elif stems & offers:
            kind = CONDITION
        elif _DIGIT.search(clause):
            kind = BOUND
        else:
            continue
        apart = frozenset(t for t in stems - own - offers if t not in STOPWORDS)
        subject = stems - offers - core if kind == CONDITION else stems - own
        if subject:
            found.append((kind, subject, clause, apart))
    return tuple(found)


#: How much of a clause's subject the requirement shares: enough words to name it, or
#: only its weightiest part (then the part it leaves out may be what the clause excludes:
#: "dbt Python models" against "400 dbt models", so only a person can tell).
NAMED, WEIGHTY = "named", "weighty"


def _touches(evidence: Evidence, asked: set[str], subject: frozenset[str]) -> str | None:
    shared = asked & subject
    if not shared:
        return None
    if len(shared) >= min(MIN_SHARED, len(subject)):
        return NAMED
    # By weight, only words that carry meaning count ("one" in "one-time" does not).
    idf = evidence.index.idf_of
    meant = [t for t in shared if t not in STOPWORDS]
    total = sum(idf(t) for t in subject if t not in STOPWORDS)
    if meant and sum(idf(t) for t in meant) >= SUBJECT_SHARE * total:
        return WEIGHTY
    return None


def _answered_by(
    evidence: Evidence, shared: set[str], own: set[str], other: dict[str, float]
) -> bool:
    """Whether another matched capability answers the caveat's subject in this one's
    place: its text holds the shared words and speaks of what the requirement asked of
    this capability (``own``: the capability's own words the requirement uses)."""
    if not shared <= set(other):
        return False
    idf = evidence.index.idf_of
    total = sum(idf(t) for t in own)
    return total == 0 or sum(idf(t) for t in own if t in other) >= OWN_SHARE * total


def _offers(evidence: Evidence) -> frozenset[str]:
    catalog = evidence.index.catalog
    names = [*catalog.editions, *(c.add_on for c in catalog.capabilities if c.add_on)]
    return frozenset(stem(w) for name in names for w in words(name) if w not in _BOILERPLATE)


#: How a caveat says that something needs an edition or an add-on: "requires the Team
#: edition", "needs the Messaging Pack", "available on the enterprise edition only",
#: "enterprise only", "Team or higher". A clause that names an edition without saying
#: so ("read-only on the Starter edition", "covered by the Enterprise uptime SLA") is a
#: person's to read.
_REQUIRES = re.compile(
    r"\b(?:requires?|required|needs?|needed)\b"
    r"|\bavailable\s+(?:only\s+)?(?:on|in|with)\b"
    r"|\bonly\s+(?:on|in|with)\b"
    r"|\b(?:edition|editions|plan|plans|tier|tiers|add-on|pack)\s+only\b"
    r"|\bor\s+(?:higher|above)\b|\band\s+(?:up|above)\b",
    re.I,
)


def _condition(
    catalog: Catalog, clause: str, own_add_on: str | None
) -> tuple[str | None, str | None]:
    """The edition, or the add-on, an edition or add-on clause ties the ask to: (edition,
    None) or (None, add-on) when the clause says it needs one ("requires", "available on
    ... only", "or higher") and names exactly one edition or one add-on; else (None, None)
    and a person reads the clause. Editions are tiers: "requires the Team edition" and
    "Team or higher" both mean Team and every edition above it. An edition that is also
    an everyday word ("team") counts only as a name: capitalised, or followed by
    "edition", "plan" or "tier". An add-on other than the one the capability already
    needs is left to a person (a capability needs one add-on)."""
    if not _REQUIRES.search(clause):
        return None, None
    named_editions = [e for e in catalog.editions if _names_edition(clause, e)]
    add_ons = sorted({c.add_on for c in catalog.capabilities if c.add_on})
    named_add_ons = [a for a in add_ons if _names(clause, a)]
    if len(named_editions) == 1 and not named_add_ons:
        return named_editions[0], None
    if len(named_add_ons) == 1 and not named_editions:
        add_on = named_add_ons[0]
        if own_add_on is None or own_add_on.casefold() == add_on.casefold():
            return None, add_on
    return None, None


def condition_clauses(catalog: Catalog, cap: Capability) -> list[str]:
    """The clauses of a capability's caveats that tie part of it to an edition or add-on
    ("SMS one-time passcodes require the Messaging Pack"): what they name, the capability
    offers under that condition."""
    return [
        clause
        for caveat in cap.caveats
        for clause in _CLAUSES.split(caveat)
        if not _LIMITS.search(clause) and _condition(catalog, clause, cap.add_on) != (None, None)
    ]


@lru_cache(maxsize=4096)
def _names(clause: str, name: str) -> bool:
    """Whether the clause names an add-on, as words ("the Messaging Pack")."""
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", clause, re.I) is not None


@lru_cache(maxsize=4096)
def _names_edition(clause: str, edition: str) -> bool:
    """Whether the clause names the edition: the word followed by "edition", "plan" or
    "tier" ("the team plan"), or capitalised ("Team or higher"), so that "shared with
    the whole team" names none."""
    word = re.escape(edition)
    if re.search(
        r"(?<![\w-])" + word + r"\s+(?:edition|editions|plan|plans|tier|tiers)\b", clause, re.I
    ):
        return True
    return any(
        m.group(0)[:1].isupper()
        for m in re.finditer(r"(?<![\w-])" + word + r"(?![\w-])", clause, re.I)
    )


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    asked = {stem(w) for w in words(analysis.text)}
    asks_a_number = _DIGIT.search(analysis.text) is not None
    asked_versions = numbered_names(analysis.text)
    reasons = []
    strong = evidence.strong()
    # A candidate another rule already doubted is read too: what its caveat takes back
    # in so many words settles the ask ("BYOK with Google Cloud KMS" against "Google
    # Cloud KMS is not supported" is unsupported, not only a question).
    read = strong + [
        c
        for c in evidence.candidates.values()
        if c.rejections and c.score >= THRESHOLD and all(r.doubt for r in c.rejections)
    ]
    offers: frozenset[str] | None = None
    for cand in read:
        doc = evidence.index.docs[cand.doc]
        if not doc.cap.caveats:
            continue
        if offers is None:
            offers = _offers(evidence)
        own = frozenset(t for phrase in doc.phrases for t in phrase.tokens)
        core = frozenset(
            t for phrase in doc.phrases if phrase.kind == "name" for t in phrase.tokens
        )
        others = [evidence.index.docs[c.doc].weights for c in strong if c.doc != cand.doc]
        conditions: list[Reason] = []
        doubt: Reason | None = None
        for caveat in doc.cap.caveats:
            for kind, subject, clause, apart in _subjects(caveat, own, offers, core):
                if kind == BOUND and not asks_a_number:
                    continue
                versions = _versions(clause)
                if versions and not versions & asked_versions:
                    continue  # "TLS 1.0 and 1.1 are not supported" says nothing of TLS 1.3
                how = _touches(evidence, asked, subject)
                if kind == CONDITION and apart and not asked & apart:
                    how = None  # only the capability's own words: not this clause's part
                if how is None or any(
                    _answered_by(evidence, asked & subject, asked & own, other) for other in others
                ):
                    continue
                edition, add_on = (
                    _condition(evidence.index.catalog, clause, doc.cap.add_on)
                    if kind == CONDITION
                    else (None, None)
                )
                if edition is not None or add_on is not None:
                    # A condition of the deal; the other clauses are read on, as one of
                    # them may take back what is asked ("... requires the Team edition;
                    # SMS codes are not available in every country").
                    needs = f"the {edition} edition" if edition else f"the {add_on} add-on"
                    conditions.append(
                        Reason(
                            ID,
                            f"{cand.cap_id}: what is asked needs {needs} (caveat: {clause})",
                            cand.cap_id,
                            edition=edition,
                            add_on=add_on,
                        )
                    )
                    continue
                rules_out = (kind, how) == (TAKES_BACK, NAMED)
                doubt = Reason(
                    ID,
                    f"{cand.cap_id}: {caveat}: a person must confirm",
                    cand.cap_id,
                    rules_out=f"the caveat rules out what is asked: {caveat}"
                    if rules_out
                    else None,
                )
                break
            if doubt is not None:
                break
        # A doubt sends the ask to a person (or rules it out) whatever the conditions.
        reasons.extend([doubt] if doubt is not None else conditions)
    return reasons
