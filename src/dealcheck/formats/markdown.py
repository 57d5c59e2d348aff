"""``--format markdown``: the report as GitHub-flavoured Markdown, for a ticket or PR comment.

A title with the product and the deal, the summary (verdict counts, coverage,
risk, what the deal needs, the gate and its reasons, warnings), then one table
row per requirement in input order.

Requirement and catalogue text is untrusted and is made inert by :func:`escape`:
HTML is written as entities, Markdown punctuation that could start a link,
image, code span, emphasis, heading, quote or list is backslash-escaped, table
pipes are escaped, control characters are dropped and line breaks folded, and
an ``@`` or ``#`` before a name or number gets a zero-width space so an RFP
cannot ping a GitHub user or team, or link an issue, from a PR comment.
"""

from __future__ import annotations

import re

from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import capability_text, reason_text, with_needs
from dealcheck.report import VERDICTS, Report, RequirementResult
from dealcheck.safe_text import one_line

# Inline punctuation that can open a construct anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]|~!])")
# Punctuation that only matters at the start of a line (heading, quote, list, rule, table).
_LEADING = re.compile(r"^([#>+\-=:])")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
_MENTION = re.compile(r"([@#])(?=[\w-])")

_MARKS = {
    "unsupported": "\u26d4",  # no entry
    "unknown": "\u2753",  # question mark
    "roadmap": "\U0001f5fa\ufe0f",  # map
    "upgrade": "\u2b06\ufe0f",  # up arrow
    "partial": "\u25d1",  # half circle
    "supported": "\u2705",  # check mark
}


def escape(value: object) -> str:
    """``value`` as inert one-line Markdown text, safe in a paragraph or a table cell."""
    text = one_line("" if value is None else str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LEADING.sub(r"\\\1", text)
    text = _ORDERED.sub(r"\1\\\2", text)
    return _MENTION.sub("\\1\u200b", text)


def _verdict_cell(r: RequirementResult) -> str:
    text = f"{_MARKS[r.verdict]} {escape(with_needs(r.verdict, r))}"
    if r.fails_gate:
        text = f"**{text}**"
    if r.waiver is not None:
        text += f" (waived by {escape(r.waiver.approved_by)} until {escape(r.waiver.expires)})"
    elif r.at_risk:
        text += " (at risk)"
    return text


def _title(report: Report) -> list[str]:
    product = escape(report.catalog.product)
    if report.catalog.version:
        product += f" {escape(report.catalog.version)}"
    deal = report.deal
    name = deal.deal or deal.customer
    title = f"# dealcheck: {escape(name)} against {product}" if name else f"# dealcheck: {product}"
    lines = [title, ""]
    context = [
        f"**{label}:** {escape(value)}"
        for label, value in (
            ("Customer", deal.customer if deal.deal else None),
            ("Edition", deal.edition),
            ("Deployment", deal.deployment),
            ("Region", deal.region),
            ("Go-live", deal.go_live),
        )
        if value
    ]
    if deal.add_ons:
        context.append("**Add-ons quoted:** " + ", ".join(escape(a) for a in deal.add_ons))
    lines.append(" \u00b7 ".join(context) if context else "_No deal context given._")
    lines.append("")
    return lines


def _summary(report: Report) -> list[str]:
    s = report.summary
    gate = "\u2705 **PASS**" if s.gate == "pass" else "\u274c **FAIL**"
    if s.gate_reasons:
        gate += ": " + "; ".join(escape(x) for x in s.gate_reasons)
    risk = s.at_risk_by_priority
    needs = []
    if s.minimum_edition:
        needs.append(f"{escape(s.minimum_edition)} edition")
    needs.extend(f"{escape(a)} add-on" for a in s.add_ons)
    lines = [
        "## Summary",
        "",
        f"- **Gate:** {gate}",
        f"- **Coverage:** {s.coverage:.1%} supported ({s.verdicts.get('supported', 0)}"
        f" of {s.total} requirements)",
        f"- **At risk:** {s.at_risk} (must {risk.get('must', 0)}, should {risk.get('should', 0)},"
        f" may {risk.get('may', 0)})",
        f"- **The deal needs:** {', '.join(needs) if needs else 'nothing beyond the quote'}",
    ]
    if s.waived:
        lines.append(f"- **Waived:** {s.waived}")
    lines += ["", "| Verdict | Count |", "|---|---:|"]
    lines += [f"| {_MARKS[v]} {v} | {s.verdicts.get(v, 0)} |" for v in VERDICTS]
    lines.append("")
    if report.warnings:
        lines += ["### Warnings", ""]
        lines += [f"- \u26a0\ufe0f {escape(w)}" for w in report.warnings]
        lines.append("")
    return lines


def _table(report: Report) -> list[str]:
    lines = [
        "## Requirements",
        "",
        "Input order. **Bold** verdicts fail the gate.",
        "",
        "| ID | Priority | Verdict | Requirement | Capability | Reason |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.requirements:
        cells = [
            escape(r.id),
            r.priority,
            _verdict_cell(r),
            escape(r.text),
            escape(capability_text(r, names=False)) or "\u2014",
            escape(reason_text(r)) or "\u2014",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def render(report: Report, options: RenderOptions) -> str:
    lines = _title(report) + _summary(report) + _table(report)
    return "\n".join(lines)
