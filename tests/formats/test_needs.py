"""No "Comply" that needs another edition: without a quoted edition (or with add-ons outside the
quote), every customer-facing format names what the answer needs, and the terminal summary
says that no edition was quoted."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions, get_format
from dealcheck.requirements import DealContext

from .conftest import TODAY, build_requirements

RFP = [
    ("Identity", "SEC-1: The platform must support SAML single sign-on"),  # business and up
    ("Identity", "SEC-2: SCIM provisioning is required"),  # enterprise only
    ("Operations", "OPS-1: Export activity to our Splunk SIEM"),  # Security Pack add-on
    ("Operations", "OPS-2: Offline mode would be nice to have"),  # every edition (beta)
    ("Compliance", "CMP-1: Documents must be anchored by blockchain notarisation"),
]


@pytest.fixture(scope="module")
def unquoted(engine):
    return engine.check(build_requirements(RFP), DealContext(), GateOptions(), today=TODAY)


@pytest.fixture(scope="module")
def quoted(engine):
    context = DealContext(edition="business", add_ons=["Security Pack"])
    return engine.check(build_requirements(RFP), context, GateOptions(), today=TODAY)


def by_id(report):
    return {r.id: r for r in report.requirements}


def test_the_json_report_says_what_each_requirement_needs(unquoted, quoted):
    needs = {r.id: r.needs.model_dump() for r in unquoted.requirements}
    assert needs["SEC-1"] == {"edition": "business", "add_ons": []}
    assert needs["SEC-2"] == {"edition": "enterprise", "add_ons": []}
    assert needs["OPS-1"] == {"edition": None, "add_ons": ["Security Pack"]}
    assert needs["OPS-2"] == {"edition": None, "add_ons": []}, "every edition has it"
    assert needs["CMP-1"] == {"edition": None, "add_ons": []}, "nothing buys it"
    quoted_needs = {r.id: r.needs.model_dump() for r in quoted.requirements}
    assert quoted_needs["SEC-1"] == {"edition": None, "add_ons": []}, "the quote has it"
    assert quoted_needs["SEC-2"] == {"edition": "enterprise", "add_ons": []}
    assert quoted_needs["OPS-1"] == {"edition": None, "add_ons": []}
    data = json.loads(unquoted.to_json())
    assert data["requirements"][1]["needs"] == {"edition": "enterprise", "add_ons": []}


def fresh_csv(report) -> dict[str, list[str]]:
    text = get_format("csv").render(report, RenderOptions(inputs=["rfp.txt"]))
    rows = list(csv.reader(io.StringIO(text)))
    return {row[0]: row for row in rows[1:]}


def test_csv_response_names_the_edition_and_add_on(unquoted, quoted):
    rows = fresh_csv(unquoted)
    assert rows["SEC-1"][5] == "Comply \u2014 Business edition"
    assert rows["SEC-2"][5] == "Comply \u2014 Enterprise edition"
    assert rows["OPS-1"][5] == "Comply \u2014 with the Security Pack add-on"
    assert rows["OPS-2"][5] == "Partially comply"
    assert rows["CMP-1"][5] == "Does not comply"
    rows = fresh_csv(quoted)
    assert rows["SEC-1"][5] == "Comply"
    assert rows["SEC-2"][5] == "Comply \u2014 Enterprise edition"
    assert rows["OPS-1"][5] == "Comply"


def test_xlsx_response_names_the_edition(unquoted):
    openpyxl = pytest.importorskip("openpyxl")
    data = get_format("xlsx").render(unquoted, RenderOptions(inputs=["rfp.txt"]))
    ws = openpyxl.load_workbook(io.BytesIO(data))["Compliance matrix"]
    responses = {ws.cell(row=i, column=1).value: ws.cell(row=i, column=6).value for i in (2, 3)}
    assert responses == {
        "SEC-1": "Comply \u2014 Business edition",
        "SEC-2": "Comply \u2014 Enterprise edition",
    }


def test_markdown_and_html_name_what_is_needed(unquoted):
    markdown = get_format("markdown").render(unquoted, RenderOptions())
    row = next(line for line in markdown.splitlines() if line.startswith("| SEC-2 "))
    assert "supported \u2014 Enterprise edition" in row
    row = next(line for line in markdown.splitlines() if line.startswith("| OPS-1 "))
    assert "with the Security Pack add-on" in row
    html = get_format("html").render(unquoted, RenderOptions())
    assert "Enterprise edition" in html and "with the Security Pack add-on" in html


def test_terminal_summary_says_no_edition_was_quoted(unquoted, quoted):
    text = get_format("table").render(unquoted, RenderOptions(width=120))
    assert "no edition quoted" in text
    assert "no edition quoted" not in get_format("table").render(quoted, RenderOptions(width=120))
