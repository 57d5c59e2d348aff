"""``unread-number``: a number no quantity was read from, against a counted limit.

"Guest access for 2,000 external partners": the number counts something the quantity
reader has no unit for ("partners"), so no limit is compared with it. When a matched
capability limits a count (guests, seats, agents, ...), promising it without comparing
could promise 2,000 where the edition allows 500: a person compares.

An amount written in words ("three careers sites", "a dozen recruiter seats") counts too,
when a word that is no stop word follows it.

Numbers that are not amounts are left alone: a version or level ("SOC 2", "TLS 1.2"),
a year or a date ("by 2027", "2027-03-01"), a round-the-clock form ("24x7", "24/7"),
and any number the quantity reader did read ("2,000 guests", "99.9%").

A number with a unit of time, data or share a few words on, that the reader did not read
("10,000 free CI/CD minutes per month": words stand between), is an amount no limit was
compared with, whatever the capability: its limit may be stated only in words ("free up
to 400 build minutes"), so a person compares.

A capability whose caveat bounds something with a number ("Approval chains of more than
three steps require the enterprise edition") counts too: "five levels" is no amount of
steps the caveat rule could compare, so a person does ("5 steps" the caveat rule
compares, and is not read here).
So does one whose description bounds something with a number ("a personal family plan
for up to five relatives"): "up to 8 relatives each" is compared by no rule, so a person
compares.

The same holds where the ask names a metric the catalogue counts ("branded portals for
each of our 40 distributors", "branded portals" a metric another capability limits),
whichever capability answers.

An amount past what every edition offers on the one count the one answer limits is read
as that count instead (:func:`counted_by_elimination`): "Guest access for 20,000
external partners" against at most 5,000 guests is at least 20,000 guests,
``unsupported``, the reasons say read so. Short of that it still goes to a person: 300
partner companies may be more than 300 guests.

Fires: "Guest access for 300 external partners" against guest access limited in guests.
Does not fire: "Guest access for 300 guests" (read as a quantity: the limit decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from dealcheck.engine.candidates import Reason
from dealcheck.engine.index import numbered_names
from dealcheck.engine.rules import Evidence
from dealcheck.engine.rules.caveat import clause_thresholds, counted_head
from dealcheck.engine.text import LEXICON, STOPWORDS
from dealcheck.quantities import (
    NUMBER_WORDS,
    YEAR,
    number_value,
    round_the_clock_spans,
    time_frame_spans,
)
from dealcheck.requirements import Quantity
from dealcheck.units import parse_unit

ID = "unread-number"

#: An amount as written: "2,000", "15", "1.5" (not inside a word, a date or a range
#: like "24/7" or "24x7").
#: (A number joined by a hyphen to a word for people is an amount of them: "a 300-person
#: sales team", "a 12-member HR team"; other compounds are names, "2-factor", "24-7".)
_PEOPLE_WORDS = "|".join(
    sorted(LEXICON.people_nouns | LEXICON.account_nouns | LEXICON.gathering_nouns, key=len)[::-1]
)
_NUMBER = re.compile(
    r"(?<![\w.,/\-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:k|bn|m)?"
    r"(?![\w/%]|-(?!(?:" + _PEOPLE_WORDS + r")\b)|[.,]\d)",
    re.I,
)
#: An amount written in words ("three careers sites", "a dozen recruiter seats"): not
#: "one" or "zero" (too often no amount: "one place", "zero downtime"), nor the first
#: part of a compound ("two-factor", "three-way").
_WORD_NUMBER = re.compile(
    r"(?<![\w-])((?:a\s+|half\s+a\s+)?dozens?|"
    + "|".join(
        f"{w}s?" if w in ("hundred", "thousand", "million", "billion") else w
        for w in sorted(NUMBER_WORDS - {"zero", "one"}, key=len, reverse=True)
    )
    + r")(?![\w-])",
    re.I,
)
#: Up to two words after the number, to name what it counts in the reason.
_NEXT_WORD = re.compile(r"(?:\s+[A-Za-z][\w-]*){1,2}")


def _unread(evidence: Evidence) -> tuple[tuple[re.Match[str], re.Match[str] | None], ...]:
    """Each number of the requirement no quantity was read from, with the words after it:
    not a year ("by 2027", but "1999 external partners" is a number) nor a version."""
    analysis = evidence.analysis
    return _unread_in(analysis.text, tuple((q.start, q.end) for q in analysis.quantities))


@lru_cache(maxsize=256)  # several rules and the decision ask of the same requirement
def _unread_in(
    text: str, quantities: tuple[tuple[int, int], ...]
) -> tuple[tuple[re.Match[str], re.Match[str] | None], ...]:
    return tuple(_find_unread(text, quantities))


def _find_unread(
    text: str, quantities: tuple[tuple[int, int], ...]
) -> Iterator[tuple[re.Match[str], re.Match[str] | None]]:
    read = [*quantities, *round_the_clock_spans(text)]
    read += time_frame_spans(text)  # "over the next two years": when, not an amount
    numbered = {number for _, number in numbered_names(text)}
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in read):
            continue
        number = m.group(1)
        after = _NEXT_WORD.match(text, m.end())
        counted = after is not None and after.group().split()[0].lower() not in STOPWORDS
        if YEAR.fullmatch(number) and not counted:
            continue
        if re.sub(r"(?:\.0)+$", "", number) in numbered and not (
            counted and _lower_before(text, m)
        ):
            continue  # a version ("SOC 2 report", "TLS 1.2"), not "stack 8 coupon codes"
        yield m, after
    for m in _WORD_NUMBER.finditer(text):
        if any(a <= m.start() < b for a, b in read):
            continue
        # An amount of something: the word after it counts a thing ("three careers sites").
        after = _NEXT_WORD.match(text, m.end())
        if after is not None and after.group().split()[0].lower() not in STOPWORDS:
            yield m, after


#: The word right before a number, as a versioned name writes it ("SOC 2", "iOS 16").
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)[ /-]?(?:v|version\s)?$")


def _lower_before(text: str, m: re.Match[str]) -> bool:
    """Whether the word right before the number is written in lower case ("stack 8 coupon
    codes"): a verb or a noun before an amount, where a version's name is written with
    capitals ("SOC 2", "Windows 10", "iOS 16")."""
    before = _WORD_BEFORE.search(text, 0, m.start())
    return before is not None and before.group(1).islower()


def unread_numbers(evidence: Evidence) -> list[str]:
    """The numbers of the requirement no quantity was read from, each with its next word
    (not one a matched capability's caveat compares with its bound)."""
    return [
        m.group(0) + (after.group() if after else "")  # as written: "250k past bookers"
        for m, after in _unread(evidence)
        if not _compared(evidence, m)
    ]


def _bounds(evidence: Evidence, doc: int) -> list[frozenset[str]]:
    """What each bound with a number in the capability's caveats counts ("steps" of
    "Approval chains of more than three steps require the enterprise edition")."""
    cap = evidence.index.docs[doc].cap
    return [run for c in cap.caveats for _, _, run, _, _ in clause_thresholds(c)]


#: The words after a number that say what it counts ("5 sequential approval steps"), up to
#: punctuation.
_COUNTED = re.compile(r"(?:[\s-]+[A-Za-z][\w-]*){1,4}")


def _compared(evidence: Evidence, number: re.Match[str]) -> bool:
    """Whether a caveat's bound of a matched capability counts what the number does ("5
    steps" against "more than three steps"): the caveat rule compares them."""
    after = _COUNTED.match(evidence.analysis.text, number.end())
    if after is None:
        return False
    head = counted_head(tuple(w.lower() for w in re.findall(r"[A-Za-z][\w-]*", after.group())))
    return head is not None and any(
        head in run for c in evidence.strong() for run in _bounds(evidence, c.doc)
    )


def _described_bounds(evidence: Evidence, doc: int) -> bool:
    """Whether the capability's description puts a most on something with a number ("a
    personal family plan for up to five relatives"): a limit stated only in words, which
    no rule compares, so an amount the ask gives may be past it."""
    description = evidence.index.docs[doc].cap.description or ""
    # (Only a most: "in more than 200 languages" says what is offered at least, which an
    # ask for 150 does not pass.)
    return bool(description) and any(
        sign in ("<", "<=") for sign, *_ in clause_thresholds(description)
    )


def _counts(evidence: Evidence, doc: int) -> bool:
    """Whether the capability states a limit on a metric counted in units ("guests"), or a
    caveat or its description bounds something with a number ("more than three steps",
    "up to five relatives")."""
    if _bounds(evidence, doc) or _described_bounds(evidence, doc):
        return True
    metrics = evidence.index.catalog.metrics
    for name in evidence.index.docs[doc].cap.limits:
        metric = metrics.get(name)
        unit = parse_unit(metric.unit) if metric is not None else None
        if unit is not None and unit[0] in ("count", "rate"):
            return True  # (a rate is a count per period: "800 usage events a second")
    return False


#: Up to four words after a number, where a unit it was not read with may stand ("10,000
#: free CI/CD minutes": words between the number and its unit).
_AHEAD = re.compile(r"(?:[\s/-]+[A-Za-z][\w-]*){1,4}")
#: The kinds of unit that measure rather than count: a number in one of them is an amount
#: of time, data or a share, whatever it is of.
_MEASURES = frozenset({"time", "data", "percent"})


def _measured(evidence: Evidence) -> list[str]:
    """The unread numbers with a unit of time, data or share a few words on ("10,000 free
    CI/CD minutes per month"): the quantity reader missed the unit, so no limit, and no
    limit stated only in a description's words ("400 build minutes"), was compared."""
    analysis = evidence.analysis
    return list(_measured_in(analysis.text, tuple((q.start, q.end) for q in analysis.quantities)))


@lru_cache(maxsize=256)
def _measured_in(text: str, quantities: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    found = []
    for m, _ in _unread_in(text, quantities):
        ahead = _AHEAD.match(text, m.end())
        end = ahead.end() if ahead else m.end()
        for word in re.finditer(r"[A-Za-z][\w-]*", text[m.end() : end]):
            if word.group().lower() in STOPWORDS:
                break  # "3 subsidiaries during business hours": the unit is another's
            unit = parse_unit(word.group())
            if unit is not None and unit[0] in _MEASURES:
                found.append(text[m.start() : m.end() + word.end()])  # as written
                break
    return tuple(found)


def _names_a_count(evidence: Evidence) -> bool:
    """Whether the ask names a metric the catalogue counts in units ("separate branded
    portals for each of our 40 distributors", where "branded portals" is a metric another
    capability limits): its number may be that count, whichever capability answers."""
    metrics = evidence.index.catalog.metrics
    for _, _, name in evidence.analysis.metric_mentions:
        metric = metrics.get(name)
        unit = parse_unit(metric.unit) if metric is not None else None
        if unit is not None and unit[0] == "count":
            return True
    return False


#: Words around an amount that leave how many open ("more than 40", "under 50", "at
#: least 10", "400+", "400 or more"): no count is read by elimination from it. An
#: estimate ("about 300") or the most the ask needs covered ("up to 25") is as written.
_OPEN_BEFORE = re.compile(
    r"(?:\b(?:(?:more|fewer|less|greater|higher|lower)\s+than|at\s+(?:least|most)|over|under"
    r"|above|below|min(?:imum)?(?:\s+of)?|max(?:imum)?(?:\s+of)?|exceeding|beyond)|[<>\u2264\u2265]=?)"
    r"\s*$",
    re.I,
)
_OPEN_AFTER = re.compile(r"\+|\s+or\s+(?:more|fewer|less|so)\b|\s+plus\b", re.I)
#: Words after an amount that count it per something else ("15 reviewers *per* change",
#: "120 contracts *a* month", "4 approvers *each*"): no total the limit counts.
_PER_SOMETHING = frozenset({"per", "each", "every", "a", "an"})
_SUFFIX = {"k": 1e3, "m": 1e6, "bn": 1e9}


def _past_every_edition(evidence: Evidence, doc: int, metric_name: str, value: float) -> bool:
    """Whether ``value`` units are more than the capability's limit on the metric offers
    in any edition."""
    index = evidence.index
    metric = index.catalog.metrics.get(metric_name)
    limit = index.docs[doc].cap.limits.get(metric_name)
    if metric is None or limit is None or metric.better != "higher":
        return False
    if not isinstance(limit, dict):
        return value > limit
    return bool(limit) and all(value > v for v in limit.values())


def counted_by_elimination(evidence: Evidence) -> tuple[Quantity, str, int] | None:
    """The one amount the reader found no unit for, read as a count on the one metric
    counted in units that the one answer limits: (the amount as a quantity, the metric,
    the answer's capability by index), or None.

    A person reads "Guest access for 20,000 external partners" against a capability limited
    in guests, and only in guests, as 20,000 guests at least: each partner is one guest or
    more. So does this, and only to say the ask is past what every edition offers: the
    evaluation then answers ``unsupported``. Short of that nothing is read: "Guest access
    for 300 partner companies" may need more than 300 guests, and "40 help desks" more
    than 40 agents, so whether an edition is enough is a person's to say, not an
    ``upgrade`` to promise. Only where nothing else could be meant: one capability
    answers, it limits one count (where more is better) and no rate, no caveat of it
    bounds a number of its own (the caveat rule compares those), the ask reads no other
    count and holds no other unread number, and the amount is a total as written (not
    "more than 40", not "15 reviewers per change").
    """
    strong = evidence.strong()
    if len(strong) != 1 or _measured(evidence):
        return None
    doc = strong[0].doc
    if _bounds(evidence, doc):
        return None
    index = evidence.index
    counts, rates = [], []
    for name in index.docs[doc].cap.limits:
        metric = index.catalog.metrics.get(name)
        unit = parse_unit(metric.unit) if metric is not None else None
        if unit is not None and unit[0] == "count":
            counts.append(name)
        elif unit is not None and unit[0] == "rate":
            rates.append(name)
    analysis = evidence.analysis
    if len(counts) != 1 or rates or any(q.dimension == "count" for q in analysis.quantities):
        return None
    unread = [(m, after) for m, after in _unread(evidence) if not _compared(evidence, m)]
    if len(unread) != 1:
        return None
    m, after = unread[0]
    text = analysis.text
    counted = _COUNTED.match(text, m.end())
    if (
        after is None
        or counted is None
        or _OPEN_BEFORE.search(text, 0, m.start())
        or _OPEN_AFTER.match(text, m.end())
    ):
        return None
    following = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", counted.group())]
    if _PER_SOMETHING & set(following):
        return None
    head = counted_head(tuple(following)) or following[0]
    suffix = m.group(0)[len(m.group(1)) :].lower()
    value = number_value(m.group(1)) * _SUFFIX.get(suffix, 1.0)
    if not _past_every_edition(evidence, doc, counts[0], value):
        return None
    end = m.end() + len(after.group())
    quantity = Quantity(value, "count", head, text[m.start() : end], m.start(), end)
    return quantity, counts[0], doc


def check(evidence: Evidence) -> list[Reason]:
    if counted_by_elimination(evidence) is not None:
        return []  # the evaluation compares the amount with the limit
    measured = _measured(evidence)
    strong = evidence.strong()
    if not measured:
        counting = [c for c in strong if _counts(evidence, c.doc)]
        strong = counting or (strong if _names_a_count(evidence) else [])
    if not strong:
        return []
    numbers = measured or unread_numbers(evidence)
    if not numbers:
        return []
    asked = ", ".join(f"'{n}'" for n in numbers)
    return [
        Reason(
            ID,
            f"asks for {asked}, which no limit of {c.cap_id} was compared with:"
            " a person must confirm",
            c.cap_id,
        )
        for c in strong
    ]
