"""``frequency``: an ask for something more often than a caveat lets the capability run.

"Hourly user sync from our HR system via SFTP" against a caveat "Nightly schedule only",
"real-time export" against "Exports run at most hourly": how often something runs has an
order (lexicon.yaml: frequencies, from "real time" to "yearly"), and a caveat clause that
keeps the capability to a frequency ("only") or bounds it ("at most") says in so many
words that more often is not offered: the answer is ``unsupported``, quoting the caveat.
A description that says how often the capability runs ("Daily backup of Salesforce
objects", a frequency word right before a word of its name) is no limit in so many words,
but an ask for more often ("Salesforce backup every hour") goes to a person.
As often, or less often ("weekly" against "nightly only"), is no doubt of this rule's:
the capability runs at least that often. A period with a number ("every 15 minutes",
"every 60 seconds") stands between the steps, and so does a count in a period ("twice
a working day", "three times a week", "twice daily", "2x per day"). An ask naming
several frequencies, some of them within what the caveat allows, is read by a person
(which part is asked how often?). The clause must
be about what is asked: its other words are the capability's name or the ask's ("Email
digests are sent daily only" says nothing of push notifications), and a frequency word
that names a kind of thing ("hourly rates", "hourly-paid staff") is none.

Fires: "Hourly user sync via SFTP" against "Nightly schedule only".
Does not fire: "Nightly user sync via SFTP" against the same caveat.
"""

from __future__ import annotations

import re

from dealcheck.engine.candidates import THRESHOLD, Reason
from dealcheck.engine.rules import Evidence
from dealcheck.engine.text import CLAUSES, KEEPS_TO_ONLY, LEXICON, stem, tokens
from dealcheck.quantities import NUMBER_WORDS, WORD_NUMBER, number_value

ID = "frequency"

#: A clause that bounds how often: "at most hourly", "no more than once a day".
_AT_MOST = re.compile(r"\b(?:at\s+most|no\s+more\s+(?:often\s+)?than|up\s+to|maximum)\b", re.I)
_FORMS = sorted(
    ((form, step) for step, forms in enumerate(LEXICON.frequencies) for form in forms),
    key=lambda pair: -len(pair[0]),
)
_FORM = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(form).replace(r"\ ", r"[\s-]+") for form, _ in _FORMS)
    + r")(?![\w-])",
    re.I,
)
#: How long each step of lexicon.yaml's frequencies waits between runs, in seconds (at
#: once, within minutes, hourly, daily, weekly, monthly, quarterly, yearly): the order in
#: which "every 15 minutes" stands among them.
_STEP_PERIODS = (0.0, 60.0, 3600.0, 86400.0, 604800.0, 2629800.0, 7889400.0, 31557600.0)
_STEP = {form: _STEP_PERIODS[step] for form, step in _FORMS}
#: A period with a number ("every 15 minutes", "every 4 hours", "every two days").
_EVERY_N = re.compile(
    r"\bevery\s+(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?P<unit>second|sec|minute|min|hour|day|week)s?\b",
    re.I,
)

#: How many times, as a count of runs ("twice", "3 times", "twenty-four times", "2x",
#: "several times": at least two).
_COUNT = (
    r"(?P<n>once|twice|thrice|(?:several|multiple|a\s+few|many)\s+times"
    r"|(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + WORD_NUMBER + r")\s*(?:times\b|x(?![\w-])))"
)
#: A count of runs in a period ("twice a day", "three times per hour", "once per business
#: day", "2x a week") or before a frequency word ("twice daily"): the period over the
#: count stands between the steps as "every N" does.
_TIMES_PER = re.compile(
    r"(?<![\w.,-])" + _COUNT + r"\s+(?:a|an|per|each|every)\s+"
    r"(?:(?:business|working|calendar)\s+)?"
    # (Not the ordinal: "once every second week" is fortnightly.)
    r"(?P<unit>second(?![\s-]+(?:\w*day|night|week|weekend|fortnight|month|quarter|year)s?\b)"
    r"|minute|hour|day|night|week|fortnight|month|quarter|year)\b",
    re.I,
)
_TIMES_ADVERB = re.compile(
    r"(?<![\w.,-])" + _COUNT + r"\s+"
    r"(?P<unit>hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)\b",
    re.I,
)
#: The counts "once", "twice" and "thrice" say in a word.
_TIMES = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
#: The seconds of each period, as the steps count them ("once a month" is "monthly"),
#: for "every N <period>" and "N times a <period>" alike.
_PERIOD_SECONDS = {
    "second": 1.0,
    "sec": 1.0,
    "minute": 60.0,
    "min": 60.0,
    "hour": _STEP_PERIODS[2],
    "day": _STEP_PERIODS[3],
    "night": _STEP_PERIODS[3],
    "week": _STEP_PERIODS[4],
    "fortnight": 2 * _STEP_PERIODS[4],
    "month": _STEP_PERIODS[5],
    "quarter": _STEP_PERIODS[6],
    "year": _STEP_PERIODS[7],
    "hourly": _STEP_PERIODS[2],
    "daily": _STEP_PERIODS[3],
    "nightly": _STEP_PERIODS[3],
    "weekly": _STEP_PERIODS[4],
    "fortnightly": 2 * _STEP_PERIODS[4],
    "monthly": _STEP_PERIODS[5],
    "quarterly": _STEP_PERIODS[6],
    "yearly": _STEP_PERIODS[7],
    "annually": _STEP_PERIODS[7],
}


def _count(written: str) -> float:
    """How many times a count says ("twice": 2, "twenty-four times": 24, "2x": 2;
    "several times": at least 2)."""
    n = re.sub(r"\s+", " ", written.lower()).strip()
    if n in _TIMES:
        return _TIMES[n]
    if n.split()[0] in ("several", "multiple", "many", "a"):
        return 2.0
    return number_value(re.sub(r"\s*(?:times|x)$", "", n))


#: The words after a frequency word that make it a kind of thing ("hourly rates",
#: "hourly-paid staff", "daily workers"): lexicon.yaml's frequency_not_before and the
#: groups of people.
_KIND_OF = LEXICON.frequency_not_before | {
    form for forms in LEXICON.populations.values() for form in forms
}
_NEXT_WORD = re.compile(r"[\s-]+([\w-]+)")


def _step_of(word: str) -> float | None:
    """The seconds between runs a frequency word says ("hourly", "every day", "near-real-time")."""
    key = re.sub(r"[\s-]+", " ", word.lower())
    return _STEP.get(key, _STEP.get(key.replace(" ", "-")))


def steps(text: str) -> dict[float, str]:
    """The frequencies ``text`` names, by the seconds between runs (0: at once), with the
    words as written; not a frequency word that names a kind of thing ("hourly rates")."""
    found: dict[float, str] = {}
    for m in _EVERY_N.finditer(text):
        found.setdefault(number_value(m["n"]) * _PERIOD_SECONDS[m["unit"].lower()], m[0])
    counted: list[tuple[int, int]] = []
    for pattern in (_TIMES_PER, _TIMES_ADVERB):
        for m in pattern.finditer(text):
            count = _count(m["n"])
            if count > 0:
                found.setdefault(_PERIOD_SECONDS[m["unit"].lower()] / count, m[0])
                counted.append(m.span())
    for m in _FORM.finditer(text):
        if any(a <= m.start() < b for a, b in counted):
            continue  # the "daily" of "twice daily" is read with its count
        after = _NEXT_WORD.match(text, m.end())
        if after is not None and after[1].lower() in _KIND_OF:
            continue
        step = _step_of(m[1])
        if step is not None:
            found.setdefault(step, m[1])
    return found


#: The words of a frequency clause that say nothing of what runs that often.
_FRAME = (
    {"only", "at", "most", "more", "than", "often", "up", "to", "maximum"}
    | {"schedule", "schedules", "scheduled", "basis", "once", "time", "times"}
    | LEXICON.run_verbs  # "Dashboards *refresh* at most hourly": how it runs
    | LEXICON.flow_verbs
    | LEXICON.availability_words
)


def check(evidence: Evidence) -> list[Reason]:
    asked = steps(evidence.analysis.text)
    if not asked:
        return []
    reasons = []
    toks = set(evidence.analysis.toks)
    # A candidate another rule only doubted is read too (as the caveat rule reads it): a
    # caveat that rules out the frequency settles the ask ("every 5 minutes" against "at
    # most every 15 minutes", which the caveat rule sends to a person as a number).
    read = evidence.strong() + [
        c
        for c in evidence.candidates.values()
        if c.rejections and c.score >= THRESHOLD and all(r.doubt for r in c.rejections)
    ]
    for cand in read:
        doc = evidence.index.docs[cand.doc]
        cap = doc.cap
        for caveat in cap.caveats:
            for clause in CLAUSES.split(caveat):
                if not (KEEPS_TO_ONLY.search(clause) or _AT_MOST.search(clause)):
                    continue
                allowed = steps(clause)
                if not allowed or min(asked) >= min(allowed):
                    continue
                # What the clause says runs that often must be the capability itself or
                # what the ask names: "Email digests are sent daily only" says nothing of
                # push notifications, "Browser checks run at most every hour" nothing of
                # HTTP checks ("Nightly schedule only" is the whole capability's).
                rest = _FORM.sub(" ", _TIMES_ADVERB.sub(" ", _TIMES_PER.sub(" ", clause)))
                rest = _EVERY_N.sub(" ", rest)
                subject = {t for t in tokens(rest) if t not in {stem(w) for w in _FRAME}}
                if not subject <= set(doc.name_tokens) | toks:
                    continue
                word = asked[min(asked)]
                said = f"'{word}' is more often than {cand.cap_id} runs: {clause.strip()}"
                # Every frequency asked more often than it runs: the caveat answers it;
                # some within it: a person reads which part is asked how often.
                rules_out = said if max(asked) < min(allowed) else None
                reasons.append(Reason(ID, said, cand.cap_id, rules_out=rules_out))
                break
            else:
                continue
            break
        else:
            described = _described(cap.description or "", set(doc.name_tokens))
            if described is not None and min(asked) < described[0]:
                word = asked[min(asked)]
                reasons.append(
                    Reason(
                        ID,
                        f"'{word}' is more often than {cand.cap_id} runs by its description"
                        f" ('{described[1].lower()}'): a person must confirm",
                        cand.cap_id,
                    )
                )
    return reasons


def _described(description: str, name_tokens: set[str]) -> tuple[float, str] | None:
    """The most often a capability's description says it runs, with the words as written:
    read in a clause where a frequency word stands right before a word of its name ("Daily
    backup of Salesforce objects" of "Salesforce backup"), every frequency of that clause
    ("on a daily, weekly or monthly schedule" runs daily)."""
    found: list[tuple[float, str]] = []
    for clause in CLAUSES.split(description):
        named = False
        here: list[tuple[float, str]] = []
        for m in _FORM.finditer(clause):
            after = _NEXT_WORD.match(clause, m.end())
            if after is not None and set(tokens(after[1])) & name_tokens:
                named = True
            step = _step_of(m[1])
            if step is not None:
                here.append((step, m[1]))
        if named:
            found.extend(here)
    return min(found) if found else None
