"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One rule per verdict that needs attention (``dealcheck/unsupported`` ...
``dealcheck/partial``) and one result per requirement that is not
``supported``, located at the requirement's file and line (for a
spreadsheet: its row, with the sheet as a logical location).

Levels follow severity and priority:

=================================  =========  ===============
verdict                            must       may
=================================  =========  ===============
unsupported, unknown               error      warning
roadmap, upgrade                   warning    note
partial                            note       note
=================================  =========  ===============

``should`` is treated as ``must`` (it is what a customer scores), and a
requirement that fails the gate is always an ``error``, whatever its verdict,
so the dashboard agrees with the exit code. A waived requirement is reported
with an accepted external suppression carrying the approver, reason and
expiry.

The gate's outcome and reasons, and the report's warnings (expired or unused
waivers), are the invocation's ``exitCode`` and tool notifications.

``partialFingerprints`` hash the requirement's id and text, so an alert keeps
its identity when lines move and is new when the requirement changes. The
output depends only on the report (no clock, no absolute paths added).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from dealcheck import __version__
from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import reason_text
from dealcheck.report import Report, RequirementResult
from dealcheck.safe_text import one_line

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = ("error", "warning", "note")
FINGERPRINT = "dealcheck/requirement/v1"

RULES: dict[str, dict[str, str]] = {
    "unsupported": {
        "name": "UnsupportedRequirement",
        "level": "error",
        "short": "The product cannot do this for this deal",
        "help": (
            "The matched capability is not planned, not offered in the deal's deployment or "
            "region, or a limit the customer asks for is not met in any edition. Remove or "
            "reword the promise, or record an approved waiver."
        ),
    },
    "unknown": {
        "name": "UnknownRequirement",
        "level": "error",
        "short": "No capability matches with enough confidence",
        "help": (
            "dealcheck never guesses 'supported'. A product manager must answer this "
            "requirement; if the product does it, add an alias or a capability to the "
            "catalogue, or pin the mapping in the deal file."
        ),
    },
    "roadmap": {
        "name": "RoadmapRequirement",
        "level": "warning",
        "short": "The capability is on the roadmap, not shipped",
        "help": (
            "Promising a roadmap item is a commitment the product team must confirm. It is at "
            "risk when its ETA is missing or later than the deal's go-live date."
        ),
    },
    "upgrade": {
        "name": "UpgradeRequirement",
        "level": "warning",
        "short": "Needs a higher edition or an add-on not in the quote",
        "help": (
            "The capability exists, but not in the edition quoted, or only with an add-on the "
            "quote does not include. Update the quote or the answer."
        ),
    },
    "partial": {
        "name": "PartialRequirement",
        "level": "note",
        "short": "The capability is in beta or deprecated",
        "help": (
            "Answer 'partially comply' and state the beta or deprecation status and its caveats."
        ),
    },
}


def level_for(r: RequirementResult) -> str:
    """A result's level: by verdict, one step lower for ``may``; a gate failure is an error."""
    if r.fails_gate:
        return "error"
    index = LEVELS.index(RULES[r.verdict]["level"])
    if r.priority == "may":
        index = min(index + 1, len(LEVELS) - 1)
    return LEVELS[index]


def fingerprint(r: RequirementResult) -> str:
    return hashlib.sha256(f"{r.id}\x00{r.text}".encode()).hexdigest()[:32]


def artifact_uri(file: str) -> str | None:
    """The file as a relative URI reference (``rfp v2.xlsx`` -> ``rfp%20v2.xlsx``)."""
    if not file or file.startswith("<"):
        return None  # <stdin>, <question>: nowhere to point
    if "\\" in file:
        file = PureWindowsPath(file).as_posix()
    path = PurePosixPath(file)
    if path.is_absolute():
        return "file://" + quote(str(path), safe="/")
    return quote(str(path), safe="/")


def _rule(verdict: str, index: int) -> dict[str, Any]:
    rule = RULES[verdict]
    return {
        "id": f"dealcheck/{verdict}",
        "name": rule["name"],
        "shortDescription": {"text": rule["short"]},
        "fullDescription": {"text": f"Verdict '{verdict}': {rule['short'].lower()}."},
        "help": {"text": rule["help"], "markdown": rule["help"]},
        "defaultConfiguration": {"level": rule["level"]},
        "properties": {"tags": ["dealcheck", "requirements", verdict]},
    }


def _location(r: RequirementResult) -> dict[str, Any] | None:
    src = r.source
    location: dict[str, Any] = {}
    uri = artifact_uri(str(src.get("file", "")))
    if uri is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        line = src.get("row") if src.get("sheet") is not None else src.get("line")
        if line is None:
            line = src.get("line") or src.get("row")
        if isinstance(line, int) and line >= 1:
            physical["region"] = {"startLine": line}
        location["physicalLocation"] = physical
    logical = []
    if src.get("sheet") is not None:
        logical.append(
            {
                "name": one_line(str(src["sheet"])),
                "fullyQualifiedName": one_line(f"{src['sheet']}!{src.get('row', '')}"),
                "kind": "sheet",
            }
        )
    if r.section:
        logical.append({"name": one_line(r.section), "kind": "section"})
    if logical:
        location["logicalLocations"] = logical
    return location or None


def _message(r: RequirementResult) -> str:
    src = r.source
    where = ""
    if src.get("sheet") is not None:
        where = f" (sheet '{one_line(str(src['sheet']))}', row {src.get('row')})"
    text = f"{one_line(r.id)} [{r.priority}] is {r.verdict}{where}: {one_line(r.text)}"
    why = reason_text(r)
    if why:
        text += f" \u2014 {why}"
    if r.waiver is not None:
        text += f" (waived by {one_line(r.waiver.approved_by)} until {r.waiver.expires})"
    return text


def _result(
    r: RequirementResult, rule_index: dict[str, int], seen: dict[str, int]
) -> dict[str, Any]:
    fp = fingerprint(r)
    seen[fp] = seen.get(fp, 0) + 1
    if seen[fp] > 1:  # the same requirement written twice: keep both alerts apart
        fp = f"{fp}:{seen[fp]}"
    result: dict[str, Any] = {
        "ruleId": f"dealcheck/{r.verdict}",
        "ruleIndex": rule_index[r.verdict],
        "level": level_for(r),
        "kind": "fail",
        "message": {"text": _message(r)},
    }
    location = _location(r)
    if location is not None:
        result["locations"] = [location]
    result["partialFingerprints"] = {FINGERPRINT: fp}
    if r.waiver is not None:
        w = r.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": one_line(
                    f"{w.reason} (approved by {w.approved_by}, expires {w.expires})"
                ),
                "properties": {
                    "approvedBy": w.approved_by,
                    "expires": w.expires,
                    "pattern": w.pattern,
                },
            }
        ]
    result["properties"] = {
        "requirementId": r.id,
        "priority": r.priority,
        "verdict": r.verdict,
        "atRisk": r.at_risk,
        "failsGate": r.fails_gate,
        "capabilities": [c.id for c in r.capabilities],
        "confidence": r.confidence,
        "section": r.section,
    }
    return result


def _invocation(report: Report) -> dict[str, Any]:
    """The run's outcome: the gate (some reasons, e.g. coverage, belong to no result) and
    the report's warnings (expired or unused waivers) as tool notifications."""
    s = report.summary
    notes: list[dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": f"gate failed: {one_line(reason)}"},
            "descriptor": {"id": "dealcheck/gate"},
        }
        for reason in s.gate_reasons
    ]
    notes += [
        {
            "level": "warning",
            "message": {"text": one_line(w)},
            "descriptor": {"id": "dealcheck/warning"},
        }
        for w in report.warnings
    ]
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "exitCode": 1 if s.gate == "fail" else 0,
        "properties": {"gate": s.gate},
    }
    if notes:
        invocation["toolExecutionNotifications"] = notes
    return invocation


def build(report: Report) -> dict[str, Any]:
    verdicts = list(RULES)
    rule_index = {v: i for i, v in enumerate(verdicts)}
    seen: dict[str, int] = {}
    results = [
        _result(r, rule_index, seen) for r in report.requirements if r.verdict != "supported"
    ]
    s = report.summary
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dealcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(v, i) for i, v in enumerate(verdicts)],
            }
        },
        "invocations": [_invocation(report)],
        "automationDetails": {"id": "dealcheck/"},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "catalog": report.catalog.model_dump(mode="json"),
            "deal": report.deal.model_dump(mode="json"),
            "summary": s.model_dump(mode="json"),
            "warnings": list(report.warnings),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, options: RenderOptions) -> str:
    return json.dumps(build(report), indent=2, ensure_ascii=False) + "\n"
