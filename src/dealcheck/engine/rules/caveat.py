"""``caveat``: an ask about what a capability's caveat takes back is not promised.

A catalogue's caveats are what a capability does *not* do, or does only in part
("usage-based triggers are not supported", "AWS KMS only; Azure Key Vault is not
supported"). When the requirement asks about what a caveat speaks of, the words
match but the caveat may take the promise back: a person reads the caveat
against the ask. What the capability's own name and aliases say is the ask
itself, not the caveat's subject, and is not counted; but a clause that takes back
nothing but an alias's words ("Venmo is not supported" beside the alias "Venmo") is about
that alias, less the name's own words: an ask for it is ruled out.

Only a clause that limits counts: one that takes something back ("not", "no",
"except"), one that ties it to an edition or add-on of the catalogue ("SMS passcodes
require the Messaging Pack", "enterprise edition only"), or one with a number when the
requirement asks for a number too ("At most 10 approval steps per workflow" against
"15 approval steps"). "Shared under NDA through the trust portal" states a condition,
"Executive summary only" what is offered.

A clause is about the ask when the requirement shares two of its words beyond the
capability's name and aliases (or all of them), or a third of their weight: a word few
capabilities use ("SMS") is no chance. Sharing only the weightiest part leaves out what
may be the very thing the clause excludes ("400 dbt models" against "dbt Python models
are not supported"): that only sends the ask to a person.

Where the ask names all that a caveat keeps the capability to ("Customer-managed keys in
AWS KMS" against "AWS KMS only; Azure Key Vault and Google Cloud KMS are not
supported"), a clause taking back another item is about the ask only if the ask holds
more of its words than the word it shares with the list ("KMS").

A clause that takes back several things takes back each ("Oracle and SQL Server sources
are not supported": Oracle sources, and SQL Server sources), so naming one of them is
naming the subject; a dash between spaces parts clauses as a semicolon does ("No offline
mode - the app needs a network connection").

A caveat whose shared words another matched capability explains is that capability's
to answer when that capability speaks of this one's subject too ("AI features in our
on-prem installation": the on-prem caveat "AI features are not available" beside the
capability for AI in air-gapped installations). Another capability that only provides
what the caveat excludes ("bulk send via SMS" beside an SMS delivery capability) does
not silence it.

A clause that takes something back, and whose words the ask shares, *rules the
capability out* (``Reason.rules_out``): the catalogue says in so many words that it does
not do this, so where the capability is the requirement's best match the answer is
``unsupported``, quoting the caveat, not ``unknown`` (and where it is only the closest
candidate, below the threshold, too: the caveat's own words are the evidence). Not a
clause that negates "every", "all" or "always" ("SMS codes are not available in every
country"), takes back "some" or "certain" things, or hedges ("may not be available"):
it takes back a part it does not name, and only sends the ask to a person. A
clause that says part of the capability needs one edition or one add-on (:func:`_condition`) is
a *condition* (``Reason.editions``, ``Reason.add_on``), not a doubt: the engine
evaluates the capability as if only the editions the clause leaves had it, or as if it
needed that add-on ("24/7 phone support is available on the enterprise edition only":
``upgrade`` on a business quote). A condition whose subject, its parentheses aside, is
an alias the ask uses is on what is asked ("Multivariate testing (more than two
variants) requires the Enterprise edition" against "we need multivariate testing"). A
clause naming editions or add-ons in any other way, one saying the capability is only
partly there in a deployment or region ("partial support in saas"), and a number clause,
send the ask to a person. A clause that bounds with a number ("Approval chains of more
than three steps require the enterprise edition", "At most 10 approval steps per
workflow") is compared with the amount the ask gives of what it counts (:func:`bound_side`):
past "more than three steps" ("5 steps") the clause applies, short of it ("2 steps") it
does not; within "at most 10" it raises no doubt, and past it, a cap of the capability's
own that nothing in the caveat lifts (no edition, no add-on, no "unlimited on ..." or
"more with ...") rules the ask out ("Approval chains with 15 steps" against "At most 10
approval steps per workflow"), unless the ask's amount may be spread over what the cap is
per ("50 bookings across our 12 rooms" against "At most 20 bookings per room") or is said
to be a total: a person reads those. A condition past
a number says nothing of an ask that gives no amount and names nothing else it speaks
of ("VMs with more than 16 disks require Enterprise" against "Backup of our VMs"), unless
the number stands in parentheses and defines the thing ("Multivariate testing (more than
two variants)").

A condition the ask names a word of, beyond the capability's own, but not all of
("Dependencies between tasks in different projects" against "Cross-project dependencies
require the Enterprise edition"), sends the ask to a person: it may be that part. A
caveat that says the capability, or what the ask names, is read-only ("Read-only")
sends an ask that writes (lexicon.yaml ``write_verbs``: update, modify, delete,
provision, ...) to a person; one about another part ("Viewer seats are read-only") does
not. One that keeps some things to viewing ("View only on iOS and iPadOS") sends an ask
about them that is not to view ("take full control of iOS devices") to a person.

A clause that keeps the capability to one kind of a thing ("Server-side SDKs only")
sends an ask for another kind ("client-side apps", an iOS SDK matched beside it) to a
person; where each part of a capability has its own list of countries or languages
("Local numbers in ... only", "Toll-free numbers in the US, Canada and UK only"), the
part the ask names picks its list ("Toll-free numbers in Ireland": ruled out).

A clause that lists what a part of the capability works with ("Automatic attendance sync
for Zoom and Microsoft Teams only") leaves out what the capability's own list of the same
things holds beside them (a description's "Zoom, Microsoft Teams or Webex"): an ask for
that part naming one left out ("Webex sessions with automatic attendance sync") goes to a
person, though the capability speaks of Webex elsewhere.

A clause that keeps the capability, or a part of it, to some of the catalogue's regions
("US and Canadian mobile numbers only") rules out an ask in another region that names
what the clause speaks of (:func:`_outside_the_places`); a clause saying a part is not
there yet ("Microsoft Teams approvals are in beta") sends an ask for that part, which
may be one of the things the capability's name lists, to a person.

Fires: "Preventive maintenance plans with usage-based triggers" against plans whose
caveat reads "usage-based triggers are not supported".
Does not fire: "Maintenance plans on a monthly calendar" against the same capability.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from dealcheck.catalog.model import Capability
from dealcheck.engine.analyse import Analysis
from dealcheck.engine.candidates import THRESHOLD, Candidate, Reason
from dealcheck.engine.ceilings import against_ceilings, ceilings, own_words
from dealcheck.engine.index import (
    CatalogIndex,
    Packaging,
    lower_bounds,
    numbered_names,
    version_key,
    versioned_names,
)
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import (
    ACCOUNT_STEMS,
    CLAUSES,
    FILLER,
    GATHERING_STEMS,
    KEEPS_TO_ONLY,
    LEXICON,
    NOT_YET,
    PEOPLE_STEMS,
    POSSESSIVES,
    STOPWORDS,
    Canon,
    fold,
    kept_clauses,
    stem,
    tokens,
    words,
)
from dealcheck.engine.text import TAKES_BACK as TAKES_BACK_WORDS
from dealcheck.engine.vocabulary import is_common_word
from dealcheck.quantities import (
    PERIOD_DAYS,
    amounts,
    count_period,
    date_spans,
    passes,
    thresholds,
)
from dealcheck.units import parse_unit

ID = "caveat"

#: Distinct words a requirement must share with one caveat (beyond the capability's
#: name and aliases) for the caveat to be about the ask: one shared word is often
#: chance ("users"), two name the same thing ("usage-based triggers"). A caveat whose
#: subject is a single word ("Same-day ACH is not supported": "same day") needs that.
MIN_SHARED = 2
#: ... or this share of the subject's weight (by idf), for a person to read: one rare
#: word names it, and one of three alike ("writing" of "writing to tables managed by an
#: external catalog") may be the very thing taken back. Half let "write to Iceberg tables
#: in our Glue catalog" through as supported; a third changed no labelled answer.
SUBJECT_SHARE = 0.33
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
#: A negation that takes back only a part, unnamed: of "every", "all", "each" or "always"
#: ("SMS codes are not available in every country" offers them somewhere, not nowhere),
#: a negation of "some" or "certain" things ("Some older Android devices are not
#: supported", "not available in certain regions"), or a hedged one ("may not be
#: available"). Such a clause is a person's to read against the ask, never a rule-out.
#: ("Not at all", "not in any" negate the whole and are no part.)
_NOT_EVERYWHERE = re.compile(
    r"(?:\bnot\b|n't\b|\bnever\b)(?:\s+[\w-]+){0,4}?\s+(?<!\bat\s)"
    r"(?:every|all|each|always|everywhere|universally)\b(?!-)"
    r"|\b(?:may|might)\s+not\b",
    re.I,
)
_SOME = re.compile(r"\b(?:some|certain|several)\b", re.I)

#: How a clause limits: it takes something back (and so rules the ask out), or it
#: ties it to an edition or add-on, or bounds it with a number (a person compares).
TAKES_BACK, CONDITION, BOUND = "takes back", "condition", "bound"
#: A clause that says part of the capability is not there yet, or only on trial
#: ("Microsoft Teams approvals are in beta", "Azure Key Vault support is planned"): an
#: ask for that part goes to a person; any other ask of the capability is unaffected.
NOT_THERE_YET = "not there yet"
#: A clause that names an edition or add-on in a way no condition here reads: a person.
DOUBT = "doubt"
#: A clause that takes back a part it does not name ("SMS codes are not available in
#: every country"): an ask about its subject goes to a person; it rules nothing out.
PART = "part"


@lru_cache(maxsize=4096)
def _versions(clause: str) -> frozenset[tuple[str, str]]:
    """The versioned names a clause states ("TLS 1.0"), its dates ("until Q4 2027") aside."""
    for start, end in reversed(date_spans(clause)):
        if clause[start:end].strip().isdigit():
            continue  # a bare year may be a version ("Windows Server 2012")
        clause = clause[:start] + " " * (end - start) + clause[end:]
    return numbered_names(clause)


#: A version range a clause opens from its number: "2012 and earlier", "9.x or older",
#: "Python 3.8 and below" (down); "14 and later", "v3 or newer", "2.0+" (up).
_RANGE_DOWN = re.compile(r"^\s*(?:and|or)\s+(?:earlier|older|below|lower|prior|before)\b", re.I)
_RANGE_UP = re.compile(r"^\s*(?:\+|(?:and|or)\s+(?:later|newer|above|higher|up)\b)", re.I)


def _number_of(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


def _in_range(
    clause: str, versions: frozenset[tuple[str, str]], asked: frozenset[tuple[str, str]]
) -> bool:
    """Whether the ask names a version of the same thing inside a range the clause opens
    ("Windows Server 2008" against "Windows Server 2012 and earlier are not supported")."""
    for word, number in versions:
        top = _number_of(number)
        if top is None:
            continue
        for m in re.finditer(re.escape(number) + r"(?![\d.])", clause):
            rest = clause[m.end() :]
            down, up = _RANGE_DOWN.match(rest), _RANGE_UP.match(rest)
            if not down and not up:
                continue
            for asked_word, asked_number in asked:
                value = _number_of(asked_number)
                if asked_word != word or value is None:
                    continue
                if (down and value <= top) or (up and value >= top):
                    return True
    return False


#: What a condition clause makes of the capability: the editions that have what is asked
#: (None: all), and the add-on it needs (None: its own).
Condition = tuple[tuple[str, ...] | None, str | None]


@lru_cache(maxsize=4096)
def _subjects(
    caveat: str,
    own: frozenset[str],
    offers: frozenset[str],
    core: frozenset[str],
    packaging: Packaging,
    own_add_on: str | None,
    listed: frozenset[str] = frozenset(),
) -> tuple[tuple[str, frozenset[str], str, frozenset[str], Condition | None], ...]:
    """How each limiting clause of a caveat limits, the stems it speaks of without the
    capability's own words ("the full report is not shared" takes back "full"), the
    clause itself, the stems that set it apart from the capability (none of its name's
    or aliases' words, nor stop words), and, for a condition, what it makes of the
    capability. A clause that names versions ("TLS 1.0 and 1.1 are not supported") is
    about the ask only when the ask names one of them.
    ``offers``: the stems of the catalogue's edition and add-on names.

    A condition (:func:`_condition`: "Enforcing MFA for all users requires the Team
    edition or higher", "not available on the Starter edition") keeps the words of the
    capability's aliases and drops only those of its name (``core``): "enforce" is what
    needs the edition, even when an alias reads "enforce MFA"; "MFA" is the capability
    itself. One whose words are all the capability's own or the edition's applies to
    the whole capability."""
    found: list[tuple[str, frozenset[str], str, frozenset[str], Condition | None]] = []
    caveat = _SUSPENDED.sub(r"\1-\4 \2 \3-\4", caveat)
    for clause in _CLAUSES.split(caveat):
        stems = frozenset(stem(w) for w in _meaning(clause) if not w.isdigit())
        apart = frozenset(t for t in stems - own - offers if t not in STOPWORDS)
        read = _condition(packaging, clause, own_add_on) if stems & offers else None
        if read is not None:
            condition, rest = read
            # The part the condition is about: the clause's words but the condition's own
            # ("requires an Enterprise subscription") and where it applies ("for all
            # workspaces", "for every user").
            scoped = frozenset(stem(w) for w in _meaning(_SCOPE.sub(" ", rest)) if not w.isdigit())
            found.append((CONDITION, scoped - offers - core, clause, apart & scoped, condition))
            # A condition on several things is one on each ("Phone support and a named
            # customer success manager require the Enterprise edition": phone support),
            # even where the capability's aliases name that thing too ("CSM"): the ask
            # that names it asks for the part the condition is on.
            parts = [p for p in _COORDINATION.split(_SCOPE.sub(" ", rest)) if words(p)]
            if len(parts) > 1:
                for part in parts:
                    each = frozenset(stem(w) for w in _meaning(part) if not w.isdigit())
                    if each - offers - core:
                        found.append(
                            (
                                CONDITION,
                                each - offers - core,
                                clause,
                                each - offers - core,
                                condition,
                            )
                        )
            continue
        # An edition or add-on named as such: a word of an add-on's name alone is not it
        # ("candidates" beside the "Candidate Messaging" add-on).
        names_an_offer = _names_an_offer(packaging, clause, offers, stems)
        if names_an_offer and not stems - own - offers:
            kind = DOUBT  # editions or add-ons alone ("Not available on Starter or Team")
        elif _LIMITS.search(clause) and _names_an_edition(packaging, clause):
            kind = DOUBT  # "Unavailable on Starter": an edition, not the ask, is excluded
        elif _NOT_EVERYWHERE.search(clause) or (_LIMITS.search(clause) and _SOME.search(clause)):
            kind = PART  # "not available in every country": a part, unnamed, is excluded
        elif _LIMITS.search(clause) or _outside_a_place(packaging, clause):
            kind = TAKES_BACK
        elif _partly_in_a_place(packaging, clause):
            kind = DOUBT  # "partial support in saas": only part of it there, a person reads
        elif names_an_offer:
            kind = DOUBT  # names an edition or add-on without a condition dealcheck reads
        elif NOT_YET.search(clause) and not _ONLY_LIST.search(clause):
            # (Not "English only during the beta": what is offered while it is in beta.)
            kind = NOT_THERE_YET
        elif _DIGIT.search(clause) or clause_thresholds(clause):
            # A number, in digits or a bound written in words ("At most three accounts per
            # employee").
            kind = BOUND
        else:
            continue
        subject = stems - own
        if kind == TAKES_BACK and not subject - offers and stems - core - offers - STOPWORDS:
            # A take-back of nothing but an alias's words ("Venmo is not supported" beside
            # the alias "Venmo"): the alias names what customers ask for, the clause says
            # it is not offered. Its subject is those words, less the name's own.
            subject = stems - core
        if kind == NOT_THERE_YET:
            # The part not there yet may be one of the things the capability's name lists
            # ("Microsoft Teams approvals are in beta" of "Approvals in Slack and Microsoft
            # Teams"): those words are its subject, not the capability itself.
            yet = {stem(w) for m in NOT_YET.finditer(clause) for w in words(m.group())}
            subject = stems - (own - listed) - yet
        if subject - offers or kind == DOUBT or (kind == BOUND and clause_thresholds(clause)):
            # (A bound whose words are all the capability's own, "At most 25 charts per
            # dashboard" of a capability aliased "charts", is read by its number.)
            # A clause of edition or add-on names alone ("Only available on Team or
            # Enterprise") is about the whole capability: kept, for a person to read.
            found.append((kind, subject, clause, apart, None))
        if kind == TAKES_BACK:
            numbered = bool(_versions(clause))
            for part in _conjuncts(clause):
                stems = frozenset(stem(w) for w in _meaning(part) if not w.isdigit())
                if numbered and not stems - own - offers:
                    # Only a number is left of a numbered name in the capability's own words:
                    # it is the subject ("Sage 50 and Sage 200 are not supported" beside
                    # Sage Intacct takes back Sage 200).
                    stems = frozenset(stem(w) for w in _meaning(part))
                if stems - own - offers:
                    apart = frozenset(t for t in stems - own - offers if t not in STOPWORDS)
                    found.append((kind, stems - own, clause, apart, None))
    return tuple(found)


#: Boilerplate participles that, after an article, describe the thing the clause speaks
#: of rather than say whether it is offered: "*a shared* or distributed cache is not
#: supported" takes back a shared cache; "the full report is not shared" takes back the
#: full report (lexicon.yaml: describing_participles).
_DESCRIBING = LEXICON.describing_participles
_ARTICLES = frozenset({"a", "an", "the"})


#: The lexicon's glossary alone ("single sign-on" is "sso"), to find where a caveat's
#: clause spells one of its terms.
_GLOSSARY = Canon()
_TERMS = frozenset(_GLOSSARY.table.values())


@lru_cache(maxsize=4096)
def _spelled_terms(clause: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The glossary terms a clause spells out, each with the stems of the words that spell
    it there, in order ("Single sign-on for guests requires ...": "sso" by "single",
    "sign", "on"). A term written as itself is none: it needs no reading."""
    found = []
    for term, _, start, end in _GLOSSARY.spans(clause):
        spelled = frozenset(stem(w) for w in words(clause[start:end]))
        if term in _TERMS and spelled != {term}:
            found.append((term, spelled))
    return tuple(found)


def _units(stems: set[str], terms: tuple[tuple[str, frozenset[str]], ...]) -> set[str]:
    """``stems`` counted by meaning: the words of each spelled-out glossary term among
    them are one (its term, marked so that no word is taken for it)."""
    out = set(stems)
    for term, spelled in terms:
        if out & spelled:
            out -= spelled
            out.add(f"<{term}>")
    return out


def _asked_of(clause: str, asked: set[str]) -> set[str]:
    """The ask's words as a clause spells them: where the ask holds a glossary term the
    clause spells out ("SSO for guests" against "Single sign-on for guests requires the
    enterprise edition"), it names the clause's words for it."""
    here = asked
    for term, spelled in _spelled_terms(clause):
        if term in asked:
            here = here | spelled
    return here


def _meaning(text: str) -> list[str]:
    """The words of a caveat clause that speak of its subject: all but the boilerplate,
    keeping a boilerplate participle an article puts before its noun ("a shared cache")."""
    ws = words(text)
    return [
        w
        for i, w in enumerate(ws)
        if (w not in _BOILERPLATE or (w in _DESCRIBING and i > 0 and ws[i - 1] in _ARTICLES))
        # "(not) part of the product" says what is included; "part-level" names a part
        and not (w == "part" and ws[i + 1 : i + 2] == ["of"])
    ]


#: A suspended hyphen: "meter- or usage-based" is "meter-based or usage-based", "pre- and
#: post-processing" is "pre-processing and post-processing".
_SUSPENDED = re.compile(r"\b(\w+)-\s+(or|and|nor)\s+(\w+)-(\w+)", re.I)

#: What joins the things a clause takes back ("Oracle and SQL Server sources", "guests or
#: external users", "SAP, Oracle, Workday").
_COORDINATION = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bnor\b)\s*", re.I)


def _outside_a_place(packaging: Packaging, clause: str) -> bool:
    """Whether a clause says something happens outside one of the catalogue's places
    ("Sub-processors ... may process metadata outside the EU"): it takes that place back.
    "Works outside the corporate network" names no place and takes nothing back."""
    return any(
        re.search(r"\boutside\s+(?:of\s+)?(?:the\s+)?" + re.escape(p) + r"\b", clause, re.I)
        for p in packaging.places
    )


#: A clause that says a capability is only partly there ("partial support in SaaS",
#: "limited availability on self-managed").
_PARTLY = re.compile(
    r"\b(?:partial(?:ly)?|partly|limited|restricted|incomplete|not\s+fully|preview)\b", re.I
)


def _partly_in_a_place(packaging: Packaging, clause: str) -> bool:
    """Whether a clause says the capability is only partly there in one of the
    catalogue's deployments or regions ("partial support in saas"): a person reads it,
    as one naming an edition that way."""
    return _PARTLY.search(clause) is not None and any(_names(clause, p) for p in packaging.places)


#: What introduces examples of the thing a clause speaks of ("such as", "e.g.", "like").
_EXAMPLES = re.compile(
    r"\b(?:such\s+as|e\.\s?g\.|eg\b|for\s+(?:example|instance)|(?P<loose>including|like))\s*",
    re.I,
)


def _conjuncts(clause: str) -> list[str]:
    """Each thing a clause takes back, with what it says of it: "Oracle and SQL Server
    sources are not supported" takes back "Oracle ... not supported" and "SQL Server
    sources ... not supported", as "not available for guests or external users" takes
    back "not available for guests" and "... external users"; a kind and its examples
    ("right-to-left languages such as Arabic and Hebrew") each. Empty unless the part
    before the limiting word (or, when it comes first, the part after it) joins two or
    more things."""
    limit = _LIMITS.search(clause)
    if limit is None:
        return []
    before, after = clause[: limit.start()], clause[limit.end() :]
    joined, said = (before, after) if words(before) else (after, before)
    example = _EXAMPLES.search(joined)
    listing = _PARENTHESIS.search(joined)
    if (
        listing is not None
        and len([p for p in _COORDINATION.split(listing.group()) if words(p)]) < 2
    ):
        listing = None  # "(over 25 MB)" qualifies what is taken back; it lists nothing
    if example is not None and example["loose"]:
        listed = joined[example.end() :]
        if not all(p.strip(" ():")[:1].isupper() for p in _COORDINATION.split(listed) if words(p)):
            # "including" and "like" give examples only of names ("Chat tools like
            # Mattermost"); "Messages including attachments larger than 25 MB" qualifies.
            example = None
    # "Right-to-left languages such as Arabic and Hebrew are not supported", "Onboarding
    # workflows (tasks, equipment, day-one portal) are not part of it": the kind, and each
    # example of it, is taken back.
    if example is not None:
        head, listed = joined[: example.start()], joined[example.end() :]
    elif listing is not None:
        head = joined[: listing.start()] + " " + joined[listing.end() :]
        listed = listing.group()[1:-1]
    if example is not None or listing is not None:
        items = [p for p in _COORDINATION.split(listed.strip(" ():")) if words(p)]
        return [f"{part} {said}" for part in ([head] if words(head) else []) + items]
    parts = [p for p in _COORDINATION.split(joined) if words(p)]
    meant = [[w for w in words(p) if w not in STOPWORDS and w not in _BOILERPLATE] for p in parts]
    written = [t for p in parts for t in p.split() if t.lower() in {w for m in meant for w in m}]
    if len(parts) < 2 or (
        all(len(m) == 1 and is_common_word(m[0]) for m in meant)
        and any(t[:1].islower() for t in written)
    ):
        return []  # "Search and replace": one thing named by two words ("SAP and Sage": two)
    return [f"{part} {said}" for part in parts]


#: How much of a clause's subject the requirement shares: enough words to name it, or
#: only its weightiest part (then the part it leaves out may be what the clause excludes:
#: "dbt Python models" against "400 dbt models", so only a person can tell).
NAMED, WEIGHTY = "named", "weighty"


def _touches(
    evidence: Evidence,
    asked: set[str],
    subject: frozenset[str],
    offers: frozenset[str],
    terms: tuple[tuple[str, frozenset[str]], ...] = (),
) -> str | None:
    """Whether the ask names the clause's subject.

    Its meaning rests on the words that are neither stop words nor edition or add-on
    names (``offers``): "replies" in "Replies are not supported, with or without the
    Messaging Pack". The ask names the subject when it shares one of those and, in all,
    two meaningful words ("Swisscom Trust Services are not supported": the add-on's
    "Trust Services" count beside "Swisscom"), or all of a one-word meaning with the
    clause's stop words ("same" of "same-day": "next-day" is not named). Sharing half
    of the meaning's weight is only a doubt (a person can tell). ``terms``: the glossary
    terms the clause spells out (:func:`_spelled_terms`), whose words count as one."""
    shared = asked & subject
    if not shared:
        return None
    meant = {t for t in subject if t not in STOPWORDS and t not in offers}
    shared_meant = {t for t in shared if t not in STOPWORDS}
    # The words that spell one glossary term in the clause (``terms``: "single sign-on")
    # are one word of its meaning when counted, as the term's acronym would be.
    if _units(shared_meant, terms) & _units(meant, terms) and len(
        _units(shared_meant, terms)
    ) >= min(MIN_SHARED, len(_units(meant, terms))):
        stops = {t for t in subject if t in STOPWORDS}
        if len(shared_meant) >= MIN_SHARED or stops <= asked:
            return NAMED
    # By weight, only words that carry meaning count ("one" in "one-time" does not).
    idf = evidence.index.idf_of
    total = sum(idf(t) for t in meant)
    core = shared_meant & meant
    if core and sum(idf(t) for t in core) >= SUBJECT_SHARE * total:
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


_TIER = (
    r"(?P<tier>\s+(?:"
    + "|".join(re.escape(w) for w in sorted(LEXICON.edition_units, key=len, reverse=True))
    + r"))?"
)
#: After a name: not part of a longer one ("Enterprise Plus", "Insights-Pro"); the
#: capital is matched case-sensitively although the patterns are not.
_END = r"(?![\w-])(?!\s+(?-i:[A-Z]))"
_ARTICLE = r"(?:(?:the|a|an)\s+)?"
#: How a caveat says what needs an edition or an add-on, with ``{N}`` for its name:
#: the edition named and every one above it ("requires the Team edition", "Team or
#: higher", "available on the Business plan"), that edition alone ("available on the
#: Starter plan only", "only in the Enterprise edition"), every edition but that one
#: ("not available on the Starter edition", "except Starter"), or an add-on ("requires
#: the Messaging Pack"). A description says it too: "Enterprise adds ...", "... on
#: Enterprise" (that edition and every one above it).
_FROM = (
    r"\b(?:requires?|required|needs?|needed)\s+" + _ARTICLE + "{N}" + _TIER + _END,
    r"\bavailable\s+(?:on|in|with)\s+" + _ARTICLE + "{N}" + _TIER + _END + r"(?!\s*only)",
    r"(?<![\w-]){N}" + _TIER + r"\s+(?:or\s+(?:higher|above)|and\s+(?:up|above))\b",
    # A description's way: "Enterprise adds 24/7 phone support", "... on Enterprise."
    r"(?<![\w-]){N}" + _TIER + r"\s+(?:" + "|".join(sorted(LEXICON.adding_verbs)) + r")\b",
    r"\b(?:on|in)\s+" + _ARTICLE + "{N}" + _TIER + r"\s*[.;]?\s*$",
)
_ONLY = (
    r"\bonly\s+(?:on|in|with)\s+" + _ARTICLE + "{N}" + _TIER + _END,
    r"\bavailable\s+(?:on|in|with)\s+" + _ARTICLE + "{N}" + _TIER + r"[\s-]+only\b",
    r"(?<![\w-]){N}" + _TIER + r"[\s-]+only\b",
)
_BUT = (
    r"(?:\bnot\s+(?:available|included|offered|supported)|\bunavailable|\bexcluded\s+from)"
    r"\s+(?:(?:on|in|with|for)\s+)?" + _ARTICLE + "{N}" + _TIER + _END,
    r"\bexcept\s+(?:(?:on|in|for)\s+)?" + _ARTICLE + "{N}" + _TIER + _END,
)
#: The verbs after which a description names what an edition adds.
_ADDS = re.compile(r"\b(?:" + "|".join(sorted(LEXICON.adding_verbs)) + r")\b", re.I)
#: An edition named anywhere ("(Business edition for exports)"), as a name.
_AS_EDITION = r"(?<![\w-]){N}" + _TIER + r"(?![\w-])"
_NEEDS_ADD_ON = (
    r"\b(?:requires?|required|needs?|needed)\s+" + _ARTICLE + "{N}" + _END,
    r"\b(?:available|only)\s+(?:on|in|with)\s+" + _ARTICLE + "{N}" + _END,
)
#: Words a caveat uses about a capability as a whole, not about a part of it ("This
#: feature needs Enterprise", "Except Starter", "Requires Enterprise, plus ...";
#: lexicon.yaml: whole_capability).
_META = frozenset(stem(w) for w in LEXICON.whole_capability)
#: Words that say "more than one" without saying which (lexicon.yaml more_than_one).
_MORE_THAN_ONE = frozenset(stem(w) for w in LEXICON.more_than_one)


def _names_several(cap: Capability, text: str) -> bool:
    """Whether an ask names more than one of the things the capability's aliases or its
    "only" list name ("to Adyen and ... to Stripe" beside "Stripe, Adyen and Braintree
    only"), as "several" in a caveat speaks of."""
    folded = fold(text)
    listed = [
        item.strip()
        for caveat in cap.caveats
        for kept in kept_clauses(caveat)
        for item in _COORDINATION.split(KEEPS_TO_ONLY.sub(" ", kept))
    ]
    named = {
        name.casefold()
        for name in (*cap.aliases, *listed)
        if name[:1].isupper() and re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", folded)
    }
    return len(named) >= 2


#: "for all workspaces", "for every user": the whole capability, wherever it is used.
_SCOPE = re.compile(r"\b(?:for|to|across)\s+(?:all|every|each|any)\s+[\w-]+", re.I)


#: Words that, left in a condition clause beside the edition or add-on it names, limit
#: it further ("in the US region only", "on iOS only", "or lower"), or turn it around
#: ("disabled on Enterprise", "deprecated in Starter"), as do a place and a
#: number after the name ("limited to 5 per account"): the clause is then a person's
#: to read.
_FURTHER = re.compile(
    r"\b(?:only|except|lower|below|until|before|not|no|without|limited|up\s+to"
    r"|disabled|removed|deprecated|retired|phased\s+out|discontinued|excluded)\b",
    re.I,
)


@lru_cache(maxsize=1024)
def _compiled(pattern: str, name: str) -> re.Pattern[str]:
    spelled = re.escape(name).replace(r"\-", r"[\s-]+")  # "enterprise-plus"
    return re.compile(pattern.replace("{N}", "(?P<name>" + spelled + ")"), re.I)


def _find(
    patterns: tuple[str, ...], name: str, clause: str, edition: bool = False
) -> re.Match[str] | None:
    """The first pattern that finds the name in its place. An edition that is also an
    everyday word counts only as a name: capitalised, or followed by "edition", "plan" or
    "tier" ("your team only" names no edition)."""
    folded = clause.lower().replace("-", " ")
    if name.lower().replace("-", " ") not in folded:
        return None  # not named at all: no pattern need be compiled
    for pattern in patterns:
        found = _compiled(pattern, name).search(clause)
        if found is not None and edition and "tier" in found.re.groupindex:
            if not (found.group("name")[:1].isupper() or found.group("tier")):
                found = None
        if found is not None:
            return found
    return None


@lru_cache(maxsize=4096)
def _condition(
    packaging: Packaging, clause: str, own_add_on: str | None
) -> tuple[Condition, str] | None:
    """What a clause that says part of a capability needs an edition or an add-on makes
    of the capability, with the rest of the clause (its words other than the condition's:
    the part it is about), or None when it does not say so in a way read here (a person
    then reads it).

    It must name exactly one edition or one add-on in the place the phrasing gives it
    ("requires the Team edition", "available on the Starter plan only", "not available
    on the Starter edition", "requires the Messaging Pack"), and nothing else in it may
    limit further (a place, a platform, a number, "only", "or lower"). Editions are
    tiers: "requires Team" means Team and every edition above it; "Starter only" Starter
    alone; "not on Starter" every other. An add-on other than the one the capability
    already needs is left to a person (a capability needs one add-on)."""
    found: list[tuple[re.Match[str], Condition]] = []
    editions = packaging.editions
    for i, edition in enumerate(editions):
        # "not available on X" before "available on X", "X only" before "X".
        for patterns, kind in ((_BUT, "but"), (_ONLY, "only"), (_FROM, "from")):
            m = _find(patterns, edition, clause, edition=True)
            if m is None:
                continue
            if kind == "from":
                have = editions[i:]
            elif kind == "only":
                have = (edition,)
            else:
                have = tuple(e for e in editions if e != edition)
            found.append((m, (have, None)))
            break
    for add_on in packaging.add_ons:
        m = _find(_NEEDS_ADD_ON, add_on, clause)
        if m is not None:
            found.append((m, (None, add_on)))
    if len(found) != 1:
        return None
    m, condition = found[0]
    rest = clause[: m.start()] + " " + clause[m.end() :]
    if (
        _FURTHER.search(rest)
        or _LIMITS.search(rest)  # "..., external links are unsupported"
        or any(_find((_AS_EDITION,), e, rest) for e in packaging.editions)
        or any(_names(rest, a) for a in packaging.add_ons)
        or (_DIGIT.search(clause[m.end() :]) and not _ADDS.search(m.group(0)))
        # "..., limited to 5 per account" (the subject's own numbers come before:
        # "24x7 phone support requires ...", or after "adds": "Enterprise adds 24/7 ...")
        or any(_names(rest, p) for p in packaging.places)
    ):
        return None
    needed = condition[1]
    if needed is not None and own_add_on is not None and own_add_on.casefold() != needed.casefold():
        return None
    return condition, rest


def condition_clauses(index: CatalogIndex, cap: Capability) -> list[str]:
    """The clauses of a capability's caveats that say part of it needs an edition or an
    add-on ("SMS one-time passcodes require the Messaging Pack"): what they name, the
    capability offers under that condition."""
    return [
        clause
        for caveat in cap.caveats
        for clause in _CLAUSES.split(caveat)
        if not _LIMITS.search(clause)
        and _condition(index.packaging, clause, cap.add_on) is not None
    ]


@lru_cache(maxsize=4096)
def _edition_sentences(
    packaging: Packaging, description: str | None, editions: tuple[str, ...]
) -> tuple[str, ...]:
    """The clauses of a description that name an edition above the lowest one the
    capability is sold in ("Enterprise adds 24/7 phone support for severity-1 incidents",
    "with a named technical account manager on Enterprise", for a capability sold from
    Pro up): read like a caveat's, since they say what only a higher edition has. One
    naming an edition the capability is sold in anyway ("GitLab Premium allows you to
    ...", "OneDrive for Business" on a Business-and-up capability) says nothing more."""
    tiers = [e for e in packaging.editions if e in editions]
    above = packaging.editions[packaging.editions.index(tiers[0]) + 1 :] if tiers else ()
    return tuple(
        clause
        for clause in _CLAUSES.split(description or "")
        if clause.strip() and any(_find((_AS_EDITION,), e, clause, edition=True) for e in above)
    )


def _names_an_offer(
    packaging: Packaging,
    text: str,
    offers: frozenset[str],
    stems: frozenset[str] | None = None,
) -> bool:
    """Whether the text names one of the catalogue's editions or add-ons as a name ("the
    enterprise edition", "the Multi-brand Pack"), not a word an add-on's name shares
    ("assessments" of the "Assessment Pack"). ``stems``: the text's stems, where the
    caller has read them its own way."""
    stems = _stems((text,)) if stems is None else stems
    return bool(stems & offers) and (
        any(_names_edition_word(text, e, packaging.product) for e in packaging.editions)
        or any(_names_add_on(text, stems, name) for name in packaging.add_ons)
    )


def _names_an_edition(packaging: Packaging, clause: str) -> bool:
    """Whether the clause names one of the catalogue's editions, as a name; not as a word
    inside a longer name that starts before it ("SAP Business One")."""
    return any(
        (found := _find((_AS_EDITION,), e, clause, edition=True)) is not None
        and not _inside_a_name(clause, found.start(), packaging.product)
        for e in packaging.editions
    )


#: A capitalised word right before a position: the name it is in began earlier.
_NAME_BEFORE = re.compile(r"(?<![.;:!?])\b[A-Z][\w/-]*\s+$")


def _inside_a_name(clause: str, at: int, product: str = "") -> bool:
    """Whether the word at ``at`` continues a name begun by a capitalised word before it
    ("SAP *Business* One"), not at the start of the clause; the product's own name before
    an edition names the edition ("GitLab Premium")."""
    before = clause[:at]
    found = _NAME_BEFORE.search(before) if before.strip() else None
    if found is None:
        return False
    word = found.group().strip()
    if not (word.isupper() and len(word) > 1) and is_common_word(word):
        return False  # "Only Enterprise workspaces", "The Starter plan": no name
    return not (product and word.casefold() in product.casefold().split())


@lru_cache(maxsize=4096)
def _names_edition_word(clause: str, edition: str, product: str = "") -> bool:
    """Whether the clause holds an edition's name as a word, in any case, joined by a
    hyphen or not ("partial support in free", "enterprise-tier customers"), but not inside
    a longer name that starts before it ("SAP Business One")."""
    pattern = r"(?<![\w-])" + re.escape(edition) + r"(?!\w)"
    return any(
        not _inside_a_name(clause, m.start(), product) for m in re.finditer(pattern, clause, re.I)
    )


def _names_add_on(clause: str, stems: frozenset[str], add_on: str) -> bool:
    """Whether the clause names an add-on: by its name, or by two of its words or more
    ("the Advanced Security add-on" for the "Advanced Security Pack"); one word of a
    longer name is not it ("candidates" beside the "Candidate Messaging" add-on)."""
    if _names(clause, add_on):
        return True
    own = {stem(w) for w in words(add_on) if w not in _BOILERPLATE}
    return len(own) >= 2 and len(own & stems) >= 2


@lru_cache(maxsize=4096)
def _names(clause: str, name: str) -> bool:
    """Whether the clause names a region, deployment or add-on, as words."""
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", clause, re.I) is not None


def _meaningful(words: tuple[str, ...]) -> list[str]:
    """The run of words right after a number that says what it counts, as stems: up to
    the first stop word, filler or caveat boilerplate ("sequential approval steps" of "5
    sequential approval steps in a row", "steps" of "more than three steps require")."""
    run: list[str] = []
    for w in words:
        if (
            not run
            and w in LEXICON.caveat_boilerplate
            and w not in LEXICON.prepositions | LEXICON.determiners
        ):
            # A participle or adjective of the bound's boilerplate before the counted noun
            # ("at most 5 *required* reviewers", "10 *supported* languages"): the noun
            # after it is what the bound counts.
            continue
        if w in STOPWORDS or w in FILLER or w in _BOILERPLATE:
            break
        run.append(stem(w))
    return run


#: Words that say a cap can be lifted ("more with the Integration Pack", "unlimited on
#: the enterprise edition", "higher limits on request").
_LIFTED = re.compile(
    r"\b(?:more(?!\s+than)|unlimited|higher|additional|extra|contact|request|upgrade"
    r"|increase[ds]?)\b",
    re.I,
)
#: An ask's amount said to be a total ("40 approval steps in total", "200 requisitions
#: across the recruiting team", "company-wide").
_TOTAL = re.compile(
    r"\b(?:in\s+total|total|altogether|combined|overall|across|[a-z]+-wide)\b", re.I
)


_PER = re.compile(r"\bper\b", re.I)


def _per_something_else(
    clause: str, asked: list[tuple[float, str | None, bool, float | None]], text: str
) -> bool:
    """Whether the ask's amount may be spread over what the clause's cap is per: the ask
    says it is a total, or gives an amount other than one of that thing ("50 recurring
    bookings across our 12 rooms" against "At most 20 recurring bookings per room")."""
    if _TOTAL.search(text):
        return True
    if len(_PER.findall(text)) > 1 or len(_PER.findall(clause)) > 1:
        return True  # a rate per one thing per another ("per employee per quarter")
    per = set()
    for *_, after in clause_thresholds(clause):
        for i, word in enumerate(after[:-1]):
            if word.lower() in ("per", "each", "every"):
                per.add(stem(after[i + 1].lower()))
    return any(head in per and value != 1 for value, head, _, _ in asked)


#: Nouns that count people, in general or as accounts ("person", "participants").
_PEOPLE = PEOPLE_STEMS | ACCOUNT_STEMS | GATHERING_STEMS
#: The stems of the words that name nothing a caveat speaks of (and of stop words).
_BOILERPLATE_STEMS = frozenset(stem(w) for w in _BOILERPLATE | STOPWORDS)
#: What separates the items of a list an "only" clause keeps to ("A, B and C only").
_LIST_ITEMS = re.compile(r",|/|\band\b|\bor\b|&", re.I)
#: The stems of RFP filler ("use", "need"): they name nothing a clause sets apart.
_FILLER_STEMS = frozenset(stem(w) for w in FILLER)
#: Words of looking at, not acting on, what a read- or view-only clause keeps
#: (lexicon.yaml viewing_verbs).
_VIEWING = frozenset(stem(w) for w in LEXICON.viewing_verbs)
#: Words of acting on what is looked at: beside a viewing word ("remote viewing and
#: control") they still ask for more than viewing (lexicon.yaml acting_verbs).
_ACTING = frozenset(stem(w) for w in LEXICON.acting_verbs)
#: A caveat that says a capability only reads ("Read-only", "view-only access").
_READ_ONLY = re.compile(r"\b(?:read|view)[- ]?only\b", re.I)
#: Verbs of changing what a system keeps (lexicon.yaml write_verbs).
WRITE_VERBS = LEXICON.write_verbs


#: Adjectives and adverbs of extent that may follow what an amount counts ("three levels
#: *deep*", "twelve months *ahead*"): they say how it measures, not what it is.
_EXTENT = frozenset(stem(w) for w in LEXICON.extent_words)


def counted_head(words: tuple[str, ...]) -> str | None:
    """What an amount of a requirement counts: the last word of its run ("steps" of "5
    sequential approval steps"; "levels" of "three levels deep"), or None."""
    run = _meaningful(words)
    while len(run) > 1 and run[-1] in _EXTENT:
        run = run[:-1]
    return run[-1] if run else None


@lru_cache(maxsize=4096)
def clause_thresholds(
    clause: str,
) -> tuple[tuple[str, float, frozenset[str], str, tuple[str, ...]], ...]:
    """The clause's bounds with a number, each with the stems of the words that say what
    it counts, the last of them ("steps" of "more than three approval steps") and the
    words after the number."""
    return tuple(
        (sign, value, frozenset(run), run[-1], words)
        for sign, value, words in thresholds(clause)
        if (run := _meaningful(words))
    )


#: How a clause's bound stands to the amounts an ask gives of what it counts: the ask is
#: where the clause speaks of (past "more than three steps require Enterprise", outside
#: "at most 10 steps"), clear of it, or maybe either (an ask open upwards, "more than 100
#: stops", against "more than 150 stops").
BITES, CLEAR, MAYBE = "bites", "clear", "maybe"

#: A bound's words that make its range what is offered, not what is restricted: a
#: minimum to have it ("Requires a minimum of 100 users", "Available only to accounts with
#: at least 500 seats").
_ALLOWANCE = re.compile(
    # ("Requires 25+ seats" is a minimum; "Sends of over 50,000 emails require the
    # Marketing Boost add-on" is a condition on the sends.)
    r"\b(?:only|minimum|at\s+least|eligible)\b|\brequire[sd]?\s+(?:an?\s+)?\d",
    re.I,
)


def _per_day(words: tuple[str, ...]) -> float | None:
    """The period, in days, the words after a number count it per ("emails per month",
    "emails a day", "monthly emails": quantities' own reading of a count's period)."""
    for i, word in enumerate(words):
        period = count_period(" ".join(words[i:])) if word in _PER_WORDS else None
        if period is not None:
            return PERIOD_DAYS[period]
    return None


_PER_WORDS = frozenset(
    {
        "per",
        "a",
        "an",
        "each",
        "every",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "annually",
        "yearly",
    }
)


def _where(sign: str, bound: float, low: float, open_above: bool) -> str:
    """Whether an amount (``low``, or ``low`` and more when open upwards) lies inside the
    range a bound's sign and number make, outside it, or maybe either."""
    high = math.inf if open_above else low
    if sign[0] == ">":
        inside = passes(sign, low, bound)
        outside = not passes(sign, high, bound)
    else:
        inside = passes(sign, high, bound)
        outside = not passes(sign, low, bound)
    return "in" if inside else "out" if outside else MAYBE


def bound_side(
    clause: str, kind: str, asked: list[tuple[float, str | None, bool, float | None]]
) -> str | None:
    """BITES, CLEAR or MAYBE for the clause's bounds against the amounts of the ask that
    count what they count; None where the ask gives no amount of it, or where the clause's
    words do not say which side of its bound they speak of.

    A take-back or a condition speaks of the range its bound makes ("Campaigns to fewer
    than 1,000 recipients are not supported", "more than three steps require the
    enterprise edition"): an amount inside it bites. A bound of its own kind ("At most 10
    parallel approvers per step", "Requires a minimum of 100 users") says what is
    offered: an amount outside it bites. One past a number with no such word ("Builds
    slow down with more than 40 parallel jobs") speaks of that range. Every amount must
    be clear for the clause to be; an amount per another period than the bound's ("2,000
    emails per day" against "50,000 emails per month") is converted, and one per a period
    against a bound per none is maybe either."""
    verdicts: list[str] = []
    for sign, bound, run, _, after in clause_thresholds(clause):
        if kind in (TAKES_BACK, PART, NOT_THERE_YET):
            restricted = True
        elif kind == CONDITION:
            # "At most 2 integrations on the team edition": within it the condition holds;
            # past it, which edition has more is unsaid (a person reads it).
            restricted = sign[0] == ">"
        else:
            restricted = not (sign[0] == "<" or _ALLOWANCE.search(clause))
        per = _per_day(after)
        for value, head, open_above, asked_per in asked:
            # (People counted in other words count the same: "a 400-person all-hands"
            # against "meetings of more than 200 participants".)
            if head is None or head not in run and not (head in _PEOPLE and run & _PEOPLE):
                continue
            if (per is None) != (asked_per is None):
                verdicts.append(MAYBE)
                continue
            if per is not None and asked_per is not None:
                value = value / asked_per * per
            where = _where(sign, bound, value, open_above)
            if where == MAYBE:
                verdicts.append(MAYBE)
            elif (where == "in") == restricted:
                verdicts.append(BITES if restricted or kind != CONDITION else MAYBE)
            else:
                verdicts.append(CLEAR)
    if not verdicts:
        return None
    return BITES if BITES in verdicts else MAYBE if MAYBE in verdicts else CLEAR


def _ceiling_read(clause: str, analysis: Analysis, index: CatalogIndex, cap: Capability) -> bool:
    """Whether the clause's ceiling on a size or a duration answers an amount the ask needs
    (engine/ceilings.py). Not an amount of a kind one of the capability's limits measures:
    the evaluation compares that amount with the limit, not with the caveat."""
    found = ceilings((clause,))
    if not found:
        return False
    limited = set()
    for name in cap.limits:
        metric = index.catalog.metrics.get(name)
        parsed = parse_unit(metric.unit) if metric else None
        if parsed is not None:
            limited.add(parsed[0])
    quantities = list(analysis.quantities)
    own = own_words(cap.name, tuple(cap.aliases))
    return any(
        q.dimension not in limited
        and against_ceilings(analysis.text, q, quantities, found, own) is not None
        for q in quantities
    )


def check(evidence: Evidence) -> list[Reason]:
    analysis = evidence.analysis
    # The words as written, and as the glossary folds them ("web client" is a browser).
    asked = {stem(w) for w in words(analysis.text)} | set(analysis.toks)
    # A device asks about the operating system it runs ("users' iPhones" against "View
    # only on iOS"; lexicon.yaml device_platforms).
    devices = evidence.index.devices
    asked |= {devices[t] for t in asked if t in devices}
    # A capability the ask names by an alias is named by its name too ("record our group
    # therapy sessions" names group visits, which another capability's caveat "Group
    # visits cannot be recorded" takes back).
    # (Not the things a name lists: "Approvals in Slack and Microsoft Teams" asked from
    # Slack names no Teams.)
    for _, taken_doc in evidence.taken:
        if taken_doc in evidence.candidates:
            named = evidence.index.docs[taken_doc]
            its_list = {t for p in named.phrases if p.kind == "name part" for t in p.tokens}
            asked |= named.name_tokens - its_list
    # The ask's amounts, read the first time a clause with a bound needs them.
    asked_amounts: list[tuple[float, str | None, bool, float | None]] = []
    read_amounts = False

    def amounts_asked() -> list[tuple[float, str | None, bool, float | None]]:
        nonlocal read_amounts
        if not read_amounts:
            read_amounts = True
            asked_amounts.extend(
                (value, counted_head(words), open_above, _per_day(words))
                for value, words, open_above in amounts(analysis.text)
            )
        return asked_amounts

    # (A number in words counts: "thirty charts".)
    digit = _DIGIT.search(analysis.text) is not None
    asked_versions = numbered_names(analysis.text)
    asked_names = versioned_names(analysis.text)
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
    packaging = evidence.index.packaging
    for cand in read:
        doc = evidence.index.docs[cand.doc]
        described = _edition_sentences(
            packaging, doc.cap.description, tuple(doc.cap.editions or packaging.editions)
        )
        caveats = (*doc.cap.caveats, *described)
        if not caveats:
            continue
        if offers is None:
            offers = _offers(evidence)
        # The capability's own words, as the index reads them ("esignatur" for "electronic
        # signature") and as plain stems (how the clause and the ask are read here).
        cap = doc.cap
        # (The product's own name is every capability's: "... are not part of Acme".)
        own = frozenset(t for phrase in doc.phrases for t in phrase.tokens) | _stems(
            (cap.name, *cap.aliases, evidence.index.catalog.product)
        )
        core = frozenset(
            t for phrase in doc.phrases if phrase.kind == "name" for t in phrase.tokens
        ) | _stems((cap.name,))
        others = [
            (evidence.index.docs[c.doc].weights, evidence.index.docs[c.doc].name_tokens)
            for c in strong
            if c.doc != cand.doc
        ]
        # Words of one of the things the name lists and not of the others ("Microsoft
        # Teams" of "Approvals in Slack and Microsoft Teams").
        # (Not the name's first word: "Approvals in Slack and Microsoft Teams" lists
        # Slack and Microsoft Teams, not approvals.)
        parts = [set(p.tokens) for p in doc.phrases if p.kind == "name part"]
        head = set(tokens(cap.name)[:1])
        listed = frozenset(
            t for p in parts for t in p if sum(t in q for q in parts) == 1 and t not in head
        )
        conditions: list[Reason] = []
        doubt: Reason | None = None
        for caveat in caveats:
            # What the caveat keeps the capability to ("AWS KMS only"), where the ask names
            # all of it: the list is met, and a clause taking back another item that
            # shares a word with it ("Google Cloud KMS is not supported") is not about
            # the ask unless the ask holds more of that clause's words.
            kept = {t for part in kept_clauses(caveat) for t in tokens(part)}
            # (Or, where it lists several, all of one of them: "LEDES 1998B and LEDES
            # 1998BI only" is met by an ask for LEDES 1998B.)
            items = [
                set(tokens(item))
                for part in kept_clauses(caveat)
                for item in _LIST_ITEMS.split(KEEPS_TO_ONLY.sub(" ", part))
                if tokens(item)
            ]
            met = bool(kept) and (
                kept <= asked or (len(items) > 1 and any(item <= asked for item in items))
            )
            read_only = next((c for c in CLAUSES.split(caveat) if _READ_ONLY.search(c)), None)
            if doubt is None and read_only is not None:
                # "Read-only" takes back every change: an ask to update, modify or delete
                # ("accept LDAP modify operations") is a person's to read against it, where
                # the clause is about the capability itself or about what the ask names
                # ("Viewer seats are read-only" says nothing of a sync that updates tables).
                said = _stems((_READ_ONLY.sub(" ", read_only),)) - own - _BOILERPLATE_STEMS
                written = [w for w in words(analysis.text) if w.lower() in WRITE_VERBS]
                if written and (not said or said & asked):
                    doubt = Reason(
                        ID,
                        f"{cand.cap_id}: {caveat}: '{written[0]}' asks to change what it"
                        " keeps: a person must confirm",
                        cand.cap_id,
                    )
                elif (not said or said & asked) and (not asked & _VIEWING or asked & _ACTING):
                    # "View only on iOS and iPadOS": on what the clause names,
                    # only viewing is offered; an ask there that is not to view ("take
                    # control of iOS devices"), or to act as well ("remote viewing and
                    # control"), is a person's to read. A clause that names only the
                    # capability's own words (its aliases are "iOS and Android remote
                    # view") is about all of it.
                    doubt = Reason(
                        ID,
                        f"{cand.cap_id}: {caveat}: only viewing is offered there:"
                        " a person must confirm",
                        cand.cap_id,
                    )
            for kind, subject, clause, apart, condition in _subjects(
                caveat, own, offers, core, packaging, doc.cap.add_on, listed
            ):
                # The ask as this clause spells what it names ("SSO": "single sign-on").
                here = _asked_of(clause, asked)
                if (
                    kind == BOUND
                    and not digit
                    and not any(head is not None for _, head, _, _ in amounts_asked())
                ):
                    continue
                # A bound with a number, where the ask gives an amount of what it counts:
                # "Approval chains of more than three steps require the enterprise
                # edition" is about "5 steps", not "2 steps"; "At most 10 approval steps"
                # holds "5 approval steps", so no person need compare.
                side = (
                    bound_side(clause, kind, amounts_asked()) if clause_thresholds(clause) else None
                )
                if side == CLEAR:
                    continue
                if side is None and _ceiling_read(clause, analysis, evidence.index, cap):
                    # "Activity history is kept for at most 90 days" of "kept for 60 days":
                    # the evaluation compares the amount with the ceiling (engine/ceilings.py).
                    continue
                bites = side == BITES
                if side == MAYBE:
                    # "more than 100 stops" against "more than 150": a person compares.
                    doubt = doubt or Reason(
                        ID, f"{cand.cap_id}: {caveat}: a person must confirm", cand.cap_id
                    )
                    continue
                # (A clause whose digits bound nothing is a list of names with numbers,
                # "LEDES 1998B and LEDES 1998BI only", "Microsoft 365 web only".)
                listing = kind in (TAKES_BACK, PART) or (
                    kind == BOUND and not clause_thresholds(clause)
                )
                if met and listing and asked & subject <= kept:
                    continue  # "native iOS and Android apps" against "React Native ... not"
                versions = _versions(clause)
                if kind != TAKES_BACK and any(
                    asked_name[-len(name) :] == name and version_key(n) >= version_key(low)
                    for name, low in lower_bounds(clause)
                    for asked_name, n in asked_names
                ):
                    continue  # "Windows Server 2016 and later only" of "Windows Server 2019"
                if (
                    versions
                    and not versions & asked_versions
                    and {word for word, _ in versions} & asked
                    and not _in_range(clause, versions, asked_versions)
                ):
                    # "TLS 1.0 and 1.1 are not supported" says nothing of TLS 1.3, nor of TLS
                    # unversioned; "Hardware security keys (FIDO2, YubiKey) are not
                    # supported" still speaks of an ask for hardware keys that names no FIDO.
                    continue
                if condition is not None:
                    # The whole capability, or the part the ask names: a condition of
                    # the deal. The other clauses are read on: one of them may take back
                    # what is asked ("... requires Team; SMS codes are not available").
                    # ("Routing across several gateways": "several" says more than one,
                    # not which; an ask naming two gateways names the part. One naming
                    # one, "through our Braintree gateway", does not.)
                    several = _MORE_THAN_ONE if _names_several(cap, analysis.text) else frozenset()
                    part = subject - _META - STOPWORDS - several
                    distinct = apart - _META - several
                    # A condition past a number ("Group visits of more than 8 patients
                    # require the enterprise edition") is about an ask that gives no
                    # amount only where the ask names the rest of what it speaks of
                    # ("Multivariate testing (more than two variants)": multivariate).
                    # An ask that names what the number counts but gives no amount of it
                    # ("patients book themselves into group classes") is a person's to
                    # read: how many?
                    if bites:
                        conditions.append(
                            _condition_reason(cand.cap_id, clause, condition, packaging)
                        )
                        continue
                    counted = {t for _, _, run, _, _ in clause_thresholds(clause) for t in run}
                    touched = subject
                    if counted:
                        if {head for _, _, _, head, _ in clause_thresholds(clause)} & asked:
                            # What it counts, named without an amount ("secrets management
                            # for our pipelines"): how many is not said, so the condition
                            # holds, as the report shows.
                            conditions.append(
                                _condition_reason(cand.cap_id, clause, condition, packaging)
                            )
                            continue
                        if clause_thresholds(_PARENTHESIS.sub(" ", clause)):
                            # "VMs with more than 16 disks require Enterprise": about VMs
                            # with many disks, which an ask about VMs does not say it is.
                            continue
                        part, distinct = part - counted, distinct - counted
                        touched = subject - counted
                        if not part and not distinct:
                            continue
                    applies = (
                        not part
                        or (
                            _touches(evidence, here, touched, offers, _spelled_terms(clause))
                            is not None
                            and (not distinct or bool(here & distinct))
                        )
                        or _names_the_alias(clause, part, asked, cap.aliases)
                        or _alias_is_the_kind(clause, part, asked, cap.aliases, core)
                    )
                    if applies:
                        conditions.append(
                            _condition_reason(cand.cap_id, clause, condition, packaging)
                        )
                    elif here & distinct and doubt is None:
                        # The ask names a word of what the condition is on, beyond the
                        # capability's own, though not all of it ("Dependencies between
                        # tasks in different projects" against "Cross-project dependencies
                        # require the Enterprise edition"): it may be that part, so a
                        # person reads the condition against it.
                        doubt = Reason(
                            ID, f"{cand.cap_id}: {caveat}: a person must confirm", cand.cap_id
                        )
                    continue
                how = _touches(evidence, here, subject, offers, _spelled_terms(clause))
                if bites:
                    # The ask's own amount is where the clause speaks of: named.
                    how = NAMED if kind == TAKES_BACK else (how or WEIGHTY)
                if kind == DOUBT and caveat not in described:
                    # A clause naming an edition or add-on in a way no condition here
                    # reads ("Enterprise exclusive", "on iOS only"): a person reads it.
                    # (A description's clause counts only where the ask names what it
                    # speaks of: the rest of the description is the capability itself.)
                    how = how or WEIGHTY
                shared = here & subject
                if how is None or (
                    # Only words the ask shares can be another capability's to answer.
                    shared
                    and any(
                        _answered_by(evidence, shared, asked & own, other)
                        # (Not one the clause names whole: "Group visits cannot be
                        # recorded" takes back the group visits the ask names.)
                        and not name <= set(tokens(clause))
                        for other, name in others
                    )
                ):
                    continue
                # A cap of the capability's own, with no edition or add-on to lift it ("At
                # most 15 approval steps per workflow"), that the ask's amount of what it
                # counts is past ("a 20-step approval") rules the ask out too. (Not a bound
                # past a number, "Builds slow down with more than 40 parallel jobs": which
                # side of it is offered is not said.) Not where the ask's amount may be
                # spread over what the cap is per ("50 bookings across our 12 rooms"
                # against "At most 20 recurring bookings per room" may be 4 a room), nor
                # where the caveat says the cap can be lifted ("...; unlimited on the
                # enterprise edition", "more with the Integration Pack").
                capped = (
                    kind == BOUND
                    and bites
                    and all(sign[0] == "<" for sign, *_ in clause_thresholds(clause))
                    and not _per_something_else(clause, amounts_asked(), analysis.text)
                    and not _names_an_offer(packaging, caveat, offers)
                    and not _LIFTED.search(caveat)
                )
                rules_out = (kind, how) == (TAKES_BACK, NAMED) or capped
                if doubt is None or rules_out:
                    doubt = Reason(
                        ID,
                        f"{cand.cap_id}: {caveat}: a person must confirm",
                        cand.cap_id,
                        rules_out=f"the caveat rules out what is asked: {caveat}"
                        if rules_out
                        else None,
                    )
                if rules_out:
                    # Settled; until then another clause, or one thing of this clause
                    # ("Oracle" of "Oracle and SQL Server"), may rule the ask out.
                    break
            if doubt is not None and doubt.rules_out:
                break
        if doubt is None:
            doubt = _outside_the_list(
                evidence,
                cand.cap_id,
                doc.cap.caveats,
                doc.cap.description,
                own,
                core,
                offers,
                asked,
            )
        if doubt is None:
            doubt = _outside_the_places(evidence, cand.cap_id, doc.cap.caveats, own, offers, asked)
        if doubt is None:
            doubt = _outside_the_kind(evidence, cand, doc.cap.caveats, own, asked, strong)
        if doubt is None:
            doubt = _outside_a_named_list(evidence, cand.doc, cand.cap_id, doc.cap.caveats)
        if doubt is None:
            doubt = _beside_an_only_list(evidence, cand, doc.cap.caveats, core, asked)
        if doubt is None:
            doubt = _narrower_than_asked(evidence, cand, doc.cap, asked)
        if doubt is None:
            doubt = _set_apart_from_an_only_clause(evidence, cand, doc.cap, own, asked)
        if doubt is None:
            doubt = _another_version_of_a_listed_name(evidence, cand, doc.cap.caveats)
        add_ons = {r.add_on.casefold() for r in conditions if r.add_on}
        if doubt is None and len(add_ons | {(cap.add_on or "").casefold()} - {""}) > 1:
            # A capability needs one add-on: two named is a person's to read.
            doubt = Reason(
                ID,
                f"{cand.cap_id}: its caveats name more than one add-on: a person must confirm",
                cand.cap_id,
            )
        # A doubt sends the ask to a person (or rules it out) whatever the conditions.
        reasons.extend([doubt] if doubt is not None else conditions)
    return reasons


#: A caveat clause that lists what a part of the capability works with ("Automatic
#: attendance sync for Zoom and Microsoft Teams only").
_ONLY_LIST = re.compile(r"\bonly\b", re.I)
#: Names written as a list ("Zoom, Microsoft Teams or Webex").
_NAME = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
_NAME_LIST = re.compile(_NAME + r"(?:\s*(?:,|\bor\b|\band\b|/)\s*(?:" + _NAME + r"))+")


#: A parenthesis in a caveat: what it holds explains the subject ("(more than two
#: variants)"), it is not the subject.
_PARENTHESIS = re.compile(r"\([^()]*\)")


def _names_the_alias(
    clause: str, part: frozenset[str], asked: set[str], aliases: list[str]
) -> bool:
    """Whether a condition is on one of the capability's aliases that the ask uses: the
    clause's subject, its parentheses left out, is that alias ("Multivariate testing
    (more than two variants) requires the Enterprise edition" beside the alias
    "multivariate testing", asked as "a multivariate test")."""
    inside = {stem(w) for m in _PARENTHESIS.finditer(clause) for w in words(m.group())}
    outside = {stem(w) for w in words(_PARENTHESIS.sub(" ", clause))}
    bare = part - (inside - outside)
    if not bare:
        return False
    for alias in aliases:
        named = {stem(w) for w in words(alias)}
        if named <= asked and bare <= named:
            return True
    return False


def _alias_is_the_kind(
    clause: str,
    part: frozenset[str],
    asked: set[str],
    aliases: list[str],
    core: frozenset[str],
) -> bool:
    """Whether the ask uses an alias that names the kind a condition is on: the alias's
    words beyond the capability's name all qualify the condition's subject, whose head
    (its last word) is not among them ("predictive dialer" beside the name "Campaign
    dialer" and "Predictive mode requires the premier edition": the alias is the dialer
    in predictive mode). Not where the subject's head is the alias's own ("SMS one-time
    passcodes require the Messaging Pack" beside the alias "one-time passcode": that
    narrows the alias, and an ask for the alias is no ask for SMS), nor where the subject
    has a qualifier neither the alias nor the ask holds ("Mobile offline mode requires
    the enterprise edition" beside the alias "mobile app")."""
    ordered = [stem(w) for w in words(_PARENTHESIS.sub(" ", clause))]
    in_part = [t for t in ordered if t in part]
    if not in_part:
        return False
    head = in_part[-1]
    for alias in aliases:
        named = {stem(w) for w in words(alias)}
        if not named <= asked:
            continue
        kind = named - core - STOPWORDS
        # Every word that qualifies the subject is the alias's or asked: "Mobile offline
        # mode requires ..." is no condition on an ask for the alias "mobile app".
        qualifiers = set(in_part) - {head}
        if kind and kind <= part and head not in kind and qualifiers <= kind | asked:
            return True
    return False


def _outside_the_places(
    evidence: Evidence,
    cap_id: str,
    caveats: list[str],
    own: frozenset[str],
    offers: frozenset[str],
    asked: set[str],
) -> Reason | None:
    """A caveat clause that keeps the capability, or a part of it, to some of the
    catalogue's regions ("US and Canadian mobile numbers only") rules out an ask for it
    in another region the catalogue knows ("Text candidates on UK mobile numbers") where
    the ask names the clause's own words (here "mobile numbers"). Where it shares only
    some of them, or the clause opens with the capability's own words and may be about
    all of it or a part, a person reads it. An ask that names one of the places as an
    alternative ("US or UK numbers") is within it."""
    analysis = evidence.analysis
    named = set(analysis.named_regions)
    if not named:
        return None
    index = evidence.index
    for caveat in caveats:
        for clause in _CLAUSES.split(caveat):
            if not _ONLY_LIST.search(clause):
                continue
            kept, _ = index.places_named(clause)
            if not kept or named <= kept or (analysis.alternatives and named & kept):
                continue
            meaning = [stem(w) for w in _meaning(clause) if not w.isdigit()]
            subject = (
                frozenset(meaning)
                - own
                - evidence.place_tokens
                - {stem(w) for r in kept for w in words(r)}
            )
            how = (
                NAMED
                if not subject
                else _touches(
                    evidence, _asked_of(clause, asked), subject, offers, _spelled_terms(clause)
                )
            )
            # A clause that opens with the capability's own words may be about all of it
            # ("Cashback is paid on cards issued to US companies only") or a part of it
            # ("SMS alphanumeric sender IDs in the UK only"): a person reads it, as one
            # whose subject the ask shares only in part ("Instant payouts to UK suppliers"
            # against "Instant payouts to US bank accounts only").
            whole = bool(meaning) and meaning[0] in own
            if how is None and not whole:
                continue
            return Reason(
                ID,
                f"{cap_id}: {caveat}: a person must confirm",
                cap_id,
                rules_out=f"the caveat rules out what is asked: {caveat}" if how == NAMED else None,
            )
    return None


def _outside_the_list(
    evidence: Evidence,
    cap_id: str,
    caveats: list[str],
    description: str | None,
    own: frozenset[str],
    core: frozenset[str],
    offers: frozenset[str],
    asked: set[str],
) -> Reason | None:
    """An ask about the part a caveat's "only" list restricts that names what the list
    leaves out of the capability's own list of the same things: "Webex integration with
    automatic attendance capture" against "Automatic attendance sync for Zoom and
    Microsoft Teams only", where the description lists "Zoom, Microsoft Teams or Webex".
    The ask must name the part (two of its words, as for any caveat); a list that
    restricts the whole capability, and a name the capability never lists, are the other
    rules' to read."""
    if not any(_ONLY_LIST.search(caveat) for caveat in caveats):
        return None
    analysis, idx = evidence.analysis, evidence.index
    spans, text = analysis.spans, analysis.rewritten
    names = [
        (tok, text[start:end])
        for tok, _, start, end in spans
        if tok not in core and tok not in evidence.place_tokens
    ]
    for caveat in caveats:
        for clause in _CLAUSES.split(caveat):
            if not _ONLY_LIST.search(clause) or _LIMITS.search(clause):
                continue
            # The names it lists: a list of names anywhere ("Java and Go only"), and any
            # other name after its first word ("... for Zoom only").
            written = re.findall(r"[A-Za-z][\w.+-]*", clause)
            listed = frozenset(
                t
                for w in [
                    *(g.group() for g in _NAME_LIST.finditer(clause)),
                    *(w for w in written[1:] if w[:1].isupper() or any(c.isdigit() for c in w)),
                ]
                for t in idx.canon.tokens(w)
            )
            if not listed:
                continue
            part = frozenset(stem(w) for w in _meaning(clause)) - listed - own - offers
            part = frozenset(t for t in part if t not in STOPWORDS)
            if (
                not part
                or _touches(
                    evidence, _asked_of(clause, asked), part, offers, _spelled_terms(clause)
                )
                != NAMED
            ):
                continue
            siblings = {
                t
                for text_of in (description, *caveats)
                for group in _NAME_LIST.finditer(text_of or "")
                if listed & set(idx.canon.tokens(group.group()))
                for t in idx.canon.tokens(group.group())
            } - listed
            outside = [name for tok, name in names if tok in siblings]
            if outside:
                return Reason(
                    ID,
                    f"{cap_id}: {clause.strip()}: {outside[0]} is not among them:"
                    " a person must confirm",
                    cap_id,
                )
    return None


@lru_cache(maxsize=4096)
def _stems(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(stem(w) for text in texts for w in words(text))


def _condition_reason(
    cap_id: str, clause: str, condition: Condition, packaging: Packaging
) -> Reason:
    editions, add_on = condition
    every = packaging.editions
    if add_on is not None:
        needs = f"needs the {add_on} add-on"
    elif not editions:
        needs = "is in no edition"
    elif editions == every[len(every) - len(editions) :]:
        needs = f"needs the {editions[0]} edition" + (" or higher" if len(editions) > 1 else "")
    elif len(editions) == 1:
        needs = f"is in the {editions[0]} edition only"
    else:
        missing = [e for e in every if e not in editions]
        needs = f"is not in the {', '.join(missing)} edition" + ("s" if len(missing) > 1 else "")
    return Reason(
        ID,
        f"{cap_id}: what is asked {needs} (caveat: {clause})",
        cap_id,
        editions=editions,
        add_on=add_on,
    )


#: What joins the names of a list ("Okta, Entra ID and Ping only"): a clause without one
#: keeps the capability to one kind of a thing, its modifiers and head noun before "only"
#: ("Server-side SDKs only", "IdP-initiated login only").
_LIST_JOINERS = re.compile(r",|/|\b(?:and|or)\b", re.I)
_HYPHENED = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")


def _outside_the_kind(
    evidence: Evidence,
    cand: Candidate,
    caveats: list[str],
    own: frozenset[str],
    asked: set[str],
    strong: list[Candidate],
) -> Reason | None:
    """An ask for another kind of what an "only" clause keeps the capability to: one
    that writes a sibling of the clause's hyphened modifier ("client-side" against
    "Server-side SDKs only"), or names the head ("SDK"), itself or by another matched
    capability's name ("Browser JavaScript SDK"), without the modifier. A person reads it."""
    text = evidence.analysis.text
    for caveat in caveats:
        for clause in _CLAUSES.split(caveat):
            only = _ONLY_LIST.search(clause)
            if only is None or _LIMITS.search(clause):
                continue
            before = clause[: only.start()]
            if _LIST_JOINERS.search(before) or _DIGIT.search(before):
                continue
            ws = [t for t in tokens(before) if t not in _BOILERPLATE]
            if len(ws) < 2:
                continue
            head = ws[-1]
            modifiers = set(ws[:-1]) - {head}
            if not modifiers or head in own:
                continue
            other_kind = False
            for a, b in _HYPHENED.findall(before):
                for c, d in _HYPHENED.findall(text):
                    if d.lower() == b.lower() and c.lower() != a.lower():
                        other_kind = True
            if not other_kind and not modifiers & asked:
                names = [asked] + [
                    set(evidence.index.docs[o.doc].name_tokens)
                    | {stem(w) for w in words(evidence.index.docs[o.doc].cap.name)}
                    | set(tokens(evidence.index.docs[o.doc].cap.name))
                    for o in strong
                    if o.doc != cand.doc
                ]
                other_kind = any(head in n and not modifiers & n for n in names)
            if other_kind:
                return Reason(ID, f"{cand.cap_id}: {caveat}: a person must confirm", cand.cap_id)
    return None


#: How many of an "only" clause's words, beyond the capability's name, an ask must share
#: for the clause to speak of it (as for any caveat: ``MIN_SHARED``).
ONLY_SHARED = MIN_SHARED
#: How many words after a preposition the thing it introduces may run to ("by *bank
#: transfer* only", "by *credit card*").
SLOT_WORDS = 3
#: An "only" clause that keeps to plain words introduced by a preposition ("Invoices are
#: payable *by* bank transfer only"): the preposition and what it keeps to.
_KEPT_SLOT = re.compile(
    r"\b(?P<prep>"
    + "|".join(sorted(LEXICON.prepositions | LEXICON.means_prepositions, key=len, reverse=True))
    + r")\s+(?P<kept>(?:[a-z][\w-]*\s+){0,"
    + str(SLOT_WORDS - 1)
    + r"}[a-z][\w-]*)\s+only\b"
)


def _beside_an_only_list(
    evidence: Evidence,
    cand: Candidate,
    caveats: list[str],
    core: frozenset[str],
    asked: set[str],
) -> Reason | None:
    """An ask about what an "only" clause keeps to that names something else in its
    place: "Group booking invoices payable by credit card" against "Invoices are payable
    by bank transfer only". The clause speaks of the ask when the ask shares two of its
    words beyond the capability's name; the ask names something else in its place when,
    after the preposition that introduces the kept words ("by"), or another right after
    the clause's subject ("payable *via* credit card"), it writes words the kept ones do
    not hold ("credit card", "bank card"). "Invoices payable by bank transfer" names what
    is kept, "invoices payable for group bookings" nothing in its place: both are
    answered as written. Only plain words: lists of names, countries,
    languages and versions are the readings above and the ``unexplained-name`` rule's."""
    text = evidence.analysis.text
    for caveat in caveats:
        for clause in kept_clauses(caveat):
            slot = _KEPT_SLOT.search(clause)
            if slot is None or _LIMITS.search(clause):
                continue
            said = set(tokens(KEEPS_TO_ONLY.sub(" ", clause))) - _BOILERPLATE_STEMS
            if len((said - core) & asked) < ONLY_SHARED:
                continue
            kept = set(tokens(slot["kept"]))
            subject = said - kept - core
            for there in _SLOT_IN_ASK.finditer(text):
                prep = there["prep"].lower()
                if prep != slot["prep"]:
                    # Another preposition of means right after the clause's subject
                    # introduces the same place ("payable *via* credit card"; not
                    # "payable *for* group bookings").
                    before = re.findall(r"[\w-]+", text[: there.start()])[-1:]
                    if (
                        prep not in LEXICON.means_prepositions
                        or not before
                        or stem(fold(before[0])) not in subject
                    ):
                        continue
                run = _slot_words(there["run"])
                stems = {t for w in run for t in tokens(w)}
                if not stems or stems <= kept:
                    continue  # nothing in its place, or what it keeps to
                return Reason(
                    ID,
                    f"{cand.cap_id}: {clause.strip()}: the ask names '{' '.join(run)}' in its"
                    " place: a person must confirm",
                    cand.cap_id,
                )
    return None


#: A preposition of the ask and the words after it, up to punctuation. (Looked ahead, not
#: taken: a later preposition in the run is read too, "Invoices *for* group bookings
#: payable *by* credit card".)
_SLOT_IN_ASK = re.compile(
    r"\b(?P<prep>"
    + "|".join(sorted(LEXICON.prepositions | LEXICON.means_prepositions, key=len, reverse=True))
    + r")\s+(?=(?P<run>[^,.;:()!?]+))",
    re.I,
)
_SLOT_STOP = LEXICON.prepositions | LEXICON.means_prepositions | LEXICON.coordinators


def _slot_words(run: str) -> list[str]:
    """The words a preposition introduces: up to ``SLOT_WORDS`` content words, after any
    determiner ("a credit card", "our Adyen account"), to the next preposition or
    conjunction ("bank transfer *in* EUR", "cheque *or* bank transfer": each its own)."""
    out: list[str] = []
    for word in re.findall(r"[\w-]+", run):
        low = word.lower()
        if low in _SLOT_STOP or len(out) == SLOT_WORDS:
            break
        if not out and (low in LEXICON.determiners or low in POSSESSIVES or low in STOPWORDS):
            continue
        out.append(word)
    return out


def _forms_in(text: str, forms: tuple[str, ...]) -> str | None:
    """The first of ``forms`` the text writes, as a word or words of its own."""
    for form in forms:
        if re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text, re.I):
            return form
    return None


#: A version as a list writes it after a name: digits, with letters or dots ("1998B").
_LISTED_VERSION = re.compile(r"[\w.-]*\d[\w.-]*")


def _another_version_of_a_listed_name(
    evidence: Evidence, cand: Candidate, caveats: list[str]
) -> Reason | None:
    """An ask for another version of a name an "only" clause lists with its versions:
    "Invoices in LEDES 2000 format" against "LEDES 1998B and LEDES 1998BI only" (or
    "LEDES 1998B and 1998BI only"). Only where the version reader reads no version in
    the clause (a version with a letter, "1998B"): those it reads are compared by the
    version readings. A person confirms; the listed versions are answered as written."""
    text = evidence.analysis.text
    for caveat in caveats:
        for clause in kept_clauses(caveat):
            if numbered_names(clause):
                continue
            families: dict[str, set[str]] = {}
            name = ""
            for item in _LIST_ITEMS.split(KEEPS_TO_ONLY.sub(" ", clause)):
                found = re.findall(r"[\w.-]+", item)
                if not found or not _LISTED_VERSION.fullmatch(found[-1]):
                    name = ""
                    continue
                if len(found) > 1:
                    name = " ".join(found[:-1]).lower()
                if name:  # (a bare version is the name before it's: "and 1998BI")
                    families.setdefault(name, set()).add(found[-1].lower())
            for name, versions in families.items():
                pattern = r"(?<![\w-])" + re.escape(name).replace(r"\ ", r"\s+") + r"\s+(\S+)"
                for m in re.finditer(pattern, text, re.I):
                    asked = m.group(1).strip(".,;:()").lower()
                    if _LISTED_VERSION.fullmatch(asked) and asked not in versions:
                        return Reason(
                            ID,
                            f"{cand.cap_id}: {caveat.strip()}: the ask names"
                            f" '{m.group(0).strip('.,;:()')}': a person must confirm",
                            cand.cap_id,
                        )
    return None


def _set_apart_from_an_only_clause(
    evidence: Evidence, cand: Candidate, cap: Capability, own: frozenset[str], asked: set[str]
) -> Reason | None:
    """An ask for what a caveat sets apart from what its "only" clause keeps to: "SSO on
    the POS terminals" against "Back office web portal only; POS terminals use PIN login".
    The caveat's other clause names the ask's words (beyond the capability's own names)
    and the ask names none of the kept ones, so it asks for the very thing the caveat
    keeps the capability from: a person must confirm. An ask that names what is kept
    ("SSO for the web portal") or nothing the other clause names is answered as written,
    and so is one the other clause offers under a condition ("Brand colours and logo
    only; custom CSS requires the enterprise edition": the evaluation applies it)."""
    conditions = {c.strip() for c in condition_clauses(evidence.index, cap)}
    for caveat in cap.caveats:
        clauses = [c for c in CLAUSES.split(caveat) if c.strip()]
        if len(clauses) < 2:
            continue
        only = [c for c in clauses if KEEPS_TO_ONLY.search(c) and not _LIMITS.search(c)]
        if len(only) != 1:
            continue
        plain = _BOILERPLATE_STEMS | own | _FILLER_STEMS
        kept = set(tokens(KEEPS_TO_ONLY.sub(" ", only[0]))) - plain
        if not kept or kept & asked:
            continue
        for clause in clauses:
            if clause is only[0] or clause.strip() in conditions:
                continue
            if not any(
                w.islower() and stem(w) not in plain for w in re.findall(r"[A-Za-z][\w-]*", clause)
            ):
                continue  # names only ("Certified carriers only - Twilio and Vonage"): the list
            apart = (set(tokens(clause)) - plain - kept) & asked
            if apart:
                return Reason(
                    ID,
                    f"{cand.cap_id}: {caveat.strip()}: the ask names what it sets apart"
                    " from what it keeps to: a person must confirm",
                    cand.cap_id,
                )
    return None


def _narrower_than_asked(
    evidence: Evidence, cand: Candidate, cap: Capability, asked: set[str]
) -> Reason | None:
    """An ask for the broader of two ways of working where the capability's caveat or
    description says the narrower (lexicon.yaml ``opposites``): "Two-way HubSpot sync"
    against "HubSpot sync is one-way from Turnstyle to HubSpot" is ruled out, quoting the
    clause. The clause must share a word with the ask beyond the two ways (it is about
    what is asked), and say nothing of the broader way itself ("a one-way or two-way video
    session"); an ask for the narrower way of a capability that works the broader way is
    met ("one-way export" of a two-way sync)."""
    text = evidence.analysis.text
    for narrower, broader in LEXICON.opposites:
        wanted = _forms_in(text, broader)
        if wanted is None or _forms_in(text, narrower) is not None:
            continue
        ways = {t for form in (*narrower, *broader) for t in tokens(form)}
        for source in (*cap.caveats, cap.description or ""):
            for clause in _CLAUSES.split(source):
                said = _forms_in(clause, narrower)
                if said is None or _forms_in(clause, broader) is not None:
                    continue
                if _LIMITS.search(clause):
                    continue  # "... is no longer one-way": a take-back, read above
                about = set(tokens(clause)) - ways - _BOILERPLATE_STEMS
                if not about & asked:
                    continue
                clause = clause.strip()
                return Reason(
                    ID,
                    f"{cand.cap_id}: {clause}: a person must confirm",
                    cand.cap_id,
                    rules_out=f"{clause} (asked: {wanted})",
                )
    return None


def _outside_a_named_list(
    evidence: Evidence, doc: int, cap_id: str, caveats: list[str]
) -> Reason | None:
    """Where a capability keeps several parts to lists of countries or languages ("Local
    numbers in the US, Canada, UK, Ireland and Germany only", "Toll-free numbers in the
    US, Canada and UK only"), an ask that names the part one list is about ("toll-free
    numbers") and a country or language outside that list ("in Ireland") is ruled out by
    it, though another part's list names it; one that names one of the list's too ("in
    Germany and the UK") goes to a person. (With one list, the ``unexplained-name`` rule
    reads it.)"""
    from dealcheck.engine.rules.unexplained_name import (
        LIST_FRAME,
        _kind,
        clause_names,
        names_outside,
    )

    lists = [
        c
        for c in caveats
        if KEEPS_TO_ONLY.search(c) and any(w[:1].isupper() for w in c.split()[1:])
    ]
    if len(lists) < 2:
        return None
    written = [w.strip(",.:;()\"'") for w in evidence.analysis.text.split()]
    names = [w for w in written if w[:1].isupper() and _kind(w) in ("country", "language")]
    if not names:
        return None
    asked = set(evidence.analysis.toks) | {stem(w) for w in words(evidence.analysis.text)}
    frame = {stem(w) for w in LIST_FRAME}  # "only", "in", "available", ...
    for kept in lists:
        clause = next((c for c in _CLAUSES.split(kept) if KEEPS_TO_ONLY.search(c)), None)
        if clause is None:
            continue
        raw, names_listed = clause_names(clause)
        listed = {w.lower() for w in names_listed}  # not the clause's own words
        subject = {t for w in raw if w and w.lower() not in listed for t in tokens(w)}
        subject -= frame
        if not subject or not subject <= asked:
            continue
        outside = names_outside(clause, names, evidence, doc)
        if outside:
            said = f'{", ".join(outside)}: not among what {cap_id} keeps to ("{clause}")'
            return Reason(ID, f"{cap_id}: {clause}: a person must confirm", cap_id, rules_out=said)
        if any(n.lower() not in listed for n in names):
            # The ask names one of the list's too ("in Germany and the UK"): partly
            # offered, or the other name says something else; a person decides.
            return Reason(ID, f"{cap_id}: {clause}: a person must confirm", cap_id)
    return None
