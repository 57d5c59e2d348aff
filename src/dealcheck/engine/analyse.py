"""One requirement, analysed once: the value every matching step reads.

``analyse()`` turns a requirement's text and quantities into an
:class:`Analysis`: its tokens (typos corrected, acronyms folded), where each
quantity sits among them, which words carry content, its clauses, the places
it names, and whether it is negative. The analysis is a frozen value passed
along the pipeline; nothing about one requirement is kept on the long-lived
matcher or index, so one requirement's state can never leak into the next
(a pinned requirement once read the previous requirement's quantity
positions that way).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dealcheck.engine.framing import blank_framing
from dealcheck.engine.index import REGION_SYNONYMS, CatalogIndex
from dealcheck.engine.text import LEXICON, STOPWORDS, stem, token_spans
from dealcheck.quantities import (
    AMOUNT_WORDS,
    NEGATED_BOUND,
    ambiguous_numbers,
    bound_start,
    time_frame_spans,
)
from dealcheck.report import CORRECTION, FRAMING
from dealcheck.requirements import Quantity

#: A token: (stem, word as written, start offset, end offset) in the analysed text.
Span = tuple[str, str, int, int]

_NEG_MODAL = re.compile(
    r"\b(?:must|shall|should|will|may|can|could|would|is|are|do|does)\s*(?:not|n't)\b"
    # "CPU must not exceed 5%", "latency shall not be more than 200 ms": a bound, which
    # the quantity states and the evaluation compares, not the opposite of an ask.
    r"(?!\s+(?:" + NEGATED_BOUND + r")\b)"
    r"|\b(?:mustn't|shan't|won't|cannot|can't|never|prohibit(?:s|ed)?|forbid(?:s|den)?"
    r"|disallow(?:s|ed)?)\b"
    # "Squash and merge must be disabled": the ask is that the thing be off, which the
    # capability's existence does not answer.
    r"|\b(?:must|shall|should|will|can|could|needs?\s+to|has\s+to|have\s+to)\s+be\s+"
    r"(?:disabled|turned\s+off|switched\s+off|deactivated)\b"
    r"|\b(?:disabled|turned\s+off|switched\s+off|off)\s+by\s+default\b",
    re.I,
)
#: "No software may be installed on our servers", "no customer data may leave the UK": a
#: "no" before the thing and a modal after it, in one clause (not a bound: "no more than
#: 5 users may").
_NO_MODAL = re.compile(
    # (Not after a preposition: "users with no admin rights can view reports", "at no
    # point should data leave the EU" are no "no X may".)
    r"(?<!\bwith\s)(?<!\bat\s)(?<!\bfor\s)(?<!\bof\s)(?<!\bby\s)(?<!\bin\s)"
    r"\b(?:no|nothing)\b(?!\s+(?:more|less|fewer|later|earlier|longer|sooner)\s+than\b)"
    r"(?:\s+(?!(?:and|or|but|so|that|which)\b)[\w-]+){0,3}?\s+"
    r"(?:may|must|shall|can|should|will)\b",
    re.I,
)
_NO_LEAD = re.compile(r"(?:no|nothing)\s*", re.I)
#: The negations above that ask for a thing to be off ("must be disabled").
_OFF = re.compile(r"\b(?:disabled|deactivated|off)\b", re.I)
#: Countries and regions named in lower case ("out of canada", "out of europe"), longest
#: first.
_COUNTRIES = "|".join(
    re.escape(c).replace(r"\ ", r"\s+")
    for c in sorted(
        LEXICON.country_names
        | set(REGION_SYNONYMS)
        | {w for words in REGION_SYNONYMS.values() for w in words},
        key=len,
        reverse=True,
    )
)
_OUTSIDE = re.compile(
    # ("Out of" and "beyond" only before a word for a place or a place's name: "out of the
    # box", "out of hours", "beyond the contract term" are no places, nor is a system data
    # is taken out of, "out of SFDC".)
    r"\b(?:outside|(?:out\s+of|beyond)(?=\s+(?:the\s+)?(?i:(?:country|countries|region"
    r"|regions|jurisdiction|continent|data\s+cent(?:er|re)s?|" + _COUNTRIES + r")\b)))"
    r"\s+(?:of\s+)?(?:the\s+)?(?P<place>[A-Za-z][\w.-]*(?:\s+[A-Z][\w.-]*)?)"
    # "must never leave the UK": a place written as a name ("annual leave in the UK" and
    # "leave requests" leave nothing)
    r"|\bleav(?:e|es|ing)\s+(?:the\s+)?(?P<left>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)",
)
_NO_DATA = re.compile(r"\b(?:no|none\s+of\s+(?:the|our))\b", re.I)
#: Where clauses part: a semicolon, a comma (not the one in "8,500"), "and", "plus" ...
_CLAUSE_SPLIT = re.compile(
    r"\s*(?:;|(?<!\d),|,(?!\d)|\band\b|\bas well as\b|\bplus\b|\balong with\b|&)\s*", re.I
)
#: "EU or UK", "either region": the places named are alternatives, one is enough.
_ALTERNATIVES = re.compile(r"\b(?:or|either|any\s+of|one\s+of)\b", re.I)

#: Words shorter than this are never typo-corrected: four letters or fewer are too often
#: acronyms or product names the catalogue does not happen to use. Real English words
#: of any length are never corrected (engine/vocabulary.py). Lowered from 6 to 5 on the
#: development part, where it read one more misspelt word and turned no answer wrong.
MIN_CORRECTED_LENGTH = 5


#: The glossary's term for every hour of every day ("24/7", "24x7", "round the clock"):
#: like a quantity it says how much of the time the ask must hold, not what is asked, so
#: it is no content word; ``unexplained-name`` reads it wherever it stands ("email
#: support 24/7" against support that never says it).
ROUND_THE_CLOCK = stem("24x7")


@dataclass(frozen=True)
class Analysis:
    """Everything the matcher needs to know about one requirement."""

    text: str  # the requirement as written
    rewritten: str  # negations read as what they ask ("not outside the EU" -> "only in the EU")
    negative: bool  # a negation that cannot be rewritten: a person must confirm
    quantities: tuple[Quantity, ...]
    spans: tuple[Span, ...]  # tokens after typo correction and acronym folding
    corrected: frozenset[int]  # token positions whose word was typo-corrected
    quantity_tokens: frozenset[int]  # token positions inside a quantity ("99.95%", "RPO of")
    #: (quantity start, end) -> position of the quantity's first token (or the next one)
    quantity_positions: tuple[tuple[tuple[int, int], int], ...]
    aside: frozenset[int]  # token positions inside parentheses that give examples
    content: tuple[int, ...]  # positions of content words that are not quantities or asides
    clauses: tuple[tuple[int, ...], ...]  # token positions of each clause
    named_regions: frozenset[str]
    named_deployments: frozenset[str]
    alternatives: bool  # the places named are alternatives ("EU or UK")
    notes: tuple[str, ...]  # what the reading did ("read 'outside EU' as residency in EU")
    #: deployments the text states for the product ("must be installed on-premises"), not
    #: for the buyer's own systems ("our on-premises Active Directory")
    stated_deployments: frozenset[str] = frozenset()
    #: typos corrected ("read 'singel' as 'single'") and the framing of a message left
    #: out ("'Hi team,'"): for --verbose and explain only, never in a customer-facing
    #: reason
    corrections: tuple[str, ...] = ()
    #: (first token, end token, metric) for each catalogue metric the text names
    metric_mentions: tuple[tuple[int, int, str], ...] = ()
    #: (a "without"?, the text after it) for each negation of the ask (:func:`negated_tails`)
    negated: tuple[tuple[bool, str], ...] = ()
    #: what each "(not X)" aside excludes (:func:`excluded_alternatives`), and the
    #: token positions inside those asides
    excluded: tuple[str, ...] = ()
    excluded_positions: frozenset[int] = frozenset()
    #: token positions in a clause that says why ("so that concurrent merges never break
    #: main", "in order to pass the audit") or over what time ("over the next two years"):
    #: the decision does not count them as unexplained; the narrowing rules still read them
    purpose: frozenset[int] = frozenset()
    #: a negation read as where data must be kept ("must never leave the UK")
    residency_asked: bool = False
    #: token positions within ``NEGATED_REACH`` words after a negation of any kind, one
    #: in a purpose clause too ("so they are *not stored* on our servers", "*without
    #: taking* our store offline", "*instead of stored* passwords"): what the ask wants
    #: not done, which a capability's own statement that it is not done agrees with
    negated_positions: frozenset[int] = frozenset()
    #: token positions inside a count or rate that are words of the ask, not its amount
    #: ("4,000 notifications *via WhatsApp* each month"): content, never a metric's name
    quantity_inner: frozenset[int] = frozenset()

    @property
    def toks(self) -> list[str]:
        return [s[0] for s in self.spans]

    def token_index(self, q: Quantity) -> int:
        """Token position of a quantity, for linking it to the nearest metric mention."""
        return dict(self.quantity_positions).get((q.start, q.end), 0)


#: Where a negation does not negate the ask: an example or a label in parentheses or
#: quotes ("(e.g. DO NOT DISTRIBUTE)", a label in capitals), a purpose or consequence
#: clause ("so we don't have to run our own", "so that losing a node doesn't lose data")
#: up to the next clause boundary, a condition ("when an alert isn't acknowledged": the
#: trigger of what is asked, up to the next clause boundary, so "When a user leaves,
#: their data must not be kept" still negates), or "not just" / "not only" (which
#: widens the ask).
_EXAMPLE_ASIDE = re.compile(
    r"\((?:\s*(?:e\.?\s?g\.?|i\.?\s?e\.?|such\s+as|for\s+example|for\s+instance|like)\b)[^()]*\)",
    re.I,
)
_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
_PURPOSE = re.compile(
    r"\b(?:so(?:\s+that)?|in\s+order\s+that|rather\s+than|without\s+having\s+to)\b"
    r"(?![^.;]*(?:,\s*(?:and|but)\b|\b(?:must|shall|should|will|may|can)\b))[^.;]*$",
    re.I,
)
_CONDITION = re.compile(
    r"\b(?:when(?:ever)?|if|once|until|unless|in\s+case)\b"
    r"(?:(?!\b(?:must|shall|should|will|may|can|cannot|could|would|never|need|needs|has|have)"
    r"\b|\b(?:mustn|shan|won|can)'t\b)[^.;,:!?()])*",
    re.I,
)
#: A clause that says why the ask is made, up to the end of its sentence ...
_WHY = re.compile(
    r"(?:,\s*so\b(?!\s+long\b)|\bso\s+that\b|\bin\s+order\s+(?:to|that)\b)[^.;!?]*", re.I
)
#: ... unless it asks for more itself ("so we also need palm-vein readers").
_ASKS_MORE = re.compile(
    r"\b(?:also|too|as\s+well|need|needs|require|requires|required|must|shall|should|want"
    r"|wants)\b",
    re.I,
)
#: The words that bound a number ("TLS 1.2 *or higher*", "Android 12 *or newer*", "*at
#: least* 4 environments", "*max.* 10 projects", "Python 3.10*+*"): they say how the
#: number is compared, so they belong to the number, never to what is asked for. A bound
#: downwards ("Android 8 and lower") asks for old versions: its words stay in the ask.
_NUMBER_BOUND = re.compile(
    r"(?<=\d)(?:%|[a-z]{1,3})?(?:\s*\+|\s+(?:or|and)\s+(?:higher|newer|later|above|greater"
    r"|better|more|up|over)\b)"
    # ... only where the bound ends the phrase: in "99.9% and higher availability" the
    # word describes what follows.
    r"(?=\s*(?:$|[,.;:)!?]|(?:for|on|in|across|with|and|or|to|of|at|as|is|are|must"
    r"|should|shall|will|only|please)\b))"
    r"|\b(?:min(?:imum)?|max(?:imum)?|at\s+(?:least|most)|up\s+to)\.?(?:\s+of)?\s+(?=\d)",
    re.I,
)
_WIDENING = re.compile(r"\bnot\s+(?:just|only|merely|simply)\b", re.I)
_WITHOUT = re.compile(r"\bwithout\b(?!\s+having\s+to)", re.I)
#: "Hosted runners (not self-hosted)", "generally available (not beta)": an aside that
#: excludes an alternative. The ask stays what it is; what the aside excludes is read
#: against the matched capabilities (the negation rule). One whose first word widens or
#: softens the ask ("(not just a summary)", "(not mandatory)", "(not less than 99.5%)":
#: lexicon.yaml not_aside_openers) excludes nothing.
_NOT_ASIDE = re.compile(
    r"\(\s*not\s+(?:(?:a|an|the)\s+)?(?P<excluded>(?P<first>[\w-]+)[^()]*)\)", re.I
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _is_condition(m: re.Match[str]) -> bool:
    """Whether a "when/if ..." match is a condition apart from the ask: after the ask
    ("escalate when an alert isn't acknowledged"), or before it and closed by a comma
    ("When a user leaves, ..."). One that opens the sentence with no comma may run into
    the ask itself ("When a guest is removed their links are not kept"): not blanked."""
    before = m.string[: m.start()]
    opens = not before.strip() or before.rstrip()[-1:] in ".;:!?"
    return not opens or m.string[m.end() : m.end() + 1] == ","


def _label(m: re.Match[str]) -> str:
    """A quoted label in capitals ("DO NOT DISTRIBUTE") is blanked; other quotes stay."""
    inner = m.group()[1:-1]
    return _blank(m) if inner.upper() == inner else m.group()


#: A participle of forbidding used before the noun it describes ("flag *forbidden*
#: terms", "block prohibited words"): what the ask works on, not the ask negated ("Sharing
#: is forbidden", "forbidden from exporting", "prohibited under GDPR" stay negations).
_FORBIDDEN_PARTICIPLE = re.compile(r"(?:prohibited|forbidden|disallowed)", re.I)
_BE_BEFORE = re.compile(r"\b(?:is|are|be|been|being|was|were|remains?|stays?)\s+(?:\w+\s+)?$", re.I)
_NOUN_AFTER = re.compile(r"\s+([a-z][\w-]*)")


def _describes_a_noun(m: re.Match[str]) -> bool:
    """Whether a negation match is a participle of forbidding before its noun."""
    if not _FORBIDDEN_PARTICIPLE.fullmatch(m.group()):
        return False
    if _BE_BEFORE.search(m.string, 0, m.start()):
        return False
    after = _NOUN_AFTER.match(m.string, m.end())
    if after is None:
        return False
    word = after.group(1).lower()
    return not (
        word in LEXICON.prepositions
        or word in LEXICON.coordinators
        or word in STOPWORDS
        or word.endswith("ly")
    )


def _negations(text: str) -> list[re.Match[str]]:
    """Every negation of the ask itself, in order."""
    blanked = _EXAMPLE_ASIDE.sub(_blank, text)
    blanked = _QUOTED.sub(_label, blanked)
    blanked = _WIDENING.sub(_blank, blanked)
    blanked = _CONDITION.sub(lambda m: _blank(m) if _is_condition(m) else m.group(), blanked)
    found = [
        m
        for pattern in (_NEG_MODAL, _NO_MODAL, _WITHOUT)
        for m in pattern.finditer(blanked)
        if not _PURPOSE.search(blanked[: m.start()]) and not _describes_a_noun(m)
    ]
    return sorted(found, key=lambda m: m.start())


def excluded_asides(text: str) -> list[re.Match[str]]:
    """Each "(not X)" aside that excludes something ("(not self-hosted)" of "Hosted
    runners (not self-hosted)"), not one that widens or softens the ask."""
    return [
        m for m in _NOT_ASIDE.finditer(text) if m["first"].lower() not in LEXICON.not_aside_openers
    ]


def excluded_alternatives(text: str) -> tuple[str, ...]:
    """What each "(not X)" aside excludes ("self-hosted")."""
    return tuple(m["excluded"].strip() for m in excluded_asides(text))


def without_asides(text: str) -> str:
    """The text with its "(not X)" asides blanked: what is asked."""
    for m in excluded_asides(text):
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text


def negated_tails(text: str) -> tuple[tuple[bool, str], ...]:
    """(whether it is a "without", the text after it up to the next negation) for each
    negation of the ask ("without mobile signal", "must never be used to train AI
    models"): a capability whose own words carry the same negation answers it (the
    negation rule)."""
    found = _negations(text)
    ends = [m.start() for m in found[1:]] + [len(text)]
    return tuple(
        (m.re is _WITHOUT, text[m.end() : end]) for m, end in zip(found, ends, strict=False)
    )


#: How near "leave" its negation stands for "must never leave the UK" to be read as
#: residency ("must not leave", "cannot leave", "may never leave"), in words.
LEAVE_NEGATION_WINDOW = 3


def _left_place(text: str, found: re.Match[str]) -> bool:
    """Whether "leave X" is data that must not leave a place: a negation stands right
    before "leave" ("must never leave the UK"); "Do not allow guest access after the user
    leaves the Workspace" and "users who leave the Company" leave no place."""
    before = text[: found.start()].split()[-LEAVE_NEGATION_WINDOW:]
    return any(
        re.fullmatch(r"(?i)not|never|cannot|can't|mustn't|shan't|won't|don't|doesn't", w)
        for w in before
    ) or any(m.end() == len(text[: found.start()].rstrip()) for m in _NO_MODAL.finditer(text))


def rewrite_negation(text: str) -> tuple[str, bool, str | None]:
    """Read a negative requirement as what it asks.

    "must not be stored outside the EU" asks for residency in the EU: it is
    rewritten to "... only in the EU" for matching, and only the negation that
    governs "outside" is read that way. Any other negation of the ask (a second
    one, "without MFA", or "outside the EU" asked for positively) is flagged, so
    the verdict goes to a person instead of being turned into its opposite; a
    negation in an example, a label or a purpose clause is not one. "Must never leave
    the UK" is read the same way when the negation stands right before "leave".
    """
    negations = _negations(text)
    outside = _OUTSIDE.search(text)
    if outside is not None and outside["left"] is not None:
        if not _left_place(text, outside):
            outside = None  # "users who leave the Company", "after a user leaves the Workspace"
    if outside:
        # "Must be turned off outside the EU" asks for something off, not for where data
        # is kept: only a "not"/"never" negation makes "outside" a residency ask.
        governing = [
            m for m in negations if m.start() < outside.start() and not _OFF.search(m.group())
        ]
        if governing or _NO_DATA.search(text[: outside.start()]):
            neg = governing[-1] if governing else None
            rest = [m for m in negations if m is not neg]
            place = outside["place"] or outside["left"]
            rewritten = text[: outside.start()] + f"only in {place}" + text[outside.end() :]
            if neg is not None and neg.re is _NO_MODAL:
                # "No customer data may leave the UK": the thing stays, the "no" goes.
                lead = _NO_LEAD.match(neg.group())
                cut = neg.start() + (lead.end() if lead else 0)
                rewritten = rewritten[: neg.start()] + rewritten[cut:]
            elif neg is not None:
                rewritten = rewritten[: neg.start()] + "must" + rewritten[neg.end() :]
            how = "outside" if outside["place"] else "not leaving"
            note = f"read '{how} {place}' as residency in {place}"
            return rewritten, bool(rest), note
        return text, True, None  # "stored outside the EU", asked for: not a residency ask
    if negations:
        return text, True, None
    return text, False, None


def metric_mentions(toks: list[str], index: CatalogIndex) -> list[tuple[int, int, str]]:
    """(start, end, metric) for each metric named, as a phrase or within a small window
    ("invoices must be archived" names "archive invoices")."""
    present: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        present.setdefault(t, []).append(i)
    phrases = sorted(i for t in present for i in index.metric_phrases_by_first.get(t, ()))
    found = []
    for mp in (index.metric_phrases[i] for i in phrases):
        n = len(mp.tokens)
        if not all(t in present for t in mp.tokens):
            continue
        exact = False
        for i in present[mp.tokens[0]]:
            if tuple(toks[i : i + n]) == mp.tokens:
                found.append((i, i + n, mp.metric))
                exact = True
        if exact or n < 2:
            continue
        anchor = present[mp.tokens[0]][0]
        positions = sorted(min(present[t], key=lambda p: abs(p - anchor)) for t in mp.tokens)
        if positions[-1] - positions[0] <= n + 2:
            found.append((positions[0], positions[-1] + 1, mp.metric))
    return found


#: How a questionnaire asks for its answer ("(Y/N)", "(Yes/No/N/A)"): no part of the ask.
_ANSWER_FORMAT = re.compile(r"^\s*(?:y|n|yes|no|n/?a)(?:\s*/\s*(?:y|n|yes|no|n/?a))+\s*$", re.I)


def parenthesised(text: str, spans: list[Span]) -> set[int]:
    """Token positions inside parentheses that give examples or context."""
    inside: set[int] = set()
    for m in re.finditer(r"\(([^()]*)\)", text):
        inner = m.group(1)
        if len(inner.split()) <= 1 and inner.isupper() and not _ANSWER_FORMAT.match(inner):
            continue  # "(SSO)", "(BYOK)": an acronym restating the ask
        inside.update(k for k, sp in enumerate(spans) if m.start() <= sp[2] < m.end())
    return inside


def clauses_of(text: str, spans: list[Span]) -> list[tuple[int, ...]]:
    """Token positions of each clause ("X, Y and Z" -> three clauses). A comma inside
    parentheses splits too: "Slack integration (channels, DMs) with slash commands"
    leaves "DMs) with slash commands" a part of its own, which the compound rule reads
    (kept as one clause, the ask behind the list passed unread)."""
    bounds = [0]
    for m in _CLAUSE_SPLIT.finditer(text):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(text) + 1)
    clauses: list[tuple[int, ...]] = []
    for a, b in zip(bounds[0::2], bounds[1::2]):
        positions = tuple(k for k, sp in enumerate(spans) if a <= sp[2] < b)
        if positions:
            clauses.append(positions)
    return clauses


#: Prefixes that are no word alone (lexicon.yaml bound_prefixes): a word they start with
#: a hyphen is one word. Not those that change what is done (verb_prefixes: "pre-approve",
#: "non-production"), which the ``prefixed`` rule reads as prefix and word.
_BOUND_PREFIXES = LEXICON.bound_prefixes - LEXICON.verb_prefixes


def _closed_up(
    raw: list[tuple[str, str, int, int]], text: str, index: CatalogIndex
) -> list[tuple[str, str, int, int]]:
    """Two words joined by a hyphen that the catalogue writes as one ("sub-tasks" where it
    says "subtasks", "check-out" where it says "checkout", "e-mail"), or a bound prefix
    and its word ("bi-directional"): one word. Not two the catalogue does not close up
    ("re-approve", "two-way")."""
    if "-" not in text:
        return raw
    out: list[tuple[str, str, int, int]] = []
    k = 0
    while k < len(raw):
        if k + 1 < len(raw) and text[raw[k][3] : raw[k + 1][2]] == "-":
            closed = raw[k][1] + raw[k + 1][1]
            root = stem(closed)
            # (Not where the catalogue writes the prefix apart itself: "co-editing".)
            bound = raw[k][1].lower() in _BOUND_PREFIXES and raw[k][0] not in index.idf
            if (
                closed.isalpha()
                and (root in index.idf or bound)
                and root not in (raw[k][0], raw[k + 1][0])
            ):
                out.append((root, closed, raw[k][2], raw[k + 1][3]))
                k += 2
                continue
        out.append(raw[k])
        k += 1
    return out


#: Quantities whose span may hold words of the ask between the number and its unit.
_COUNTED = frozenset({"count", "rate"})


def _amount_word(tok: str, word: str, counted: set[str]) -> bool:
    """A word of a count or rate that is its amount: a number, a multiplier, a period, a
    word that joins them, or what it counts ("invoices" of "invoice/month")."""
    low = word.lower()
    return (
        not any(ch.isalpha() for ch in word)
        or low in AMOUNT_WORDS
        or (low[:1].isdigit() and low.lstrip("0123456789") in AMOUNT_WORDS)  # "5m" of "1.5M"
        or low in STOPWORDS
        or tok in counted
    )


def analyse(
    text: str,
    quantities: list[Quantity] | tuple[Quantity, ...],
    index: CatalogIndex,
    correct: Callable[[str], str | None] | None = None,
) -> Analysis:
    """Analyse one requirement against an indexed catalogue.

    ``correct`` maps a word the catalogue does not know to the catalogue word
    it is a typo of, or ``None``; without it no word is corrected.
    """
    # "Hi team, quick q - ... Thanks!": the message's framing is no part of the ask.
    text, framing = blank_framing(text)
    corrections: list[str] = []
    if framing:
        corrections.append(FRAMING.format(parts=", ".join(f"'{p}'" for p in framing)))
    rewritten, negative, note = rewrite_negation(text)
    negated = negated_tails(rewritten) if negative else ()
    notes = [note] if note else []
    notes.extend(
        f"'{written}' may be {one} or {other}: no amount was read from it"
        for written, one, other in ambiguous_numbers(text)
    )
    raw = _closed_up(token_spans(rewritten), rewritten, index)
    fixes: set[int] = set()  # start offsets of corrected words
    dropped: set[int] = set()  # positions of stop words misspelt
    if correct is not None:
        # Typos are corrected before acronyms are folded, so that a misspelt
        # "electronic signatrues" still reads as the e-signature it names; a
        # word that is part of a known expansion ("active directory") is not a typo.
        in_forms = [(sp[2], sp[3]) for sp in index.canon.merge(list(raw)) if " " in sp[1]]
        for k, (tok, word, start, end) in enumerate(raw):
            if (
                not any(a <= start < b for a, b in in_forms)
                and len(word) >= MIN_CORRECTED_LENGTH
                and word.isalpha()
                and word not in index.vocabulary
                and tok not in index.idf
            ):
                fixed = correct(word)
                if fixed:
                    raw[k] = (stem(fixed), word, start, end)
                    fixes.add(start)
                    corrections.append(CORRECTION.format(word=word, fixed=fixed))
                    if fixed in LEXICON.negations:
                        # "log in witout MFA": the negation was read on the text as
                        # written; a misspelt one still negates, for a person to read.
                        negative = True
                    if fixed in STOPWORDS:
                        dropped.add(k)  # "thier": a stop word misspelt is still one
        raw = [sp for k, sp in enumerate(raw) if k not in dropped]
    spans = index.canon.merge(raw)
    corrected = frozenset(k for k, sp in enumerate(spans) if sp[2] in fixes)

    # Quantity words are not asks for a capability by themselves.
    quantity_tokens: set[int] = set()
    inner: set[int] = set()  # words of the ask inside a count or rate ("via WhatsApp")
    positions: list[tuple[tuple[int, int], int]] = []
    cursor = 0
    for q in quantities:
        # Offsets are the original text's; a rewritten negation shifts them, so the
        # quantity is found again in the rewritten text (its words are never rewritten).
        q_start, q_end = q.start, q.end
        if rewritten != text:
            at = rewritten.find(q.text, cursor)
            if at >= 0:
                q_start, q_end = at, at + len(q.text)
                cursor = q_end
        first = None
        # The words that bound the number are the amount's ("must *not fall below*").
        bound_at = bound_start(rewritten, q_start)
        quantity_tokens.update(
            k for k, sp in enumerate(spans) if bound_at <= sp[2] and sp[3] <= q_start
        )
        # A count or a rate's words between the number, what it counts and its period
        # ("4,000 notifications *via WhatsApp* each month", "400 alerts *are suppressed*
        # every minute") say which or what they do: words of the ask, weighed and read by
        # the rules like any other.
        counted = {stem(u) for u in q.unit.split("/")} if q.dimension in _COUNTED else None
        for k, (tok, word, start, end) in enumerate(spans):
            if start >= q_start and end <= q_end:
                quantity_tokens.add(k)
                if counted is not None and not _amount_word(tok, word, counted):
                    inner.add(k)
                first = k if first is None else first
            elif first is None and start >= q_end:
                first = k
        positions.append(((q.start, q.end), first if first is not None else len(spans)))

    for m in _NUMBER_BOUND.finditer(rewritten):
        quantity_tokens.update(
            k for k, sp in enumerate(spans) if m.start() <= sp[2] and sp[3] <= m.end()
        )

    # Words in parentheses give examples or context ("(suppliers, auditors)"): they
    # qualify the ask, so they neither add an ask nor count as unexplained.
    aside = parenthesised(rewritten, spans)
    content = tuple(
        k
        for k, sp in enumerate(spans)
        if index.is_content(sp[0], sp[1])
        and (k not in quantity_tokens or k in inner)
        and k not in aside
        and sp[0] != ROUND_THE_CLOCK
    )
    regions, deployments = index.places_named(text)
    why = [(m.start(), m.end()) for m in _WHY.finditer(rewritten) if not _ASKS_MORE.search(m[0])]
    why += time_frame_spans(rewritten)  # "over the next two years": when, not what
    purpose = frozenset(
        k for k, sp in enumerate(spans) if any(a <= sp[2] and sp[3] <= b for a, b in why)
    )
    return Analysis(
        text=text,
        rewritten=rewritten,
        negative=negative,
        negated=negated,
        excluded=excluded_alternatives(text),
        excluded_positions=frozenset(
            k
            for m in excluded_asides(rewritten)
            for k, sp in enumerate(spans)
            if m.start() <= sp[2] < m.end()
        ),
        quantities=tuple(quantities),
        spans=tuple(spans),
        corrected=corrected,
        quantity_tokens=frozenset(quantity_tokens),
        quantity_positions=tuple(positions),
        aside=frozenset(aside),
        content=content,
        clauses=tuple(clauses_of(rewritten, spans)),
        named_regions=frozenset(regions),
        named_deployments=frozenset(deployments),
        stated_deployments=frozenset(index.deployments_stated(text))
        if deployments
        else frozenset(),
        alternatives=_ALTERNATIVES.search(text) is not None,
        notes=tuple(notes),
        corrections=tuple(corrections),
        metric_mentions=tuple(metric_mentions([sp[0] for sp in spans], index)),
        purpose=purpose,
        residency_asked=note is not None,
        quantity_inner=frozenset(inner),
        negated_positions=_after_negations(rewritten, spans),
    )


#: Any negation, for :attr:`Analysis.negated_positions`: "not", "never", "no", "nobody",
#: "without", "n't", "unable", "impossible", "lacking", "instead of", "rather than".
_ANY_NEGATION = re.compile(
    r"\b(?:not|never|no|nobody|without|cannot|unable|impossible|lacking|instead\s+of"
    r"|rather\s+than)\b|n't\b",
    re.I,
)
#: How many words after a negation it reaches ("not used to train the model").
NEGATED_REACH = 5


def _after_negations(text: str, spans: list[tuple[str, str, int, int]]) -> frozenset[int]:
    found: set[int] = set()
    for m in _ANY_NEGATION.finditer(text):
        after = [k for k, sp in enumerate(spans) if sp[2] >= m.end()]
        found.update(after[:NEGATED_REACH])
    return frozenset(found)
