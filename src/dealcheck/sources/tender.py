"""Instructions to bidders are not requirements: text about the tender process is context.

An RFP tells suppliers how to bid as well as what to deliver. "Suppliers must
respond by 30 January 2027" has a requirement keyword, but it asks nothing of
the product: read as a requirement it matches no capability, comes out
``unknown`` and fails the gate. The document readers (Markdown, Word, PDF)
ask :class:`TenderProcess` about every heading and every candidate sentence;
what it recognises is skipped, with the reason, and ``dealcheck read`` lists
it. ``--all-sentences`` reads everything as before.

Two general rules, worded on the tender process itself (never on a product):

* a **section** whose heading names the process ("Instructions to bidders",
  "Submission of proposals", "Evaluation criteria", "Procurement timetable",
  "Key dates", "Contacts", "Clarifications") is context, down to the next
  heading of the same or a higher level;
* a **sentence** whose subject is the bidder and whose verb is a step of the
  process ("the supplier may propose alternatives", "vendors must complete
  every sheet", "suppliers will be shortlisted"), or whose subject is the bid
  itself ("proposals must be submitted as PDF", "questions should be sent to
  ...", "responses will be evaluated on ...").

A sentence about the requirements themselves that only states their priority
("All requirements in this section are mandatory unless stated otherwise.",
"The requirements below are desirable.") is no requirement either: it is
skipped with its reason, and its priority goes to the requirements below it
that state none of their own, down to the next heading of its section's level
(:meth:`TenderProcess.section_priority`; a heading below it that is a priority,
"Could have", gives its own). One that names some of them ("Items marked (D)
are desirable") is skipped only.

Text and tables read as requirement lists (``.txt``, spreadsheets, a table
with a requirement column, deal files) are the customer's explicit asks and
are never filtered as process text (a text list reads a priority statement as
it reads a priority label: :mod:`dealcheck.sources.text`).
"""

from __future__ import annotations

import re

_BIDDER = (
    r"(?:suppliers?|vendors?|bidders?|tenderers?|respondents?|proposers?|offerors?"
    r"|applicants?|service\s+providers?|you|your\s+(?:company|organi[sz]ation))"
)
_BID = (
    r"(?:responses?|proposals?|bids?|tenders?|submissions?|quotations?|quotes?|offers?"
    r"|questions?|quer(?:y|ies)|enquir(?:y|ies)|inquir(?:y|ies)|clarifications?"
    r"|clarification\s+requests?|expressions?\s+of\s+interest)"
)
_MODAL = (
    r"(?:must|shall|should|may|will|can|need\s+to|have\s+to|has\s+to|are\s+to|is\s+to"
    r"|(?:are|is)\s+(?:required|expected|invited|requested|asked|encouraged|permitted|allowed)"
    r"\s+to)"
)
#: Steps of the tender process a bidder takes (never what the product does).
_STEP = (
    r"(?:respond|reply|submit|re-?submit|return|send|upload|deliver\s+(?:the|their|its|your)"
    r"\s+" + _BID + r"|complete\s+(?:this|the|all|each|every|both)\b|fill\s+(?:in|out)"
    r"|sign\s+and\s+return|attend|register|propose|quote|indicate|declare|acknowledge"
    r"|confirm\s+(?:receipt|their|its|your|participation|attendance)"
    r"|answer\s+(?:all|each|every|the\s+questions?)|address\s+(?:all\s+)?(?:questions|queries)"
    r"|direct\s+(?:all\s+)?(?:questions|queries|enquiries)"
    r"|provide\s+(?:a\s+|an\s+|the\s+|their\s+|its\s+|your\s+)?(?:written\s+)?" + _BID + r"\b"
    r"|include\s+(?:in|with)\s+(?:the|their|its|your)\s+" + _BID + r"\b"
    r"|be\s+(?:evaluated|scored|assessed|shortlisted|short-listed|invited|notified|disqualified"
    r"|excluded|awarded))"
)
_BIDDER_STEP = re.compile(
    rf"^(?:(?:note|nb|please\s+note|important)\s*[:,.\-\u2013]\s*)?(?:the\s+|all\s+|each\s+|any\s+)?"
    rf"{_BIDDER}\s+{_MODAL}\s+(?:(?:also|not|only|clearly|briefly|each|all)\s+)?{_STEP}\b",
    re.I,
)
_BID_SUBJECT = re.compile(
    rf"^(?:(?:note|nb|please\s+note|important)\s*[:,.\-\u2013]\s*)?"
    rf"(?:the\s+|all\s+|each\s+|any\s+|your\s+|their\s+)?(?:(?:written|final|complete|late)\s+)?"
    rf"{_BID}\s+(?:must|shall|should|will|may|are\s+to|is\s+to|need\s+to|are\s+due|is\s+due"
    rf"|close|closes|are\s+(?:submitted|evaluated|accepted|welcome)"
    rf"|is\s+(?:submitted|evaluated|accepted|welcome))\b",
    re.I,
)

#: Headings of the tender-process parts of an RFP.
_PROCESS_HEADING = re.compile(
    r"\b(?:instructions?\s+(?:to|for)\s+"
    + _BIDDER
    + r"|how\s+to\s+(?:respond|reply|submit|bid|apply)"
    r"|submission|submitting|(?:response|proposal|bid|tender)\s+(?:format|instructions|guidelines"
    r"|deadline|process|procedure|preparation|structure|requirements)"
    r"|(?:evaluation|award|selection|scoring)\s+(?:criteria|method|methodology|process|procedure"
    r"|model)|(?:procurement|tender|tendering|bidding|rfp|rfq|rfi|itt|selection)\s+(?:process"
    r"|timetable|timeline|schedule|procedure|rules|conditions|instructions)|key\s+dates"
    r"|timetable|points?\s+of\s+contact|contact\s+(?:details|information|persons?)"
    r"|clarifications?)\b"
    r"|^(?:contacts?|questions\s+and\s+answers|q\s*&\s*a)$",
    re.I,
)
_NUMBER = re.compile(r"^\s*(?:[A-Za-z]{0,3}\s*)?\d+(?:\.\d+)*\.?\s+|^\s*[IVXivx]+\.\s+")

#: "Unless stated otherwise", "except where indicated": the requirements' own words win.
_UNLESS = (
    r"(?:unless\s+(?:otherwise\s+)?(?:stated|indicated|specified|noted|marked|shown)"
    r"(?:\s+otherwise)?|except\s+where\s+(?:otherwise\s+)?(?:stated|indicated|specified"
    r"|noted|marked|shown))"
)
#: The requirements themselves as a subject: "All requirements in this section", "The
#: requirements below", "Each of the following items", "Requirements marked (D)".
_THE_REQUIREMENTS = (
    r"(?:(?:all|each|every)\s+(?:of\s+)?)?(?:the\s+|these\s+)?(?:following\s+)?"
    r"(?:requirements?|items?)"
    r"(?:\s+(?:in|of|within|under|listed\s+in|set\s+out\s+in)\s+(?:this|the\s+following)"
    r"\s+(?:section|sub-?section|part|chapter|annex|appendix|schedule|table|list|lot"
    r"|document|specification))?"
    r"(?:\s+(?:(?:listed|set\s+out|shown)\s+)?below|\s+(?:that|which)\s+follow)?"
)
_MARKED = (
    r"\s+(?:marked|flagged|labelled|labeled|shown|identified|indicated|tagged)"
    r"\s+(?:with\s+|as\s+|by\s+)?[^,.;:]{1,40}?"
)
_PRIORITY_WORD = (
    r"(?P<word>mandatory|essential|required|desirable|recommended|optional"
    r"|(?:nice|good)[\s-]to[\s-]haves?|(?:must|should|could)[\s-]haves?)"
)
#: A sentence about the requirements that only states their priority: "All requirements
#: in this section are mandatory unless stated otherwise.", "Unless otherwise stated, the
#: requirements below are desirable.", "Each requirement in this section must be met.",
#: "Items marked (D) are desirable." It asks nothing of the product.
_PRIORITY_STATEMENT = re.compile(
    rf"^(?:(?:note|nb|please\s+note)\s*[:,.\-\u2013]\s*)?(?:{_UNLESS},?\s+)?"
    rf"{_THE_REQUIREMENTS}(?P<marked>{_MARKED})?\s+"
    rf"(?:(?:are|is|shall\s+be|will\s+be|must\s+be|should\s+be)\s+"
    rf"(?:(?:considered|treated\s+as|regarded\s+as|deemed)\s+)?{_PRIORITY_WORD}"
    rf"(?:\s*\([^)]*\))?"
    rf"|(?P<modal>must|shall|should)\s+be\s+(?:met|complied\s+with|satisfied|fulfilled))"
    rf"(?:,?\s+(?:{_UNLESS}|except\b)[^.;:]*)?\s*[.:;]?$",
    re.I,
)


def priority_statement(text: str) -> tuple[str, bool] | None:
    """The priority a sentence about the requirements gives them, and whether it gives it
    to all the requirements of its section (False: only to those it names, "Items marked
    (D) are desirable"); None when ``text`` is no such sentence."""
    from dealcheck.requirements import priority_label

    m = _PRIORITY_STATEMENT.match(text.strip().lstrip("-*\u2022 "))
    if m is None:
        return None
    word = m["word"] or m["modal"]
    priority = priority_label(re.sub(r"[\s-]+", " ", word).removesuffix("s"))
    if priority is None:  # pragma: no cover - every word above is a priority label
        return None
    return priority, m["marked"] is None


def process_heading(title: str) -> bool:
    """Whether a heading names a part of the tender process (not of what is bought)."""
    return _PROCESS_HEADING.search(_NUMBER.sub("", title).strip()) is not None


def process_sentence(text: str) -> bool:
    """Whether a sentence is an instruction about the tender process."""
    text = text.strip().lstrip("-*\u2022 ")
    return bool(_BIDDER_STEP.search(text) or _BID_SUBJECT.search(text))


class TenderProcess:
    """Follows a document's headings; says which candidate requirements are process text,
    and which sentences state the priority of the requirements of their section."""

    def __init__(self, keep_all: bool = False, gives_priority: bool = False) -> None:
        self.keep_all = keep_all
        #: the reader gives a stated priority to the requirements below it
        #: (:meth:`section_priority`); the reason it lists says so
        self.gives_priority = gives_priority
        self._section: tuple[str, int] | None = None  # the process heading and its level
        self._level = 0  # the level of the heading above (0: none yet, the whole document)
        #: The priority a sentence gave the requirements of its section, and that
        #: section's level ("All requirements in this section are mandatory ...").
        self._stated: tuple[str, int] | None = None
        self._inner: int | None = None  # a heading below it that gives its own priority

    def heading(self, title: str, level: int) -> None:
        """A heading at ``level`` (1 = top): it starts or ends a process section, and ends
        the priority a sentence gave the section it closes."""
        from dealcheck.sources.common import heading_priority

        if self._section is not None and level <= self._section[1]:
            self._section = None
        if self._section is None and process_heading(title):
            self._section = (title.strip(), level)
        if self._stated is not None and level <= self._stated[1]:
            self._stated = None
        if self._inner is not None and level <= self._inner:
            self._inner = None
        if self._stated is not None and heading_priority(title) is not None:
            self._inner = level  # "Could have" inside the section: its own priority wins
        self._level = level

    def title(self) -> None:
        """A title that is no heading by its style (a short bold line, "Lot 2 - Core
        platform"): it ends the priority a sentence gave the section above, whose end it
        marks as a reader sees it."""
        self._stated = None
        self._inner = None

    def section_priority(self, heading: str | None) -> str | None:
        """The priority the requirements below take when they state none: the one a
        sentence gave their section (:func:`priority_statement`), else ``heading``'s (the
        priority the headings above give)."""
        if self._stated is None or self._inner is not None:
            return heading
        return self._stated[0]

    def skip_reason(self, text: str) -> str | None:
        """Why ``text`` (a sentence, a list item, or a paragraph read whole) is not a
        requirement, or None when it is one. A paragraph is process text when every
        sentence in it with a requirement keyword is."""
        if self.keep_all:
            return None
        if self._section is not None:
            return f"in '{self._section[0]}', a section about the tender process"
        stated = priority_statement(text)
        if stated is not None:
            priority, whole = stated
            if not whole:
                return "a statement of the priority of the requirements it names"
            self._stated, self._inner = (priority, self._level), None
            reason = "a statement of the priority of the section's requirements"
            if self.gives_priority:
                reason += f" ({priority}: given to those below it that state none)"
            return reason
        from dealcheck.sources.common import KEYWORD_RE
        from dealcheck.sources.docx import sentences

        asks = [s for s in sentences(text) if KEYWORD_RE.search(s)] or [text]
        if all(process_sentence(s) for s in asks):
            return "an instruction about the tender process, not an ask of the product"
        return None
