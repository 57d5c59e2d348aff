"""Narrowing rules: the requirement's own words say the catalogue cannot confirm a match.

Each rule is one module with an ``ID``, a docstring giving an example that
fires and one that does not, and a ``check(evidence)`` that returns typed
:class:`~dealcheck.engine.candidates.Reason` values. A reason names the
capability it rejects, or none when it concerns the whole requirement. Rules
never change scores; the decision step reads their reasons: any doubt sends
the requirement to a person (``unknown``), with the reason as the explanation. A
condition (``Reason.editions``, ``Reason.add_on``: an edition or add-on a caveat ties the
ask to) is no doubt; the evaluation applies it.

Rules are switched like signals (``Matcher(rules=...)``), so the bench can
measure each one's effect (docs/BENCHMARKS.md, ablation).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dealcheck.engine.analyse import Analysis
from dealcheck.engine.candidates import THRESHOLD, Candidate, Reason
from dealcheck.engine.index import CatalogIndex
from dealcheck.engine.text import KEEPS_TO_ONLY, LEXICON, tokens
from dealcheck.engine.vocabulary import is_common_word


@dataclass
class Evidence:
    """What the signals found for one requirement; rules read it, never keep it."""

    analysis: Analysis
    index: CatalogIndex
    candidates: dict[int, Candidate]
    #: token positions of each phrase the phrase signal accepted, and its capability
    taken: list[tuple[frozenset[int], int]]
    explained_positions: set[int]  # token positions a phrase or metric explains
    metric_positions: set[int]
    place_tokens: frozenset[str]  # stems of region and deployment names
    #: the verdict each capability (by index) would get for this requirement in this deal,
    #: when the caller knows the deal
    verdict_of: Callable[[int], str] | None = None
    #: the words of the edition the deal quotes ("professional"): where the ask names it
    #: ("is that ok on your Professional tier?") it is a term of the deal, not a name
    deal_edition: frozenset[str] = frozenset()
    #: where the text names a metric a quantity or an ask for no limit is on ("25
    #: *currencies*"), by token position: the wording that led to the capability limiting it
    linked_metric_at: dict[int, str] = field(default_factory=dict)
    #: the semantic similarity of the whole text to each capability (by index), computed
    #: on first call; None when the semantic signal is off
    meaning: Callable[[], Any] | None = None

    def strong(self) -> list[Candidate]:
        """Candidates scored high enough to be an answer and not (yet) rejected."""
        return [c for c in self.candidates.values() if c.score >= THRESHOLD and not c.rejections]


Check = Callable[[Evidence], list[Reason]]


def initials_of(original: str, index: CatalogIndex, doc: int) -> bool:
    """Whether an acronym as written ("PM", "FTFR", "PMs") is the initials of words in the
    capability's own name or aliases ("preventive maintenance", "first-time fix rate")."""
    low = original.lower()
    acronyms = index.docs[doc].initialisms
    return original[:-1].isupper() and (low in acronyms or low[:-1] in acronyms)


#: What may stand between two tokens of one written term ("WCAG 2.1", "e-mail", "CI/CD").
ADJACENT = re.compile(r"\s*|[.\-/\u2013]")


def carried_over(evidence: Evidence, doc: int, end: int, stop: frozenset[int] = frozenset()) -> int:
    """``end`` carried over the words right after it, written as one term with it, that
    the capability's own text holds: "*Order approval* workflows where ..." ends at
    "workflows" for a capability whose text speaks of order approval workflows. A
    position in ``stop`` (another matched phrase) ends the run, and so does a preposition
    or a determiner, whatever the capability's text holds ("AI writing assistant *inside*
    the iOS app" is qualified there)."""
    spans, text = evidence.analysis.spans, evidence.analysis.rewritten
    own = evidence.index.docs[doc].weights
    joiners = LEXICON.prepositions | LEXICON.determiners
    while (
        end + 1 < len(spans)
        and end + 1 not in stop
        and spans[end + 1][1] not in joiners
        and spans[end + 1][0] in own
        and ADJACENT.fullmatch(text[spans[end][3] : spans[end + 1][2]])
    ):
        end += 1
    return end


#: The months and their abbreviations (Python's ``calendar``, whose names are English
#: unless a program sets a locale, which dealcheck never does). Not the weekdays: a
#: product may be named for one ("Monday.com").
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name, *calendar.month_abbr) if w)
#: A priority, severity or quarter label ("P1", "Sev1", "Pri2", "Q4") or a fiscal year
#: ("FY2027"). Not "L7" (a network layer), "S3" nor "H2" (products).
_LABEL = re.compile(r"(?:P|Sev|Pri|Q)\d|FY\d{2,4}", re.I)


def date_or_label(original: str) -> bool:
    """A month as a month is written ("peaking in Nov-Dec"; not the acronym "SEP"), a
    priority's label ("P1 tickets") or a fiscal year: not a product, vendor or standard
    name."""
    month = original.rstrip(".")
    return (month.lower() in CALENDAR_WORDS and not (month.isupper() and len(month) > 1)) or bool(
        _LABEL.fullmatch(original)
    )


def kept_to(index: CatalogIndex, doc: int) -> str | None:
    """The one caveat of the capability that keeps it to a list of names ("Okta and
    Microsoft Entra ID only": a capital past its first word), if it has exactly one.
    "Executive summary and remediation letter only" keeps to a part, not to a list a name
    could be on."""
    caveats = [c for c in index.docs[doc].cap.caveats if KEEPS_TO_ONLY.search(c)]
    lists = [c for c in caveats if any(w[:1].isupper() for w in c.split()[1:])]
    if not lists:
        # A list of one country or language ("English only"), where no longer list is.
        lists = [c for c in caveats if c.split()[0].strip(",.;:").lower() in _ONE_ITEM_KINDS]
    return lists[0] if len(lists) == 1 else None


def _single_names(caveat: str) -> frozenset[str]:
    """The items of a kept-to list that are one capitalised word ("Dell", "HP",
    "Lenovo" of "Dell, HP and Lenovo hardware only"), as tokens."""
    body = re.sub(r"\bonly\b.*$", "", caveat, flags=re.I)
    found = set()
    for item in re.split(r",|\band\b|\bor\b|/", body):
        names = [w for w in item.split() if w[:1].isupper()]
        if len(names) == 1:
            found.update(tokens(names[0]))
    return frozenset(found)


def model_of_listed(index: CatalogIndex, docs: list[int], analysis: Analysis, k: int) -> bool:
    """A name written right after a one-word name the capability keeps to
    ("Honeywell *CT40*", "Dell *Latitude* laptops" against "Dell, HP and Lenovo hardware
    only"): a model or product line of what the list names, where what it is, the first
    word after the capitalised run, is none or one of the capability's own words ("HP
    *LaserJet* printers" against a capability for laptops and desktops is another kind
    of thing)."""
    if k == 0:
        return False
    spans, text = analysis.spans, analysis.rewritten
    if text[spans[k - 1][3] : spans[k][2]].strip():
        return False
    before = text[spans[k - 1][2] : spans[k - 1][3]]
    if not before[:1].isupper():
        return False
    kind = k + 1
    while kind < len(spans) and text[spans[kind][2] : spans[kind][2] + 1].isupper():
        kind += 1  # the rest of the capitalised run ("Dell Latitude *Rugged*")
    for doc in docs:
        caveat = kept_to(index, doc)
        if not caveat or spans[k - 1][0] not in _single_names(caveat):
            continue
        if kind < len(spans) and index.is_content(spans[kind][0], spans[kind][1]):
            if spans[kind][0] not in index.docs[doc].weights:
                continue  # "HP LaserJet *printers*": not what the capability is for
        return True
    return False


#: The names a list of one item may be written with, first word first ("English only").
_ONE_ITEM_KINDS = LEXICON.language_names | LEXICON.country_names


def never_mentions(index: CatalogIndex, doc: int) -> str:
    """How a reason says the capability does not name what the ask does: "never mentions
    it", or, where it keeps to a list (:func:`kept_to`), what that caveat says ("keeps to
    "Okta and Microsoft Entra ID only""): the plain reason a reviewer needs."""
    caveat = kept_to(index, doc)
    return f'keeps to "{caveat}"' if caveat else "never mentions it"


#: The words right before a word of the catalogue's product name that make it the
#: product the ask is put to ("visible in *the* CRM", "*your* ERP"); any other ("*our
#: existing* CRM", "our *legacy* ERP") makes it a system of the buyer's.
SELLERS_PRODUCT = frozenset({"the", "your"})
#: Words before "the" that make the product named a source ("import contacts *from the*
#: CRM"): as often another system of the buyer's.
SOURCE_WORDS = frozenset({"from", "out of", "off"})
#: Words right after a word of the product name that say whose it is or which one it is
#: ("the APM *of* the company we acquired", "the CRM *our* EMEA team uses", "the APM *that*
#: our platform team runs", "the LMS *used* by our franchisees"): a system someone else
#: runs, not the product the ask is put to.
WHOSE_WORDS = frozenset(
    {"of", "our", "their", "we", "they", "that", "which", "who", "used", "run", "owned", "at"}
)
#: The prepositions before a channel or a target that a brand which is a common English
#: word may be another product's name after ("alerts *via* Signal", "*through* Signal").
CHANNEL_PREPOSITIONS = frozenset({"via", "through", "using", "over", "to", "into", "with"})
#: The next word written after a position, past punctuation ("the FSM, which ...").
_NEXT_WORD = re.compile(r"[\s,;:(\u2013\u2014-]*([A-Za-z']+)")


def own_product(analysis: Analysis, index: CatalogIndex) -> frozenset[int]:
    """The positions of the words that name the catalogue's own product (``product:``):

    * its brand, its first word ("Tallyhall"), wherever it stands ("in *Beacon*"); but a
      brand that is a common English word right after a preposition of a channel or
      target ("via *Signal*" asked of "Signal APM" names a messenger) only where the rest
      of the product's name follows ("via Signal APM");
    * another word of the name right after the brand ("Tallyhall *CRM*"), or after "the"
      or "your" ("in the *CRM*" asked of "Tallyhall CRM"), unless the product is then
      named as a source ("from the CRM") or followed by whose it is ("the CRM *our* EMEA
      team uses", "the APM *of* the company we acquired").

    A buyer's own system of the same kind ("our existing CRM", "the legacy ERP") is no
    product of the catalogue's."""
    product = index.product_tokens
    if not product:
        return frozenset()
    named = index.canon.tokens(index.catalog.product or "")
    brand = named[0]
    text, spans = analysis.rewritten, analysis.spans

    def written_after(k: int) -> str:
        found = _NEXT_WORD.match(text, spans[k][3])
        return found[1].lower() if found else ""

    def whole_name_from(k: int) -> bool:
        following = [spans[j][0] for j in range(k, min(len(spans), k + len(named)))]
        return following == named

    found: set[int] = set()
    for k, (tok, word, start, _end) in enumerate(spans):
        if tok not in product:
            continue
        if tok == brand:
            channel = (text[:start].lower().split() or [""])[-1] in CHANNEL_PREPOSITIONS
            if not (channel and is_common_word(word)) or (len(named) > 1 and whole_name_from(k)):
                found.add(k)
            continue
        if k - 1 in found and not text[spans[k - 1][3] : start].strip():
            found.add(k)
            continue
        before = text[:start].lower().split()
        if not before or before[-1] not in SELLERS_PRODUCT:
            continue
        if {" ".join(before[-2:-1]), " ".join(before[-3:-1])} & SOURCE_WORDS:
            continue
        if written_after(k) in WHOSE_WORDS:
            continue
        found.add(k)
    return frozenset(found)


def looks_like_a_name(original: str, start: int) -> bool:
    """A product, vendor or standard name as written: capitalised mid-sentence, mixed
    case ("GraphQL", "gRPC") or an acronym ("HSM"); not a month or a priority's label."""
    return (
        (original[:1].isupper() and start > 0)
        or any(ch.isupper() for ch in original[1:])
        or (original.isupper() and len(original) >= 2)
    ) and not date_or_label(original)


def _registry() -> dict[str, Check]:
    from dealcheck.engine.rules import (
        caveat,
        claimed,
        compound,
        frequency,
        negation,
        population,
        prefixed,
        qualifier_after,
        qualifier_before,
        relative_clause,
        taken_back,
        unexplained_name,
        unlimited,
        unnamed_product,
        unread_number,
        version,
    )

    modules = (
        negation,
        version,
        qualifier_before,
        qualifier_after,
        prefixed,
        relative_clause,
        unlimited,
        unread_number,
        population,
        unexplained_name,
        unnamed_product,
        caveat,
        frequency,
        taken_back,
        claimed,
        compound,
    )
    return {m.ID: m.check for m in modules}


#: Every rule, in the order they run (later rules see earlier rejections).
RULES: dict[str, Check] = _registry()
ALL_RULES = frozenset(RULES)
#: Rules whose reason says the requirement asks for *more* than a capability explains (a
#: qualifier, a name, a population, a version, a caveat, a part matching nothing): a
#: narrower ask of a capability the deal cannot have is not available either. Every rule
#: but ``negation``, whose reason says the requirement asks for the opposite.
NARROWING_RULES = ALL_RULES - {"negation"}


def apply_rules(evidence: Evidence, enabled: frozenset[str] = ALL_RULES) -> list[Reason]:
    """Run the enabled rules; attach each capability's doubts to its candidate (a
    condition, such as an edition a caveat names, leaves it an answer)."""
    found: list[Reason] = []
    by_id = {c.cap_id: c for c in evidence.candidates.values()}
    for rule_id, check in RULES.items():
        if rule_id not in enabled:
            continue
        for reason in check(evidence):
            found.append(reason)
            if reason.doubt and reason.capability is not None and reason.capability in by_id:
                by_id[reason.capability].rejections.append(reason)
    return found


__all__ = [
    "ALL_RULES",
    "NARROWING_RULES",
    "RULES",
    "Evidence",
    "Reason",
    "apply_rules",
    "initials_of",
    "looks_like_a_name",
]
