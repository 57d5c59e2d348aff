"""The terminal report: header, a table most severe first, and the summary.

Requirement and catalogue text is untrusted: it is cleaned of control
characters and handed to rich only as :class:`rich.text.Text`, never as
markup. Verdicts are shown as a word (with colour when the terminal has it),
never as colour alone. The table is laid out by :mod:`dealcheck.formats._layout`:
ids and capability ids whole, text wrapped at word boundaries, at 100 columns
or more one column each for the capability and the reason, below that both on
a line under the requirement; rows are written as they come, so a report of
any size prints in time linear in its rows.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.console import Console
from rich.text import Text

from dealcheck.formats import RenderOptions
from dealcheck.formats._layout import (
    Column,
    fit,
    header_lines,
    rows_to_lines,
    write,
    write_chunks,
)
from dealcheck.report import SEVERITY, VERDICTS, Report, RequirementResult
from dealcheck.safe_text import one_line

STYLES = {
    "unsupported": "bold red",
    "unknown": "bold magenta",
    "roadmap": "yellow",
    "upgrade": "cyan",
    "partial": "blue",
    "supported": "green",
}


def _t(value: object, style: str = "") -> Text:
    return Text(one_line(str(value)) if value is not None else "", style=style)


def _reason(r: RequirementResult) -> str:
    parts: list[str] = []
    several = len(r.capabilities) > 1
    for c in r.capabilities:
        if c.verdict != "supported" or not several:
            reasons = [x for x in c.reasons if not x.startswith("offered in ")][:3]
            parts.extend(f"{c.id}: {x}" if several else x for x in reasons)
    if not parts:
        parts = [x for x in r.reasons if not x.startswith("matched ")][:2] or r.reasons[:1]
    text = "; ".join(parts)
    if r.waiver is not None:
        waiver = r.waiver
        text = f"WAIVED by {waiver.approved_by} until {waiver.expires}: {waiver.reason}. {text}"
    return text


#: Below this many columns the capability and reason go on lines under the requirement.
WIDE = 100

CHECK_WIDE: tuple[Column, ...] = (
    Column("ID", fixed=True, cap=18),
    Column("Pri", fixed=True),
    Column("Verdict", fixed=True),
    Column("Requirement", ratio=1, min_width=16),
    Column("Capability", fixed=True, cap=32),
    Column("Reason", ratio=1, min_width=16),
)
CHECK_NARROW: tuple[Column, ...] = (
    Column("ID", fixed=True, cap=18),
    Column("Pri", fixed=True),
    Column("Verdict", fixed=True),
    Column("Requirement / capability: reason", min_width=16),
)


def _verdict_label(r: RequirementResult) -> str:
    label = r.verdict.upper() if r.fails_gate else r.verdict
    if r.waiver is not None:
        return label + " (waived)"
    return label + " !" if r.at_risk else label


def _rows(report: Report, options: RenderOptions, wide: bool) -> list[tuple[list[str], list[str]]]:
    """Cells and styles of each row, most severe first, then in input order."""
    order = sorted(
        range(len(report.requirements)),
        key=lambda i: (-SEVERITY[report.requirements[i].verdict], i),
    )
    rows = []
    for i in order:
        r = report.requirements[i]
        caps = "\n".join(one_line(c.id) for c in r.capabilities) or "-"
        reviewed = r.answer is not None and r.answer.source == "reviewed"
        if reviewed:
            caps += " (reviewed)"  # a person's answer (the answer library or a deal file's pin)
        reason = one_line(_reason(r))
        style = STYLES[r.verdict]
        if wide:
            cells = [one_line(r.id), r.priority, _verdict_label(r), one_line(r.text), caps, reason]
            if options.verbose and r.candidates:
                cells[3] += "\ncandidates: " + one_line(_candidates(r))
                cells[5] += f"\nconfidence {r.confidence:.2f}"
            rows.append((cells, ["", "", style, "", "", ""]))
        else:
            said = ": ".join(
                x
                for x in (caps.replace("\n", ", ") if r.capabilities or reviewed else "", reason)
                if x
            )
            detail = one_line(r.text) + (f"\n\u2192 {said}" if said else "")
            if options.verbose and r.candidates:
                detail += f"\ncandidates: {one_line(_candidates(r))}"
                detail += f"; confidence {r.confidence:.2f}"
            rows.append(
                ([one_line(r.id), r.priority, _verdict_label(r), detail], ["", "", style, ""])
            )
    return rows


def _candidates(r: RequirementResult) -> str:
    return "; ".join(f"{c.id} {c.score:.2f} ({', '.join(c.signals[:2])})" for c in r.candidates)


def _header(report: Report) -> Text:
    header = Text()
    header.append(one_line(report.catalog.product), style="bold")
    if report.catalog.version:
        header.append(f" {one_line(report.catalog.version)}")
    deal = report.deal
    context = [
        f"{label}: {one_line(str(value))}"
        for label, value in (
            ("deal", deal.deal),
            ("customer", deal.customer),
            ("edition", deal.edition),
            ("deployment", deal.deployment),
            ("region", deal.region),
            ("go-live", deal.go_live),
        )
        if value
    ]
    if deal.add_ons:
        context.append("add-ons: " + ", ".join(one_line(a) for a in deal.add_ons))
    header.append("  |  " + ("  ".join(context) if context else "no deal context given"))
    return header


def _summary(report: Report, with_warnings: bool) -> Text:
    s = report.summary
    summary = Text()
    counts = Text()
    for v in VERDICTS:
        if counts:
            counts.append("  ")
        counts.append(
            f"{v} {s.verdicts.get(v, 0)}", style=STYLES[v] if s.verdicts.get(v) else "dim"
        )
    summary.append(f"{s.total} requirements: ")
    summary.append_text(counts)
    summary.append(f"\ncoverage {s.coverage:.1%} supported")
    risk = s.at_risk_by_priority
    summary.append(
        f"   at risk: {s.at_risk} (must {risk.get('must', 0)}, should {risk.get('should', 0)},"
        f" may {risk.get('may', 0)})"
    )
    if s.waived:
        summary.append(f"   waived: {s.waived}")
    if report.deal.edition is None:
        summary.append("\nno edition quoted: answers name the edition they need")
    if s.minimum_edition or s.add_ons:
        summary.append("\nthe deal needs: ")
        needs = []
        if s.minimum_edition:
            needs.append(f"{one_line(s.minimum_edition)} edition")
        needs.extend(f"{one_line(a)} add-on" for a in s.add_ons)
        summary.append(", ".join(needs))
    summary.append("\ngate: ")
    summary.append(s.gate.upper(), style="bold green" if s.gate == "pass" else "bold red")
    if s.gate_reasons:
        summary.append(" (" + "; ".join(s.gate_reasons) + ")")
    for w in report.warnings if with_warnings else ():
        summary.append(f"\nwarning: {one_line(w)}", style="yellow")
    return summary


def print_report(
    report: Report, options: RenderOptions, console: Console, with_warnings: bool = True
) -> None:
    """The report on ``console``: header, the table (most severe first), the summary.

    ``with_warnings=False`` leaves the warnings out: on a terminal they go to stderr,
    once, like every other format's."""
    for _ in _steps(report, options, console, with_warnings):
        pass


def _steps(
    report: Report, options: RenderOptions, console: Console, with_warnings: bool = True
) -> Iterator[None]:
    """:func:`print_report`, yielding after each chunk of rows it has written."""
    width = options.width or console.width
    console.print(_header(report), crop=False)
    layout: tuple[tuple[Column, ...], list[int], list[tuple[list[str], list[str]]]] | None = None
    if width >= WIDE:
        rows = _rows(report, options, wide=True)
        widths = fit(CHECK_WIDE, [cells for cells, _ in rows], width)
        if widths is not None:
            layout = (CHECK_WIDE, widths, rows)
    if layout is None:
        rows = _rows(report, options, wide=False)
        widths = fit(CHECK_NARROW, [cells for cells, _ in rows], width) or [
            max(4, width // 4)
        ] * len(CHECK_NARROW)
        layout = (CHECK_NARROW, widths, rows)
    columns, widths, rows = layout
    console.print()
    write(console, header_lines(columns, widths))
    yield from write_chunks(console, rows_to_lines(widths, rows))
    console.print()
    console.print(_summary(report, with_warnings))
    yield


def _file_console(buffer: io.StringIO, options: RenderOptions) -> Console:
    return file_console(buffer, options.width or 140)


def file_console(buffer: io.StringIO, width: int = 140) -> Console:
    """A console writing plain text to ``buffer``: no colour, markup or emoji, so every
    table report (check, gaps, diff) writes the same bytes to a file or a pipe."""
    return Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def render(report: Report, options: RenderOptions) -> str:
    return "".join(stream(report, options))


def stream(report: Report, options: RenderOptions) -> Iterator[str]:
    """:func:`render` in pieces, a chunk of rows at a time (a large report is never held
    whole as text)."""
    buffer = io.StringIO()
    console = _file_console(buffer, options)
    for _ in _steps(report, options, console):
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
