"""Output formats: one module per format, each with ``render(report, options) -> str | bytes``.

Every format renders the same :class:`~dealcheck.report.Report`, so they
cannot drift apart. Modules are imported only when their format is asked for.
A text format may also offer ``stream(report, options) -> Iterator[str]``: the
same text in pieces, written as they come (:func:`chunks` picks it when present).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from dealcheck.report import Report
    from dealcheck.requirements import Requirement

#: format name -> module under dealcheck.formats
FORMATS: dict[str, str] = {
    "table": "table",
    "json": "json_format",
    "markdown": "markdown",
    "html": "html",
    "sarif": "sarif",
    "junit": "junit",
    "csv": "csv_format",
    "xlsx": "xlsx_format",
}

#: formats whose output is binary: they need --output
BINARY = frozenset({"xlsx"})


@dataclass
class RenderOptions:
    color: bool = False
    width: int | None = None
    verbose: bool = False
    inputs: list[str] = field(default_factory=list)  # the requirement files read
    requirements: list[Requirement] = field(default_factory=list)  # as read, same order
    extra: dict[str, Any] = field(default_factory=dict)


class Format(Protocol):
    def render(self, report: Report, options: RenderOptions) -> str | bytes: ...


def get_format(name: str) -> Format:
    module = importlib.import_module(f"dealcheck.formats.{FORMATS[name]}")
    return module  # type: ignore[return-value]


def chunks(name: str, report: Report, options: RenderOptions) -> Iterable[str | bytes]:
    """The format's output in pieces: its ``stream`` when it has one, else one piece."""
    module = get_format(name)
    stream = getattr(module, "stream", None)
    if stream is not None:
        return stream(report, options)  # type: ignore[no-any-return]
    return [module.render(report, options)]


def render(name: str, report: Report, options: RenderOptions | None = None) -> str | bytes:
    return get_format(name).render(report, options or RenderOptions())
