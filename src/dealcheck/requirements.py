"""What every requirement source produces: requirements and the deal's context.

Plain dataclasses (not pydantic): a 20,000-line RFP builds 20,000 of them and
they never cross a trust boundary unvalidated (each reader validates its own
input and the report model validates the output).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

PRIORITIES: tuple[str, ...] = ("must", "should", "may")


@dataclass(frozen=True, slots=True)  # slots: one per requirement read, 67,000 in a big list
class Location:
    """Where a requirement was read: a file and line, or a sheet and row."""

    file: str
    line: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # spreadsheet column letter of the requirement text
    page: int | None = None  # PDF page (``line`` is then the line on that page)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file}
        if self.line is not None:
            data["line"] = self.line
        if self.sheet is not None:
            data["sheet"] = self.sheet
        if self.row is not None:
            data["row"] = self.row
        if self.column is not None:
            data["column"] = self.column
        if self.page is not None:
            data["page"] = self.page
        return data

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}[{self.sheet}]:{self.row}"
        if self.page is not None:
            return f"{self.file}:p{self.page}:{self.line}"
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.row is not None:
            return f"{self.file}:row {self.row}"
        return self.file


@dataclass(frozen=True)
class Quantity:
    """A number asked for in a requirement, in canonical units.

    ``dimension`` is one of: percent, time, data, count, rate, date.
    ``value`` is in the dimension's canonical unit (percent: %, time: second,
    data: byte, count: item, rate: per second; for ``date``, an ordinal day).
    ``bound`` says how the customer framed it: ``min`` (at least), ``max``
    (at most / within) or ``None`` (not said: the metric's direction decides);
    ``strict`` that the bound excludes the number ("more than", "under").
    """

    value: float
    dimension: str
    unit: str  # the unit as the customer wrote it, normalised (e.g. "TB", "minute")
    text: str  # the span as written, e.g. "99.95%" or "RPO of 15 minutes"
    start: int
    end: int
    bound: str | None = None
    per: str | None = None  # for rates, and counts asked per period: the time unit ("day")
    #: The bound excludes the number itself: "more than 90 days", "under 15 minutes".
    strict: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "dimension": self.dimension,
            "unit": self.unit,
            "bound": self.bound,
            "strict": self.strict,
        }


@dataclass(frozen=True, slots=True)
class PriorityTag:
    """A requirement read with a leading priority tag ("[M] Audit trail") taken as one.

    Whether "[M]" is a priority or an id depends on the other tags in the same document
    (:func:`dealcheck.sources.common.settle_priority_tags`), so the reader keeps both
    readings: the requirement as read without the tag, and this one."""

    code: str  # as written inside the brackets: "M", "d", "Nice to have"
    id: str  # the id read after (or before) the tag, "" when there is none
    text: str  # the text after the tag


@dataclass(slots=True)  # slots: a big list holds tens of thousands
class Requirement:
    id: str
    text: str
    priority: str = "must"
    priority_explicit: bool = False
    section: str | None = None
    source: Location = field(default_factory=lambda: Location("<unknown>"))
    capability: str | None = None  # a pinned, reviewed mapping from a deal file
    #: where ``capability`` was written (file, line, column), to report a name the catalogue lacks
    capability_origin: tuple[str, int | None, int | None] | None = None
    quantities: list[Quantity] = field(default_factory=list)
    deadline: dt.date | None = None  # "by Q3 2027"
    #: the priority cell held something that is not a priority (the legend says what is)
    priority_note: str | None = None
    #: a leading "[M]" or "(D)" read as a priority tag, until the document's tags settle it
    priority_tag: PriorityTag | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "priority": self.priority,
            "section": self.section,
            "source": self.source.as_dict(),
            "capability": self.capability,
            "quantities": [q.as_dict() for q in self.quantities],
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "priority_note": self.priority_note,
        }


@dataclass
class DealContext:
    """The deal being quoted. ``None`` means "not given": that dimension is free."""

    deal: str | None = None
    customer: str | None = None
    edition: str | None = None
    deployment: str | None = None
    region: str | None = None
    add_ons: list[str] = field(default_factory=list)
    go_live: dt.date | None = None
    value: float | None = None  # what the deal is worth, for ranking demand (dealcheck gaps)
    currency: str | None = None  # ISO 4217 code of ``value``, e.g. EUR
    #: where a field was read: field -> (file, line, column), for error messages
    origins: dict[str, tuple[str, int | None, int | None]] = field(default_factory=dict)

    def merged(self, other: DealContext) -> DealContext:
        """``other``'s values where it has them (the command line wins over files)."""
        origins = dict(self.origins)
        origins.update(other.origins)
        for key in ("edition", "deployment", "region"):
            if getattr(other, key) and key not in other.origins:
                origins.pop(key, None)  # given on the command line
        return DealContext(
            origins=origins,
            deal=other.deal or self.deal,
            customer=other.customer or self.customer,
            edition=other.edition or self.edition,
            deployment=other.deployment or self.deployment,
            region=other.region or self.region,
            add_ons=sorted(set(self.add_ons) | set(other.add_ons), key=str.lower),
            go_live=other.go_live or self.go_live,
            value=other.value if other.value is not None else self.value,
            currency=other.currency or self.currency,
        )


# RFC 2119 words; the strongest present wins.
_MUST_RE = re.compile(
    r"\b(must|shall|required|requires?|mandatory|need(?:s|ed)? to|has to|have to|is essential)\b",
    re.I,
)
#: A priority word denied: "not required", "isn't mandatory", "not strictly essential",
#: "not a mandatory requirement" (one word may stand between). Not "need to" or "have
#: to", which say what the product does ("users do not need to sign in twice").
_NEGATED_MUST_RE = re.compile(
    r"(?:\b(?:not|never)|n['’]t)\s+(?:[a-z]+\s+)?(?:required|mandatory|essential)\b", re.I
)
#: What opens a clause of its own: a denial after one is about a detail of the ask
#: ("Single sign-on so that separate passwords are not required"), not the ask.
_CLAUSE_BOUNDARY = re.compile(
    r"[;,:]|\b(?:so|that|with|without|where|when|whenever|because|and|as|since|if|while"
    r"|which|who)\b",
    re.I,
)
#: The words of an aside that only states a priority ("(optional, not mandatory)").
_PRIORITY_ASIDE = re.compile(
    r"^(?:[\s,;/]|\b(?:not|optional|mandatory|required|essential|desirable|nice[ -]to[ -]have"
    r"|must|should|may|could)\b)*$",
    re.I,
)


def _denies_the_ask(text: str, m: re.Match[str]) -> bool:
    """Whether a denied priority word is about the ask itself: no clause opens before it
    ("A GraphQL API - not required if the REST API is complete"), or the denial follows
    the clause's opening right away ("A GraphQL API, not required if ..."), or it stands
    in an aside that states only a priority ("Dark mode (optional, not mandatory)")."""
    opened = text.rfind("(", 0, m.start())
    closed = text.find(")", m.end())
    if opened != -1 and closed != -1 and ")" not in text[opened : m.start()]:
        return bool(_PRIORITY_ASIDE.match(text[opened + 1 : closed]))
    boundaries = list(_CLAUSE_BOUNDARY.finditer(text, 0, m.start()))
    # Right after the boundary, it is said of the ask ("A GraphQL API, not required if
    # the REST API is complete"); after a subject of its own, of that ("...; a badge
    # printer is not required").
    return not boundaries or not re.search(r"\w", text[boundaries[-1].end() : m.start()])


_SHOULD_RE = re.compile(r"\b(should|recommended|desirable|preferred|ideally)\b", re.I)
# "Nice to have", "good to have" and "would be nice" are plain English for "optional".
_MAY_RE = re.compile(r"\b(may|optional|(?:nice|good)[ -]to[ -]have|would\s+be\s+nice)\b", re.I)
# MoSCoW's Could and Won't as a label of the requirement, as a priority column holds them
# (see _PRIORITY_WORDS): at the start before its text ("Could have: engagement surveys",
# "Won't have - payroll for Ireland"), in brackets ("(Could have)", "[Won't have]"), or
# after the text ("Engagement surveys - could have"). Elsewhere the words are prose:
# "the app won't have ads" asks for no ads, and "users could have two roles" is a fact.
_MOSCOW_MAY = r"(?:could|won['’]?t)[ \t-]+have"
_MOSCOW_MAY_RE = re.compile(
    rf"^\W*{_MOSCOW_MAY}\b(?=\s*[:\-\u2013\u2014]?\s*\w)"
    rf"|[(\[]\s*{_MOSCOW_MAY}\s*[)\]]"
    rf"|[:\-\u2013\u2014,]\s*{_MOSCOW_MAY}\W*$",
    re.I,
)


def priority_from_text(text: str) -> str | None:
    """The priority the RFC 2119 words in ``text`` give, or None if it has none.

    A MoSCoW label ("Could have: ...", "(Won't have)") reads as in a priority column. A
    must counts wherever it stands, in an aside too ("floor plans (mandatory for HQ)"):
    the stricter reading. A softer word inside an aside about a detail ("hosted in
    Australia (Sydney ideally)") says how much that detail matters, not the requirement:
    only a parenthesis that holds a priority alone ("(optional)", "(Could have)") gives
    one."""
    # "Not required", "isn't mandatory": a priority word denied says the ask is optional
    # ("A GraphQL API - not required if the REST API is complete"). A prohibition ("must
    # not", "shall not") is a must.
    unforced = _NEGATED_MUST_RE.sub(lambda m: " " if _denies_the_ask(text, m) else m[0], text)
    denied = unforced != text
    if _MUST_RE.search(unforced):
        return "must"
    text = _ASIDE.sub(_aside, unforced) if "(" in unforced else unforced
    if _SHOULD_RE.search(text):
        return "should"
    if _MAY_RE.search(text) or _MOSCOW_MAY_RE.search(text) or denied:
        return "may"
    return None


_ASIDE = re.compile(r"\(([^()]*)\)")


def _aside(m: re.Match[str]) -> str:
    """A parenthesis kept if it is a priority label alone, blanked if it is an aside."""
    return m[0] if _priority_key(m[1]) in _PRIORITY_WORDS else " " * len(m[0])


_PRIORITY_WORDS = {
    "must": "must",
    "m": "must",
    "mandatory": "must",
    "required": "must",
    "requirement": "must",
    "essential": "must",
    "critical": "must",
    "high": "must",
    "yes": "must",
    "y": "must",
    "true": "must",
    "1": "must",
    "p1": "must",
    "must have": "must",
    "shall": "must",
    "should": "should",
    "s": "should",
    "should have": "should",
    "desirable": "should",
    "recommended": "should",
    "important": "should",
    "medium": "should",
    "preferred": "should",
    "p2": "should",
    "2": "should",
    "may": "may",
    "c": "may",
    "could": "may",
    "could have": "may",
    "optional": "may",
    "nice to have": "may",
    "nice-to-have": "may",
    "good to have": "may",
    "low": "may",
    "no": "may",
    "n": "may",
    "false": "may",
    "p3": "may",
    "3": "may",
    "w": "may",
    "won't": "may",
    "wont": "may",
    "won't have": "may",
    "would": "may",
    "informational": "may",
    "info": "may",
}


def _priority_key(value: str) -> str:
    # "Must-have" and "must_have" are "must have"; "Won\u2019t" (a typographic apostrophe,
    # as Word and Excel write it) is "won't".
    key = value.strip().lower().replace("_", " ").replace("\u2019", "'")
    return " ".join(re.sub(r"(?<=[a-z])-(?=[a-z])", " ", key).split()).rstrip(".")


#: Priority words that say nothing as a tag in front of a requirement ("[No]", "(1)").
_NOT_LABELS = frozenset({"yes", "y", "no", "n", "true", "false", "1", "2", "3", "p1", "p2", "p3"})


def priority_label(value: str) -> str | None:
    """The priority a word label gives ("Must", "Nice to have", "Won't have"), or None.

    The whole value must be a priority word of two letters or more (a priority column's
    words, less Yes/No and numbers): a tag in brackets in front of a requirement
    ("[Optional] Dark mode") is read so. A single letter is a code whose meaning depends on
    the other codes of its document (:func:`dealcheck.sources.columns.letter_legend`)."""
    key = _priority_key(value)
    if len(key) < 2 or key in _NOT_LABELS:
        return None
    return _PRIORITY_WORDS.get(key)


def priority_from_value(value: str) -> str | None:
    """Read an explicit priority cell (MoSCoW, M/S/C, Mandatory/Desirable/Optional, Yes/No)."""
    key = _priority_key(value)
    if not key:
        return None
    if key in _PRIORITY_WORDS:
        return _PRIORITY_WORDS[key]
    first = key.split()[0].strip("()[]:-")
    return _PRIORITY_WORDS.get(first)


def resolve_priority(
    text: str, explicit: str | None, heading: str | None = None
) -> tuple[str, bool]:
    """Contract rule: explicit wins, then RFC 2119 words, then the priority the heading
    above the requirement gives ("Could have"), else ``must``."""
    if explicit:
        return explicit, True
    return priority_from_text(text) or heading or "must", False
