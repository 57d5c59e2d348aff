"""The terminal view of ``dealcheck diff``: the catalogue change, then broken promises and wins.

Catalogue and requirement text is untrusted: it reaches rich only as
:class:`rich.text.Text`, cleaned of control characters, never as markup.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealcheck.diff.formats import deal_label, summary_text, verdict_text, why
from dealcheck.diff.result import DiffResult
from dealcheck.formats.table import file_console
from dealcheck.safe_text import one_line

EFFECT_STYLES = {"worse": "red", "better": "green", "mixed": "yellow", "neutral": "dim"}


def _t(value: object, style: str = "") -> Text:
    return Text(one_line(str(value)) if value is not None else "", style=style)


def _catalog_table(result: DiffResult) -> Table | None:
    c = result.catalog
    if not c.capabilities and not c.catalog:
        return None
    table = Table(title="Catalogue changes", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Change", no_wrap=True)
    table.add_column("Capability", ratio=1, overflow="fold")
    table.add_column("What changed", ratio=3, overflow="fold")
    table.add_column("Effect", no_wrap=True)
    for f in c.catalog:
        table.add_row(
            _t("catalogue"), _t(f.field), _t(f.text), _t(f.effect, EFFECT_STYLES[f.effect])
        )
    for cap in c.capabilities:
        name = f"{cap.id} ({one_line(cap.name)})"
        table.add_row(
            _t(cap.change),
            _t(name),
            _t(cap.text),
            _t(cap.effect, EFFECT_STYLES[cap.effect]),
        )
    return table


def _changes_table(result: DiffResult, kind: str) -> Table | None:
    rows = result.changes(kind)
    problems = [d for d in result.deals if d.problem_kind == kind]
    if not rows and not problems:
        return None
    title = "Broken promises" if kind == "broken" else "New wins"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Deal", ratio=1, overflow="fold")
    table.add_column("ID", no_wrap=True)
    table.add_column("Pri", no_wrap=True)
    table.add_column("Requirement", ratio=2, overflow="fold")
    table.add_column("Was", no_wrap=True)
    table.add_column("Now", no_wrap=True)
    table.add_column("Why, before", ratio=2, overflow="fold")
    table.add_column("Why, now", ratio=2, overflow="fold")
    style = "bold red" if kind == "broken" else "green"
    for deal in problems:
        table.add_row(_t(deal_label(deal)), "", "", _t(deal.problem), "", "", "", "")
    for deal, change in rows:
        table.add_row(
            _t(deal_label(deal)),
            _t(change.new.id),
            _t(change.new.priority),
            _t(change.new.text),
            _t(verdict_text(change.old)),
            _t(verdict_text(change.new), style),
            _t(why(change.old)),
            _t(why(change.new)),
        )
    return table


def build(result: DiffResult) -> list[object]:
    c = result.catalog
    header = Text()
    header.append("dealcheck diff ", style="bold")
    header.append(one_line(f"{c.old_source} \u2192 {c.new_source}"))
    old_v = f"{c.old.product} {c.old.version or ''}".strip()
    new_v = f"{c.new.product} {c.new.version or ''}".strip()
    header.append("  ")
    header.append(one_line(f"({old_v} \u2192 {new_v})"), style="dim")
    parts: list[object] = [header]
    for table in (
        _catalog_table(result),
        _changes_table(result, "broken"),
        _changes_table(result, "win"),
    ):
        if table is not None:
            parts.append(table)
    if not c.capabilities and not c.catalog:
        parts.append(Text("The catalogues describe the same capabilities."))
    footer = Text(summary_text(result))
    footer.append("\nresult: ")
    if result.broken:
        footer.append(f"{result.broken} PROMISE(S) BROKEN", style="bold red")
    else:
        footer.append("no promise breaks", style="bold green")
    parts.append(footer)
    return parts


def print_result(result: DiffResult, console: Console) -> None:
    for part in build(result):
        console.print(part)


def render(result: DiffResult) -> str:
    buffer = io.StringIO()
    console = file_console(buffer)
    print_result(result, console)
    return buffer.getvalue()
