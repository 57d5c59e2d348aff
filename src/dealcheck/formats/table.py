"""The terminal report: header, a table most severe first, and the summary.

Requirement and catalogue text is untrusted: it is cleaned of control
characters and always handed to rich as :class:`rich.text.Text`, never as
markup. Verdicts are shown as a word (with colour when the terminal has it),
never as colour alone.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealcheck.formats import RenderOptions
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


def build(report: Report, options: RenderOptions, with_warnings: bool = True) -> list[object]:
    """The renderables, in order (shared by the terminal and --output).

    ``with_warnings=False`` leaves the warnings out: on a terminal they go to stderr,
    once, like every other format's."""
    parts: list[object] = []
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
    parts.append(header)

    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=True, pad_edge=False)
    table.add_column("ID", no_wrap=True, overflow="fold")
    table.add_column("Pri", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Requirement", ratio=3, min_width=16, overflow="fold")
    table.add_column("Capability", ratio=1, min_width=14, overflow="fold")
    table.add_column("Reason", ratio=3, min_width=16, overflow="fold")
    order = sorted(
        range(len(report.requirements)),
        key=lambda i: (-SEVERITY[report.requirements[i].verdict], i),
    )
    for i in order:
        r = report.requirements[i]
        verdict = Text(r.verdict.upper() if r.fails_gate else r.verdict, style=STYLES[r.verdict])
        if r.waiver is not None:
            verdict.append(" (waived)", style="dim")
        elif r.at_risk:
            verdict.append(" !", style="bold red")
        caps = ", ".join(c.id for c in r.capabilities) or "-"
        table.add_row(_t(r.id), _t(r.priority), verdict, _t(r.text), _t(caps), _t(_reason(r)))
        if options.verbose and r.candidates:
            detail = "; ".join(
                f"{c.id} {c.score:.2f} ({', '.join(c.signals[:2])})" for c in r.candidates
            )
            table.add_row(
                "",
                "",
                "",
                _t(f"candidates: {detail}", "dim"),
                "",
                _t(f"confidence {r.confidence:.2f}", "dim"),
            )
    parts.append(table)

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
    parts.append(summary)
    return parts


def print_report(
    report: Report, options: RenderOptions, console: Console, with_warnings: bool = True
) -> None:
    for part in build(report, options, with_warnings):
        console.print(part)


def render(report: Report, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width or 140,
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    print_report(report, options, console)
    return buffer.getvalue()
