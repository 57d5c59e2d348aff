"""Quantities and dates in requirement text: "99.95% uptime", "RPO of 15 minutes", "by Q3 2027".

Every quantity is normalised to its dimension's canonical unit (percent: %,
time: second, data: byte, count: item, rate: per second), so the engine can
compare it with a catalogue limit written in any unit of the same dimension.

The unit table is hand-rolled on purpose. ``pint`` does this job in general,
but it costs ~0.19 s to import on the reference machine (measured in
bench/), more than dealcheck's whole start-up budget (2x the ~0.07 s floor of
importing click, yaml, pydantic and rich), and a typical RFP asks for a
quantity in most requirements, so a lazy import would not save it. The units
customers write in RFPs are few: the ones below.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from dealcheck.requirements import Quantity

# unit word -> (dimension, factor to canonical, normalised name)
# A year is 365 days and a month a twelfth of it: the way contracts and
# catalogues count ("7 years" of retention is written as 2555 days).
_TIME = {
    "second": 1.0,
    "minute": 60.0,
    "hour": 3600.0,
    "day": 86400.0,
    "week": 604800.0,
    "month": 365 * 86400.0 / 12,
    "year": 365 * 86400.0,
    "fortnight": 14 * 86400.0,
    "decade": 10 * 365 * 86400.0,
}
_TIME_WORDS = {
    "s": "second",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "ms": "millisecond",
    "millisecond": "millisecond",
    "milliseconds": "millisecond",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hour": "hour",
    "hours": "hour",
    "d": "day",
    "day": "day",
    "days": "day",
    "wk": "week",
    "wks": "week",
    "week": "week",
    "weeks": "week",
    "mo": "month",
    "mos": "month",
    "month": "month",
    "months": "month",
    "y": "year",
    "yr": "year",
    "yrs": "year",
    "year": "year",
    "years": "year",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "decade": "decade",
    "decades": "decade",
}
_DATA = {
    "b": 1.0,
    "byte": 1.0,
    "bytes": 1.0,
    "kb": 1e3,
    "mb": 1e6,
    "gb": 1e9,
    "tb": 1e12,
    "pb": 1e15,
    "kib": 2.0**10,
    "mib": 2.0**20,
    "gib": 2.0**30,
    "tib": 2.0**40,
    "pib": 2.0**50,
    "kilobyte": 1e3,
    "kilobytes": 1e3,
    "megabyte": 1e6,
    "megabytes": 1e6,
    "gigabyte": 1e9,
    "gigabytes": 1e9,
    "terabyte": 1e12,
    "terabytes": 1e12,
    "petabyte": 1e15,
    "petabytes": 1e15,
}
_DATA_NAMES = {
    "b": "B",
    "byte": "B",
    "bytes": "B",
    "kb": "KB",
    "mb": "MB",
    "gb": "GB",
    "tb": "TB",
    "pb": "PB",
    "kib": "KiB",
    "mib": "MiB",
    "gib": "GiB",
    "tib": "TiB",
    "pib": "PiB",
    "kilobyte": "KB",
    "kilobytes": "KB",
    "megabyte": "MB",
    "megabytes": "MB",
    "gigabyte": "GB",
    "gigabytes": "GB",
    "terabyte": "TB",
    "terabytes": "TB",
    "petabyte": "PB",
    "petabytes": "PB",
}
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}

#: Numbers customers spell out ("seven years", "twenty-four hours", "four hundred users",
#: "twelve thousand five hundred", "ninety nine point nine percent"): a small grammar of
#: English number words, read by :func:`_words_value`.
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
#: The number words an amount may be written in, for readers that only look for one.
NUMBER_WORDS = frozenset([*_SMALL, "hundred", *_SCALES])
#: The words a quantity is written with besides what it counts: numbers, multipliers,
#: periods and the words that join them ("20k invoices *a* month", "*per* day").
AMOUNT_WORDS = frozenset(
    [
        *NUMBER_WORDS,
        *(m.lower() for m in _MULTIPLIERS),
        *_TIME_WORDS,
        "per",
        "a",
        "an",
        "each",
        "every",
    ]
)
_NUMBER_WORD = "|".join(sorted([*_SMALL, "hundred", *_SCALES], key=len, reverse=True))
_DIGIT_WORD = "zero|one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = (
    rf"(?:a\s+(?=(?:hundred|thousand|million)\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD})\b)*"
    rf"(?:\s+point(?:\s+(?:{_DIGIT_WORD})\b)+)?"
)
#: A number in words, as a pattern to build on ("twenty-four", "four hundred and twenty").
WORD_NUMBER = _WORD_NUMBER
#: A number in digits, as English and continental European writing set them:
#:
#: * "1,200", "1,234.5", "1.5", "0.001": English grouping and decimals;
#: * "99,95", "1,5" (a comma before one or two digits: no English grouping) and
#:   "1.234,5": a decimal comma;
#: * "1.000.000" (more than one dot: no English decimal) and "1 200" with a no-break or
#:   narrow no-break space (the French and SI way): thousands grouped;
#: * "1,50,000": lakhs grouped, as India writes them.
#:
#: Two forms read either way are no number here, so no limit is compared with a guess:
#: "12.000" (twelve in English, twelve thousand in German) and "1 200" with a plain space
#: (one number, or two side by side). The ``unread-number`` rule sends an ask with such
#: a number to a person. A share is the exception: "99.999%" is a decimal, as no share
#: runs to thousands.
_AMBIGUOUS_DOT = r"(?![1-9]\d{0,2}\.\d{3}(?![\d.,]\d))"
_DIGITS = (
    r"(?<![\d.,])(?<![\d.,][\u00a0\u202f])(?!(?<=\d )\d{3}(?![\d.,]\d))"
    r"(?:\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.,]\d)"
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.,]\d)"
    r"|\d{1,3}\.\d{3},\d+(?![\d.,]\d)"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d.,]\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d+,\d{1,2}(?![\d,])"
    r"|" + _AMBIGUOUS_DOT + r"(?!\d{1,3} \d{3}(?![\d.,]\d))\d+(?:\.\d+)?)"
)
_NUMBER = r"(?P<num>" + _DIGITS + r"|\b" + _WORD_NUMBER + r"\b)"
#: A number before a share's sign: a dot is a decimal point ("99.999%").
_SHARE_NUMBER = _NUMBER.replace(_AMBIGUOUS_DOT, "")
#: A multiplier after a number. A lower-case "m" is a million only before a noun that
#: counts ("5m users"): alone it is as often metres or minutes. A capital "M" written
#: onto the digits ("1.5M words") is a million (SI "mega"; metres and minutes are
#: lower case).
_MULT = (
    r"(?:\s?(?P<mult>k|thousand|million|mm|bn|billion|m(?=\s+(?:users?|seats?|requests?|calls?"
    r"|records?|rows?|items?|documents?|files?|events?)\b)|(?<=\d)(?-i:M)(?!\w)))?"
)

_PERCENT_RE = re.compile(_SHARE_NUMBER + r"\s?(?:%|percent\b|per\s?cent\b|pct\b)", re.I)
_DATA_RE = re.compile(
    _NUMBER + r"\s?(?P<unit>[kmgtp]i?b|bytes?|(?:kilo|mega|giga|tera|peta)bytes?)\b", re.I
)
_RATE_RE = re.compile(
    _NUMBER
    + _MULT
    + r"\s?(?P<what>(?:api\s)?(?:requests?|req|calls?|api calls?|transactions?|events?"
    r"|messages?|queries|hits))?"
    r"\s?(?:/|\bper\s|\ban?\s|\beach\s)\s?(?P<per>second|sec|s|minute|min|hour|hr|h|day)\b"
    r"|"
    + _NUMBER.replace("num", "num2")
    + _MULT.replace("mult", "mult2")
    + r"\s?(?P<abbr>rps|rpm|qps|tps|rph)\b",
    re.I,
)
_TIME_RE = re.compile(
    _NUMBER + r"(?:\s?|-)(?P<qual>business\s|working\s|calendar\s|clock\s)?"
    r"(?P<unit>milliseconds?|ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?"
    r"|months?|years?|yrs?|y|fortnights?|decades?)\b(?!\s?(?:/|per\b)\s?(?:second|sec|s|minute|min|hour|hr|h|day|week|month|year)\b)",
    re.I,
)
#: A duration of one unit written with an article after a preposition ("offline for a
#: full week", "kept for a decade", "within an hour", "at least a year"). Without the
#: preposition "a day" is a rate ("24 hours a day", "once a week"), never a duration.
_ARTICLE_TIME_RE = re.compile(
    r"\b(?:for|of|within|over|least|most|than|to|in)\s+(?P<num>an?)\s+"
    r"(?:(?:full|whole|entire|single|calendar)\s+)?"
    r"(?P<unit>decade|fortnight|year|month|week|day|hour|minute)\b(?!\s?(?:/|per\b))",
    re.I,
)
#: Every hour of every day written out ("24 hours a day, 7 days a week", "24 hrs/day, 7
#: days/week, 365 days a year"): how much of the time an ask must hold, which the
#: glossary reads as one term with "24/7"; no duration and no rate.
_ROUND_THE_CLOCK_RE = re.compile(
    r"\b24\s*(?:hours?|hrs?|h)\s*(?:a|per|/)\s*day\s*[,;/-]?\s*(?:and\s+)?"
    r"7\s*days?\s*(?:a|per|/)\s*week"
    r"(?:\s*[,;/-]?\s*(?:and\s+)?365\s*days?\s*(?:a|per|/)\s*year)?\b",
    re.I,
)


#: A duration added to an event ("the term of the contract plus 90 days", "employment +
#: 6 years"): how long that is depends on the event, so it is no amount to compare.
_AFTER_AN_EVENT = re.compile(r"(?<![\d\s])\s*(?:\bplus|\+)\s*$", re.I)

#: The time over which something happens ("30 legal entities will be onboarded *over the
#: next* two years", "40k identities today, *growing* to 60k *over* three years"): when,
#: not how long anything must last. ("Retention over 3 years" is more than 3 years: only
#: "over" after a word of growth, or before "the next", "the coming".)
_TIME_FRAME = re.compile(
    r"\b(?:over|in|within|during|across)\s+(?:the\s+)?(?:next|coming|following)\s*$"
    r"|\b(?:grow(?:s|ing|n)?|ris(?:e|es|ing)|increas(?:e|es|ing)|scal(?:e|es|ing)|expand(?:s|ing)?"
    r"|doubl(?:e|es|ing)|tripl(?:e|es|ing))\b[^.;:!?]{0,40}\bover\s*$",
    re.I,
)

#: A number written in words and again in digits, as contracts write them ("fifteen (15)
#: years", "thirty (30) days").
_LEGAL_NUMBER_RE = re.compile(r"\b" + _WORD_NUMBER + r"\s*\((?P<digits>\d[\d,]*(?:\.\d+)?)\)", re.I)


def _legal_numbers(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each "fifteen (15)" read as "15": the words and parentheses become
    spaces and the digits move to the end of the span, so every other position holds and
    the unit follows the digits as it would "15 years". With the spans rewritten (a
    quantity read there starts where the words do)."""
    if "(" not in text:
        return text, []
    spans = [(m.start(), m.end()) for m in _LEGAL_NUMBER_RE.finditer(text)]

    def digits(m: re.Match[str]) -> str:
        return " " * (len(m[0]) - len(m["digits"])) + m["digits"]

    return _LEGAL_NUMBER_RE.sub(digits, text), spans


#: The word that opens a time frame ("*over* the next two years"), the last in a window.
_FRAME_OPENER = re.compile(r".*\b(over|in|within|during|across)\b", re.I | re.S)


#: How far before a duration the words that make it a time frame are looked for.
_FRAME_WINDOW = 60


def _frame_start(text: str, start: int) -> int | None:
    """Where the time frame of the duration at ``start`` opens ("*over* the next two
    years"), or None when the duration is no time frame (``_TIME_FRAME``)."""
    at = max(0, start - _FRAME_WINDOW)
    window = text[at:start]
    if not _TIME_FRAME.search(window):
        return None
    opener = _FRAME_OPENER.match(window)
    return at + opener.start(1) if opener else start


@lru_cache(maxsize=1024)
def time_frame_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` says over what time something happens, from the word that opens it
    to the duration ("*over the next two years*"): no quantity is read there, and its
    words are no ask. (Kept for the text: the analysis and several rules ask again.)"""
    if not _ANY_DIGIT.search(text) and not _ANY_WORD_NUMBER.search(text):
        return ()  # every duration starts with a number (a quick test before the long one)
    return tuple(
        (opens, m.end())
        for m in _TIME_RE.finditer(text)
        if (opens := _frame_start(text, m.start())) is not None
    )


def round_the_clock_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` writes out every hour of every day ("24 hours a day, 7 days a
    week"): no quantity is read there."""
    if "24" not in text:
        return []
    return [(m.start(), m.end()) for m in _ROUND_THE_CLOCK_RE.finditer(text)]


_COUNT_RE = re.compile(
    _NUMBER + _MULT + r"\+?\s(?P<adj>(?:named|concurrent|active|internal|external|guest|admin"
    r"|end|total|simultaneous|monthly active|daily active|licensed|registered)\s)?"
    r"(?P<noun>users?|seats?|licen[cs]es?|members?|employees?|accounts?|projects?|workspaces?"
    r"|guests?|admins?|administrators?|agents?|teams?|sites?|tenants?|records?|documents?"
    r"|files?|items?|integrations?|connectors?|environments?|sandboxes?|api keys?|roles?"
    r"|custom fields?|fields?|dashboards?|reports?|boards?|workflows?|automations?|pages?"
    r"|contacts?|devices?|endpoints?|webhooks?|channels?|participants?|viewers?|editors?"
    # people in general ("26,000 people", "40,000 staff"; lexicon.yaml people_nouns)
    r"|(?P<people>people|persons?|staff|workers?|personnel|individuals?|colleagues?|reps?"
    r"|representatives?|sellers?))\b",
    re.I,
)

_LABEL_BEFORE_RE = re.compile(
    r"\b(?:type|level|tier|version|v|phase|stage|step|class|gen|generation|article|section"
    r"|chapter|appendix|annex|soc|iso|wcag|pci|no|number|rev|release)\.?\s*$",
    re.I,
)
#: A product's name before a year-like number ("Windows Server 2008", "Office 2016",
#: "Exchange 2013"): a capitalised word that does not open the sentence. The number is
#: the product's version, not a count of what follows.
_PRODUCT_YEAR_BEFORE = re.compile(r"(?<![.!?:;]\s)(?<=[\w,)]\s)[A-Z][\w+.-]*\s+$")
#: A year-like number: a version after a product's name, a date elsewhere.
YEAR = re.compile(r"(?:19|20)\d\d")
#: A name written in capitals, or with a capital inside, right before a number ("SCIM
#: 2.0", "OAuth 2.0", "TLS 1.2"; not a capitalised first word: "Approx 2.6 million") ...
_VERSION_BEFORE = re.compile(r"(?<![\w-])(?:[A-Z]{2,}[\w+-]*|[A-Z][a-z]+[A-Z][\w+-]*)\s+$")
#: ... with a dotted number: a version, not a count ("SCIM 2.0 user provisioning").
_DOTTED = re.compile(r"\d+\.\d+")
#: A name with a capital after a small letter right before a whole number ("iOS 15
#: devices", "macOS 14 laptops", "PostgreSQL 16 databases"): the name's version, as a
#: product's own way of writing a name, unless the catalogue counts in the noun after it.
_MIXED_CASE_BEFORE = re.compile(r"(?<![\w-])[A-Za-z]*[a-z][A-Z][\w+-]*\s+$")
_WHOLE = re.compile(r"\d{1,3}")
#: The words of a bound that excludes its own number: "more than 90 days" is not met by
#: exactly 90 days, "RPO under 15 minutes" not by exactly 15.
_STRICT_MIN = (
    r"(?:more|greater|higher|longer|larger|bigger)\s+than|over|above|exceed(?:ing|s)?"
    r"|in\s+excess\s+of|beyond"
)
_STRICT_MAX = r"(?:less|fewer|lower|smaller|shorter)\s+than|under|below"
#: What "not" (or "no") turns into a bound of the other direction: "must *not fall
#: below* 99.9%" is at least, "shall *not exceed* 5%" at most.
_NOT_BELOW = (
    r"(?:be\s+)?(?:less|fewer|lower|shorter|smaller)\s+than"
    r"|(?:fall|drop|dip|go|sink)\s+(?:below|under)"
)
_NOT_ABOVE = (
    r"(?:be\s+)?(?:more|greater|longer|higher|larger)\s+than|(?:to\s+)?(?:exceed(?:ing)?|surpass)"
    r"|(?:go|rise)\s+(?:above|over|beyond)"
)
#: The words after "not" that make a bound, either way (the negation reader leaves them to
#: the quantity: "CPU must not exceed 5%" is no negative requirement).
NEGATED_BOUND = _NOT_BELOW + "|" + _NOT_ABOVE
_BOUND_MIN_RE = re.compile(
    r"\b(at\s+least|minimum(?:\s+of)?|min\.?|not?\s+(?:" + _NOT_BELOW + r")"
    r"|" + _STRICT_MIN + r"|upwards\s+of|up\s+to|scale\s+to)\s*$",
    re.I,
)
_BOUND_MAX_RE = re.compile(
    r"\b(at\s+most|maximum(?:\s+of)?|max\.?|not?\s+(?:" + _NOT_ABOVE + r")"
    r"|" + _STRICT_MAX + r"|within|inside|no\s+later\s+than)\s*$",
    re.I,
)
#: A strict bound as written. ("No more than", "no less than" are bounds of the other
#: direction, read by the patterns above, and never strict.)
_STRICT_MIN_RE = re.compile(r"(?<!\bno\s)(?<!\bnot\s)\b(?:" + _STRICT_MIN + r")\s*$", re.I)
_STRICT_MAX_RE = re.compile(r"(?<!\bno\s)(?<!\bnot\s)\b(?:" + _STRICT_MAX + r")\s*$", re.I)
_OR_MORE_RE = re.compile(r"^\s*(\+|or\s+(?:more|higher|greater|better|above))", re.I)
_OR_LESS_RE = re.compile(r"^\s*or\s+(?:less|fewer|lower|better|below|faster)", re.I)


def number_value(text: str) -> float:
    """A number as written, in digits ("1,200") or words ("fifteen", "four hundred")."""
    return _number(text)


_AMBIGUOUS_RE = re.compile(r"(?<![\d.,])(?:[1-9]\d{0,2}\.\d{3}|\d{1,3} \d{3})(?![\d.,]\d|\s?%)")


def ambiguous_numbers(text: str) -> list[tuple[str, str, str]]:
    """The numbers written in a form that reads two ways, which no quantity is read from,
    each as written with its two readings: ("12.000", "12", "12,000"), ("1 200", "1,200",
    "1 and 200")."""
    found = []
    for m in _AMBIGUOUS_RE.finditer(text):
        written = m.group()
        if "." in written:
            whole, part = written.split(".")
            decimals = part.rstrip("0")
            english = f"{whole}.{decimals}" if decimals else whole
            found.append((written, english, f"{whole},{part}"))
        else:
            whole, part = written.split(" ")
            found.append((written, f"{whole},{part}", f"{whole} and {part}"))
    return found


def _number(text: str) -> float:
    if text[:1].isdigit():
        return _digits_value(text)
    return _words_value(text)


def _digits_value(text: str) -> float:
    """The value of a number ``_DIGITS`` reads ("1,200", "99,95", "1.000.000",
    "1\u202f200")."""
    text = text.replace("\u00a0", "").replace("\u202f", "")
    if (
        "," in text
        and ("." in text or re.fullmatch(r"\d+,\d{1,2}", text))
        and (text.rfind(",") > text.rfind("."))
    ):
        return float(text.replace(".", "").replace(",", "."))  # "1.234,5", "99,95"
    if text.count(".") > 1:
        return float(text.replace(".", ""))  # "1.000.000"
    return float(text.replace(",", ""))


def _value(m: re.Match[str]) -> float:
    """A matched number's value, its multiplier applied ("2 million", "50k")."""
    return _number(m["num"]) * _MULTIPLIERS.get((m["mult"] or "").lower(), 1.0)


_NEXT_WORD = re.compile(r"\s+([a-z][a-z'-]*)")


def _heads(text: str, end: int) -> bool:
    """Whether a word for people that ends at ``end`` is the noun counted, not a word
    before another noun ("1,500 staff drivers", "300 personnel files", "16 worker
    threads"): what follows it is no word, a function word (a preposition, a
    determiner, a modal, "and"), or an adverb in -ly ("2,000 employees globally")."""
    from dealcheck.engine.text import LEXICON, STOPWORDS  # the engine's English

    m = _NEXT_WORD.match(text, end)
    if m is None:
        return True
    word = m[1]
    function = LEXICON.prepositions | LEXICON.determiners | LEXICON.modals | STOPWORDS
    return word in function or word.endswith("ly")


def singular(noun: str) -> str:
    """ "sandboxes" -> "sandbox", "policies" -> "policy", "users" -> "user"."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("xes", "ches", "shes", "sses")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def _words_value(text: str) -> float:
    """ "four hundred" -> 400, "twelve thousand five hundred" -> 12500, "ninety nine point
    nine" -> 99.9."""
    words = re.split(r"[\s-]+", text.lower())
    decimals = ""
    if "point" in words:
        at = words.index("point")
        decimals = "".join(str(_SMALL[w]) for w in words[at + 1 :])
        words = words[:at]
    total, current = 0.0, 0.0
    for w in words:
        if w in ("a", "and"):
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0
    value = total + current
    return float(f"{int(value)}.{decimals}") if decimals else value


def _bound(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 30) : start]
    after = text[end : end + 20]
    lower = _BOUND_MIN_RE.search(before)
    upper = _BOUND_MAX_RE.search(before)
    if lower and upper:  # "no more than" holds "more than": the longer phrase wins
        return "min" if lower.start() < upper.start() else "max"
    if lower or _OR_MORE_RE.match(after):
        return "min"
    if upper or _OR_LESS_RE.match(after):
        return "max"
    return None


def bound_start(text: str, start: int) -> int:
    """Where a bound written with "no" or "not" before the number at ``start`` begins
    ("uptime must *not fall below* 99.9%", "*not be more than* 200 ms"): its words say how
    the number is compared, not what is asked. ``start`` itself where none does."""
    at = max(0, start - 30)
    before = text[at:start]
    found = [
        m
        for m in (_BOUND_MIN_RE.search(before), _BOUND_MAX_RE.search(before))
        if m and m.group(1).lower().startswith("no")
    ]
    return at + min(m.start(1) for m in found) if found else start


def _strict(text: str, q: Quantity) -> bool:
    """Whether the bound the customer wrote excludes the number itself ("more than 90
    days", "under 15 minutes"); "at least", "within", "or more" include it."""
    before = text[max(0, q.start - 30) : q.start]
    if q.bound == "min":
        return _STRICT_MIN_RE.search(before) is not None
    if q.bound == "max":
        return _STRICT_MAX_RE.search(before) is not None
    return False


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


_ANY_DIGIT = re.compile(r"\d")
_ANY_WORD_NUMBER = re.compile(r"\b(?:" + _NUMBER_WORD + r")\b", re.I)

#: "four nines" of availability: the industry's shorthand for 99.99% (two nines: 99%).
_NINES_RE = re.compile(
    r"\b(?P<n>two|three|four|five|six|[2-6])[\s-]?(?:nines|9s|9's)(?![\w.])", re.I
)
_NINES = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _nines(word: str) -> float:
    n = _NINES.get(word.lower()) or int(word)
    return round(100.0 - 100.0 * 10.0 ** (-n), 6)


#: A period a count is for: "a day", "per week", "every month", "monthly", "/year".
_PERIOD = re.compile(
    r"(?:(?<!\w)(?:a|an|per|each|every)\s+|/\s*)(?P<unit>day|week|month|quarter|year)\b"
    r"|\b(?P<adverb>daily|weekly|monthly|quarterly|annual|annually|yearly)\b",
    re.I,
)
_ADVERB_PERIOD = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "annual": "year",
    "annually": "year",
    "yearly": "year",
}
#: Days in each period a count may be asked for (a month and a year on average).
PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "quarter": 365.25 / 4, "year": 365.25}


def _period(m: re.Match[str]) -> str:
    return (m["unit"] or _ADVERB_PERIOD[m["adverb"].lower()]).lower()


def count_period(after: str) -> str | None:
    """The period of a count, from the words right after it ("a day" -> "day")."""
    m = _PERIOD.match(after.lstrip())
    return _period(m) if m is not None else None


def periods_named(text: str) -> set[str]:
    """Every period ``text`` names ("envelopes per month" -> {"month"})."""
    return {_period(m) for m in _PERIOD.finditer(text)}


def extract_quantities(
    text: str, count_nouns: frozenset[str] = frozenset(), rate_nouns: frozenset[str] = frozenset()
) -> list[Quantity]:
    """Every quantity ``text`` asks for, in order of appearance.

    ``count_nouns`` adds nouns (singular, lower case) that count something beyond the
    built-in ones: a catalogue's own metric units ("8 brands" when a metric counts brands).
    ``rate_nouns`` adds the nouns of a catalogue's own rates ("6 backups per day" when a
    metric's unit is ``backup/day``).
    """
    written = text
    text, legal = _legal_numbers(text)
    nines = list(_NINES_RE.finditer(text)) if "9" in text or "nines" in text.lower() else []
    if (
        not nines
        and not _ANY_DIGIT.search(text)
        and not _ANY_WORD_NUMBER.search(text)
        and not _ARTICLE_TIME_RE.search(text)
    ):
        return []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    taken.extend(round_the_clock_spans(text))

    for m in nines:
        add(
            Quantity(
                _nines(m["n"]),
                "percent",
                "%",
                m[0],
                m.start(),
                m.end(),
                _bound(text, m.start(), m.end()),
            )
        )

    for m in _PERCENT_RE.finditer(text):
        add(
            Quantity(
                _number(m["num"]),
                "percent",
                "%",
                m[0],
                m.start(),
                m.end(),
                _bound(text, m.start(), m.end()),
            )
        )
    for m in _RATE_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        if m["abbr"]:
            value = _number(m["num2"]) * _MULTIPLIERS.get((m["mult2"] or "").lower(), 1.0)
            per = {
                "rps": "second",
                "qps": "second",
                "tps": "second",
                "rpm": "minute",
                "rph": "hour",
            }[m["abbr"].lower()]
            what = "request"
        else:
            if not m["what"]:
                continue  # "5 per day" alone is too vague to be a rate
            value = _value(m)
            per = _TIME_WORDS[m["per"].lower()]
            what = "request"
        add(
            Quantity(
                value / _TIME[per],
                "rate",
                f"{what}/{per}",
                m[0],
                m.start(),
                m.end(),
                _bound(text, m.start(), m.end()),
                per,
            )
        )
    for m in _extra_rates(rate_nouns).finditer(text) if rate_nouns else ():
        if _overlaps(taken, m.start(), m.end()):
            continue
        value = _value(m)
        per = _TIME_WORDS[m["per"].lower()]
        noun = singular(m["noun"].lower())
        add(
            Quantity(
                value / _TIME[per],
                "rate",
                f"{noun}/{per}",
                m[0],
                m.start(),
                m.end(),
                _bound(text, m.start(), m.end()),
                per,
            )
        )
    # A count of a catalogue's rate noun after the one period the text names, in its
    # clause ("*Monthly* volume of 5 million words", "Annual volume: 30M words"): that
    # rate. (A period after it that the rate pattern did not take is another phrase's:
    # "500 invoices and 20 credit notes each month".)
    only_rates = rate_nouns - count_nouns
    named = periods_named(text) & _TIME.keys() if only_rates else set()
    for m in _extra_counts(only_rates).finditer(text) if len(named) == 1 else ():
        if _overlaps(taken, m.start(), m.end()):
            continue
        if not periods_named(re.split(r"[;.!?]\s", text[: m.start()])[-1]):
            continue
        per = next(iter(named))
        noun = singular(m["noun"].lower())
        add(
            Quantity(
                _value(m) / _TIME[per],
                "rate",
                f"{noun}/{per}",
                m[0],
                m.start(),
                m.end(),
                _bound(text, m.start(), m.end()),
                per,
            )
        )
    for m in _DATA_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        unit = m["unit"].lower()
        add(
            Quantity(
                _number(m["num"]) * _DATA[unit],
                "data",
                _DATA_NAMES[unit],
                m[0],
                m.start(),
                m.end(),
                _bound(text, m.start(), m.end()),
            )
        )
    for m in _TIME_RE.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        if _AFTER_AN_EVENT.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "the duration of employment plus 6 years": no length of its own
        if _frame_start(text, m.start()) is not None:
            continue  # "over the next two years": when, not how long
        word = _TIME_WORDS[m["unit"].lower()]
        if m["unit"] in ("y", "h") and not m[0][-2].isdigit() and " " in m[0]:
            continue  # "5 h" is fine, "5 y..." is rarely a duration
        seconds = _number(m["num"]) * (0.001 if word == "millisecond" else _TIME[word])
        if seconds == 0 and not m[0].lower().endswith("days") and word == "day":
            continue  # "zero-day malware", "0-day exploits": a kind of threat, no duration
        add(
            Quantity(
                seconds, "time", word, m[0], m.start(), m.end(), _bound(text, m.start(), m.end())
            )
        )
    for m in _ARTICLE_TIME_RE.finditer(text):
        if _overlaps(taken, m.start("num"), m.end()):
            continue
        word = _TIME_WORDS[m["unit"].lower()]
        start, end = m.start("num"), m.end()
        add(
            Quantity(
                _TIME[word], "time", word, text[start:end], start, end, _bound(text, start, end)
            )
        )
    patterns = [_COUNT_RE, _extra_counts(count_nouns)] if count_nouns else [_COUNT_RE]
    for pattern in patterns:
        for m in pattern.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            if _LABEL_BEFORE_RE.search(text[max(0, m.start() - 12) : m.start()]):
                continue  # "SOC 2 Type 2 report", "Level 3 support": a name, not a count
            if m["num"].lower() == "one" and not m["mult"]:
                continue  # "one admin must approve", "in one workspace": rarely a count
            if _PRODUCT_YEAR_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) and (
                YEAR.fullmatch(m["num"])
            ):
                continue  # "Windows Server 2008 hosts", "Office 2016 users": a version
            if (
                _VERSION_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
                and _DOTTED.fullmatch(m["num"])
                and not m["mult"]
            ):
                continue  # "SCIM 2.0 user provisioning", "SAML 2.0 users": a version
            if (
                _MIXED_CASE_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
                and _WHOLE.fullmatch(m["num"])
                and not m["mult"]
                and singular(m["noun"].lower()) not in count_nouns
            ):
                # "iOS 15 devices", "macOS 14 laptops": a version. (Not a noun the
                # catalogue counts in: "our eBay 500 listings" against a limit on listings
                # is compared as a count, never passed over.)
                continue
            if m.groupdict().get("people") and not _heads(text, m.end()):
                continue  # "1,500 staff drivers", "16 worker threads": another noun's count
            value = _value(m)
            bound = _bound(text, m.start(), m.end())
            noun = singular(m["noun"].lower())
            period = count_period(text[m.end() : m.end() + 24])
            add(Quantity(value, "count", noun, m[0], m.start(), m.end(), bound, period))
    found.sort(key=lambda q: q.start)
    if found:
        found = _add_growth(text, found, taken)
    found = [replace(q, strict=True) if _strict(text, q) else q for q in found]
    if legal:
        # "fifteen (15) years": the quantity starts where the words do, as written.
        found = [_as_written(q, written, legal) for q in found]
    return found


#: How a catalogue's caveat bounds what it speaks of: above a number ("Approval chains of
#: more than three steps require the enterprise edition", "10 or more sites", "25+ seats")
#: or up to one ("At most 10 approval steps per workflow", "no more than 5"). The same
#: words before a number of a requirement say which side of it the ask is on ("more than
#: 100,000 rows").
_BELOW = (
    r"no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to|fewer\s+than|less\s+than"
    r"|shorter\s+than|smaller\s+than|lower\s+than|capped\s+at|under|below"
    r"|(?:a\s+)?maximum(?:\s+of)?|max\.?"
)
_ABOVE = (
    r"no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than|more\s+than|over|above|beyond"
    r"|exceeding|greater\s+than|longer\s+than|larger\s+than|bigger\s+than|higher\s+than"
    r"|in\s+excess\s+of|at\s+least|upwards\s+of|(?:a\s+)?minimum(?:\s+of)?"
)
_BELOW_RE = re.compile(r"(?:" + _BELOW + r"|fewer|less|lower|below)", re.I)
_STRICT_RE = re.compile(r"(?:" + _STRICT_MIN + "|" + _STRICT_MAX + r")", re.I)
#: Up to four words after the number: what it counts is among them ("5 sequential approval
#: steps"); a comma or other punctuation ends them.
_FOLLOWING = r"(?P<words>(?:[\s-]+[A-Za-z][\w-]*){1,4})"
_OR_MORE = r"(?P<op>more|greater|higher|above|fewer|less|lower|below)"


#: Words before a number that leave it open upwards ("a few hundred thousand", "several
#: hundred", "tens of thousands").
_VAGUE = r"(?:a\s+few|few|several|many|some|tens\s+of|hundreds\s+of|thousands\s+of)"
#: The bound words right before a number ("more than 3", "at most 10", "> 500").
_OP_BEFORE = re.compile(
    r"(?:\b(?P<op>" + _BELOW + "|" + _ABOVE + r"|" + _VAGUE + r")|(?P<sym>[<>]))\s*$", re.I
)
#: What follows a number: "+" and up to four words ("25+ seats", "5 sequential steps").
_AFTER = re.compile(r"(?P<plus>\+)?" + _FOLLOWING, re.I)
#: "10 or more sites", "10 sites or more", and a bound that carries on to a second
#: number ("more than 200 tasks or 20 members").
_OR_MORE_FIRST = re.compile(r"\s+or\s+" + _OR_MORE + _FOLLOWING, re.I)
_OR_MORE_LAST = re.compile(r"\s+or\s+" + _OR_MORE + r"\b", re.I)
_JOINED = re.compile(r"\s+(?:or|and)$", re.I)
_JOINER = re.compile(r"\s+(?:or|and)\s+$", re.I)


@lru_cache(maxsize=1)
def _number_patterns() -> dict[str, re.Pattern[str]]:
    """The number grammar and the counting words around it, compiled the first time a
    bound or an amount is read (a check whose catalogue states no bound never needs it)."""
    return {
        "number": re.compile(_NUMBER + _MULT, re.I),
        # An article or "single" before what it counts is one of it (not "a dozen").
        "one": re.compile(
            r"\b(?:an?|single)(?!\s+(?:dozen|few|couple|hundred|thousand|million|billion"
            r"|number|lot|handful|bunch|range|variety|series|set|pair|minimum|maximum|total"
            r"|max|min)\b)" + _FOLLOWING,
            re.I,
        ),
        # "A dozen endpoints" is twelve; "a few dozen", "dozens of" twelve or more.
        "dozen": re.compile(
            r"\b(?P<vague>(?:a\s+few|several|many)\s+)?(?:a\s+)?dozen(?P<plural>s)?"
            r"(?:\s+of)?" + _FOLLOWING,
            re.I,
        ),
    }


def _sign(op: str) -> str:
    """The comparison the words of a bound make: ``>``, ``>=``, ``<`` or ``<=``."""
    op = " ".join(op.lower().split())
    below = bool(_BELOW_RE.fullmatch(op))
    strict = bool(_STRICT_RE.fullmatch(op))
    return ("<" if below else ">") + ("" if strict else "=")


def _words_of(words: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[A-Za-z][\w-]*", words))


def _numbers(text: str) -> list[tuple[re.Match[str], re.Match[str] | None, re.Match[str] | None]]:
    """Each number of ``text`` with the bound words right before it and what follows it."""
    if not _ANY_DIGIT.search(text) and not _ANY_WORD_NUMBER.search(text):
        return []
    found = []
    for m in _number_patterns()["number"].finditer(text):
        before = _OP_BEFORE.search(text, max(0, m.start() - 40), m.start())
        found.append((m, before, _AFTER.match(text, m.end())))
    return found


def thresholds(text: str) -> list[tuple[str, float, tuple[str, ...]]]:
    """Each bound a caveat sets with a number: (the comparison an amount must pass to be
    on the bound's side, its number, up to four words after it). "N or more", "N or
    above" and "N+" include N; a second number the bound carries on to is a bound of its
    own ("more than 200 tasks or 20 members").

    >>> thresholds("Approval chains of more than three steps require the enterprise edition")
    [('>', 3.0, ('steps', 'require', 'the', 'enterprise'))]
    >>> thresholds("At most 10 approval steps per workflow")
    [('<=', 10.0, ('approval', 'steps', 'per', 'workflow'))]
    """
    found: list[tuple[str, float, tuple[str, ...]]] = []
    carried: str | None = None  # the sign a bound carries on to the next number
    for m, before, after in _numbers(text):
        sign = None
        words: tuple[str, ...] = ()
        if before is not None and before["op"] and not re.fullmatch(_VAGUE, before["op"], re.I):
            sign = _sign(before["op"])
        first = _OR_MORE_FIRST.match(text, m.end())
        if sign is None and first is not None:
            sign, words = _sign(first["op"])[0] + "=", _words_of(first["words"])
        if after is not None and not words:
            words = _words_of(after["words"])
            last = _OR_MORE_LAST.search(after["words"])
            if sign is None and last is not None:
                sign = _sign(last["op"])[0] + "="  # "10 sites or more"
                words = _words_of(after["words"][: last.start()])
            elif sign is None and after["plus"]:
                sign = ">="  # "25+ seats"
        if sign is None and carried is not None and before is None:
            joiner = _JOINER.search(text, max(0, m.start() - 6), m.start())
            if joiner is not None:
                sign = carried  # "... 200 tasks or 20 members"
        carried = None
        if sign is None or not words:
            continue
        if after is not None and _JOINED.search(after["words"]):
            words = words[: len(words) - 1]
            carried = sign
        found.append((sign, _value(m), words))
    return found


#: Words between a count's label and its value ("Users: 5,000", "Seated capacity is
#: 18,500", "Number of sites = 40"), and the estimates that may stand before the value.
_LABEL_JOIN = r"(?:\s*(?:[:=\u2013-]|\b(?:is|are|of|at)\b)\s*|\s+)"
_LABEL_ESTIMATE = (
    r"(?:(?:about|around|approx(?:imately|\.)?|roughly|circa|~|up\s+to|at\s+least|over"
    r"|more\s+than|under|at\s+most|no\s+more\s+than)\s*)?"
)


@lru_cache(maxsize=64)
def _labelled_re(labels: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
    return re.compile(
        r"(?<![\w-])(?:(?:total\s+)?(?:number|no\.?)\s+of\s+|total\s+)?(?P<label>"
        + names
        + r")(?:\s+count)?"
        + _LABEL_JOIN
        + _LABEL_ESTIMATE
        + _NUMBER
        + _MULT
        + r"(?![\w%.,/-]|\s*[A-Za-z%])",
        re.I,
    )


def labelled_counts(text: str, labels: dict[str, str]) -> list[Quantity]:
    """Counts written as a label and its value, as forms and spreadsheets write them:
    "Users: 5,000", "Number of named users: 12,000", "Seated capacity is 18,500".
    ``labels``: each name of a counted metric (lower case: its name, aliases and unit, in
    the singular and plural) and the noun it counts in. The value must stand alone, a
    noun after it is another count ("Users: 5,000 active"), and so is a value a few words
    on ("users of Windows 10").

    >>> [(q.value, q.unit) for q in labelled_counts("Users: 5,000", {"users": "user"})]
    [(5000.0, 'user')]
    """
    if not labels:
        return []
    found = []
    ordered = tuple(sorted(labels, key=lambda label: (-len(label), label)))
    for m in _labelled_re(ordered).finditer(text):
        if m["num"].lower() == "one" and not m["mult"]:
            continue
        noun = labels[" ".join(m["label"].lower().split())]
        # The number alone is the quantity: the label stays words of the ask, which name
        # the metric and what is asked.
        start = m.start("num")
        q = Quantity(
            _value(m),
            "count",
            noun,
            text[start : m.end()],
            start,
            m.end(),
            _bound(text, start, m.end()),
        )
        found.append(replace(q, strict=True) if _strict(text, q) else q)
    return found


def amounts(text: str) -> list[tuple[float, tuple[str, ...], bool]]:
    """Each number of ``text``, in digits or words, with up to four words after it ("5
    steps", "five levels in sequence"), and whether the ask leaves it open upwards: what
    a caveat's :func:`thresholds` are compared with when the words say the same thing is
    counted. A bound written before it moves it to its side: "fewer than 3 steps" is a
    little fewer than 3; "more than 100", "at least 100", "100+", "a few hundred" are 100
    or more, how many more unsaid. An article counts one ("a staging environment")."""
    found = []
    for m, before, after in _numbers(text):
        if after is None:
            continue
        value = _value(m)
        op = before["sym"] or " ".join(before["op"].lower().split()) if before else ""
        vague = bool(op) and bool(re.fullmatch(_VAGUE, op, re.I))
        open_above = bool(after["plus"]) or vague
        if op in (">", "<"):
            open_above = open_above or op == ">"
            value += _NUDGE if op == ">" else -_NUDGE
        elif op and not vague:
            if _sign(op).startswith(">"):
                open_above = True
            if _STRICT_RE.fullmatch(op):
                value += _NUDGE if _sign(op).startswith(">") else -_NUDGE
        counted = _words_of(after["words"])
        if counted and _COMPOUND_COUNT.match(text, m.end()):
            # A number joined by a hyphen to a noun counts that noun: "a 400-person
            # all-hands" has 400 persons, "a 5-step workflow" 5 steps.
            counted = counted[:1]
        found.append((m.start(), value, counted, open_above))
    if re.search(r"\b(?:an?|single|dozens?)\b", text, re.I):
        patterns = _number_patterns()
        # "a production environment", "a secondary region": one; "a dozen": twelve.
        found.extend(
            (m.start(), 1.0, _words_of(m["words"]), False) for m in patterns["one"].finditer(text)
        )
        found.extend(
            (m.start(), 12.0, _words_of(m["words"]), bool(m["vague"] or m["plural"]))
            for m in patterns["dozen"].finditer(text)
        )
    return [(value, words, open_above) for _, value, words, open_above in sorted(found)]


#: A number joined by a hyphen to the noun it counts ("400-person", "5-step").
_COMPOUND_COUNT = re.compile(r"-[a-z]+\b", re.I)

#: How far past its number a strict bound of a requirement is ("more than 100", "fewer
#: than 3").
_NUDGE = 0.5


def passes(sign: str, value: float, bound: float) -> bool:
    """Whether ``value`` passes the comparison of a threshold (``>``, ``>=``, ``<``, ``<=``)."""
    return {
        ">": value > bound,
        ">=": value >= bound,
        "<": value < bound,
        "<=": value <= bound,
    }[sign]


def _as_written(q: Quantity, text: str, legal: list[tuple[int, int]]) -> Quantity:
    """``q`` starting where the number's words do ("fifteen (15) years"), as written."""
    for start, end in legal:
        if start <= q.start < end:
            return replace(q, start=start, text=text[start : q.end])
    return q


def _plural(noun: str) -> str:
    if noun.endswith("y") and len(noun) > 2:
        return re.escape(noun[:-1]) + r"(?:y|ies)"
    return re.escape(noun) + r"(?:e?s)?"


@lru_cache(maxsize=64)
def _extra_rates(nouns: frozenset[str]) -> re.Pattern[str]:
    """A rate pattern for the nouns of a catalogue's own rates ("6 backups per day",
    "2 snapshots an hour", "500 syncs/hour")."""
    # Up to two words that say which ("800 usage events a second", "30 million tracked
    # events per month"), as a count of the catalogue's own nouns allows.
    which = r"(?:\s" + _which_words() + r"|\s?)"
    alternatives = "|".join(_plural(n) for n in sorted(nouns, key=lambda n: (-len(n), n)))
    return re.compile(
        _NUMBER
        + _MULT
        + which
        + r"(?P<noun>"
        + alternatives
        + r")"
        + _doing_words()
        + r"\s?(?:/|\bper\s|\ban?\s|\beach\s|\bevery\s)\s?"
        r"(?P<per>seconds?|sec|minutes?|min|hours?|hr|h|days?|weeks?|months?|years?)\b",
        re.I,
    )


@lru_cache(maxsize=64)
def _extra_counts(nouns: frozenset[str]) -> re.Pattern[str]:
    """A count pattern for the nouns a catalogue's metrics count in ("brand", "language"),
    after up to two words that say which ("600 customer price lists")."""
    alternatives = "|".join(_plural(n) for n in sorted(nouns, key=lambda n: (-len(n), n)))
    return re.compile(
        _NUMBER + _MULT + r"\+?\s" + _which_words() + r"(?P<noun>" + alternatives + r")\b",
        re.I,
    )


@lru_cache(maxsize=1)
def _which_words() -> str:
    """A pattern for up to two words, each followed by a space, that say which things an
    amount counts ("600 *customer* price lists", "800 *usage* events a second"). Not the
    words that cannot ("100 rooms *per* meeting", "30 contractors *across* countries"):
    the lexicon's prepositions and determiners, and conjunctions; nor a plural noun ("1000
    *attendees* watching meetings"). A word in "-ing" right before the noun says which
    ("40 *scanning* devices", "3 *staging* environments"). (Imported here: only the engine
    counts in a catalogue's own nouns.)"""
    from dealcheck.engine.text import LEXICON

    function_words = LEXICON.prepositions | LEXICON.determiners | {"a", "an", "and", "or", "of"}
    not_modifier = "(?:" + "|".join(sorted(function_words | {"by", "each", "per"})) + ")"
    return r"(?:(?!" + not_modifier + r"\s)[a-z-]+(?<![^s]s)\s){0,2}?"


@lru_cache(maxsize=1)
def _doing_words() -> str:
    """A pattern for up to two words between a counted noun and its period that say what
    the things counted do ("20k invoices *go out* each month", "500 users *log in* every
    day"), each after a space. Not a determiner or a conjunction ("500 invoices *and* 20
    credit notes each month", "2,000 payments by *the* end of each month": the period is
    another thing's), nor "of" (what follows is another noun's) or a period's own marker.
    (Imported here: only the engine counts in a catalogue's own nouns.)"""
    from dealcheck.engine.text import LEXICON

    stop = LEXICON.determiners | LEXICON.coordinators | {"of", "each", "per", "a", "an"}
    word = r"\s(?!(?:" + "|".join(sorted(stop)) + r")\b)[a-z]+"
    return r"(?:" + word + r"){0,2}?"


_GROWTH_RE = re.compile(
    r"\b(?:grow(?:s|ing)?|ris(?:e|es|ing)|scal(?:e|es|ing)|increas(?:e|es|ing)|expand(?:s|ing)?"
    r"|climb(?:s|ing)?|up)\s+to\s+(?:about\s+|around\s+|roughly\s+)?"
    + _NUMBER
    + _MULT
    + r"(?![\w%])",
    re.I,
)


def _add_growth(text: str, found: list[Quantity], taken: list[tuple[int, int]]) -> list[Quantity]:
    """ "2,000 users, growing to 4,500": the bare second number is the same kind of quantity.

    Missing it would compare only the first figure and could promise what the
    product cannot do at the larger one.
    """
    extra = []
    for m in _GROWTH_RE.finditer(text):
        if _overlaps(taken, m.start("num"), m.end()):
            continue
        before = [q for q in found if q.end <= m.start("num")]
        if not before:
            continue
        prev = before[-1]
        number = re.match(_NUMBER + _MULT, prev.text)
        if number is None:
            continue
        prev_value = _number(number["num"]) * _MULTIPLIERS.get((number["mult"] or "").lower(), 1.0)
        if not prev_value:
            continue
        factor = prev.value / prev_value
        value = _value(m)
        span = text[m.start("num") : m.end()]
        extra.append(
            Quantity(
                value * factor,
                prev.dimension,
                prev.unit,
                span,
                m.start("num"),
                m.end(),
                "min",
                prev.per,
            )
        )
    return sorted(found + extra, key=lambda q: q.start)


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
#: A date as RFPs and catalogues write one: a full date ("2027-06-30", "30 June 2027",
#: "June 30, 2027", "30/06/2027"), a quarter, a month, a half or a year ("Q3 2027",
#: "June 2027", "2027-06", "06/2027", "H2 2027", "2028"). Full dates come first: read
#: as "June 2027" or "2027" alone, "1 June 2027" would move a deadline to the end of the
#: month or the year. "Mid-2028" is its year's 30 June.
_DATE_PART = (
    r"(?:(?P<iso>\d{4}[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)"
    r"|(?P<dd>\d{1,2})" + _ORDINAL + r"\s+(?:of\s+)?(?P<dmon>" + _MONTH_NAME + r")\.?,?\s+"
    r"(?P<dy>\d{4})"
    r"|(?P<mdmon>" + _MONTH_NAME + r")\.?\s+(?P<md>\d{1,2})" + _ORDINAL + r",?\s+(?P<mdy>\d{4})"
    r"|(?P<num>\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?!\d)"
    r"|(?P<q>Q[1-4])[\s/-]*(?P<qy>\d{4})|(?P<qy2>\d{4})[-\s]?(?P<q2>Q[1-4])"
    r"|(?P<mon>" + _MONTH_NAME + r")\.?\s+(?P<my>\d{4})"
    r"|(?P<nmy>\d{4})[-/.](?P<nm>0?[1-9]|1[0-2])(?![\d/.-])"
    r"|(?P<nm2>0?[1-9]|1[0-2])[/.-](?P<nmy2>\d{4})(?!\d)"
    r"|(?P<h>H[12])[\s/-]*(?P<hy>\d{4})|(?P<hy2>\d{4})[-\s]?(?P<h2>H[12])"
    r"|\bmid[\s-]+(?P<midy>20\d{2})\b"
    r"|(?<!\d[/.-])(?P<y>20\d{2})\b)"
)
_DEADLINE_RE = re.compile(
    r"\b(?:by|before|no\s+later\s+than|not\s+later\s+than|until|through|thru|prior\s+to"
    # A start: it must be there on the period's first day ("from" alone is too often a
    # source: "archives from 2019").
    r"|(?P<start>starting(?:\s+(?:in|from|on))?|as\s+of|from\s+(?:the\s+)?start\s+of)"
    r"|in\s+time\s+for|delivered\s+in|available\s+(?:in|by)|live\s+(?:in|by)|end\s+of|due)"
    # "until at least 2029" binds as "until 2029": the earliest the need can end.
    r"\s+(?:at\s+least\s+)?(?:the\s+)?(?:end\s+of\s+)?" + _DATE_PART,
    re.I,
)


_DATE_RE = re.compile(r"\b" + _DATE_PART, re.I)


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes a date ("1 February 2027", "Q3 2027", "June 2027"): its words
    are a date, not names."""
    return [m.span() for m in _DATE_RE.finditer(text)]


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def extract_deadline(text: str) -> dt.date | None:
    """The earliest date a requirement must be delivered by, or kept until ("by Q3 2027",
    "through 2028"), if it names one: the earliest binds a roadmap promise. A numeric
    date that reads both ways ("by 03/04/2027") counts as its earlier reading, so that
    a roadmap item is never judged on time by the later one."""
    found = [d for m in _DEADLINE_RE.finditer(text) for d in _due(m)]
    return min(found) if found else None


def _due(m: re.Match[str]) -> list[dt.date]:
    """The days a deadline match binds: its dates, or for a start ("starting Q3 2027",
    "as of 2027") the first day of the period, when it must already be there."""
    days = _dates_of(m)
    if not m["start"] or not days:
        return days
    if m["q"] or m["q2"]:
        return [dt.date(days[0].year, int((m["q"] or m["q2"])[1]) * 3 - 2, 1)]
    if m["h"] or m["h2"]:
        return [dt.date(days[0].year, 1 if (m["h"] or m["h2"]).upper() == "H1" else 7, 1)]
    if m["y"]:
        return [dt.date(days[0].year, 1, 1)]
    if m["mon"] or m["nm"] or m["nm2"]:
        return [days[0].replace(day=1)]
    return days  # a full date is its own day


def needed_until(text: str) -> dt.date | None:
    """The latest such date: how long a requirement needs what it asks for ("offline mode
    through 2029")."""
    # A start ("starting 2027") says when it is needed from, not until when.
    found = [d for m in _DEADLINE_RE.finditer(text) if not m["start"] for d in _dates_of(m)]
    return max(found) if found else None


#: How a catalogue says when a deprecated capability goes: "end of life on 2027-06-30",
#: "retired in Q2 2027", "available until June 2027", "sunset 2027".
_END_OF_LIFE_RE = re.compile(
    r"\b(?:end[\s-]+of[\s-]+life|eol|end[\s-]+of[\s-]+support|retire[sd]?|retirement|sunset"
    r"|sunsets|removed|removal|discontinued|withdrawn|shut\s*down|switched\s+off|until"
    r"|through)\b[^.;]{0,40}?" + _DATE_PART,
    re.I,
)


def end_of_life(texts: list[str]) -> dt.date | None:
    """The earliest end-of-life date a deprecated capability's texts state, if any."""
    found = [d for text in texts for m in _END_OF_LIFE_RE.finditer(text) for d in _dates_of(m)]
    return min(found) if found else None


def _full_dates(m: re.Match[str]) -> list[dt.date]:
    """The real days a full date can be: a numeric one that reads both day-first and
    month-first ("03/04/2027") can be two."""
    if m["iso"]:
        year, month, day = (int(part) for part in re.split(r"[-/.]", m["iso"]))
        parts = [(year, month, day)]
    elif m["num"]:
        first, second, year = (int(part) for part in re.split(r"[/.-]", m["num"]))
        parts = [(year, second, first), (year, first, second)]
    elif m["dd"]:
        parts = [(int(m["dy"]), _MONTHS[m["dmon"].lower()], int(m["dd"]))]
    else:
        parts = [(int(m["mdy"]), _MONTHS[m["mdmon"].lower()], int(m["md"]))]
    readings = set()
    for year, month, day in parts:
        try:
            readings.add(dt.date(year, month, day))
        except ValueError:
            continue
    return sorted(readings)


def _dates_of(m: re.Match[str]) -> list[dt.date]:
    """Every date the match can mean: one, or two for a numeric date that reads both
    day-first and month-first ("03/04/2027"). A full date that is no real day ("31/02/2027",
    "2027-13-01") may mean any day of its year: its first and its last day, so that the
    cautious reading is taken whichever way a caller reads it."""
    try:
        full = m["iso"] or m["num"] or (m["dd"] and m["dy"]) or (m["md"] and m["mdy"])
        if full:
            readings = _full_dates(m)
            if readings:
                return readings
            year = int(m["dy"] or m["mdy"] or re.findall(r"\d{4}", full)[0])
            return [dt.date(year, 1, 1), dt.date(year, 12, 31)]
        if m["q"] or m["q2"]:
            quarter = int((m["q"] or m["q2"])[1])
            return [_last_day(int(m["qy"] or m["qy2"]), quarter * 3)]
        if m["mon"]:
            named = _MONTHS.get(m["mon"].lower())
            return [_last_day(int(m["my"]), named)] if named else []
        if m["nm"] or m["nm2"]:
            return [_last_day(int(m["nmy"] or m["nmy2"]), int(m["nm"] or m["nm2"]))]
        if m["h"] or m["h2"]:
            half = (m["h"] or m["h2"]).upper()
            return [_last_day(int(m["hy"] or m["hy2"]), 6 if half == "H1" else 12)]
        if m["midy"]:
            return [dt.date(int(m["midy"]), 6, 30)]  # "mid-2028": the middle of the year
        if m["y"]:
            return [dt.date(int(m["y"]), 12, 31)]
    except (ValueError, KeyError):
        return []
    return []
