"""``--format junit``: JUnit XML, so CI test dashboards (GitLab, Jenkins, Azure) show the gate.

``<testsuites>`` holds one ``<testsuite>`` per requirement file (in input
order), and each suite one ``<testcase>`` per requirement:

* name ``ID: text`` (shortened), classname the requirement's section, else
  its file; ``file`` and ``line`` attributes point at it;
* a ``<failure>`` (type = the verdict) when the requirement fails the gate,
  a ``<skipped>`` when a waiver covers it, otherwise it passes;
* ``<properties>`` with verdict, priority, at-risk and capabilities, and
  ``<system-out>`` with the reasons.

A last suite, ``dealcheck gate``, holds one ``gate`` testcase that fails exactly
when the check exits 1, with the gate's reasons: a ``--min-coverage`` failure
belongs to no requirement and would otherwise leave the dashboard green.

XML is built with :mod:`xml.etree.ElementTree`, which escapes markup; the
characters XML 1.0 cannot carry at all (control characters) are dropped first.
There is no timestamp, so identical input gives identical output.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dealcheck import __version__
from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import capability_text, reasons, waiver_text, xml_safe
from dealcheck.report import Report, RequirementResult
from dealcheck.safe_text import one_line

NAME_MAX = 120


def _clean(value: object) -> str:
    return xml_safe(one_line("" if value is None else str(value)))


def _name(r: RequirementResult) -> str:
    name = _clean(f"{r.id}: {r.text}")
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1] + "\u2026"


def _properties(parent: ET.Element, items: list[tuple[str, object]]) -> None:
    props = ET.SubElement(parent, "properties")
    for name, value in items:
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, bool):
            value = str(value).lower()
        ET.SubElement(props, "property", name=name, value=_clean(value))


def _details(r: RequirementResult) -> str:
    lines = [
        f"requirement: {_clean(r.id)}",
        f"text: {_clean(r.text)}",
        f"priority: {r.priority}",
        f"verdict: {r.verdict}" + (" (at risk)" if r.at_risk else ""),
    ]
    caps = capability_text(r)
    if caps:
        lines.append(f"capability: {_clean(caps)}")
    lines += [f"- {_clean(x)}" for x in reasons(r)]
    if r.waiver is not None:
        lines.append(_clean(waiver_text(r)))
    src = r.source
    where = str(src.get("file", ""))
    if src.get("sheet") is not None:
        where += f" [{src['sheet']}] row {src.get('row')}"
    elif src.get("line") is not None:
        where += f":{src['line']}"
    lines.append(f"source: {_clean(where)}")
    return "\n".join(lines) + "\n"


def _testcase(suite: ET.Element, r: RequirementResult) -> str:
    """Add one testcase; return its outcome: passed, failed or skipped."""
    src = r.source
    attrs = {
        "name": _name(r),
        "classname": _clean(r.section or src.get("file") or "requirements"),
        "time": "0",
    }
    if src.get("file"):
        attrs["file"] = _clean(src["file"])
    line = src.get("line") if src.get("line") is not None else src.get("row")
    if line is not None:
        attrs["line"] = str(line)
    case = ET.SubElement(suite, "testcase", attrs)
    _properties(
        case,
        [
            ("id", r.id),
            ("verdict", r.verdict),
            ("priority", r.priority),
            ("at_risk", r.at_risk),
            ("fails_gate", r.fails_gate),
            ("capabilities", [c.id for c in r.capabilities]),
            ("section", r.section),
            ("sheet", src.get("sheet")),
        ],
    )
    why = "; ".join(reasons(r))
    outcome = "passed"
    if r.waiver is not None:
        ET.SubElement(case, "skipped", message=_clean(waiver_text(r)))
        outcome = "skipped"
    elif r.fails_gate:
        message = f"{r.verdict} ({r.priority}" + (", at risk)" if r.at_risk else ")")
        if why:
            message += f": {why}"
        failure = ET.SubElement(case, "failure", message=_clean(message), type=r.verdict)
        failure.text = _details(r)
        outcome = "failed"
    out = ET.SubElement(case, "system-out")
    out.text = _details(r)
    return outcome


def _gate_suite(root: ET.Element, report: Report) -> int:
    """A last suite with one ``gate`` testcase that fails exactly when the check exits 1.

    Some gate reasons belong to no requirement (``--min-coverage``): without this case
    a dashboard would show every test green on a failed pipeline.
    """
    s = report.summary
    failed = int(s.gate == "fail")
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "name": "dealcheck gate",
            "tests": "1",
            "failures": str(failed),
            "errors": "0",
            "skipped": "0",
            "time": "0",
        },
    )
    case = ET.SubElement(suite, "testcase", name="gate", classname="dealcheck", time="0")
    summary = (
        f"coverage {s.coverage:.1%} supported; {s.at_risk} at risk; "
        f"{sum(r.fails_gate for r in report.requirements)} requirement(s) fail the gate; "
        f"{s.waived} waived"
    )
    if failed:
        reasons = "; ".join(_clean(x) for x in s.gate_reasons) or "the gate failed"
        failure = ET.SubElement(case, "failure", message=reasons, type="gate")
        failure.text = summary + "\n"
    out = ET.SubElement(case, "system-out")
    out.text = summary + "\n"
    return failed


def build(report: Report) -> ET.Element:
    groups: dict[str, list[RequirementResult]] = {}
    for r in report.requirements:
        groups.setdefault(str(r.source.get("file") or "requirements"), []).append(r)
    s = report.summary
    root = ET.Element("testsuites", name="dealcheck")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for file, results in groups.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(file))
        deal = report.deal
        _properties(
            suite,
            [
                ("dealcheck.version", __version__),
                ("catalog.product", report.catalog.product),
                ("catalog.version", report.catalog.version),
                ("deal", deal.deal),
                ("customer", deal.customer),
                ("edition", deal.edition),
                ("deployment", deal.deployment),
                ("region", deal.region),
                ("go_live", deal.go_live),
                ("add_ons", deal.add_ons),
                ("coverage", f"{s.coverage:.3f}"),
                ("gate", s.gate),
                ("gate_reasons", "; ".join(s.gate_reasons)),
                ("minimum_edition", s.minimum_edition),
                ("needs_add_ons", s.add_ons),
            ],
        )
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        for r in results:
            counts[_testcase(suite, r)] += 1
        stats = {
            "tests": len(results),
            "failures": counts["failed"],
            "errors": 0,
            "skipped": counts["skipped"],
            "time": "0",
        }
        for key, value in stats.items():
            suite.set(key, str(value))
        totals["tests"] += len(results)
        totals["failures"] += counts["failed"]
        totals["skipped"] += counts["skipped"]
        # children first, attributes in a fixed order for readability
        suite.attrib = {"name": suite.attrib["name"], **{k: str(v) for k, v in stats.items()}}
    failed = _gate_suite(root, report)
    totals["tests"] += 1
    totals["failures"] += failed
    root.attrib.update(
        {
            "tests": str(totals["tests"]),
            "failures": str(totals["failures"]),
            "errors": "0",
            "skipped": str(totals["skipped"]),
            "time": "0",
        }
    )
    if report.warnings and len(root):
        err = ET.SubElement(root[0], "system-err")
        err.text = "\n".join(f"warning: {_clean(w)}" for w in report.warnings) + "\n"
    return root


def render(report: Report, options: RenderOptions) -> str:
    root = build(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
