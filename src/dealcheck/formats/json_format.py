"""``--format json``: the report exactly as docs/report.md fixes it."""

from __future__ import annotations

from dealcheck.formats import RenderOptions
from dealcheck.report import Report


def render(report: Report, options: RenderOptions) -> str:
    return report.to_json()
