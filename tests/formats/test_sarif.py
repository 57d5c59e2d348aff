"""--format sarif: valid SARIF 2.1.0 (the OASIS schema), rules per verdict, results located."""

from __future__ import annotations

import json

import pytest

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions
from dealcheck.formats.sarif import artifact_uri, render
from dealcheck.requirements import Location

from .conftest import CONTEXT, SHARED, TODAY, build_requirements

SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


def validate(data) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def sarif(render):
    return json.loads(render("sarif"))


def test_valid_against_the_schema(sarif):
    validate(sarif)
    assert sarif["version"] == "2.1.0"


def test_driver_and_rules(sarif):
    from dealcheck import __version__

    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "dealcheck" and driver["version"] == __version__
    assert "informationUri" not in driver
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [
        f"dealcheck/{v}" for v in ("unsupported", "unknown", "roadmap", "upgrade", "partial")
    ]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_a_result_per_requirement_not_supported(sarif, report):
    results = sarif["runs"][0]["results"]
    expected = [r for r in report.requirements if r.verdict != "supported"]
    assert [x["properties"]["requirementId"] for x in results] == [r.id for r in expected]
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    for x, r in zip(results, expected, strict=True):
        assert x["ruleId"] == f"dealcheck/{r.verdict}"
        assert rules[x["ruleIndex"]]["id"] == x["ruleId"]
        assert x["properties"]["priority"] == r.priority
        assert x["properties"]["capabilities"] == [c.id for c in r.capabilities]
        loc = x["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "rfp.txt"
        assert loc["region"]["startLine"] == r.source["line"]
        assert r.id in x["message"]["text"]


def test_levels(sarif):
    level = {x["properties"]["requirementId"]: x["level"] for x in sarif["runs"][0]["results"]}
    assert level["CMP-2"] == "error"  # unknown, must
    assert level["HX-3"] == "warning"  # unknown, may: one step lower
    assert level["SEC-2"] == "error"  # upgrade beyond the quoted edition, must: fails the gate
    assert level["SEC-3"] == "warning"  # roadmap, should
    assert level["OPS-3"] == "note"  # partial, must
    assert level["OPS-2"] == "note"  # partial, may: stays a note


def test_waiver_is_a_suppression(sarif):
    waived = [x for x in sarif["runs"][0]["results"] if "suppressions" in x]
    assert [x["properties"]["requirementId"] for x in waived] == ["CMP-1"]
    suppression = waived[0]["suppressions"][0]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "Dana Reyes" in suppression["justification"]
    assert "2027-01-31" in suppression["justification"]


def test_fingerprints_stable_and_distinct(render, engine, report):
    first = json.loads(render("sarif"))["runs"][0]["results"]
    prints = [x["partialFingerprints"]["dealcheck/requirement/v1"] for x in first]
    assert len(set(prints)) == len(prints)
    # Same requirements on other lines (a row inserted above): same fingerprints.
    moved = build_requirements()
    for req in moved:
        req.source = Location("rfp.txt", req.source.line + 7)
    again = engine.check(moved, CONTEXT, GateOptions(), today=TODAY)
    second = json.loads(render("sarif", again))["runs"][0]["results"]
    assert [x["partialFingerprints"] for x in second] == [x["partialFingerprints"] for x in first]


def test_duplicate_requirements_get_distinct_fingerprints(engine):
    reqs = build_requirements(
        [("A", "R-1: Blockchain notarisation"), ("A", "R-1: Blockchain notarisation")]
    )
    rep = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    results = json.loads(render(rep, RenderOptions()))["runs"][0]["results"]
    assert len({json.dumps(x["partialFingerprints"]) for x in results}) == 2


def test_spreadsheet_location(engine):
    reqs = build_requirements([("A", "SEC-9: Blockchain notarisation")], file="RFP v2.xlsx")
    reqs[0].source = Location("RFP v2.xlsx", sheet="Security", row=12, column="C")
    rep = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    data = json.loads(render(rep, RenderOptions()))
    validate(data)
    (result,) = data["runs"][0]["results"]
    loc = result["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "RFP%20v2.xlsx"
    assert loc["physicalLocation"]["region"]["startLine"] == 12
    assert {"name": "Security", "fullyQualifiedName": "Security!12", "kind": "sheet"} in loc[
        "logicalLocations"
    ]
    assert "sheet 'Security', row 12" in result["message"]["text"]


@pytest.mark.parametrize(
    "file, uri",
    [
        ("rfp.txt", "rfp.txt"),
        ("deals/globex/rfp v2.md", "deals/globex/rfp%20v2.md"),
        ("deals\\win.txt", "deals/win.txt"),
        ("<stdin>", None),
        ("/abs/a b.txt", "file:///abs/a%20b.txt"),
    ],
)
def test_artifact_uri(file, uri):
    assert artifact_uri(file) == uri


def test_stdin_has_no_physical_location(engine):
    reqs = build_requirements([("A", "Blockchain notarisation")], file="<stdin>")
    rep = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    data = json.loads(render(rep, RenderOptions()))
    validate(data)
    result = data["runs"][0]["results"][0]
    assert "physicalLocation" not in result.get("locations", [{}])[0]


def test_gate_and_warnings_in_the_invocation(engine, requirements):
    import datetime as dt

    from dealcheck.waivers import WaiverRule

    unused = WaiverRule(id="NOPE-1", approved_by="x", reason="y", expires=dt.date(2030, 1, 1))
    rep = engine.check(requirements, CONTEXT, GateOptions(min_coverage=50), [unused], today=TODAY)
    data = json.loads(render(rep, RenderOptions()))
    validate(data)
    (invocation,) = data["runs"][0]["invocations"]
    assert invocation["exitCode"] == 1 and invocation["executionSuccessful"] is True
    texts = [(n["level"], n["message"]["text"]) for n in invocation["toolExecutionNotifications"]]
    assert ("error", "gate failed: coverage 13.3% is below the minimum 50%") in texts
    assert any(level == "warning" and "NOPE-1" in text for level, text in texts)


def test_deterministic(render):
    assert render("sarif") == render("sarif")
