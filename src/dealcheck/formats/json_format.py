"""``--format json``: the report exactly as docs/report.md fixes it."""

from __future__ import annotations

from collections.abc import Iterator

from dealcheck.formats import RenderOptions
from dealcheck.report import Report


def render(report: Report, options: RenderOptions) -> str:
    return report.to_json()


def stream(report: Report, options: RenderOptions) -> Iterator[str]:
    """:func:`render` in pieces, so a large report is never held twice in memory."""
    return report.iter_json()
