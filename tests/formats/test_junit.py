"""--format junit: read back with junitparser, as a CI dashboard would."""

from __future__ import annotations

import pytest

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions
from dealcheck.formats.junit import render

from .conftest import CONTEXT, TODAY, build_requirements

junitparser = pytest.importorskip("junitparser")


def parse(xml: str):
    return junitparser.JUnitXml.fromstring(xml.encode("utf-8"))


def props(element) -> dict[str, str]:
    found = element.child(junitparser.Properties)
    return {p.name: p.value for p in found} if found is not None else {}


def test_suite_and_cases(render, report):
    xml = parse(render("junit"))
    suites = list(xml)
    assert [s.name for s in suites] == ["rfp.txt", "dealcheck gate"]
    suite = suites[0]
    cases = list(suite)
    assert len(cases) == suite.tests == len(report.requirements)
    failing = [r for r in report.requirements if r.fails_gate]
    assert suite.failures == len(failing) and suite.errors == 0
    assert suite.skipped == 1
    assert xml.tests == len(report.requirements) + 1 and xml.failures == len(failing) + 1
    for case, r in zip(cases, report.requirements, strict=True):
        assert case.name.startswith(f"{r.id}: ")
        assert case.classname == r.section
        assert props(case)["verdict"] == r.verdict
        assert props(case)["priority"] == r.priority
        assert case.system_out and "verdict: " in case.system_out
        if r.waiver is not None:
            assert case.is_skipped and "Dana Reyes" in case.result[0].message
        elif r.fails_gate:
            (failure,) = case.result
            assert isinstance(failure, junitparser.Failure)
            assert failure.type == r.verdict and failure.message.startswith(r.verdict)
        else:
            assert case.is_passed
    suite_props = props(suite)
    assert suite_props["gate"] == "fail" and suite_props["catalog.product"] == "Testbed"


def test_one_suite_per_file_and_long_names(engine):
    long = "Must support SAML single sign-on " + "with every option " * 20
    a = build_requirements([("A", "A-1: Must support SAML single sign-on")], file="a.txt")
    b = build_requirements([(None, long)], file="b.md")
    rep = engine.check(a + b, CONTEXT, GateOptions(), today=TODAY)
    xml = parse(render(rep, RenderOptions()))
    assert [s.name for s in xml] == ["a.txt", "b.md", "dealcheck gate"]
    case = list(list(xml)[1])[0]
    assert len(case.name) <= 120 and case.name.endswith("\u2026")
    assert case.classname == "b.md"


def test_control_characters_do_not_break_the_xml(engine):
    reqs = build_requirements([("S\x01", "Must support SAML \x00\x08\x0b\x1b[2J SSO \ufffe]]>")])
    rep = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    xml = parse(render(rep, RenderOptions()))
    (case,) = list(list(xml)[0])
    assert "SAML" in case.name and "]]>" in case.name


def test_passing_report(passing_report):
    xml = parse(render(passing_report, RenderOptions()))
    assert xml.failures == 0 and xml.tests == 2
    (gate,) = list(list(xml)[-1])
    assert gate.name == "gate" and gate.is_passed


def test_gate_case_fails_exactly_when_the_gate_does(engine):
    """--min-coverage fails the gate with no failing requirement: the gate case shows it."""
    reqs = build_requirements(
        [("A", "SEC-1: Must support SAML SSO"), ("A", "OPS-1: Offline mode would be nice to have")]
    )
    rep = engine.check(reqs, CONTEXT, GateOptions(min_coverage=90), today=TODAY)
    assert rep.summary.gate == "fail" and not any(r.fails_gate for r in rep.requirements)
    xml = parse(render(rep, RenderOptions()))
    assert xml.failures == 1
    (gate,) = list(list(xml)[-1])
    (failure,) = gate.result
    assert failure.type == "gate" and "below the minimum 90%" in failure.message


def test_deterministic(render):
    assert render("junit") == render("junit")
