"""``--format sarif``: SARIF 2.1.0, so code scanning annotates the pull request.

One result per broken promise (``error``) and per new win (``note``), at the
requirement's file and line, with the changed capability's line in the new
catalogue as a related location; one result per capability change (a
``warning`` when it gives customers less, else a ``note``) at its line in the
new catalogue (a removed capability has only a logical location). The
invocation's exit code is the command's.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from dealcheck import __version__
from dealcheck.diff.catalog import CapabilityChange
from dealcheck.diff.deals import DealDiff, RequirementChange
from dealcheck.diff.formats import deal_label, verdict_text, why
from dealcheck.diff.git import split_revision
from dealcheck.diff.result import DiffResult
from dealcheck.formats.sarif import SCHEMA_URI, artifact_uri
from dealcheck.safe_text import one_line

RULES: list[dict[str, Any]] = [
    {
        "id": "dealcheck-diff/broken-promise",
        "name": "BrokenPromise",
        "shortDescription": {"text": "A catalogue change breaks a promise made in a deal"},
        "help": {
            "text": "The requirement's verdict became more severe with the new catalogue, or its "
            "roadmap ETA moved past the deal's go-live. Keep the capability as it was, or agree "
            "the change with the deal's owner."
        },
        "defaultConfiguration": {"level": "error"},
    },
    {
        "id": "dealcheck-diff/new-win",
        "name": "NewWin",
        "shortDescription": {"text": "A catalogue change meets more of a deal"},
        "help": {"text": "The requirement's verdict became less severe with the new catalogue."},
        "defaultConfiguration": {"level": "note"},
    },
    {
        "id": "dealcheck-diff/capability-change",
        "name": "CapabilityChange",
        "shortDescription": {"text": "A capability was added, removed or changed"},
        "help": {"text": "A reviewer's summary of one capability's change."},
        "defaultConfiguration": {"level": "note"},
    },
]
RULE_INDEX = {rule["id"]: i for i, rule in enumerate(RULES)}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def _catalog_file(result: DiffResult) -> str:
    """The new catalogue's path in the working tree (``REV:path`` -> ``path``)."""
    source = result.catalog.new_source
    revision = split_revision(source)
    return revision[1].removeprefix("./") if revision else source


def _physical(file: str, line: int | None) -> dict[str, Any] | None:
    uri = artifact_uri(file)
    if uri is None:
        return None
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if isinstance(line, int) and line >= 1:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _result(rule: str, level: str, message: str, location: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": RULE_INDEX[rule],
        "level": level,
        "message": {"text": one_line(message)},
    }
    if location is not None:
        out["locations"] = [location]
    return out


def _requirement(result: DiffResult, deal: DealDiff, change: RequirementChange) -> dict[str, Any]:
    r = change.new
    src = r.source
    line = src.get("row") if src.get("sheet") is not None else src.get("line")
    rule = "dealcheck-diff/broken-promise" if change.kind == "broken" else "dealcheck-diff/new-win"
    message = (
        f"{deal_label(deal)}: {r.id} [{r.priority}] {verdict_text(change.old)} \u2192"
        f" {verdict_text(r)}: {r.text} \u2014 now: {why(r)}; before: {why(change.old)}"
    )
    out = _result(
        rule,
        "error" if change.kind == "broken" else "note",
        message,
        _physical(str(src.get("file", "")), line if isinstance(line, int) else None),
    )
    lines = {c.id: c.line for c in result.catalog.capabilities if c.change != "removed"}
    related: list[dict[str, Any]] = []
    for cap_id in change.capability_ids:
        if cap_id in lines:
            location = _physical(_catalog_file(result), lines[cap_id])
            if location is not None:
                location["id"] = len(related)
                location["message"] = {"text": f"capability {cap_id}"}
                related.append(location)
    if related:
        out["relatedLocations"] = related
    out["partialFingerprints"] = {
        "dealcheck-diff/v1": _fingerprint(change.kind, deal.deal.label, r.id, r.text)
    }
    out["properties"] = {
        "deal": deal.deal.label,
        "requirementId": r.id,
        "oldVerdict": change.old.verdict,
        "newVerdict": r.verdict,
        "capabilities": change.capability_ids,
    }
    return out


def _deal_problem(deal: DealDiff) -> dict[str, Any]:
    rule = (
        "dealcheck-diff/broken-promise"
        if deal.problem_kind == "broken"
        else "dealcheck-diff/new-win"
    )
    out = _result(
        rule,
        "error" if deal.problem_kind == "broken" else "note",
        f"{deal_label(deal)}: {deal.problem}",
        _physical(deal.deal.label, None),
    )
    out["partialFingerprints"] = {
        "dealcheck-diff/v1": _fingerprint(str(deal.problem_kind), deal.deal.label, "context")
    }
    return out


def _capability(result: DiffResult, cap: CapabilityChange) -> dict[str, Any]:
    location = None if cap.change == "removed" else _physical(_catalog_file(result), cap.line)
    out = _result(
        "dealcheck-diff/capability-change",
        "warning" if cap.effect in ("worse", "mixed") else "note",
        f"{cap.id} ({cap.name}) {cap.change}: {cap.text}",
        location,
    )
    logical = {"name": cap.id, "kind": "capability"}
    if location is None:
        out["locations"] = [{"logicalLocations": [logical]}]
    else:
        location["logicalLocations"] = [logical]
    out["partialFingerprints"] = {"dealcheck-diff/v1": _fingerprint(cap.change, cap.id, cap.text)}
    out["properties"] = {"capability": cap.id, "change": cap.change, "effect": cap.effect}
    return out


def build(result: DiffResult) -> dict[str, Any]:
    results = [_deal_problem(d) for d in result.deals if d.problem_kind]
    for kind in ("broken", "win"):
        results += [_requirement(result, d, c) for d, c in result.changes(kind)]
    results += [_capability(result, cap) for cap in result.catalog.capabilities]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dealcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": RULES,
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "exitCode": result.exit_code,
                "properties": {"broken": result.broken, "wins": result.wins},
            }
        ],
        "automationDetails": {"id": "dealcheck-diff/"},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: DiffResult) -> str:
    return json.dumps(build(result), indent=2, ensure_ascii=False) + "\n"
