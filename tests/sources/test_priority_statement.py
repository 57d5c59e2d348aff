"""A sentence about the requirements that only states their priority ("All requirements in
this section are mandatory unless stated otherwise.") is no requirement: it is listed as
not read, and its priority goes to the requirements of its section that state none."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.sources import ReadLog, read_requirements
from dealcheck.sources.tender import priority_statement


def read(path: Path) -> tuple[list, ReadLog]:
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    return requirements, log


@pytest.mark.parametrize(
    "text, stated",
    [
        ("All requirements in this section are mandatory unless stated otherwise.", "must"),
        ("Unless otherwise stated, all requirements in this section are desirable.", "should"),
        ("The requirements below are optional.", "may"),
        ("Each requirement in this section must be met.", "must"),
        ("All requirements are mandatory unless marked as Desirable (D).", "must"),
        ("Note: all items in this table are nice-to-have.", "may"),
    ],
)
def test_priority_statements(text, stated):
    assert priority_statement(text) == (stated, True)


def test_a_statement_about_some_requirements_names_them():
    assert priority_statement("Items marked (D) are desirable.") == ("should", False)


@pytest.mark.parametrize(
    "text",
    [
        "All requirements must be tracked in Jira.",
        "Requirements must be traceable to test cases.",
        "All items are required to carry a barcode.",
        "All data in this section must be encrypted.",
        "The system must support optional fields.",
        "Approval is required.",
    ],
)
def test_asks_about_requirements_or_items_are_no_statements(text):
    assert priority_statement(text) is None


def test_word_a_statement_gives_its_section_its_priority(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Collaboration", level=1)
    document.add_paragraph(
        "All requirements in this section are desirable unless stated otherwise."
    )
    document.add_paragraph("Real-time co-editing of documents", style="List Number")
    document.add_paragraph("Version history must be kept for 90 days", style="List Number")
    document.add_paragraph("Users will be able to comment on any paragraph.")
    document.add_heading("Security", level=1)
    document.add_paragraph("SAML single sign-on", style="List Number")
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, log = read(path)
    assert [(r.text, r.priority) for r in requirements] == [
        ("Real-time co-editing of documents", "should"),
        ("Version history must be kept for 90 days", "must"),  # its own word wins
        ("SAML single sign-on", "must"),  # the next section: the default again
    ]
    assert [(s.text, s.reason) for s in log.skipped] == [
        (
            "All requirements in this section are desirable unless stated otherwise.",
            "a statement of the priority of the section's requirements"
            " (should: given to those below it that state none)",
        )
    ]


def test_word_a_priority_heading_inside_the_section_gives_its_own(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Requirements", level=1)
    document.add_paragraph("All requirements in this section are mandatory.")
    document.add_paragraph("Audit log export", style="List Number")
    document.add_heading("Could have", level=2)
    document.add_paragraph("Dark mode", style="List Number")
    document.add_heading("Integrations", level=2)
    document.add_paragraph("Slack notifications", style="List Number")
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, _ = read(path)
    assert [(r.text, r.priority) for r in requirements] == [
        ("Audit log export", "must"),
        ("Dark mode", "may"),
        ("Slack notifications", "must"),
    ]


def test_word_a_statement_naming_some_requirements_gives_no_priority(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Requirements", level=1)
    document.add_paragraph("Requirements marked with an asterisk are desirable.")
    document.add_paragraph("Real-time co-editing of documents", style="List Number")
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, log = read(path)
    assert [(r.text, r.priority) for r in requirements] == [
        ("Real-time co-editing of documents", "must")
    ]
    assert [s.reason for s in log.skipped] == [
        "a statement of the priority of the requirements it names"
    ]


def test_pdf_a_statement_gives_its_section_its_priority(tmp_path):
    pytest.importorskip("reportlab")
    pytest.importorskip("pypdf")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "rfp.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in (
        "3. Reporting",
        "The requirements below are desirable.",
        "3.1 Scheduled reports by email",
        "3.2 Dashboards must load within 3 seconds.",
        "4. Hosting",
        "4.1 Data hosted in the UK",
    ):
        c.drawString(72, y, line)
        y -= 18
    c.save()
    requirements, log = read(path)
    assert [(r.id, r.priority) for r in requirements] == [
        ("3.1", "should"),
        ("3.2", "must"),
        ("4.1", "must"),
    ]
    assert [s.text for s in log.skipped] == ["The requirements below are desirable."]


def test_txt_a_statement_line_gives_the_lines_below_its_priority(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text(
        "Reporting:\nAll requirements below are optional unless stated otherwise.\n"
        "- Scheduled reports by email\n- Dashboards are required for managers\n"
        "Hosting:\n- Data hosted in the UK\n",
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [(r.text, r.priority) for r in requirements] == [
        ("Scheduled reports by email", "may"),
        ("Dashboards are required for managers", "must"),
        ("Data hosted in the UK", "must"),
    ]
    assert [s.source.line for s in log.skipped] == [2]


def test_an_ask_about_requirements_is_still_read(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Delivery", level=1)
    document.add_paragraph("All requirements must be traceable to test cases in Jira.")
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, log = read(path)
    assert [r.text for r in requirements] == [
        "All requirements must be traceable to test cases in Jira."
    ]
    assert log.skipped == []


def test_markdown_a_statement_gives_its_section_its_priority(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "## Reporting\n\nAll requirements in this section are desirable.\n\n"
        "- Scheduled reports by email\n- Dashboards are required for managers\n\n"
        "| Ref | Requirement |\n|---|---|\n| R-9 | Exports to Excel |\n\n"
        "## Hosting\n\n- Data hosted in the UK\n",
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [(r.text, r.priority) for r in requirements] == [
        ("Scheduled reports by email", "should"),
        ("Dashboards are required for managers", "must"),
        ("Exports to Excel", "should"),
        ("Data hosted in the UK", "must"),
    ]
    assert [s.reason for s in log.skipped] == [
        "a statement of the priority of the section's requirements"
        " (should: given to those below it that state none)"
    ]


def test_word_a_statement_ends_at_a_bold_title(tmp_path):
    # "Lot 2 - Core platform" is set in bold, not as a Heading: a reader sees a new
    # section, so the first lot's stated priority must not reach its requirements.
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Lot 1 - Optional modules", level=2)
    document.add_paragraph("The requirements in this section are desirable.")
    document.add_paragraph("Visitor management", style="List Bullet")
    title = document.add_paragraph()
    title.add_run("Lot 2 - Core platform").bold = True
    document.add_paragraph("Desk booking for 300 users", style="List Bullet")
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, _ = read(path)
    assert [(r.text, r.priority) for r in requirements] == [
        ("Visitor management", "should"),
        ("Desk booking for 300 users", "must"),
    ]
