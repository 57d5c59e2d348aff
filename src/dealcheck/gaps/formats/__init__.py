"""Output formats of ``dealcheck gaps``: one module per format, each ``render(result, options)``.

They all render the same :class:`~dealcheck.gaps.themes.GapsResult`, and say
the same things about a theme through the helpers here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from dealcheck.safe_text import one_line

if TYPE_CHECKING:
    from dealcheck.gaps.themes import GapsResult, Theme

#: format name -> module under dealcheck.gaps.formats
FORMATS: dict[str, str] = {
    "table": "table",
    "json": "json_format",
    "markdown": "markdown",
    "csv": "csv_format",
    "html": "html",
}

#: JSON schema id of the gaps document
SCHEMA_ID = "dealcheck.gaps/1"


@dataclass
class GapsOptions:
    top: int | None = None  # themes shown by table, markdown and html (None: all)


class GapsFormat(Protocol):
    def render(self, result: GapsResult, options: GapsOptions) -> str: ...


def get_format(name: str) -> GapsFormat:
    return importlib.import_module(f"dealcheck.gaps.formats.{FORMATS[name]}")  # type: ignore[return-value]


def shown(result: GapsResult, options: GapsOptions) -> list[Theme]:
    return result.themes if options.top is None else result.themes[: options.top]


def amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def money(value: dict[str, float]) -> str:
    """``EUR 1,200,000; USD 300,000`` (an amount with no currency is shown bare)."""
    return "; ".join(f"{c} {amount(v)}" if c else amount(v) for c, v in value.items())


def capability_label(theme: Theme) -> str:
    """``SAML 2.0 single sign-on (sso-saml), roadmap, ETA 2027-Q2``, or ``no capability``."""
    cap = theme.capability
    if cap is None:
        return "no capability matches"
    label = f"{one_line(cap.name)} ({cap.id})" if cap.name else cap.id
    if cap.status:
        label += f", {cap.status}"
    if cap.eta:
        label += f", ETA {cap.eta}"
    return label


def verdict_mix(theme: Theme) -> str:
    return ", ".join(f"{n} {v}" for v, n in theme.verdicts.items())


def source_text(source: dict[str, object]) -> str:
    """``deal.yaml:14``, ``rfp.xlsx[Security]:12`` or ``rfp.pdf:p2:7``."""
    where = str(source.get("file", ""))
    if source.get("sheet") is not None:
        return f"{where}[{source['sheet']}]:{source.get('row')}"
    if source.get("page") is not None:
        return f"{where}:p{source['page']}:{source.get('line')}"
    if source.get("line") is not None:
        return f"{where}:{source['line']}"
    if source.get("row") is not None:
        return f"{where}:row {source['row']}"
    return where


def summary_line(result: GapsResult) -> str:
    c = result.collected
    return (
        f"{result.gaps:,} gap requirements of {c.requirements:,} in {c.reports:,} reports"
        f" ({len(c.deals):,} deals), in {len(result.themes):,} themes"
    )


def weights_text(result: GapsResult) -> str:
    w = result.weights
    text = ", ".join(f"{k} {w[k]:g}" for k in ("deal", "must", "should", "may"))
    text += f", value {w['value']:g} per million"
    if result.currency:
        text += f" {result.currency}"
    return text
