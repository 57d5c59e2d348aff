"""What every report format says about one requirement, and how a cell is made safe.

The formats differ in syntax, not in content: the short reason, the
capability label, the compliance-matrix response and notes are built here
once, so a requirement reads the same in the terminal, a PR comment, a SARIF
alert and the answered spreadsheet.

Spreadsheet safety (OWASP "CSV injection"): a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets, and ``=HYPERLINK(...)`` or ``=WEBSERVICE(...)``
in an RFP would run on the reviewer's machine. :func:`neutralise` prefixes
such a value with a single quote so it is shown, never evaluated.
"""

from __future__ import annotations

import re

from dealcheck.report import RequirementResult
from dealcheck.safe_text import clean_terminal, one_line

#: compliance-matrix answer per verdict (the words RFP templates use)
RESPONSES: dict[str, str] = {
    "supported": "Comply",
    "upgrade": "Comply with upgrade",
    "partial": "Partially comply",
    "roadmap": "Roadmap",
    "unsupported": "Does not comply",
    "unknown": "Needs review",
}

#: the columns appended to a customer's matrix, in order. dealcheck leaves "Reviewed by"
#: empty: a reviewer who fills it (and the Capability or Verdict cell) makes the row an
#: answer that ``dealcheck learn`` adds to the answer library.
ANSWER_HEADERS: tuple[str, ...] = ("Verdict", "Response", "Capability", "Notes", "Reviewed by")

#: the columns of a fresh matrix, in order
MATRIX_HEADERS: tuple[str, ...] = (
    "ID",
    "Section",
    "Priority",
    "Requirement",
    *ANSWER_HEADERS,
)

# ASCII formula triggers (OWASP) and their full-width forms, which some
# spreadsheet applications normalise to ASCII before parsing.
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

# Characters XML 1.0 cannot carry at all (a workbook or JUnit file with one is corrupt).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: Excel's limit on the characters in one cell
EXCEL_CELL_MAX = 32_767


def neutralise(value: str) -> str:
    """``value``, prefixed with ``'`` if a spreadsheet would read it as a formula."""
    if value and value[0] in _FORMULA_START:
        return "'" + value
    return value


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (and terminal escapes)."""
    return _XML_ILLEGAL.sub("", clean_terminal(text))


def cell_text(value: object, *, multiline: bool = False) -> str:
    """A text cell we write into a spreadsheet: cleaned, length-capped, neutralised.

    ``multiline`` keeps line breaks (the requirement text of a fresh matrix);
    otherwise the text is folded onto one line.
    """
    if value is None:
        return ""
    text = str(value)
    text = xml_safe(text).strip() if multiline else one_line(text)
    if len(text) > EXCEL_CELL_MAX - 1:
        text = text[: EXCEL_CELL_MAX - 2] + "\u2026"
    return neutralise(text)


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def reasons(r: RequirementResult) -> list[str]:
    """Why the requirement got its verdict, most telling first, without the bookkeeping.

    For a requirement matched to several capabilities, the reasons of the ones
    that are not ``supported`` come first (they decide the verdict); "matched
    ..." and "pinned to ..." lines are left out because the capability column says it.
    """
    parts: list[str] = []
    decisive = [c for c in r.capabilities if c.verdict != "supported"]
    for c in decisive or r.capabilities:
        prefix = f"{c.id}: " if len(r.capabilities) > 1 else ""
        parts.extend(prefix + reason for reason in c.reasons)
    parts.extend(x for x in r.reasons if not x.startswith(("matched ", "pinned to ")))
    if not parts and r.verdict == "supported" and r.capabilities:
        parts.append("generally available for this deal")
    return _dedupe([one_line(p) for p in parts])


def reason_text(r: RequirementResult) -> str:
    """:func:`reasons` as one line."""
    return "; ".join(reasons(r))


def capability_text(r: RequirementResult, *, names: bool = True) -> str:
    """The matched capabilities: ``SAML 2.0 single sign-on (sso-saml)``, or ids only."""
    labels = []
    for c in r.capabilities:
        if names and c.name:
            labels.append(f"{one_line(c.name)} ({c.id})")
        else:
            labels.append(c.id)
    return "; ".join(labels)


def waiver_text(r: RequirementResult) -> str:
    """``waived by X until D: reason``, or an empty string."""
    w = r.waiver
    if w is None:
        return ""
    return f"waived by {one_line(w.approved_by)} until {w.expires}: {one_line(w.reason)}"


def notes(r: RequirementResult, quoted: str | None = None) -> str:
    """The Notes cell of the compliance matrix: reasons, caveats, what to buy, the waiver.

    ``quoted`` is the edition in the quote: a minimum edition equal to it goes unsaid.
    """
    parts = list(reasons(r))
    for c in r.capabilities:
        parts.extend(f"caveat: {one_line(x)}" for x in c.caveats)
    editions = {c.minimum_edition for c in r.capabilities if c.minimum_edition}
    if r.verdict not in ("unknown", "unsupported"):
        for edition in sorted(editions):
            if edition != quoted and not any(edition in p for p in parts):
                parts.append(f"minimum edition: {one_line(edition)}")
        for add_on in sorted({c.add_on for c in r.capabilities if c.add_on}):
            if not any(add_on in p for p in parts):
                parts.append(f"add-on: {one_line(add_on)}")
    if r.waiver is not None:
        parts.append(waiver_text(r))
    return "; ".join(_dedupe(parts))


def response(verdict: str) -> str:
    return RESPONSES[verdict]


def response_of(r: RequirementResult) -> str:
    """The Response cell: the answer library's wording when it has one, else the verdict's."""
    if r.answer is not None and r.answer.response and r.verdict != "unknown":
        return r.answer.response
    return response(r.verdict)


def answer_cells(r: RequirementResult, quoted: str | None = None) -> list[str]:
    """The answer cells (Verdict, Response, Capability, Notes, Reviewed by), neutralised."""
    return [
        cell_text(r.verdict),
        cell_text(response_of(r)),
        cell_text(capability_text(r)),
        cell_text(notes(r, quoted)),
        "",  # Reviewed by: the reviewer's to fill
    ]


def merge_answers(results: list[RequirementResult], quoted: str | None = None) -> list[str]:
    """Answer cells for one spreadsheet row that holds several requirements.

    The row takes the most severe verdict; capabilities and notes are joined,
    each note prefixed with its requirement id.
    """
    if len(results) == 1:
        return answer_cells(results[0], quoted)
    from dealcheck.report import most_severe

    verdict = most_severe([r.verdict for r in results])
    caps = _dedupe([capability_text(r) for r in results])
    notes_ = [f"{one_line(r.id)}: {notes(r, quoted)}" for r in results if notes(r, quoted)]
    return [
        cell_text(verdict),
        cell_text(response(verdict)),
        cell_text("; ".join(caps)),
        cell_text(" | ".join(notes_)),
        "",  # Reviewed by: the reviewer's to fill
    ]
