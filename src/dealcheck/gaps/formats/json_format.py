"""``--format json``: every theme with every gap requirement in it (``dealcheck.gaps/1``).

Key order is fixed and nothing depends on the clock, so the same reports give
byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from dealcheck.gaps.formats import SCHEMA_ID, GapsOptions
from dealcheck.gaps.themes import GapsResult, Theme


def _theme(theme: Theme, result: GapsResult) -> dict[str, Any]:
    deals = result.collected.deals
    cap = theme.capability
    return {
        "rank": theme.rank,
        "key": theme.key,
        "kind": theme.kind,
        "representative": theme.representative,
        "examples": theme.examples,
        "capability": (
            {"id": cap.id, "name": cap.name, "status": cap.status, "eta": cap.eta}
            if cap is not None
            else None
        ),
        "score": theme.score,
        "counts": {
            "deals": len(theme.deals),
            "requirements": len(theme.requirements),
            **theme.priorities,
        },
        "verdicts": theme.verdicts,
        "customers": theme.customers,
        "deal_names": [deals[d].label for d in theme.deals],
        "value": [{"currency": c or None, "amount": v} for c, v in theme.value.items()],
        "requirements": [
            {
                "deal": deals[g.deal].name,
                "customer": deals[g.deal].customer,
                "report": g.report,
                "id": g.id,
                "source": g.source,
                "text": g.text,
                "priority": g.priority,
                "verdict": g.verdict,
                "at_risk": g.at_risk,
                "section": g.section,
                "waived": g.waived,
            }
            for g in theme.requirements
        ],
    }


def document(result: GapsResult) -> dict[str, Any]:
    c = result.collected
    return {
        "schema": SCHEMA_ID,
        "summary": {
            "reports": c.reports,
            "deals": len(c.deals),
            "requirements": c.requirements,
            "gaps": result.gaps,
            "themes": len(result.themes),
            "grouping": result.grouping,
            "similarity": result.similarity,
            "weights": result.weights,
            "ranking_currency": result.currency,
        },
        "themes": [_theme(t, result) for t in result.themes],
        "deals": [
            {
                "deal": d.name,
                "customer": d.customer,
                "value": d.value,
                "currency": d.currency,
                "reports": d.reports,
            }
            for d in c.deals
        ],
        "warnings": result.warnings,
    }


def render(result: GapsResult, options: GapsOptions) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
