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

Text and tables read as requirement lists (``.txt``, spreadsheets, a table
with a requirement column, deal files) are the customer's explicit asks and
are never filtered.
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


def process_heading(title: str) -> bool:
    """Whether a heading names a part of the tender process (not of what is bought)."""
    return _PROCESS_HEADING.search(_NUMBER.sub("", title).strip()) is not None


def process_sentence(text: str) -> bool:
    """Whether a sentence is an instruction about the tender process."""
    text = text.strip().lstrip("-*\u2022 ")
    return bool(_BIDDER_STEP.search(text) or _BID_SUBJECT.search(text))


class TenderProcess:
    """Follows a document's headings; says which candidate requirements are process text."""

    def __init__(self, keep_all: bool = False) -> None:
        self.keep_all = keep_all
        self._section: tuple[str, int] | None = None  # the process heading and its level

    def heading(self, title: str, level: int) -> None:
        """A heading at ``level`` (1 = top): it starts or ends a process section."""
        if self._section is not None and level <= self._section[1]:
            self._section = None
        if self._section is None and process_heading(title):
            self._section = (title.strip(), level)

    def skip_reason(self, text: str) -> str | None:
        """Why ``text`` (a sentence, a list item, or a paragraph read whole) is not a
        requirement, or None when it is one. A paragraph is process text when every
        sentence in it with a requirement keyword is."""
        if self.keep_all:
            return None
        if self._section is not None:
            return f"in '{self._section[0]}', a section about the tender process"
        from dealcheck.sources.common import KEYWORD_RE
        from dealcheck.sources.docx import sentences

        asks = [s for s in sentences(text) if KEYWORD_RE.search(s)] or [text]
        if all(process_sentence(s) for s in asks):
            return "an instruction about the tender process, not an ask of the product"
        return None
