"""Output formats of ``dealcheck diff``: one module per format, each ``render(result) -> str``.

The helpers here say what every format says about a change, so a broken
promise reads the same in the terminal, a pull-request comment and SARIF.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from dealcheck.formats._cells import reason_text
from dealcheck.safe_text import one_line

if TYPE_CHECKING:
    from dealcheck.diff.deals import DealDiff
    from dealcheck.diff.result import DiffResult
    from dealcheck.report import RequirementResult

#: format name -> module under dealcheck.diff.formats
FORMATS: dict[str, str] = {
    "table": "table",
    "json": "json_format",
    "markdown": "markdown",
    "sarif": "sarif",
}


class DiffFormat(Protocol):
    def render(self, result: DiffResult) -> str: ...


def get_format(name: str) -> DiffFormat:
    return importlib.import_module(f"dealcheck.diff.formats.{FORMATS[name]}")  # type: ignore[return-value]


def deal_label(diff: DealDiff) -> str:
    """The deal's name (or customer), else the file it came from."""
    ctx = diff.deal.context
    return one_line(ctx.deal or ctx.customer or diff.deal.label)


def verdict_text(r: RequirementResult) -> str:
    return r.verdict + (" (at risk)" if r.at_risk and r.verdict == "roadmap" else "")


def why(r: RequirementResult) -> str:
    """The verdict's reason, with the capability it came from."""
    caps = ", ".join(c.id for c in r.capabilities)
    reason = reason_text(r)
    return f"{caps}: {reason}" if caps and reason else caps or reason or "-"


def summary_text(result: DiffResult) -> str:
    c = result.catalog
    parts = [
        f"{c.count('added')} added, {c.count('removed')} removed,"
        f" {c.count('changed')} changed capabilities"
    ]
    if c.catalog:
        parts.append(f"{len(c.catalog)} catalogue-wide changes")
    if result.deals:
        requirements = sum(d.requirements for d in result.deals)
        parts.append(
            f"{len(result.deals)} deals ({requirements} requirements) re-checked:"
            f" {result.broken} broken promises, {result.wins} new wins"
        )
    else:
        parts.append("no deals given")
    return "; ".join(parts)
