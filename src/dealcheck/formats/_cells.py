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

from dealcheck.report import RequirementResult, for_reviewers
from dealcheck.safe_text import clean_terminal, one_line

#: compliance-matrix answer per verdict (the words RFP templates use); an answer that
#: needs more than the quote names it (:func:`response`)
RESPONSES: dict[str, str] = {
    "supported": "Comply",
    "upgrade": "Comply",
    "partial": "Partially comply",
    "roadmap": "Roadmap",
    "unsupported": "Does not comply",
    "unknown": "Needs review",
}
#: an upgrade whose need is not known (never happens with the engine's own results)
UPGRADE_UNNAMED = "with an upgrade"
#: between an answer and what it needs: "Comply — Enterprise edition"
NEEDS_SEPARATOR = " — "

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

    What to buy is :attr:`RequirementResult.needs`: an edition above the quoted one (or,
    with none quoted, above the lowest) and add-ons outside the quote. ``quoted`` is
    kept for callers; the needs already take the quote into account.
    """
    # (Not what is for a reviewer only, with --verbose: this is the customer's sheet.)
    parts = [p for p in reasons(r) if not for_reviewers(p)]
    for c in r.capabilities:
        parts.extend(f"caveat: {one_line(x)}" for x in c.caveats)
    if r.verdict not in ("unknown", "unsupported"):
        edition = r.needs.edition
        if edition and not any(edition in p for p in parts):
            parts.append(f"minimum edition: {one_line(edition)}")
        for add_on in r.needs.add_ons:
            if not any(add_on in p for p in parts):
                parts.append(f"add-on: {one_line(add_on)}")
    if r.waiver is not None:
        parts.append(waiver_text(r))
    return "; ".join(_dedupe(parts))


def needs_text(r: RequirementResult) -> str:
    """What the answer needs beyond the quote: "Enterprise edition, with the Security Pack
    add-on"; empty when the quote (or, with none, any edition) has it, or when nothing
    can be promised (unsupported, unknown)."""
    if r.verdict in ("unsupported", "unknown"):
        return ""
    parts = []
    if r.needs.edition:
        name = one_line(r.needs.edition)
        parts.append(f"{name[:1].upper()}{name[1:]} edition")
    parts.extend(f"with the {one_line(a)} add-on" for a in r.needs.add_ons)
    if not parts and r.verdict == "upgrade":
        parts.append(UPGRADE_UNNAMED)
    return ", ".join(parts)


def with_needs(answer: str, r: RequirementResult, needed: str | None = None) -> str:
    """``answer`` followed by what it needs, if anything: "Comply — Enterprise edition".
    ``needed`` replaces :func:`needs_text` (a row answering several requirements)."""
    needed = needs_text(r) if needed is None else needed
    return f"{answer}{NEEDS_SEPARATOR}{needed}" if needed and answer else answer


def answered_as(r: RequirementResult) -> str:
    """The verdict a customer-facing answer stands for: an ``upgrade`` (or a ``supported``)
    whose capability is in beta or deprecated is also partial, and is never written as a
    plain yes."""
    if r.verdict in ("supported", "upgrade") and any(
        c.status in ("beta", "deprecated") for c in r.capabilities
    ):
        return "partial"
    return r.verdict


def response(r: RequirementResult | str, needed: str | None = None) -> str:
    """The compliance-matrix answer in dealcheck's own words; a yes or a partial names
    what it needs beyond the quote (:func:`needs_text`, or ``needed`` when given)."""
    if isinstance(r, str):
        return RESPONSES[r]
    verdict = answered_as(r)
    answer = RESPONSES[verdict]
    if verdict in ("supported", "upgrade", "partial"):
        return with_needs(answer, r, needed)
    return answer


def library_response(r: RequirementResult) -> str | None:
    """The answer library's wording for this answer (a reviewer's ``response``), if any."""
    if r.answer is None or not r.answer.response:
        return None
    # A reviewer's wording for a capability is a yes: it is written only where the verdict
    # for this deal is a yes too (with what it needs named), never over a no, a roadmap or
    # a doubt. A reviewed "not offered" (no capability, unsupported) keeps its own words.
    if answered_as(r) in ("supported", "upgrade"):
        return r.answer.response
    if r.verdict == "unsupported" and not r.capabilities:
        return r.answer.response
    return None


def response_of(r: RequirementResult, needed: str | None = None) -> str:
    """The Response cell in dealcheck's own words: the answer library's wording when it has
    one (naming what it needs beyond the quote, as :func:`response` does), else
    :func:`response`."""
    wording = library_response(r)
    if wording is None:
        return response(r, needed)
    return with_needs(wording, r, needed)
