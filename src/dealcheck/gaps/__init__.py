"""``dealcheck gaps``: what customers ask for that the product lacks, across many deals.

Reads saved JSON reports (:mod:`.reports`, streamed: only the gaps are kept),
groups the gap requirements into themes and ranks them by weighted demand
(:mod:`.themes`, :mod:`.similarity`), and renders them (:mod:`.formats`).
"""

from __future__ import annotations

import sys
from typing import Any

from dealcheck.errors import InputError


def _catalog_capabilities(path: str) -> dict[str, Any]:
    from dealcheck.catalog.loader import load_catalog
    from dealcheck.gaps.reports import CapabilityInfo

    catalog = load_catalog(path).catalog
    return {
        c.id: CapabilityInfo(c.id, c.name, c.status, c.eta if c.status == "roadmap" else None)
        for c in catalog.capabilities
    }


def main(
    paths: list[str],
    *,
    fmt: str = "table",
    output: str | None = None,
    top: int = 20,
    weights: tuple[str, ...] = (),
    similarity: float | None = None,
    grouping: str = "semantic",
    currency: str | None = None,
    catalog_path: str | None = None,
    console: Any = None,
) -> int:
    from dealcheck.gaps.formats import GapsOptions, get_format
    from dealcheck.gaps.reports import collect
    from dealcheck.gaps.similarity import DEFAULT_SIMILARITY
    from dealcheck.gaps.themes import build_themes, parse_weights

    if paths.count("-") > 1:
        raise InputError("standard input (-) can be read only once")
    parsed_weights = parse_weights(weights)
    if currency is not None and not (len(currency.strip()) == 3 and currency.strip().isalpha()):
        raise InputError(f"--currency: '{currency}' is not a three-letter code", hint="e.g. EUR")
    capabilities = _catalog_capabilities(catalog_path) if catalog_path else None
    collected = collect(paths)
    result = build_themes(
        collected,
        weights=parsed_weights,
        similarity=DEFAULT_SIMILARITY if similarity is None else similarity,
        semantic=grouping == "semantic",
        currency=currency,
        catalog_capabilities=capabilities,
    )
    options = GapsOptions(top=None if top == 0 or fmt in ("json", "csv") else top)
    if fmt == "table" and not output and console is not None:
        from dealcheck.gaps.formats.table import print_result

        print_result(result, options, console)
    else:
        text = get_format(fmt).render(result, options)
        if output:
            from dealcheck.output import write_atomic

            write_atomic(output, text.encode("utf-8"))
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    from dealcheck.safe_text import visible

    for warning in result.warnings:
        print(f"dealcheck: warning: {visible(warning)}", file=sys.stderr)
    return 0
