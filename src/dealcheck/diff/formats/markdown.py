"""``--format markdown``: the diff as a pull-request comment.

The result first (promises broken or not), then the catalogue change, then
the broken promises and the new wins with both reasons side by side. Text is
made inert with :func:`dealcheck.formats.markdown.escape` (no links, mentions
or HTML from a catalogue or an RFP).
"""

from __future__ import annotations

from dealcheck.diff.formats import deal_label, summary_text, verdict_text, why
from dealcheck.diff.result import DiffResult
from dealcheck.formats.markdown import escape

EFFECT_MARKS = {
    "worse": "\U0001f53b worse",  # red triangle down
    "better": "\U0001f7e2 better",  # green circle
    "mixed": "\U0001f7e1 mixed",  # yellow circle
    "neutral": "\u2014",
}


def _catalog(result: DiffResult) -> list[str]:
    c = result.catalog
    if not c.capabilities and not c.catalog:
        return ["The two catalogues describe the same capabilities.", ""]
    lines = [
        "## Catalogue changes",
        "",
        "| Change | Capability | What changed | Effect |",
        "|---|---|---|---|",
    ]
    for f in c.catalog:
        lines.append(
            f"| catalogue | {escape(f.field)} | {escape(f.text)} | {EFFECT_MARKS[f.effect]} |"
        )
    for cap in c.capabilities:
        lines.append(
            f"| {cap.change} | `{escape(cap.id)}` {escape(cap.name)} | {escape(cap.text)}"
            f" | {EFFECT_MARKS[cap.effect]} |"
        )
    lines.append("")
    return lines


def _changes(result: DiffResult, kind: str) -> list[str]:
    rows = result.changes(kind)
    problems = [d for d in result.deals if d.problem_kind == kind]
    if not rows and not problems:
        return []
    title = "Broken promises" if kind == "broken" else "New wins"
    lines = [f"## {title}", ""]
    lines += [f"- **{escape(deal_label(d))}**: {escape(d.problem)}" for d in problems]
    if problems:
        lines.append("")
    if rows:
        lines += [
            "| Deal | ID | Priority | Requirement | Was | Now | Why, before | Why, now |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for deal, change in rows:
            now = escape(verdict_text(change.new))
            cells = [
                escape(deal_label(deal)),
                escape(change.new.id),
                change.new.priority,
                escape(change.new.text),
                escape(verdict_text(change.old)),
                f"**{now}**" if kind == "broken" else now,
                escape(why(change.old)),
                escape(why(change.new)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def render(result: DiffResult) -> str:
    c = result.catalog
    head = (
        f"\u274c **{result.broken} promise(s) broken**"
        if result.broken
        else "\u2705 **No promise breaks**"
    )
    lines = [
        f"# dealcheck diff: {escape(c.old_source)} \u2192 {escape(c.new_source)}",
        "",
        f"{head} \u00b7 {escape(summary_text(result))}",
        "",
        *_catalog(result),
        *_changes(result, "broken"),
        *_changes(result, "win"),
    ]
    return "\n".join(lines)
