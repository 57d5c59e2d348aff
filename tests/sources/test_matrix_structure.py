"""How a compliance matrix is laid out, beyond its header: rows and sheets that are not
requirements (a header repeated inside the table, section and total rows, column guides,
hidden lookup sheets), cells merged down over several rows, hidden rows, and formulas
saved with no value.

Every workbook, Word document and CSV file is built here, the way a buyer's template or
an export lays it out; each expected value was read off the table by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.sources import ReadLog, read_requirements


def read(path: Path) -> tuple[list, ReadLog]:
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    return requirements, log


def skipped(log: ReadLog) -> list[tuple[str, str]]:
    return [(s.text, s.reason) for s in log.skipped]


# --- A header row repeated inside the table ------------------------------------------------

REPEATED = "the table's header row again, inside the table: not a requirement"


def test_a_word_table_whose_header_comes_again_mid_table_reads_it_once(tmp_path):
    """Regression: two tables joined (or a header typed again after a page break) read
    "Requirement" as a requirement with the id "Ref"."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_heading("4. Technical requirements", level=1)
    rows = [
        ("Ref", "Requirement", "Priority"),
        ("TS-01", "The platform must support SAML 2.0 single sign-on.", "Mandatory"),
        ("TS-02", "Audit logs should be exportable to Microsoft Sentinel.", "Desirable"),
        ("Ref", "Requirement", "Priority"),
        ("TS-03", "Data must be stored in UK data centres.", "Mandatory"),
    ]
    table = doc.add_table(rows=len(rows), cols=3)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "rfp.docx"
    doc.save(path)
    requirements, log = read(path)
    assert [(r.id, r.priority) for r in requirements] == [
        ("TS-01", "must"),
        ("TS-02", "should"),
        ("TS-03", "must"),
    ]
    assert skipped(log) == [("Ref | Requirement | Priority", REPEATED)]
    assert [s.source.line for s in log.skipped] == [5]  # the heading, then rows 2-6


def test_a_csv_with_a_second_export_pasted_below_reads_its_header_once(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "ID;Requirement;Priority\n"
        "A-1;SSO via Okta;Must\n"
        "id;requirement;priority:\n"  # the second export's header, as its tool wrote it
        "B-1;Audit log export;Should\n",
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [(r.id, r.text) for r in requirements] == [
        ("A-1", "SSO via Okta"),
        ("B-1", "Audit log export"),
    ]
    assert skipped(log) == [("id | requirement | priority:", REPEATED)]
    assert log.skipped[0].source.line == 3


def test_a_workbook_row_repeating_the_header_is_listed_not_read(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Requirements"
    ws.append(["Ref", "Requirement", "Priority"])
    ws.append(["R1", "Payroll for our UK staff", "M"])
    ws.append(["Ref", "Requirement", "Priority"])
    ws.append(["R2", "Payroll for our Irish staff", "M"])
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    requirements, log = read(path)
    assert [r.id for r in requirements] == ["R1", "R2"]
    assert skipped(log) == [("Ref | Requirement | Priority", REPEATED)]
    assert (log.skipped[0].source.sheet, log.skipped[0].source.row) == ("Requirements", 3)


def test_a_requirement_that_only_shares_words_with_the_header_is_read(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Ref,Requirement,Priority\n"
        "R-1,Requirement,Must\n"  # a requirement whose text was cut to one word: still read
        "R-2,Priority support,Priority\n",
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [(r.id, r.text) for r in requirements] == [
        ("R-1", "Requirement"),
        ("R-2", "Priority support"),
    ]
    assert log.skipped == []
