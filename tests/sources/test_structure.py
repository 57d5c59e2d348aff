"""Tricky structure in each reader: exact ids, texts, priorities, sections and sources."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from dealcheck.errors import InputError
from dealcheck.sources import ReadOptions, read_requirements

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def rows(paths, options=None):
    reqs, _ = read_requirements([str(p) for p in paths], options)
    return [(r.id, r.priority, r.section, r.source.line, r.text) for r in reqs]


def test_markdown_lists_tables_quotes_and_what_is_not_a_requirement():
    assert rows([FIXTURES / "rfp.md"]) == [
        ("1.1", "must", "1. Identity", 13,
         "The platform must support SAML 2.0 single sign-on with Okta and Entra ID."),
        ("1.2", "should", "1. Identity", 15,
         "SCIM provisioning should be offered, and deprovisioning within one hour."),
        ("R-3", "must", "1. Identity", 17, "Integrations required:"),
        # Nested items are requirements of their own, right after their parent.
        ("R-4", "must", "1. Identity", 18, "Slack"),
        ("R-5", "must", "1. Identity", 19, "Microsoft Teams"),
        ("R-6", "must", "1. Identity", 20, "MFA for **all** users"),  # check box stripped
        # An ordered list's numbers are its ids.
        ("1", "must", "1. Identity", 22, "First ordered item"),
        ("2", "may", "1. Identity", 23, "Second ordered item may be phased."),
        ("R-9", "must", "1. Identity", 25,
         "The vendor shall provide a named account manager. Pricing is in appendix B."),
        ("SEC-9", "must", "1. Identity", 28, "Quoted requirement in a block quote continues here."),
        # Table rows: the priority column wins over the words; a blank section cell
        # belongs to the group above it; an escaped pipe is text.
        ("D-1", "must", "Residency", 35, "Data stored in the EU only"),
        ("D-2", "should", "Backup", 36, "Daily backups kept 30 days, MUST NOT be deleted early"),
        ("D-3", "may", "Backup", 37, "Export in CSV | JSON"),
        # A setext heading names the section; prose counts only with a keyword.
        ("R-14", "should", "Commercial Terms", 57, "Recommended: quarterly business reviews."),
    ]  # fmt: skip


def test_text_numbering_markers_labels_and_ids_never_collide():
    got = rows([FIXTURES / "questions.txt"])
    assert [g[0] for g in got] == [
        "1", "2", "3.1", "4.2.1", "R-12", "SEC-4", "R-7", "R-8", "R-9",
        "R-10", "R-11", "R-12-2", "R-13", "R-14", "R-15",
    ]  # fmt: skip
    assert len({g[0] for g in got}) == len(got)
    assert got[2] == ("3.1", "must", "Acme Corp security questionnaire", 5,
                      "Passwords MUST NOT be stored in plain text.")  # fmt: skip
    assert got[8][4] == "Bullet with   inner   spacing kept"  # inner spacing as written
    assert [g[2] for g in got[9:]] == ["Operations"] * 3 + ["Support"] * 3
    assert got[12][:2] == ("R-13", "may")  # "optional"


def test_csv_group_heading_rows_and_blank_section_cells(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Ref,Section,Requirement,Priority\n"
        "Access control,,,\n"
        "AC-1,,SAML single sign-on,Must\n"
        "AC-2,,Multi-factor authentication,Should\n"
        "Data,,,\n"
        "DA-1,Residency,Data stored in the EU,Must\n"
        "DA-2,,Daily backups,Could\n",
        encoding="utf-8",
    )
    assert rows([path]) == [
        ("AC-1", "must", "Access control", 3, "SAML single sign-on"),
        ("AC-2", "should", "Access control", 4, "Multi-factor authentication"),
        ("DA-1", "must", "Residency", 6, "Data stored in the EU"),
        ("DA-2", "may", "Residency", 7, "Daily backups"),
    ]


def test_csv_missing_text_column_lists_headers_as_written(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text("Ref,Customer Need,Priority\n1,SSO,Must\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_requirements([str(path)], ReadOptions(text_column="Requirement"))
    message = str(err.value) + " " + (err.value.hint or "")
    assert "--text-column" in message and "'Customer Need'" in message


def _workbook(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Security"
    ws.append(["ID", "Requirement", "Priority"])
    ws.append(["Identity"])  # a group heading across the table
    ws.append(["S-1", "SAML single sign-on", "M"])
    ws.append(["S-2", "SCIM provisioning", "S"])
    ws.append(["Data"])
    ws.append(["S-3", "Encryption at rest", "M"])
    wb.save(path)


def test_xlsx_group_headings_name_the_section(tmp_path):
    path = tmp_path / "matrix.xlsx"
    _workbook(path)
    reqs, _ = read_requirements([str(path)])
    got = [(r.id, r.priority, r.section, r.source.sheet, r.source.row, r.text) for r in reqs]
    assert got == [
        ("S-1", "must", "Identity", "Security", 3, "SAML single sign-on"),
        ("S-2", "should", "Identity", "Security", 4, "SCIM provisioning"),
        ("S-3", "must", "Data", "Security", 6, "Encryption at rest"),
    ]


def test_xlsx_with_a_wrong_stored_dimension_is_read_whole(tmp_path):
    good = tmp_path / "good.xlsx"
    _workbook(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A1"/>', data)
                assert n == 1
            dst.writestr(item, data)
    assert [r.text for r in read_requirements([str(bad)])[0]] == [
        "SAML single sign-on",
        "SCIM provisioning",
        "Encryption at rest",
    ]


def test_xlsx_text_column_that_no_sheet_has(tmp_path):
    path = tmp_path / "matrix.xlsx"
    _workbook(path)
    with pytest.raises(InputError, match="--text-column"):
        read_requirements([str(path)], ReadOptions(text_column="Customer need"))


def _docx(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    doc = docx.Document()
    doc.add_heading("Security", level=1)
    # A tracked insertion is part of the text; a tracked deletion is not.
    p = doc.add_paragraph("The platform must support ", style="List Bullet")
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="Legal" w:date="2026-11-01T00:00:00Z">'
            "<w:r><w:t>SAML </w:t></w:r></w:ins>"
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="Legal" w:date="2026-11-01T00:00:00Z">'
            "<w:r><w:delText>OpenID </w:delText></w:r></w:del>"
        )
    )
    p.add_run("single sign-on.")
    # A manual line break inside an item is a wrapped line.
    q = doc.add_paragraph("Audit logs must be kept", style="List Bullet")
    q.add_run().add_break()
    q.add_run("for one year.")
    # A paragraph inside a block content control, in document order.
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r>"
        "<w:t>Backups shall be encrypted.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc.element.body.insert(doc.element.body.index(q._p) + 1, sdt)
    # A table whose Section cell is merged down two rows.
    table = doc.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Section", "Requirement", "Priority"]):
        cell.text = text
    data = [("Identity", "MFA for administrators", "Must"),
            ("", "SCIM provisioning", "Should"),
            ("Data", "EU hosting", "Must")]  # fmt: skip
    for row, values in zip(table.rows[1:], data):
        for cell, text in zip(row.cells, values):
            cell.text = text
    merged = table.cell(1, 0).merge(table.cell(2, 0))
    assert merged._tc.find(qn("w:tcPr")) is not None
    doc.save(str(path))


def test_docx_tracked_changes_content_controls_breaks_and_merged_cells(tmp_path):
    path = tmp_path / "rfp.docx"
    _docx(path)
    reqs, _ = read_requirements([str(path)])
    got = [(r.priority, r.section, r.text) for r in reqs]
    assert got == [
        ("must", "Security", "The platform must support SAML single sign-on."),
        ("must", "Security", "Audit logs must be kept for one year."),
        ("must", "Security", "Backups shall be encrypted."),
        ("must", "Identity", "MFA for administrators"),
        ("should", "Identity", "SCIM provisioning"),
        ("must", "Data", "EU hosting"),
    ]
    lines = [r.source.line for r in reqs]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)


def test_inputs_are_read_not_modified(tmp_path):
    path = tmp_path / "rfp.docx"
    _docx(path)
    before = path.read_bytes()
    read_requirements([str(path)])
    assert path.read_bytes() == before
