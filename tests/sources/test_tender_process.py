"""Instructions to bidders are context, not requirements: deadlines, submission format,
contacts and evaluation method, in sections about them or in sentences; `read` lists what was
skipped and why; --all-sentences keeps them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.sources import ReadLog, ReadOptions, read_requirements
from dealcheck.sources.tender import process_heading, process_sentence

CATALOG = str(Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml")

RFP_MD = """\
# Globex collaboration platform

## 1. Introduction

Globex is replacing its intranet. Suppliers must respond by 30 January 2027.
Note: the supplier may propose alternatives.

## 2. Instructions to bidders

- Proposals must be submitted as one PDF.
- Questions should be sent to tender@globex.example.

### 2.1 Evaluation

All responses shall be evaluated on fit, price and references.

## 3. Requirements

1. The platform must support SAML single sign-on.
2. Audit logs must be kept for at least 1 year.

The supplier shall provide a migration plan. Vendors must complete every row of the matrix.

## 4. Contacts

The buyer's contact must be copied on every message.
"""


def read(path: Path, **options) -> tuple[list, ReadLog]:
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], ReadOptions(**options), log)
    return requirements, log


@pytest.fixture
def rfp_md(tmp_path) -> Path:
    path = tmp_path / "rfp.md"
    path.write_text(RFP_MD, encoding="utf-8")
    return path


def test_markdown_instructions_are_skipped_with_reasons(rfp_md):
    requirements, log = read(rfp_md)
    # A Markdown paragraph is one requirement: one that also asks something of the
    # product is kept whole.
    assert [(r.id, r.text) for r in requirements] == [
        ("1", "The platform must support SAML single sign-on."),
        ("2", "Audit logs must be kept for at least 1 year."),
        ("R-3", "The supplier shall provide a migration plan. Vendors must complete every row"
                " of the matrix."),
    ]  # fmt: skip
    skipped = {s.text: s.reason for s in log.skipped}
    assert "tender process" in skipped["Proposals must be submitted as one PDF."]
    assert "2. Instructions to bidders" in skipped["Proposals must be submitted as one PDF."]
    assert (
        "2. Instructions to bidders"
        in skipped["All responses shall be evaluated on fit, price and references."]
    ), "a sub-section stays inside its process section"
    assert "4. Contacts" in skipped["The buyer's contact must be copied on every message."]
    intro = next(s for s in log.skipped if s.text.startswith("Globex is replacing"))
    assert intro.source.line == 5


def test_all_sentences_keeps_them(rfp_md):
    requirements, log = read(rfp_md, all_sentences=True)
    assert len(requirements) == 8 and not log.skipped


def test_word_sentences_and_sections(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Introduction", level=1)
    document.add_paragraph(
        "Globex is replacing its intranet. Suppliers must respond by 30 January 2027. "
        "The new platform must be live before March."
    )
    document.add_paragraph("Note: the supplier may propose alternatives.")
    document.add_heading("Submission of proposals", level=1)
    document.add_paragraph("Bids must arrive before noon.", style="List Number")
    document.add_heading("Key dates", level=2)
    document.add_paragraph("Shortlisted suppliers must bring two engineers to the demonstration.")
    document.add_heading("Scope", level=1)
    document.add_paragraph("Single sign-on with SAML is required.", style="List Number")
    path = tmp_path / "rfp.docx"
    document.save(path)
    requirements, log = read(path)
    assert [r.text for r in requirements] == [
        "The new platform must be live before March.",
        "Single sign-on with SAML is required.",
    ]
    assert [s.text for s in log.skipped] == [
        "Suppliers must respond by 30 January 2027.",
        "Note: the supplier may propose alternatives.",
        "Bids must arrive before noon.",
        "Shortlisted suppliers must bring two engineers to the demonstration.",
    ]


def test_pdf_sections_and_sentences(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "rfp.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = [
        "1. Scope",
        "1.1 The platform must support SAML single sign-on.",
        "1.2 Vendors must complete the attached pricing sheet.",
        "2. Evaluation criteria",
        "2.1 Proposals shall be scored on functional fit.",
        "3. Security",
        "3.1 Data must be stored in the EU.",
    ]
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.save()
    requirements, log = read(path)
    assert [r.id for r in requirements] == ["1.1", "3.1"]
    assert [s.reason for s in log.skipped][0].startswith("an instruction")
    assert "2. Evaluation criteria" in log.skipped[1].reason


def test_txt_and_spreadsheets_are_never_filtered(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text("Suppliers must respond by 30 January 2027\n", encoding="utf-8")
    requirements, log = read(path)
    assert len(requirements) == 1 and not log.skipped
    path = tmp_path / "m.csv"
    path.write_text("ID,Requirement\nA-1,Suppliers must respond by 30 January 2027\n")
    requirements, log = read(path)
    assert len(requirements) == 1 and not log.skipped


@pytest.mark.parametrize(
    "text",
    [
        "Suppliers must respond by 30 January 2027.",
        "Note: the supplier may propose alternatives.",
        "Vendors are required to attend a site visit on 4 March.",
        "All proposals must be submitted electronically.",
        "Questions should be sent to procurement@globex.example by 10 January.",
        "Bidders shall indicate compliance for each requirement.",
        "Responses will be evaluated on price and functional fit.",
    ],
)
def test_process_sentences(text):
    assert process_sentence(text)


@pytest.mark.parametrize(
    "text",
    [
        "The supplier must provide 24/7 support.",
        "The supplier will provide a migration plan for 2.3 million documents.",
        "The vendor shall notify Globex of any security breach within 24 hours.",
        "The supplier should describe its plans for qualified electronic signatures.",
        "Suppliers must be able to submit invoices through the portal.",
        "The platform must let vendors upload their certificates.",
        "Users must respond to approval requests from their phone.",
    ],
)
def test_product_sentences_are_requirements(text):
    assert not process_sentence(text)


@pytest.mark.parametrize(
    ("heading", "process"),
    [
        ("2. Instructions to Vendors", True),
        ("8. Timeline and Submission", True),
        ("Evaluation criteria", True),
        ("Procurement timetable", True),
        ("Contacts", True),
        ("Contact centre integration", False),
        ("Implementation timeline", False),
        ("Questions", False),
        ("3.1 Document collaboration", False),
    ],
)
def test_process_headings(heading, process):
    assert process_heading(heading) is process


def test_read_lists_what_was_skipped_and_check_does_not_gate_on_it(rfp_md, capsys):
    with pytest.raises(SystemExit):
        main(["read", str(rfp_md)])
    out = " ".join(capsys.readouterr().out.split())
    assert "Not read as requirements (5)" in out
    assert "Suppliers must respond by 30 January 2027." in out
    with pytest.raises(SystemExit):
        main(["read", str(rfp_md), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert len(data["skipped"]) == 5 and data["skipped"][0]["source"]["line"] == 5
    with pytest.raises(SystemExit):
        main(["check", str(rfp_md), "-c", CATALOG, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert not any("respond by" in r["text"] for r in report["requirements"])
    with pytest.raises(SystemExit):
        main(["check", str(rfp_md), "-c", CATALOG, "--format", "json", "--all-sentences"])
    report = json.loads(capsys.readouterr().out)
    assert any("respond by" in r["text"] for r in report["requirements"])
