"""``population``: a capability for one group of people is not a promise for another.

"SAML single sign-on for our end customers" against a capability that gives single
sign-on *to agents*: the words match, the people do not. When a capability's name
or description names who it serves (agents, administrators, end customers, ...)
and the requirement names a group it does not serve (also one joined to another by
"and": "for our employees and our end customers"), the catalogue cannot confirm it.
People in general ("users", "everyone") name no group, and a capability that names
no group is never rejected by this rule.

A group's word that says whose a thing is ("All candidate data must be hosted in the EU",
"retention for employee records") names no group the ask is for.

Fires: "Customers log in to the portal with SSO" against "Single sign-on for agents".
Does not fire: "Our support agents log in with SSO" against the same capability.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from dealcheck.engine.candidates import Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import LEXICON, alternation

ID = "population"

#: Groups of people a capability may be limited to; the words of one group name the
#: same people (lexicon.yaml: populations). "User" names no group.
POPULATIONS: dict[str, tuple[str, ...]] = LEXICON.populations
#: People outside the organisation who get in as its guests (lexicon.yaml populations,
#: `outside`): a capability that names no group serves the organisation's own users.
OUTSIDE: frozenset[str] = LEXICON.outside_groups


def _alternation(words: Iterable[str]) -> str:
    """The words as a regex alternation, a space in one matching one space as written."""
    return alternation(words, any_space=False)


_DETERMINERS = r"(?:(?:our|the|all|their|its|each|every|any|own|external|internal)\s+)*"
#: Where a group in a requirement is the one the ask is for: after "for/to/by/from"
#: ("SSO for our end customers"), as the subject ("Customers must log in", and in a
#: question: "Can our end customers sign in with SSO?", "Are our customers' logins
#: restricted ...?"), or named as
#: the vendor's ("your support staff"). Elsewhere it is context ("numbers that customers
#: paste", "our Linux agent packages") and names no group.
#: A group's word before one of these says whose the thing is ("all candidate data must be
#: hosted in the EU", "for employee records"), not who the ask is for. (Not "profiles" nor
#: "accounts": a candidate profile signs in.)
_WHOSE = r"(?!\s+(?:data|records?|information|info|pii|files?|documents?|histor(?:y|ies))\b)"
_ROLE = (
    r"(?:\b(?:for|to|by|from|of)\s+"
    + _DETERMINERS
    + r"(?:[a-z-]+\s+)?(?P<a>{words})\b"
    + _WHOSE
    + r"|^\W*(?:(?:can|could|do|does|did|will|would|should|shall|may|must|are|is)\s+)?"
    + _DETERMINERS
    + r"(?:[a-z-]+\s+)?(?P<b>{words})\b"
    + _WHOSE
    + r"|\b(?P<c>{words})\s+(?:must|shall|should|can|could|will|would|may|need|needs|want|wants)\b"
    r"|\b(?:your|vendor'?s?|supplier'?s?|provider'?s?)\s+(?:own\s+)?(?:[a-z-]+\s+)?(?P<d>{words})\b)"
)


@cache
def _in_role(group: str) -> re.Pattern[str]:
    """The group's role pattern, compiled the first time a requirement names one of its
    words (a few milliseconds each: most checks never need most groups)."""
    return re.compile(_ROLE.replace("{words}", _alternation(POPULATIONS[group])), re.I)


_ANYWHERE = {
    group: re.compile(r"\b(?:" + _alternation(words) + r")\b", re.I)
    for group, words in POPULATIONS.items()
}


_ANY_GROUP = re.compile(
    r"\b(?:" + _alternation(w for words in POPULATIONS.values() for w in words) + r")\b",
    re.I,
)


#: What joins a group to one named before it in the same role: "for our employees *and
#: our* end customers", "agents*, * admins *or* guests".
_COORDINATED = re.compile(
    r"^\s*(?:[,/(&]|\band\b|\bor\b|\bas\s+well\s+as\b|\bplus\b)"
    r"(?:\s*(?:and|or)\b)?"
    # a short aside between: "agents and, later, end customers"
    r"(?:\s*,?\s*[a-z]+\s*,)?\s*"
    + _DETERMINERS
    + r"(?:(?!(?:which|that|who|whom|whose|where|when|while|but)\b)[a-z-]+\s+)?$",
    re.I,
)


#: "client" as a piece of software, not a customer: after a word of its kind or platform
#: ("desktop client", "VPN client"), or before a word of its parts ("client-side",
#: "client certificate") (lexicon.yaml: software_clients).
_SOFTWARE_CLIENT = re.compile(
    r"\b(?:"
    + _alternation(LEXICON.software_client_before)
    + r")[\s-]+clients?\b"
    + r"|\bclients?[\s-]+(?:"
    + _alternation(LEXICON.software_client_after)
    + r")\b",
    re.I,
)
#: ... and "the" with a product's name before one "client" that ends a phrase ("through
#: the Palisade client, without ..."): the name seen with its capital, and a word in
#: lower case after it ("the UK clients", "the Acme client portal" are people and what
#: they use).
_SOFTWARE_CLIENT_CASED = re.compile(
    r"\b[Tt]he\s+[A-Z][a-z][\w-]*\s+client\b(?=\s*(?:[,.;:)]|$)|\s+(?:to|with|without|on|in|and|or|that|which)\b)"
)


def _without_software_clients(text: str) -> str:
    """``text`` with each "client" that is a piece of software blanked out."""
    if "client" not in text.lower():
        return text
    for pattern in (_SOFTWARE_CLIENT_CASED, _SOFTWARE_CLIENT):
        text = pattern.sub(lambda m: " " * len(m[0]), text)
    return text


def groups_asked(text: str) -> set[str]:
    """The groups a requirement asks for (named in the role of who it is for), and the
    groups coordinated with one of them ("for our employees and our end customers")."""
    text = _without_software_clients(text)
    if not _ANY_GROUP.search(text):
        return set()  # most requirements name nobody: one scan instead of one per group
    named = [group for group, pattern in _ANYWHERE.items() if pattern.search(text)]
    asked: set[str] = set()
    ends: list[int] = []  # where each group named in a role ends
    for group in named:
        for m in _in_role(group).finditer(text):
            asked.add(group)
            ends.append(max(m.end(g) for g in "abcd" if m.group(g)))
    grown = bool(asked)
    while grown:
        grown = False
        for group in named:
            if group in asked:
                continue
            for m in _ANYWHERE[group].finditer(text):
                if any(e <= m.start() and _COORDINATED.match(text[e : m.start()]) for e in ends):
                    asked.add(group)
                    ends.append(m.end())
                    grown = True
                    break
    return asked


@lru_cache(maxsize=65536)
def groups_served(text: str) -> frozenset[str]:
    """The groups a capability's name and description name anywhere (once per text); not
    a "client" that is a piece of software ("through the desktop client")."""
    text = _without_software_clients(text)
    return frozenset(group for group, pattern in _ANYWHERE.items() if pattern.search(text))


#: The buyer's own product, named as theirs ("our mobile app", "their web portal").
_THEIR_PRODUCT = re.compile(
    r"\b(?:our|their)\s+(?:own\s+)?(?:[a-z-]+\s+)?"
    r"(?:apps?|applications?|website|web\s*site|portal|product|platform)\b",
    re.I,
)


def check(evidence: Evidence) -> list[Reason]:
    asked = groups_asked(evidence.analysis.text)
    if not asked:
        return []
    reasons = []
    outside = asked & OUTSIDE
    # The buyer's end customers in the buyer's own product ("SSO for our end customers
    # logging into our mobile app") are people outside the organisation the product
    # serves: a capability that names nobody serves the organisation's own users.
    if "end customers" in asked and _THEIR_PRODUCT.search(evidence.analysis.text):
        outside = outside | {"end customers"}
    for cand in evidence.strong():
        cap = evidence.index.docs[cand.doc].cap
        served = groups_served(f"{cap.name}. {cap.description or ''}")
        if served and asked - served:
            # Every group asked for must be one it serves: "SSO for our employees and our
            # end customers" against SSO for staff promises the end customers nothing.
            reasons.append(
                Reason(
                    ID,
                    f"asks for {', '.join(sorted(asked - served))}; {cand.cap_id} is for"
                    f" {', '.join(sorted(served))}",
                    cand.cap_id,
                )
            )
        elif not served and outside:
            # A capability that names nobody serves the organisation's own users;
            # its guests are an ask of their own.
            reasons.append(
                Reason(
                    ID,
                    f"asks for {', '.join(sorted(outside))}; {cand.cap_id} does not say it"
                    " serves them",
                    cand.cap_id,
                )
            )
    return reasons
