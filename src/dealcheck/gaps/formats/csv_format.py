"""``--format csv``: one row per gap requirement, with its theme, for spreadsheets and pivots.

Every gap requirement is one row (nothing lost), themes in rank order and
requirements in the order read. Every cell is neutralised against formula
injection (:func:`dealcheck.formats._cells.cell_text`).
"""

from __future__ import annotations

import csv
import io

from dealcheck.formats._cells import cell_text
from dealcheck.gaps.formats import GapsOptions, money, source_text
from dealcheck.gaps.themes import GapsResult

HEADERS = (
    "Rank",
    "Theme",
    "Theme key",
    "Capability",
    "Status",
    "ETA",
    "Score",
    "Theme deals",
    "Theme requirements",
    "Theme must",
    "Theme value",
    "Deal",
    "Customer",
    "Report",
    "ID",
    "Priority",
    "Verdict",
    "Requirement",
    "Source",
)


def render(result: GapsResult, options: GapsOptions) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    deals = result.collected.deals
    for t in result.themes:
        cap = t.capability
        theme_cells = [
            str(t.rank),
            cell_text(t.representative),
            cell_text(t.key),
            cell_text(cap.id if cap else ""),
            cell_text(cap.status if cap else ""),
            cell_text(cap.eta if cap else ""),
            f"{t.score:g}",
            str(len(t.deals)),
            str(len(t.requirements)),
            str(t.must),
            cell_text(money(t.value)),
        ]
        for g in t.requirements:
            deal = deals[g.deal]
            writer.writerow(
                [
                    *theme_cells,
                    cell_text(deal.name),
                    cell_text(deal.customer),
                    cell_text(g.report),
                    cell_text(g.id),
                    g.priority,
                    g.verdict,
                    cell_text(g.text, multiline=True),
                    cell_text(source_text(g.source)),
                ]
            )
    return buffer.getvalue()
