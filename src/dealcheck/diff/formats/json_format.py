"""``--format json``: the catalogue change and every affected requirement (``dealcheck.diff/1``).

Each changed capability is named by id; each affected requirement by its id,
text and source, with both verdicts and both reasons. Stable key order, no
clock: the same inputs give byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from dealcheck.diff.deals import DealDiff, RequirementChange
from dealcheck.diff.formats import summary_text
from dealcheck.diff.result import SCHEMA_ID, DiffResult
from dealcheck.formats._cells import reasons
from dealcheck.report import RequirementResult


def _side(r: RequirementResult) -> dict[str, Any]:
    return {
        "verdict": r.verdict,
        "at_risk": r.at_risk,
        "capabilities": [c.id for c in r.capabilities],
        "reasons": reasons(r),
    }


def _change(change: RequirementChange, changed_ids: set[str]) -> dict[str, Any]:
    r = change.new
    return {
        "kind": change.kind,
        "id": r.id,
        "text": r.text,
        "priority": r.priority,
        "section": r.section,
        "source": r.source,
        "why": change.why,
        "capabilities": change.capability_ids,
        "changed_capabilities": [c for c in change.capability_ids if c in changed_ids],
        "old": _side(change.old),
        "new": _side(change.new),
    }


def _deal(diff: DealDiff, changed_ids: set[str]) -> dict[str, Any]:
    ctx = diff.deal.context
    return {
        "source": diff.deal.label,
        "kind": diff.deal.kind,
        "deal": ctx.deal,
        "customer": ctx.customer,
        "context": {
            "edition": ctx.edition,
            "deployment": ctx.deployment,
            "region": ctx.region,
            "go_live": ctx.go_live.isoformat() if ctx.go_live else None,
            "add_ons": list(ctx.add_ons),
        },
        "requirements": diff.requirements,
        "broken": diff.broken,
        "wins": diff.wins,
        "problem": diff.problem,
        "problem_kind": diff.problem_kind,
        "changes": [_change(c, changed_ids) for c in diff.changes],
    }


def document(result: DiffResult) -> dict[str, Any]:
    c = result.catalog
    changed_ids = c.changed_ids
    return {
        "schema": SCHEMA_ID,
        "old": {
            "source": c.old_source,
            "product": c.old.product,
            "version": c.old.version,
            "capabilities": len(c.old.capabilities),
        },
        "new": {
            "source": c.new_source,
            "product": c.new.product,
            "version": c.new.version,
            "capabilities": len(c.new.capabilities),
        },
        "summary": {
            "added": c.count("added"),
            "removed": c.count("removed"),
            "changed": c.count("changed"),
            "deals": len(result.deals),
            "requirements": sum(d.requirements for d in result.deals),
            "broken": result.broken,
            "wins": result.wins,
            "exit_code": result.exit_code,
            "text": summary_text(result),
        },
        "catalog_changes": [f.as_dict() for f in c.catalog],
        "capabilities": [cap.as_dict() for cap in c.capabilities],
        "deals": [_deal(d, changed_ids) for d in result.deals],
    }


def render(result: DiffResult) -> str:
    return json.dumps(document(result), indent=2, ensure_ascii=False) + "\n"
