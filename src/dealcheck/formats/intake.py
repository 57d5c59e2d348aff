"""``dealcheck read``: the requirements exactly as read, as a terminal table or JSON.

What a reader saw but did not take as a requirement (instructions to bidders,
for example) is listed after the table with the reason, so an intake can be
checked before any verdict. The table is laid out like the check report's
(:mod:`dealcheck.formats._layout`): at 120 columns or more one column each
for section, source and quantities; below that, on a line under the text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from dealcheck.formats._layout import Column, fit, header_lines, rows_to_lines, write
from dealcheck.requirements import DealContext, Requirement
from dealcheck.safe_text import one_line
from dealcheck.sources import Skipped

WIDE = 120

READ_WIDE: tuple[Column, ...] = (
    Column("ID", fixed=True, cap=18),
    Column("Pri", fixed=True),
    Column("Section", ratio=1, min_width=10),
    Column("Source", fixed=True, cap=44),
    Column("Requirement", ratio=3, min_width=20),
    Column("Quantities", ratio=1, min_width=10),
)
READ_NARROW: tuple[Column, ...] = (
    Column("ID", fixed=True, cap=18),
    Column("Pri", fixed=True),
    Column("Requirement / section \u00b7 source \u00b7 quantities", min_width=16),
)


def _quantities(r: Requirement) -> str:
    text = "; ".join(
        f"{q.text} ({q.dimension}{', ' + q.bound if q.bound else ''})" for q in r.quantities
    )
    if r.deadline:
        text = "; ".join(x for x in (text, f"by {r.deadline.isoformat()}") if x)
    return one_line(text)


def _priority(r: Requirement) -> str:
    if r.priority_note:
        return r.priority + "?"
    return r.priority + ("" if r.priority_explicit else "*")


def print_intake(
    requirements: Sequence[Requirement],
    skipped: Sequence[Skipped],
    files: int,
    console: Console,
) -> None:
    width = console.width
    wide_rows = [
        (
            [
                one_line(r.id),
                _priority(r),
                one_line(r.section or ""),
                one_line(str(r.source)),
                one_line(r.text),
                _quantities(r),
            ],
            [""] * 6,
        )
        for r in requirements
    ]
    widths = fit(READ_WIDE, [cells for cells, _ in wide_rows], width) if width >= WIDE else None
    if widths is not None:
        columns, rows = READ_WIDE, wide_rows
    else:
        columns = READ_NARROW
        rows = []
        for r in requirements:
            where = " \u00b7 ".join(
                x for x in (one_line(r.section or ""), one_line(str(r.source)), _quantities(r)) if x
            )
            rows.append(([one_line(r.id), _priority(r), f"{one_line(r.text)}\n{where}"], [""] * 3))
        widths = fit(READ_NARROW, [cells for cells, _ in rows], width) or [max(4, width // 3)] * 3
    console.print()
    write(console, header_lines(columns, widths))
    write(console, rows_to_lines(widths, rows))
    console.print()
    console.print(
        Text(
            f"{len(requirements)} requirements from {files} file(s)"
            "   (* priority from the text's wording, its heading or the default, not stated"
            " explicitly)"
        )
    )
    unread = [r for r in requirements if r.priority_note]
    if unread:
        console.print(Text("? the priority given is not one dealcheck can read:", style="bold"))
        for r in unread:
            console.print(
                Text(f"  {one_line(r.id)}: {one_line(r.priority_note or '')}: read as {r.priority}")
            )
    if skipped:
        console.print()
        console.print(Text(f"Not read as requirements ({len(skipped)}):", style="bold"))
        for item in skipped:
            console.print(Text(f"  {one_line(str(item.source))}: {item.reason}", style="dim"))
            console.print(Text(f"    {one_line(item.text)}"))
        console.print(Text("(--all-sentences reads them as requirements too)", style="dim"))


def intake_json(
    requirements: Sequence[Requirement], skipped: Sequence[Skipped], context: DealContext
) -> str:
    data = {
        "deal": {
            "deal": context.deal,
            "customer": context.customer,
            "edition": context.edition,
            "deployment": context.deployment,
            "region": context.region,
            "add_ons": context.add_ons,
            "go_live": context.go_live.isoformat() if context.go_live else None,
            "value": context.value,
            "currency": context.currency,
        },
        "requirements": [r.as_dict() for r in requirements],
        "skipped": [s.as_dict() for s in skipped],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
