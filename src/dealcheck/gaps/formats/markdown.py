"""``--format markdown``: the themes as GitHub-flavoured Markdown, for a ticket or a roadmap doc.

A summary, a table of the top themes, then each theme's requirements in a
collapsed ``<details>`` block. Every piece of report text goes through
:func:`dealcheck.formats.markdown.escape` (inert: no links, mentions, HTML).
"""

from __future__ import annotations

from dealcheck.formats.markdown import escape
from dealcheck.gaps.formats import (
    GapsOptions,
    capability_label,
    money,
    shown,
    source_text,
    summary_line,
    verdict_mix,
    weights_text,
)
from dealcheck.gaps.themes import GapsResult, Theme


def _theme_cell(theme: Theme) -> str:
    text = f"**{escape(theme.representative)}**"
    if theme.examples:
        text += "<br>also: " + "; ".join(f"_{escape(e)}_" for e in theme.examples)
    return text


def _details(theme: Theme, result: GapsResult) -> list[str]:
    deals = result.collected.deals
    lines = [
        "<details>",
        f"<summary>{theme.rank}. {escape(theme.representative)}"
        f" ({len(theme.requirements)} requirements)</summary>",
        "",
        "| Deal | ID | Priority | Verdict | Requirement | Source |",
        "|---|---|---|---|---|---|",
    ]
    for g in theme.requirements:
        cells = [
            escape(deals[g.deal].label),
            escape(g.id),
            g.priority,
            g.verdict + (" (waived)" if g.waived else ""),
            escape(g.text),
            escape(source_text(g.source)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "</details>", ""]
    return lines


def render(result: GapsResult, options: GapsOptions) -> str:
    themes = shown(result, options)
    lines = [
        "# dealcheck gaps: what customers ask for that the product lacks",
        "",
        f"{summary_line(result)}. Ranked by weighted demand ({weights_text(result)}).",
        "",
    ]
    if result.warnings:
        lines += [f"- \u26a0\ufe0f {escape(w)}" for w in result.warnings] + [""]
    lines += [
        "| # | Theme | Capability | Deals | Reqs | Must | Customers | Value | Score |",
        "|---:|---|---|---:|---:|---:|---|---|---:|",
    ]
    for t in themes:
        cells = [
            str(t.rank),
            _theme_cell(t),
            escape(capability_label(t)) + f"<br>{escape(verdict_mix(t))}",
            str(len(t.deals)),
            str(len(t.requirements)),
            str(t.must),
            escape(", ".join(t.customers)) or "\u2014",
            escape(money(t.value)) or "\u2014",
            f"{t.score:g}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    hidden = len(result.themes) - len(themes)
    if hidden:
        lines += ["", f"_{hidden:,} more themes: `--top 0` shows them all._"]
    lines += ["", "## Requirements per theme", ""]
    for t in themes:
        lines += _details(t, result)
    return "\n".join(lines)
