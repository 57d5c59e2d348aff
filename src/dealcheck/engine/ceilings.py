"""Ceilings a caveat sets in prose on a size or a duration, read against an ask's amount.

A catalogue bounds most amounts with ``limits`` on its metrics, which the evaluation
compares edition by edition. Product managers also write a bound into a caveat: "Files
larger than 200 MB are not scanned", "Location history is kept for at most 30 days", "At
most 48 hours per rate lock". An ask that needs an amount of the same kind ("Downloads of
up to 500 MB must be scanned", "location history kept for ninety days") is then answered
by the caveat, not left as an amount no limit covers:

* past the ceiling, the capability does not do what is asked: ``unsupported``, quoting
  the caveat;
* within it, the amount is covered and takes nothing away from the capability's verdict.

Only what can be read without guessing which way is better:

* a size (``data``) or a duration (``time``), not a count (the caveat rule compares
  those with what they count) nor a percentage or a rate;
* a ceiling the clause states: "at most", "up to", "a maximum of", "no more than",
  "limited to", "capped at" before the number, or "larger/longer/more than", "over",
  "above", "exceeding" before it in a clause that takes something back ("... are not
  scanned"). Not "within 24 hours" or "take up to 12 hours" (a delay, where less is
  better) nor "at most every 15 minutes" (a frequency: the frequency rule reads those);
* an ask that states what it needs ("files of up to 2 GB", "at least 20 days", "kept
  *for* ninety days"), not one that caps it ("deleted within 90 days", "under 50 MB":
  less may be what is wanted); a duration only with "for", "up to" or "at least" before
  it, so "exports must complete in 5 minutes" is no duration kept;
* one amount of that kind in the ask, read against each clause that shares a word with
  the ask beyond its number, its unit and the capability's own name and aliases ("kept",
  "retried", "rate lock"), or that is made of nothing but those (it is about the
  capability itself: "Files larger than 200 MB are not scanned" of file scanning):
  "Failed deliveries are retried for at most 24 hours" says nothing of "webhook payloads
  kept for 30 days", nor "Audit log search covers at most 90 days" of "audit logs kept
  for 60 days". Past any one is past; within is covered
  only within all, and never for an ask open upwards ("100 MB or more").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dealcheck.engine.text import CLAUSES, LEXICON, STOPWORDS, TAKES_BACK, stem, words
from dealcheck.quantities import extract_quantities
from dealcheck.requirements import Quantity

#: The kinds of amount a caveat's ceiling is read for.
CEILING_DIMENSIONS = frozenset({"data", "time"})

#: Words right before a clause's number that make it the most there is.
_CEILING = re.compile(
    r"\b(?:at\s+most|up\s+to|(?:a\s+)?max(?:imum)?(?:\s+of)?|(?:no|not)\s+more\s+than"
    r"|limited\s+to|capped\s+at)\s*$",
    re.I,
)
#: Words right before a clause's number that name what lies past it ("larger than 200
#: MB"): a ceiling where the clause takes that range back.
_BEYOND = re.compile(
    r"\b(?:(?:larger|bigger|longer|greater|more|older)\s+than|over|above|exceeding|beyond)\s*$",
    re.I,
)
#: Words before a ceiling's cue that make a duration a delay, where less is better
#: ("Restores take up to 12 hours to start", "may be delayed by up to 5 minutes").
_DELAY = re.compile(
    r"\b(?:tak(?:e|es|ing)|wait(?:s|ing)?|delay(?:s|ed)?(?:\s+by)?|lag(?:s|ging)?(?:\s+by)?"
    r"|within|after|before)\s+(?:\w+\s+)?$",
    re.I,
)
#: Words right before an ask's duration that make it a time something lasts ("kept *for*
#: 90 days"); "up to" and "at least" are read by the quantity reader as the amount needed.
_LASTING = re.compile(r"\bfor\s*$", re.I)
#: How far before a number its cue words are looked for, in characters.
CUE_WINDOW = 30

#: Words a caveat uses to say what is (not) offered, which name nothing it speaks of.
_BOILERPLATE = frozenset(stem(w) for w in LEXICON.caveat_boilerplate | STOPWORDS)


@dataclass(frozen=True)
class Ceiling:
    """The most a caveat's clause offers of an amount of one kind."""

    clause: str
    amount: Quantity
    #: The clause's own words, stemmed, less its number, its unit and boilerplate.
    speaks_of: frozenset[str]


def _before(text: str, start: int) -> str:
    return text[max(0, start - CUE_WINDOW) : start]


#: The words that state a ceiling ("at most", "larger than", "up to"): no part of what the
#: clause speaks of.
_CUE_WORDS = frozenset(
    stem(w)
    for w in (
        "at most up to max maximum limited capped no not more than larger bigger longer"
        " greater older over above exceeding beyond"
    ).split()
)


#: Words for keeping something for a time (lexicon.yaml: keeping_words), as one word: a
#: clause that caps how long things are "kept" speaks of an ask to "retain" them.
_KEEPING = frozenset(stem(w) for w in LEXICON.keeping_words)
_KEPT = "kept"


def _content(text: str, leave_out: str) -> frozenset[str]:
    out = {stem(w) for w in words(text) if not w.isdigit()} - _BOILERPLATE - _CUE_WORDS
    out -= {stem(w) for w in words(leave_out)}
    return frozenset({_KEPT if w in _KEEPING else w for w in out})


@lru_cache(maxsize=4096)
def ceilings(caveats: tuple[str, ...]) -> tuple[Ceiling, ...]:
    """The ceilings the caveats' clauses state on a size or a duration.

    >>> [(c.clause, c.amount.text) for c in ceilings(("Files larger than 200 MB are not scanned",))]
    [('Files larger than 200 MB are not scanned', '200 MB')]
    >>> ceilings(("Exports are ready within 24 hours", "Sync runs at most every 15 minutes"))
    ()
    """
    found = []
    for caveat in caveats:
        for clause in CLAUSES.split(caveat):
            amounts = [q for q in extract_quantities(clause) if q.dimension in CEILING_DIMENSIONS]
            for q in amounts:
                if q.per or sum(1 for o in amounts if o.dimension == q.dimension) != 1:
                    continue
                before = _before(clause, q.start)
                cue = _CEILING.search(before)
                if cue and q.dimension == "time" and _DELAY.search(before[: cue.start()]):
                    continue
                beyond = _BEYOND.search(before) and TAKES_BACK.search(clause[q.end :])
                if cue or beyond:
                    found.append(Ceiling(clause, q, _content(clause, q.text)))
    return tuple(found)


def _needed(ask: str, q: Quantity) -> bool:
    """Whether the ask states an amount it needs (not a cap on it, not a delay)."""
    if q.per or q.dimension not in CEILING_DIMENSIONS or q.bound == "max":
        return False
    if q.dimension == "time":
        return q.bound == "min" or bool(_LASTING.search(_before(ask, q.start)))
    return True


#: Words right before an amount that make it the most the ask needs covered ("files of
#: *up to* 500 MB"): a range a ceiling can hold. Another lower bound ("at least 100 MB",
#: "100 MB or more") leaves the ask open upwards.
_UP_TO = re.compile(r"\bup\s*to\s*$", re.I)


def _open_above(ask: str, q: Quantity) -> bool:
    """Whether the ask needs ``q`` or more, how much more unsaid ("at least 20 days",
    "files of 100 MB or more")."""
    return q.bound == "min" and not _UP_TO.search(_before(ask, q.start))


@lru_cache(maxsize=4096)
def own_words(name: str, aliases: tuple[str, ...]) -> frozenset[str]:
    """The stems of a capability's name and aliases: what the ask shares with every clause
    of it, which says nothing of which clause the ask is about."""
    return frozenset(stem(w) for text in (name, *aliases) for w in words(text))


def against_ceilings(
    ask: str,
    q: Quantity,
    quantities: list[Quantity],
    found: tuple[Ceiling, ...],
    own: frozenset[str] = frozenset(),
) -> tuple[bool, str] | None:
    """(whether ``q`` is past a ceiling, the clause) for the caveat ceilings that speak of
    what the ask needs ``q`` of: each that shares a word with the ask beyond the
    capability's own name and aliases (``own``). Past any one of them is past; within
    all of them is covered, unless the ask is open upwards ("100 MB or more"), which no
    ceiling covers. None where no ceiling speaks of it, or it is open and not past."""
    if not found or not _needed(ask, q):
        return None
    if sum(1 for o in quantities if o.dimension == q.dimension) != 1:
        return None
    asked = _content(ask, q.text) - own
    # A clause of nothing but the capability's own words is about the capability itself
    # ("Files larger than 200 MB are not scanned" of file scanning).
    speaking = [
        c
        for c in found
        if c.amount.dimension == q.dimension
        and ((c.speaks_of - own) & asked or not c.speaks_of - own)
    ]
    if not speaking:
        return None
    for ceiling in speaking:
        c = ceiling.amount
        # "Larger than 200 MB are not scanned": 200 MB itself is; "more than 200 MB"
        # asked needs more than it.
        if q.value > c.value or (q.value == c.value and q.strict and q.bound == "min"):
            return True, ceiling.clause
    if _open_above(ask, q):
        return None
    return False, speaking[0].clause
