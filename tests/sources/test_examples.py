"""Every bundled example is read as a careful person reads it (counts per examples/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.sources import read_requirements

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

COUNTS = {
    "deal.yaml": 27,
    "rfp.md": 40,
    "questions.txt": 24,
    "compliance-matrix.csv": 27,
    "compliance-matrix.xlsx": 32,
    "rfp.docx": 24,
    "rfp.pdf": 28,
}


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_example_count_is_what_a_careful_person_counts(name):
    requirements, _ = read_requirements([str(EXAMPLES / name)])
    assert len(requirements) == COUNTS[name]
    ids = [r.id for r in requirements]
    assert all(ids) and all(r.text for r in requirements)
    assert all(r.text == r.text.strip() for r in requirements)


def test_examples_cover_every_format():
    assert {p.suffix for p in EXAMPLES.iterdir()} >= {
        ".md",
        ".csv",
        ".xlsx",
        ".docx",
        ".txt",
        ".yaml",
        ".pdf",
    }


def by_id(name):
    requirements, context = read_requirements([str(EXAMPLES / name)])
    return {r.id: r for r in requirements}, requirements, context


def test_markdown_ids_sections_wrapping_nesting_tables_and_lines():
    reqs, ordered, _ = by_id("rfp.md")
    r = reqs["3.2.1"]
    assert r.text == (
        "Approval workflows with at least three sequential steps, and delegation"
        " to a deputy when an approver is out of office."
    )
    assert r.section == "3.2 Workflow" and r.source.line == 39
    # nested items under 3.3.1 are requirements of their own, right after their parent
    i = [x.id for x in ordered].index("3.3.1")
    assert [x.text for x in ordered[i + 1 : i + 4]] == [
        "Microsoft Teams (notifications and approvals)",
        "Jira Cloud",
        "Salesforce Sales Cloud",
    ]
    assert reqs["SEC-4"].text == "Customer data must not be stored outside the EU."
    assert reqs["GOV-3"].priority == "should" and reqs["GOV-3"].priority_explicit
    assert reqs["GOV-5"].priority == "may"
    assert reqs["3.1.4"].priority == "should" and not reqs["3.1.4"].priority_explicit
    texts = " ".join(x.text for x in ordered)
    assert "severity matrix" not in texts  # fenced code
    assert "Initech Corporation is a financial" not in texts  # prose without a keyword
    assert "title:" not in texts  # front matter


def test_csv_title_rows_header_priorities_and_sections():
    reqs, ordered, _ = by_id("compliance-matrix.csv")
    first = ordered[0]
    assert first.id == "MD-IAM-01" and first.section == "Identity & Access"
    assert first.source.line == 4 and first.priority == "must" and first.priority_explicit
    assert reqs["MD-IAM-04"].priority == "should"
    assert {r.priority for r in ordered} == {"must", "should", "may"}


def test_xlsx_sheets_rows_moscow_and_mandatory_yes_no():
    reqs, ordered, _ = by_id("compliance-matrix.xlsx")
    assert {r.source.sheet for r in ordered} == {"Security", "Functional"}  # not the Cover
    s1 = reqs["VS-01"]
    assert (s1.source.sheet, s1.source.row, s1.source.column) == ("Security", 5, "C")
    assert s1.section == "Access control"
    assert reqs["VS-04"].priority == "should" and reqs["VS-05"].priority == "may"
    assert reqs["FR-01"].priority == "must" and reqs["FR-04"].priority == "may"  # Yes / No


def test_docx_order_lists_tables_and_keyword_sentences():
    reqs, ordered, _ = by_id("rfp.docx")
    assert ordered[0].text.startswith("The platform must let several authors")
    assert ordered[0].section == "2. General Requirements"
    assert reqs["WK-S1"].text == "SAML single sign-on with Okta"
    assert reqs["WK-S4"].priority == "should"
    assert ordered[-1].text.startswith("The supplier will provide a migration plan")
    lines = [r.source.line for r in ordered]
    assert lines == sorted(lines)


def test_pdf_headers_footers_page_break_and_headings():
    reqs, ordered, _ = by_id("rfp.pdf")
    assert "Confidential" not in " ".join(r.text for r in ordered)
    assert "Page 1 of 3" not in " ".join(r.text for r in ordered)
    split = reqs["7.1"]
    assert split.text.endswith("never used to train AI models.")
    assert split.source.page == 2
    assert reqs["2.2"].text.endswith("within one hour of their removal from the directory.")
    assert reqs["2.1"].section == "2. Identity and Access"
    assert not any(r.text.startswith(("Overview", "Timeline")) for r in ordered)


def test_deal_file_context_and_pins():
    reqs, ordered, context = by_id("deal.yaml")
    assert context.edition == "business" and context.region == "eu"
    assert context.add_ons == ["Security Pack"] and context.go_live.isoformat() == "2027-03-01"
    assert reqs["SEC-2"].capability == "data-residency-eu"
    assert ordered[0].id == "R-1" and ordered[0].source.line == 13


def test_text_questions_numbering_and_markers():
    reqs, ordered, _ = by_id("questions.txt")
    assert ordered[0].id == "1"
    assert ordered[0].text == "Do you support SSO via Okta? We use SAML today."
    assert ordered[4].text == "Where is our data hosted? It needs to stay in the UK."


def test_several_files_are_one_deal_numbered_in_order():
    requirements, context = read_requirements(
        [str(EXAMPLES / "questions.txt"), str(EXAMPLES / "deal.yaml")]
    )
    assert len(requirements) == 24 + 27
    assert context.customer == "Globex Corporation"
