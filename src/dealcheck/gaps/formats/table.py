"""The terminal view of ``dealcheck gaps``: the top themes, most demanded first.

Requirement and catalogue text is untrusted: it reaches rich only as
:class:`rich.text.Text`, cleaned of control characters, never as markup.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealcheck.formats.table import file_console
from dealcheck.gaps.formats import (
    GapsOptions,
    capability_label,
    money,
    shown,
    summary_line,
    verdict_mix,
    weights_text,
)
from dealcheck.gaps.themes import GapsResult
from dealcheck.safe_text import one_line


def _t(value: object, style: str = "") -> Text:
    return Text(one_line(str(value)) if value is not None else "", style=style)


def build(result: GapsResult, options: GapsOptions) -> list[object]:
    themes = shown(result, options)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Theme (how customers ask)", ratio=4, overflow="fold")
    table.add_column("Capability", ratio=2, overflow="fold")
    table.add_column("Deals", justify="right", no_wrap=True)
    table.add_column("Reqs", justify="right", no_wrap=True)
    table.add_column("Must", justify="right", no_wrap=True)
    table.add_column("Customers", ratio=2, overflow="fold")
    table.add_column("Value", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    for theme in themes:
        wording = _t(theme.representative, "bold")
        for example in theme.examples:
            wording.append("\n")
            wording.append_text(_t(f"also: {example}", "dim"))
        capability = _t(capability_label(theme))
        capability.append("\n")
        capability.append_text(_t(verdict_mix(theme), "dim"))
        table.add_row(
            _t(theme.rank),
            wording,
            capability,
            _t(len(theme.deals)),
            _t(len(theme.requirements)),
            _t(theme.must),
            _t(", ".join(theme.customers) or "-"),
            Text("\n".join(one_line(part) for part in money(theme.value).split("; ")) or "-"),
            _t(f"{theme.score:g}"),
        )
    footer = Text(summary_line(result))
    footer.append(f"\nranked by weighted demand: {weights_text(result)}")
    grouping = (
        f"semantic (similarity {result.similarity:g})"
        if result.grouping == "semantic"
        else "same content words only"
    )
    footer.append(f"\nunmatched asks grouped by: {grouping}")
    hidden = len(result.themes) - len(themes)
    if hidden:
        footer.append(
            f"\n{hidden:,} more themes: --top 0 shows them all; --format json lists every"
            " requirement",
            style="dim",
        )
    return [table, footer]


def print_result(result: GapsResult, options: GapsOptions, console: Console) -> None:
    for part in build(result, options):
        console.print(part)


def render(result: GapsResult, options: GapsOptions) -> str:
    buffer = io.StringIO()
    console = file_console(buffer)
    print_result(result, options, console)
    return buffer.getvalue()
