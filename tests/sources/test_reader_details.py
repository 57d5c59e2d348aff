"""The readers' finer points (commit ee5c402), on realistic inputs, value by value.

Markdown and plain text come from ``tests/fixtures``; CSV is written, and the
workbooks and Word documents are built, in ``tmp_path``. Every expected value
was checked by hand against docs/catalogue.md ("Requirement inputs"), not copied from the output.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from dealcheck.errors import InputError
from dealcheck.sources import ReadLog, ReadOptions, read_requirements

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def read(path: Path, **options: str) -> list:
    requirements, _ = read_requirements([str(path)], ReadOptions(**options) if options else None)
    return requirements


def lines(path: Path, **options: str) -> list[tuple]:
    """(id, text, priority, section, line) of each requirement, in order."""
    return [(r.id, r.text, r.priority, r.section, r.source.line) for r in read(path, **options)]


def cells(path: Path, **options: str) -> list[tuple]:
    """(id, text, priority, section, sheet, row, column) of each requirement, in order."""
    return [
        (r.id, r.text, r.priority, r.section, r.source.sheet, r.source.row, r.source.column)
        for r in read(path, **options)
    ]


# --- Markdown: tests/fixtures/rfp.md -------------------------------------------------------


@pytest.fixture(scope="module")
def rfp_md() -> dict:
    requirements = read(FIXTURES / "rfp.md")
    return {"all": requirements, "by_id": {r.id: r for r in requirements}}


def test_md_reads_exactly_these_requirements_in_document_order(rfp_md):
    assert [r.id for r in rfp_md["all"]] == [
        "1.1", "1.2", "R-3", "R-4", "R-5", "R-6", "1", "2",
        "R-9", "SEC-9", "D-1", "D-2", "D-3", "R-14",
    ]  # fmt: skip
    assert all(r.source.file.endswith("rfp.md") for r in rfp_md["all"])


def test_md_wrapped_and_lazily_continued_items_are_one_requirement_each(rfp_md):
    first, second = rfp_md["by_id"]["1.1"], rfp_md["by_id"]["1.2"]
    assert (first.text, first.priority, first.section, first.source.line) == (
        "The platform must support SAML 2.0 single sign-on with Okta and Entra ID.",
        "must",
        "1. Identity",
        13,
    )
    # line 16 is not indented (a lazy continuation) and still belongs to item 1.2
    assert (second.text, second.priority, second.source.line) == (
        "SCIM provisioning should be offered, and deprovisioning within one hour.",
        "should",
        15,
    )
    assert not second.priority_explicit


def test_md_nested_items_are_requirements_of_their_own_after_their_parent(rfp_md):
    got = [(r.id, r.text, r.source.line) for r in rfp_md["all"][2:5]]
    assert got == [
        ("R-3", "Integrations required:", 17),
        ("R-4", "Slack", 18),
        ("R-5", "Microsoft Teams", 19),
    ]
    assert rfp_md["by_id"]["R-3"].priority == "must"  # "required"


def test_md_checkbox_marker_is_stripped_inline_markup_kept(rfp_md):
    r = rfp_md["by_id"]["R-6"]
    assert (r.text, r.priority, r.source.line) == ("MFA for **all** users", "must", 20)


def test_md_ordered_list_numbers_become_ids(rfp_md):
    one, two = rfp_md["by_id"]["1"], rfp_md["by_id"]["2"]
    assert (one.text, one.priority, one.section, one.source.line) == (
        "First ordered item",
        "must",
        "1. Identity",
        22,
    )
    assert (two.text, two.priority, two.source.line) == (
        "Second ordered item may be phased.",
        "may",
        23,
    )


def test_md_paragraph_counts_only_with_a_keyword_and_whole(rfp_md):
    r = rfp_md["by_id"]["R-9"]
    assert (r.text, r.priority, r.source.line) == (
        "The vendor shall provide a named account manager. Pricing is in appendix B.",
        "must",
        25,
    )
    texts = " ".join(x.text for x in rfp_md["all"])
    assert "Globex is a logistics company" not in texts  # prose without a keyword
    assert "Nothing to see here" not in texts
    assert "Globex Logistics Platform" not in texts  # a heading


def test_md_block_quoted_list_item_keeps_its_own_id(rfp_md):
    r = rfp_md["by_id"]["SEC-9"]
    assert (r.text, r.priority, r.section, r.source.line) == (
        "Quoted requirement in a block quote continues here.",
        "must",
        "1. Identity",
        28,
    )


def test_md_table_rows_by_header_with_blank_section_cell_taking_the_one_above(rfp_md):
    got = [
        (r.id, r.text, r.priority, r.priority_explicit, r.section, r.source.line)
        for r in rfp_md["all"]
        if r.id.startswith("D-")
    ]
    assert got == [
        ("D-1", "Data stored in the EU only", "must", True, "Residency", 35),
        # the Priority column wins over "MUST NOT" in the text
        ("D-2", "Daily backups kept 30 days, MUST NOT be deleted early", "should", True,
         "Backup", 36),
        # blank Category cell: the section above; "C" (could) is may; "\|" is a pipe
        ("D-3", "Export in CSV | JSON", "may", True, "Backup", 37),
    ]  # fmt: skip
    # the header row and the all-blank row 38 are not requirements
    assert not any(r.text in ("Requirement", "Ref") for r in rfp_md["all"])
    assert 38 not in [r.source.line for r in rfp_md["all"]]


def test_md_front_matter_code_and_html_comments_are_not_requirements(rfp_md):
    texts = " ".join(r.text for r in rfp_md["all"])
    for hidden in (
        "someone who must not be counted",  # front matter (lines 1-4)
        "Globex RFP",
        "level: must not count",  # fenced code
        "indented code must not count",  # indented code
        "commented-out item",  # HTML comment
    ):
        assert hidden not in texts
    assert all(r.source.line > 4 for r in rfp_md["all"])  # line numbers stay true


def test_md_setext_heading_names_the_section(rfp_md):
    r = rfp_md["all"][-1]
    assert (r.id, r.text, r.priority, r.section, r.source.line) == (
        "R-14",
        "Recommended: quarterly business reviews.",
        "should",
        "Commercial Terms",
        57,
    )


def test_md_ordered_item_that_starts_with_its_own_id_keeps_it(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "# 4. Security\n"
        "\n"
        "1. SEC-4 - All data must be encrypted at rest.\n"
        "2. 4.2.1 Keys should be rotated every year.\n"
        "3) R-12: Penetration tests may be shared under NDA.\n"
        "4. AES-256 encryption of backups\n"
        "5. 5 TB of storage per tenant\n"
        "6. Vendor offers a security contact\n"
        "   - Named deputy\n",
        encoding="utf-8",
    )
    assert lines(path) == [
        ("SEC-4", "All data must be encrypted at rest.", "must", "4. Security", 3),
        ("4.2.1", "Keys should be rotated every year.", "should", "4. Security", 4),
        ("R-12", "Penetration tests may be shared under NDA.", "may", "4. Security", 5),
        # a standard's name or a quantity is the text, so the list number is the id
        ("4", "AES-256 encryption of backups", "must", "4. Security", 6),
        ("5", "5 TB of storage per tenant", "must", "4. Security", 7),
        ("6", "Vendor offers a security contact", "must", "4. Security", 8),
        ("R-7", "Named deputy", "must", "4. Security", 9),
    ]


# --- Markdown: tests/fixtures/payroll-rfp.md ------------------------------------------------
# "3.1 ..." is no list item in CommonMark: lines written one under the other without a
# blank line are one paragraph, and each id-led line in it is a requirement of its own.

PAYROLL = "3. Payroll"
SECURITY = "4. Security"


@pytest.fixture(scope="module")
def payroll_md() -> list:
    return read(FIXTURES / "payroll-rfp.md")


def test_md_every_id_led_line_of_a_paragraph_is_a_requirement_in_order(payroll_md):
    got = [(r.id, r.text, r.priority, r.section, r.source.line) for r in payroll_md]
    assert got == [
        ("3.1", "UK payroll with PAYE, National Insurance and RTI submissions to HMRC.",
         "must", PAYROLL, 20),
        ("3.2", "Auto-enrolment pensions for our NEST and LGPS schemes.", "must", PAYROLL, 21),
        ("3.2.1", "Salary sacrifice for pension contributions", "must", PAYROLL, 22),
        ("3.3", "Payroll for our 40 staff in the Republic of Ireland, paid in EUR.",
         "must", PAYROLL, 23),
        # "1.2" continues the line above it (it comes before 3.4): one requirement
        ("3.4", "Payroll data must be encrypted in transit with TLS 1.2 or higher.",
         "must", PAYROLL, 24),
        ("3.5", "Could have: payroll journals exported into Sage 200 nominal ledger.",
         "may", PAYROLL, 26),
        # wrapped sentences: "7 years" is a quantity and "2.0" follows no id
        ("R-7", "Payslips must be available in the employee app and retained for 7 years"
         " after the colleague leaves.", "must", PAYROLL, 28),
        ("R-8", "The platform must support single sign-on with SAML 2.0 and provisioning"
         " from Entra ID.", "must", PAYROLL, 31),
        # a sentence that ends in ":" and the numbered lines below it
        ("R-9", "The supplier shall provide these payroll reports:", "must", PAYROLL, 34),
        ("3.6", "Gross-to-net by cost centre", "must", PAYROLL, 35),
        ("3.7", "Holiday liability at each month end", "must", PAYROLL, 36),
        # references with no requirement keyword: requirements all the same
        ("R-1", "SSO via Okta for head office staff", "must", SECURITY, 40),
        ("R-2", "SCIM provisioning from Okta", "must", SECURITY, 41),
        ("SEC-4", "Audit log kept for 7 years", "must", SECURITY, 42),
        ("REQ-012", "Personnel records hosted in the UK", "must", SECURITY, 44),
        ("A.1", "Kiosk clock in at each home", "must", SECURITY, 46),
        ("A.2", "Won't have - biometric clocking", "may", SECURITY, 47),
        # "09:00" is a time, not an id: the wrapped line stays with 5.1
        ("5.1", "Support desk open from 09:00 to 17:30 on working days", "must", "5. Service", 54),
        ("5.2", "Recovery point objective of no more than 4 hours.", "must", "5. Service", 56),
    ]  # fmt: skip
    assert not any(r.priority_explicit for r in payroll_md)


def test_md_prose_without_an_id_or_keyword_is_still_not_a_requirement(payroll_md):
    texts = " ".join(r.text for r in payroll_md)
    assert "Northwind Care runs 14 care homes" not in texts
    assert "information security team reviews" not in texts
    assert "1,100 colleagues" not in texts


def test_md_id_led_lines_in_a_tender_process_section_are_listed_as_skipped():
    log = ReadLog()
    read_requirements([str(FIXTURES / "payroll-rfp.md")], log=log)
    reason = "in '2. Instructions to bidders', a section about the tender process"
    assert [(x.text, x.source.line, x.reason) for x in log.skipped] == [
        ("2.1 Suppliers must respond by 30 January 2027 via the eSourcing portal.", 15, reason),
        ("2.2 Clarification questions should be sent before 16 January 2027.", 16, reason),
    ]


def test_md_a_reference_led_paragraph_is_read_where_it_had_no_requirement_at_all(tmp_path):
    path = tmp_path / "security.md"
    path.write_text(
        "## Security\n\nR-1: SSO via Okta\nR-2: SCIM from Okta\n\n"
        "SEC-4 - Audit log for 7 years\nSEC-5 - On-prem install\n",
        encoding="utf-8",
    )
    assert lines(path) == [
        ("R-1", "SSO via Okta", "must", "Security", 3),
        ("R-2", "SCIM from Okta", "must", "Security", 4),
        ("SEC-4", "Audit log for 7 years", "must", "Security", 6),
        ("SEC-5", "On-prem install", "must", "Security", 7),
    ]


def test_md_id_led_lines_inside_list_items_and_block_quotes(tmp_path):
    path = tmp_path / "rostering.md"
    path.write_text(
        "## 6. Rostering\n"
        "\n"
        "- 6.1 Kiosk clock in at each home\n"
        "6.2 Offline clocking when the network is down\n"  # a lazy continuation line
        "- 6.3 Shift swaps approved by the\n"
        "  home manager\n"
        "\n"
        "1. Rotas published at least\n"
        "   4 - 6 weeks ahead\n"
        "2. Agency staff booked from the rota\n"
        "   2.1 Agency invoices matched to shifts worked\n"
        "\n"
        "> 7.1 Bank staff may pick up open shifts.\n"
        "> 7.2 Overtime is approved before the shift\n",
        encoding="utf-8",
    )
    assert lines(path) == [
        ("6.1", "Kiosk clock in at each home", "must", "6. Rostering", 3),
        ("6.2", "Offline clocking when the network is down", "must", "6. Rostering", 4),
        ("6.3", "Shift swaps approved by the home manager", "must", "6. Rostering", 5),
        ("1", "Rotas published at least 4 - 6 weeks ahead", "must", "6. Rostering", 8),
        ("2", "Agency staff booked from the rota", "must", "6. Rostering", 10),
        # 2.1 comes after the item's number 2: a requirement of its own
        ("2.1", "Agency invoices matched to shifts worked", "must", "6. Rostering", 11),
        ("7.1", "Bank staff may pick up open shifts.", "may", "6. Rostering", 13),
        ("7.2", "Overtime is approved before the shift", "must", "6. Rostering", 14),
    ]


# --- Plain text: tests/fixtures/questions.txt ----------------------------------------------


def test_txt_every_line_with_ids_texts_priorities_sections_and_lines():
    section = "Acme Corp security questionnaire"
    assert lines(FIXTURES / "questions.txt") == [
        ("1", "Do you support SAML 2.0 single sign-on?", "must", section, 3),
        ("2", "MFA MUST be enforced for every administrator.", "must", section, 4),
        ("3.1", "Passwords MUST NOT be stored in plain text.", "must", section, 5),
        ("4.2.1", "Audit logs should be kept for 7 years.", "should", section, 6),
        # "shall" and "may": the strongest word wins
        ("R-12", "Customer data shall stay in the EU; replication to the US may be allowed.",
         "must", section, 7),
        ("SEC-4", "Encryption at rest with AES-256 is recommended.", "should", section, 8),
        ("R-7", "Nice to have: a dark mode.", "may", section, 9),
        ("R-8", "Weekly export to S3", "must", section, 10),  # "* [ ] " stripped
        ("R-9", "Bullet with   inner   spacing kept", "must", section, 11),
        # lines 12 ("-") and 13 ("7.") are markers only; "Operations:" is a label
        ("R-10", "99.95% uptime every month", "must", "Operations", 16),
        ("R-11", "5 TB of storage per tenant", "must", "Operations", 17),
        # the 12th requirement's positional id would be the customer's R-12
        ("R-12-2", "AES-256 encryption of backups", "must", "Operations", 18),
        ("R-13", "Phone support in German, optional.", "may", "Support", 20),
        ("R-14", "Support requests are answered within 4 hours.", "must", "Support", 21),
        # seven words ending in ':' is a question, not a label
        ("R-15", "Please describe your roadmap for the following:", "must", "Support", 22),
    ]  # fmt: skip


def test_txt_priorities_from_words_are_not_explicit():
    assert not any(r.priority_explicit for r in read(FIXTURES / "questions.txt"))


def test_txt_a_leading_time_range_or_amount_is_text_not_an_id(tmp_path):
    path = tmp_path / "service.txt"
    path.write_text(
        "09:00-17:30 UK payroll helpdesk on working days\n"
        "4 - 6 weeks from contract signature to go-live\n"
        "2026 - 2027 payslips kept online for every leaver\n"
        "1.5 million payslips a year\n"
        # still ids: a number with ":" or " - " before words
        "7: Named customer success manager\n"
        "8 - Quarterly service reviews\n",
        encoding="utf-8",
    )
    assert lines(path) == [
        ("R-1", "09:00-17:30 UK payroll helpdesk on working days", "must", None, 1),
        ("R-2", "4 - 6 weeks from contract signature to go-live", "must", None, 2),
        ("R-3", "2026 - 2027 payslips kept online for every leaver", "must", None, 3),
        ("R-4", "1.5 million payslips a year", "must", None, 4),
        ("7", "Named customer success manager", "must", None, 5),
        ("8", "Quarterly service reviews", "must", None, 6),
    ]


# --- CSV ------------------------------------------------------------------------------------

MATRIX_CSV = (
    "Massive Dynamic - security compliance matrix,,,,\n"
    "Ref,Category,Requirement Description,Priority (M/S/C),Vendor Response\n"
    "Access control,,,,\n"
    "AC-1,,Users sign in with SAML 2.0 SSO,M,\n"
    "AC-2,,Administrators must use MFA,S,\n"
    ",,,,\n"
    "Audit,,,,\n"
    "AU-1,,Audit log kept for one year,C,\n"
    'AU-2,Logging,"Export of audit events\n'
    'to Splunk",M,\n'
    "AU-3,,Retention may be configured per tenant,,\n"
)


def test_csv_group_heading_rows_and_blank_section_cells(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(MATRIX_CSV, encoding="utf-8")
    got = [
        (r.id, r.text, r.priority, r.priority_explicit, r.section, r.source.line, r.source.row)
        for r in read(path)
    ]
    assert got == [
        ("AC-1", "Users sign in with SAML 2.0 SSO", "must", True, "Access control", 4, 4),
        # the S in the Priority column wins over "must" in the text
        ("AC-2", "Administrators must use MFA", "should", True, "Access control", 5, 5),
        ("AU-1", "Audit log kept for one year", "may", True, "Audit", 8, 8),
        # a Category cell of its own wins over the group heading; text as written
        ("AU-2", "Export of audit events\nto Splunk", "must", True, "Logging", 9, 9),
        # blank Category: the one above; no priority cell: from the words. The
        # quoted line break puts the physical line one past the record number.
        ("AU-3", "Retention may be configured per tenant", "may", False, "Logging", 11, 10),
    ]  # fmt: skip


def test_csv_heading_row_is_only_the_first_cell_outside_the_text_column(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Requirement,Ref,Priority\n"
        "Identity,,\n"  # the text column itself: a requirement, not a heading
        "SSO with Okta,ID-1,Must\n",
        encoding="utf-8",
    )
    assert lines(path) == [
        ("R-1", "Identity", "must", None, 2),
        ("ID-1", "SSO with Okta", "must", None, 3),
    ]


def test_csv_missing_text_column_lists_the_headers_as_written(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(MATRIX_CSV, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(path, text_column="Question")
    err = info.value
    assert err.message == "no column named 'Question' (--text-column)"
    assert err.hint == (
        "headers found: 'Ref', 'Category', 'Requirement Description', 'Priority (M/S/C)',"
        " 'Vendor Response'"
    )
    assert "matrix.csv:2: no column named" in str(err)  # located at the header row


def test_csv_a_row_with_only_a_dotted_reference_is_not_a_group_heading(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Ref,Requirement,Priority\n"
        "Passwords,,\n"
        "SEC-4.1,,\n"  # withdrawn: its text left blank
        "SEC-4.2,Passwords are hashed with bcrypt,M\n",
        encoding="utf-8",
    )
    assert lines(path) == [("SEC-4.2", "Passwords are hashed with bcrypt", "must", "Passwords", 4)]


# --- XLSX -----------------------------------------------------------------------------------


def _matrix_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    cover = wb.active
    cover.title = "Cover"
    cover["A1"] = "Vandelay Industries - supplier questionnaire"
    cover["A3"] = "Please answer every question on the Security sheet."
    ws = wb.create_sheet("Security")
    ws["A1"] = "Security requirements"
    ws.append([])
    ws.append(["Ref", "Area", "Requirement", "MoSCoW", "Vendor response"])  # row 3
    ws.append(["Access control"])  # 4: a group heading
    ws.append(["VS-01", None, "SAML 2.0 single sign-on with Okta", "M"])
    ws.append(["VS-02", None, "MFA for every administrator", "S"])
    ws.append([])  # 7
    ws.append(["Encryption"])  # 8: a group heading
    ws.append(["VS-03", None, "AES-256 encryption of backups", "C"])
    ws.append(["VS-04", "Key management", "Customer-managed keys", "W"])  # 10
    ws.append(["VS-05", None, "Keys rotated every year", None])
    ws.append(["VS-06", None, "Key access is logged", "Must"])
    ws.merge_cells("B10:B11")  # a merged Area cell: only B10 holds the value
    wb.save(path)


XLSX_EXPECTED = [
    ("VS-01", "SAML 2.0 single sign-on with Okta", "must", "Access control", "Security", 5, "C"),
    ("VS-02", "MFA for every administrator", "should", "Access control", "Security", 6, "C"),
    ("VS-03", "AES-256 encryption of backups", "may", "Encryption", "Security", 9, "C"),
    ("VS-04", "Customer-managed keys", "may", "Key management", "Security", 10, "C"),
    ("VS-05", "Keys rotated every year", "must", "Key management", "Security", 11, "C"),
    ("VS-06", "Key access is logged", "must", "Key management", "Security", 12, "C"),
]


def test_xlsx_group_heading_rows_and_merged_section_cells(tmp_path):
    path = tmp_path / "matrix.xlsx"
    _matrix_xlsx(path)
    assert cells(path) == XLSX_EXPECTED  # the Cover sheet has no header: skipped
    assert [r.priority_explicit for r in read(path)] == [True, True, True, True, False, True]


def test_xlsx_with_a_wrong_stored_dimension_still_reads_every_row(tmp_path):
    good = tmp_path / "good.xlsx"
    _matrix_xlsx(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # the Security sheet
                data, n = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A1"/>', data)
                assert n == 1
            dst.writestr(item, data)

    import openpyxl

    stored = openpyxl.load_workbook(bad, read_only=True)["Security"]
    assert (stored.max_row, stored.max_column) == (1, 1)  # what the file claims
    assert cells(bad) == XLSX_EXPECTED


def test_xlsx_text_column_naming_no_column_is_an_error(tmp_path):
    path = tmp_path / "matrix.xlsx"
    _matrix_xlsx(path)
    with pytest.raises(InputError, match="--text-column") as info:
        read(path, text_column="Question text")
    assert info.value.message == "no column named 'Question text' (--text-column) in any sheet"
    assert "'Security'" in info.value.hint and "'Cover'" in info.value.hint


def test_xlsx_text_column_and_sheet_options(tmp_path):
    path = tmp_path / "matrix.xlsx"
    _matrix_xlsx(path)
    assert cells(path, text_column="requirement", sheet="security") == XLSX_EXPECTED


# --- DOCX -----------------------------------------------------------------------------------


def _ins(text: str, ident: int):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(
        f'<w:ins {nsdecls("w")} w:id="{ident}" w:author="Legal" w:date="2026-11-01T00:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'
    )


def _del(text: str, ident: int):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(
        f'<w:del {nsdecls("w")} w:id="{ident}" w:author="Legal" w:date="2026-11-01T00:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )


def _rfp_docx(path: Path) -> None:
    """A Word RFP; the comments give each block's position (the reader's ``line``)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    doc.add_heading("Wonka Industries RFP", 0)  # 1 (style Title)
    doc.add_heading("2. Identity", level=1)  # 2
    doc.add_paragraph(  # 3: only the sentence with a keyword
        "Wonka Industries makes chocolate. The supplier must host in the EU. Nothing else."
    )
    item = doc.add_paragraph(style="List Number")  # 4: tracked changes
    item._p.append(_del("SEC-3 - ", 1))
    item._p.append(_ins("SEC-4 - ", 2))
    item.add_run("Users must sign in with ")
    item._p.append(_del("OpenID Connect", 3))
    item._p.append(_ins("SAML 2.0", 4))
    item.add_run(" via Okta.")
    doc.add_paragraph("")  # 5: empty, still counted
    wrapped = doc.add_paragraph("Audit logs should be kept", style="List Bullet")  # 6
    wrapped.add_run().add_break()  # a manual line break (Shift+Enter)
    wrapped.add_run("  for 180 days.")
    after = doc.add_paragraph("Support is available in English.", style="List Bullet")  # 8
    control = parse_xml(  # 7: a block content control around a list paragraph
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Requirement"/>'
        '<w:tag w:val="req-7"/></w:sdtPr><w:sdtContent><w:p><w:pPr>'
        '<w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>Backups may be stored in a second'
        " region.</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc.element.body.insert(doc.element.body.index(after._p), control)
    doc.add_heading("3. Data", level=1)  # 9
    table = doc.add_table(rows=5, cols=4)  # rows 10-14
    values = [
        ("Section", "Ref", "Requirement", "Priority"),
        ("Hosting", "D-1", "Data stays in the EU", "Must"),
        ("", "D-2", "Backups every 24 hours", "Should"),
        ("", "D-3", "Restore tested every quarter", "Could"),
        ("Exit", "D-4", "Full export on termination", "Must"),
    ]
    for row, texts in zip(table.rows, values):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    table.cell(1, 0).merge(table.cell(3, 0))  # Section "Hosting" spans rows 2-4
    doc.add_paragraph("The supplier will provide a migration plan.")  # 15
    doc.save(str(path))


@pytest.fixture(scope="module")
def rfp_docx(tmp_path_factory) -> list:
    path = tmp_path_factory.mktemp("docx") / "rfp.docx"
    _rfp_docx(path)
    return read(path)


def _as_tuples(requirements: list) -> list[tuple]:
    return [(r.id, r.text, r.priority, r.section, r.source.line) for r in requirements]


def test_docx_reads_exactly_these_requirements_in_document_order(rfp_docx):
    assert _as_tuples(rfp_docx) == [
        ("R-1", "The supplier must host in the EU.", "must", "2. Identity", 3),
        ("SEC-4", "Users must sign in with SAML 2.0 via Okta.", "must", "2. Identity", 4),
        ("R-3", "Audit logs should be kept for 180 days.", "should", "2. Identity", 6),
        ("R-4", "Backups may be stored in a second region.", "may", "2. Identity", 7),
        ("R-5", "Support is available in English.", "must", "2. Identity", 8),
        ("D-1", "Data stays in the EU", "must", "Hosting", 11),
        ("D-2", "Backups every 24 hours", "should", "Hosting", 12),
        ("D-3", "Restore tested every quarter", "may", "Hosting", 13),
        ("D-4", "Full export on termination", "must", "Exit", 14),
        ("R-10", "The supplier will provide a migration plan.", "must", "3. Data", 15),
    ]


def test_docx_tracked_insertions_are_read_and_deletions_are_not(rfp_docx):
    item = rfp_docx[1]
    assert (item.id, item.text) == ("SEC-4", "Users must sign in with SAML 2.0 via Okta.")
    everything = " ".join(f"{r.id} {r.text}" for r in rfp_docx)
    assert "OpenID" not in everything and "SEC-3" not in everything


def test_docx_block_content_control_is_read_in_document_order(rfp_docx):
    got = [(r.text, r.source.line) for r in rfp_docx[2:5]]
    assert got == [
        ("Audit logs should be kept for 180 days.", 6),
        ("Backups may be stored in a second region.", 7),  # inside w:sdt/w:sdtContent
        ("Support is available in English.", 8),
    ]


def test_docx_vertically_merged_section_cell_applies_to_every_row_it_spans(rfp_docx):
    table = [(r.id, r.section) for r in rfp_docx if r.id.startswith("D-")]
    assert table == [("D-1", "Hosting"), ("D-2", "Hosting"), ("D-3", "Hosting"), ("D-4", "Exit")]


def test_docx_manual_line_break_in_a_list_item_is_one_space(rfp_docx):
    assert rfp_docx[2].text == "Audit logs should be kept for 180 days."
    assert "\n" not in rfp_docx[2].text


def test_docx_table_group_heading_row_names_the_section(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_heading("Security", level=1)  # 1
    table = doc.add_table(rows=4, cols=3)  # rows 2-5
    values = [
        ("Ref", "Requirement", "Priority"),
        ("Access control", "", ""),
        ("AC-1", "SAML single sign-on", "Must"),
        ("AC-2", "MFA for administrators", "Should"),
    ]
    for row, texts in zip(table.rows, values):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    table.cell(1, 0).merge(table.cell(1, 2))  # the heading spans the table
    doc.save(str(tmp_path / "matrix.docx"))
    assert lines(tmp_path / "matrix.docx") == [
        ("AC-1", "SAML single sign-on", "must", "Access control", 4),
        ("AC-2", "MFA for administrators", "should", "Access control", 5),
    ]


def test_docx_table_inside_a_content_control_is_read(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = docx.Document()
    doc.add_heading("Security", level=1)  # 1
    table = doc.add_table(rows=3, cols=3)  # rows 2-4
    for row, texts in zip(
        table.rows,
        [("Ref", "Requirement", "Priority"), ("AC-1", "SAML SSO", "Must"), ("AC-2", "MFA", "S")],
    ):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    body = doc.element.body
    at = body.index(table._tbl)
    control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    body.remove(table._tbl)
    control[0].append(table._tbl)
    body.insert(at, control)
    doc.save(str(tmp_path / "rfp.docx"))
    assert lines(tmp_path / "rfp.docx") == [
        ("AC-1", "SAML SSO", "must", "Security", 3),
        ("AC-2", "MFA", "should", "Security", 4),
    ]


# Paragraphs that are not list items, read as Markdown reads a paragraph: one that starts
# with an id is a requirement without a keyword, and each line after a manual line break
# (Shift+Enter) that starts with an id of its own starts the next requirement.


def _paragraph(doc, *lines: str):
    """A paragraph whose ``lines`` are parted by manual line breaks."""
    paragraph = doc.add_paragraph(lines[0])
    for line in lines[1:]:
        paragraph.add_run().add_break()
        paragraph.add_run(line)
    return paragraph


def _payroll_docx(path: Path) -> None:
    """Northwind Care's payroll RFP as a Word author types it: numbers written by hand,
    Normal paragraphs, Shift+Enter between the items of a group. Comments: positions."""
    import docx

    doc = docx.Document()
    doc.add_heading("Northwind Care payroll RFP", 0)  # 1
    doc.add_paragraph(  # 2: prose without an id or a keyword
        "Northwind Care runs 14 care homes and employs 1,100 colleagues."
    )
    doc.add_heading("2. Instructions to bidders", level=1)  # 3
    _paragraph(  # 4: process text, skipped whole and listed
        doc,
        "2.1 Suppliers must respond by 30 January 2027 via the eSourcing portal.",
        "2.2 Clarification questions should be sent before 16 January 2027.",
    )
    doc.add_heading("3. Payroll", level=1)  # 5
    _paragraph(  # 6: three requirements, no blank paragraph between them
        doc,
        "3.1 UK payroll with PAYE, National Insurance and RTI submissions to HMRC.",
        "3.2 Auto-enrolment pensions for our NEST and LGPS schemes",
        "3.3 Payroll for our 40 staff in the Republic of Ireland, paid in EUR",
    )
    _paragraph(  # 7: "1.2" comes before 3.4: the rest of the line above
        doc, "3.4 Payroll data must be encrypted in transit with TLS", "1.2 or higher."
    )
    _paragraph(  # 8: "7 years" is a quantity: one wrapped sentence
        doc,
        "Payslips must be available in the employee app and retained for",
        "7 years after the colleague leaves.",
    )
    _paragraph(  # 9: "2.0" follows no id: one wrapped sentence
        doc, "The platform must support single sign-on with SAML", "2.0 and SCIM from Entra ID."
    )
    _paragraph(  # 10: a sentence ending in ":" and the numbered lines below it
        doc,
        "The supplier shall provide these payroll reports:",
        "3.6 Gross-to-net by cost centre",
        "3.7 Holiday liability at each month end",
    )
    doc.add_heading("4. Security", level=1)  # 11
    doc.add_paragraph("R-1: SSO via Okta for head office staff")  # 12
    doc.add_paragraph("R-2: SCIM provisioning from Okta")  # 13
    doc.add_paragraph("SEC-4 - Audit log kept for 7 years")  # 14
    doc.add_paragraph(  # 15: prose with a keyword: only its sentence with the keyword
        "Our information security team reviews every supplier. Access must use MFA."
    )
    doc.save(str(path))


def test_docx_id_led_paragraphs_and_lines_are_requirements_in_order(tmp_path):
    path = tmp_path / "payroll.docx"
    _payroll_docx(path)
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], log=log)
    payroll, security = "3. Payroll", "4. Security"
    assert [(r.id, r.text, r.priority, r.section, r.source.line) for r in requirements] == [
        ("3.1", "UK payroll with PAYE, National Insurance and RTI submissions to HMRC.",
         "must", payroll, 6),
        ("3.2", "Auto-enrolment pensions for our NEST and LGPS schemes", "must", payroll, 6),
        ("3.3", "Payroll for our 40 staff in the Republic of Ireland, paid in EUR",
         "must", payroll, 6),
        ("3.4", "Payroll data must be encrypted in transit with TLS 1.2 or higher.",
         "must", payroll, 7),
        ("R-5", "Payslips must be available in the employee app and retained for 7 years"
         " after the colleague leaves.", "must", payroll, 8),
        ("R-6", "The platform must support single sign-on with SAML 2.0 and SCIM from"
         " Entra ID.", "must", payroll, 9),
        ("R-7", "The supplier shall provide these payroll reports:", "must", payroll, 10),
        ("3.6", "Gross-to-net by cost centre", "must", payroll, 10),
        ("3.7", "Holiday liability at each month end", "must", payroll, 10),
        ("R-1", "SSO via Okta for head office staff", "must", security, 12),
        ("R-2", "SCIM provisioning from Okta", "must", security, 13),
        ("SEC-4", "Audit log kept for 7 years", "must", security, 14),
        ("R-13", "Access must use MFA.", "must", security, 15),
    ]  # fmt: skip
    reason = "in '2. Instructions to bidders', a section about the tender process"
    assert [(x.text, x.source.line, x.reason) for x in log.skipped] == [
        ("2.1 Suppliers must respond by 30 January 2027 via the eSourcing portal.", 4, reason),
        ("2.2 Clarification questions should be sent before 16 January 2027.", 4, reason),
    ]


def test_docx_of_reference_led_paragraphs_only_is_read_not_empty(tmp_path, capsys):
    import docx

    from dealcheck.cli import main

    doc = docx.Document()
    doc.add_paragraph("R-1: SSO via Okta")
    doc.add_paragraph("R-2: SCIM provisioning from Okta")
    doc.save(str(tmp_path / "asks.docx"))
    assert lines(tmp_path / "asks.docx") == [
        ("R-1", "SSO via Okta", "must", None, 1),
        ("R-2", "SCIM provisioning from Okta", "must", None, 2),
    ]
    with pytest.raises(SystemExit) as stopped:
        main(["read", str(tmp_path / "asks.docx"), "--format", "json"])
    assert stopped.value.code == 0, capsys.readouterr().err
    assert "no requirements found" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, texts",
    [
        # Regression (found by the property test): cells holding a ';' or a quote made
        # csv.Sniffer choose ';' and read the header as one column.
        ("ID,Requirement\nQ1,Must ;'\nQ2,Must '\n", ["Must ;'", "Must '"]),
        # A European export: ';' between cells, commas inside them.
        (
            "ID;Requirement;Priority\n"
            "R1;SAML SSO, with Okta and Entra ID;M\n"
            "R2;Audit log, kept for one year;S\n",
            ["SAML SSO, with Okta and Entra ID", "Audit log, kept for one year"],
        ),
        ("ID\tRequirement\nR1\tSCIM provisioning, please\n", ["SCIM provisioning, please"]),
    ],
)
def test_csv_delimiter_is_the_one_that_splits_rows_alike(tmp_path, content, texts):
    path = tmp_path / "reqs.csv"
    path.write_text(content, encoding="utf-8")
    assert [r.text for r in read(path)] == texts


#: Prose with a ';' every few words, as a long pasted answer or a spec extract has.
PROSE = "The warehouse keeps every table; restores run nightly; keys rotate yearly. "


def test_csv_a_long_cell_cut_by_the_delimiter_sample_does_not_change_the_delimiter(tmp_path):
    # The delimiter is chosen from the file's first 64 KiB. The first cell below runs past
    # it, and its piece in the sample split at the ';' into more columns than the header
    # has at ','. It was counted: ';' won, and the file had "no requirement column".
    path = tmp_path / "long.csv"
    long_text = (PROSE * 1200).strip()  # ~90,000 characters, under the field limit
    path.write_text(
        f'Ref,Requirement,Priority\nA-1,"{long_text}",S\nA-2,SAML SSO,M\n', encoding="utf-8"
    )
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], log=log)
    parts, last = requirements[:-1], requirements[-1]
    assert parts[0].id == "A-1/1" and all(r.priority == "should" for r in parts)
    assert " ".join(r.text for r in parts) == long_text
    assert any("was split into" in w for w in log.warnings)
    assert (last.id, last.text, last.priority) == ("A-2", "SAML SSO", "must")


@pytest.mark.parametrize("size", [200_000, 20_000_000])
def test_csv_a_cell_over_the_field_limit_is_reported_on_its_row(tmp_path, capsys, size):
    # A 1 MB cell gave "field larger than field limit"; a 20 MB one (its sample cut inside
    # the cell, the delimiter then ';') gave "no requirement column found".
    from dealcheck.cli import main

    path = tmp_path / "big.csv"
    cell = (PROSE * (size // len(PROSE) + 1))[:size]
    path.write_text(f'Ref,Requirement,Priority\nA-1,"{cell}",M\nA-2,SSO,M\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read(path)
    err = info.value
    assert err.line == 2  # the row the cell is in
    assert (
        err.message == "a cell in this row is larger than the CSV field limit of 131,072 characters"
    )
    assert "split a long requirement over several rows" in (err.hint or "")
    assert 'a quote " that is never closed' in (err.hint or "")
    with pytest.raises(SystemExit) as exit_info:
        main(["read", str(path)])
    assert exit_info.value.code == 2
    _, stderr = capsys.readouterr()
    assert f"{path}:2: a cell in this row is larger than the CSV field limit" in stderr
    assert "Traceback" not in stderr


def test_a_numbered_heading_typed_as_a_word_paragraph_is_a_section(tmp_path):
    # "2. Payroll" typed as a plain paragraph (no Heading style): a section, as a PDF line
    # of that shape is, not requirement 2 "Payroll". A reference id is never a heading.
    import docx

    from dealcheck.sources import read_file

    document = docx.Document()
    for text in [
        "1. Overview",
        "Northwind Care is a charity with 400 staff.",
        "2. Payroll",
        "R-1: SSO via Okta",
        "2.1 Payslips must be available online.",
        "3. Security",
        "The system must encrypt data at rest.",
    ]:
        document.add_paragraph(text)
    path = tmp_path / "rfp.docx"
    document.save(str(path))
    reqs = read_file(str(path)).requirements
    assert [(r.id, r.text, r.section) for r in reqs] == [
        ("R-1", "SSO via Okta", "2. Payroll"),
        ("2.1", "Payslips must be available online.", "2. Payroll"),
        ("", "The system must encrypt data at rest.", "3. Security"),  # numbered later
    ]


def test_a_version_number_wrapped_to_the_next_line_starts_no_requirement(tmp_path):
    # "...our Kubernetes / 1.27 clusters.": 1.27 is no outline number after 1.4 (only
    # 1.5, 1.4.1 or 2 are), so the sentence stays one requirement.
    from dealcheck.sources import read_file
    from dealcheck.sources.common import starts_requirement

    path = tmp_path / "rfp.md"
    path.write_text(
        "# Platform\n\n1.4 The on-premises installation must run on our Kubernetes\n"
        "1.27 clusters.\n",
        encoding="utf-8",
    )
    (req,) = read_file(str(path)).requirements
    assert req.text.endswith("Kubernetes 1.27 clusters.")
    assert starts_requirement("1.5", "no end", "1.4")
    assert starts_requirement("2", "no end", "1.4")
    assert not starts_requirement("2.0", "Single sign-on must support SAML", "1")


def test_footnote_markers_are_no_requirement_ids(tmp_path):
    from dealcheck.sources import read_file

    path = tmp_path / "rfp.md"
    path.write_text(
        "# Sources\n\n[1] Gartner Magic Quadrant 2025\n\n[Note] Pricing is covered in Annex B\n\n"
        "R-1: SSO via Okta\n",
        encoding="utf-8",
    )
    assert [(r.id, r.text) for r in read_file(str(path)).requirements] == [("R-1", "SSO via Okta")]


def test_a_word_paragraph_led_by_an_id_keeps_its_other_sentences_apart(tmp_path):
    # The id's sentence is the requirement; an instruction to bidders after it is still
    # set aside, and a sub-numbered line without a keyword is kept (nothing lost).
    import docx

    from dealcheck.sources import read_file

    document = docx.Document()
    document.add_paragraph("3.1 SSO via Okta")
    document.add_paragraph(
        "3.2 Audit logs must be retained for 1 year. Bidders must submit pricing in Annex B."
    )
    path = tmp_path / "rfp.docx"
    document.save(str(path))
    result = read_file(str(path))
    assert [(r.id, r.text) for r in result.requirements] == [
        ("3.1", "SSO via Okta"),
        ("3.2", "Audit logs must be retained for 1 year."),
    ]
    assert [s.text for s in result.skipped] == ["Bidders must submit pricing in Annex B."]


def test_txt_a_reference_the_sentence_goes_on_from_is_text_not_an_id(tmp_path):
    """Regression: "VETS-4212 reporting" was read as id VETS-4212 and the text
    "reporting", and "VETS-4212 and EEO-1 reports" as the text "and EEO-1 reports"."""
    path = tmp_path / "questions.txt"
    path.write_text(
        "VETS-4212 reporting\nVETS-4212 and EEO-1 reports\n"
        "SEC-4 Audit log for 7 years\nSEC-5 - on-prem install\nR-7: the system shall export\n",
        encoding="utf-8",
    )
    got = [(r.id, r.text) for r in read(path)]
    assert got[0][1] == "VETS-4212 reporting" and got[0][0] != "VETS-4212"
    assert got[1][1] == "VETS-4212 and EEO-1 reports"
    assert got[2:] == [
        ("SEC-4", "Audit log for 7 years"),
        ("SEC-5", "on-prem install"),
        ("R-7", "the system shall export"),
    ]


# --- Tables whose header names no requirement column -----------------------------------


def test_md_table_with_an_id_and_priority_but_no_text_header_reads_the_wordy_column(tmp_path):
    """Regression: "| ID | Integration | Priority |" lost every row, unsaid."""
    path = tmp_path / "rfp.md"
    path.write_text(
        "# Tender\n\n## 5. Integration\n\n| ID | Integration | Priority |\n|---|---|---|\n"
        "| INT-1 | Single sign-on through Azure AD | Must |\n"
        "| INT-2 | Power BI reporting on portfolio data | Should |\n"
        "| INT-5 | SAP ECC cost centre sync | Must |\n",
        encoding="utf-8",
    )
    assert [(r.id, r.text, r.priority) for r in read(path)] == [
        ("INT-1", "Single sign-on through Azure AD", "must"),
        ("INT-2", "Power BI reporting on portfolio data", "should"),
        ("INT-5", "SAP ECC cost centre sync", "must"),
    ]


def test_md_table_rows_not_read_are_listed_and_warned_of(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "# Tender\n\n| Area | Detail |\n|---|---|\n"
        "| Hosting | The supplier shall host all data in the EU |\n"
        "| Planning | Gantt charts with critical path |\n",
        encoding="utf-8",
    )
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    assert [r.text for r in requirements] == ["The supplier shall host all data in the EU"]
    assert [(s.text, s.source.line) for s in log.skipped] == [
        ("Gantt charts with critical path", 6)
    ]
    assert any("1 of its rows" in w and "--text-column" in w for w in log.warnings), log.warnings


def test_xlsx_a_sheet_without_a_requirement_column_beside_one_with_is_warned_of(tmp_path):
    """Regression: a second sheet with no recognisable text column was passed over, unsaid."""
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Functional"
    first.append(["Ref", "Requirement", "Priority"])
    first.append(["F-1", "Gantt chart with baselines", "M"])
    inferred = wb.create_sheet("Integration")
    inferred.append(["ID", "Integration", "Priority"])
    inferred.append(["I-1", "SAP ECC cost centre sync", "M"])
    inferred.append(["I-2", "Qlik Sense dashboards on portfolio data", "S"])
    unread = wb.create_sheet("Areas")
    unread.append(["Reference", "Area", "Owner"])
    unread.append(["1", "Planning", "PMO"])
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    assert [(r.id, r.text, r.source.sheet) for r in requirements] == [
        ("F-1", "Gantt chart with baselines", "Functional"),
        ("I-1", "SAP ECC cost centre sync", "Integration"),
        ("I-2", "Qlik Sense dashboards on portfolio data", "Integration"),
    ]
    # Which column was read where no header names one, and which sheet was not read.
    assert len(log.warnings) == 2, log.warnings
    assert "[Integration]" in log.warnings[0] and "'Integration'" in log.warnings[0]
    assert "[Areas]" in log.warnings[1] and "--text-column" in log.warnings[1]


def test_csv_with_an_id_and_priority_but_no_text_header_reads_the_wordy_column(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "ID,Integration,Priority\nINT-1,Single sign-on through Azure AD,Must\n"
        "INT-2,Power BI reporting on portfolio data,Should\n",
        encoding="utf-8",
    )
    assert [(r.id, r.text, r.priority) for r in read(path)] == [
        ("INT-1", "Single sign-on through Azure AD", "must"),
        ("INT-2", "Power BI reporting on portfolio data", "should"),
    ]
    # A column of one-word areas is no requirement text: still an error naming the headers.
    path.write_text("Reference,Area\n1,Planning\n2,Security\n", encoding="utf-8")
    with pytest.raises(InputError, match="no requirement column"):
        read(path)


# --- Plain text pasted from an email ---------------------------------------------------

EMAIL = """Hi Sam,

Thanks again for the demo on Tuesday. Our PMO lead has a few questions, see below.

1) Can we import our old MS Project files?
2) Is there a limit on how many tasks a project can have? Our biggest rollout plan
   has around 4,500 tasks.
- Can guests (our clients) see progress? We'd have maybe 10 guest users
at any one time.
- Best practice templates for onboarding
- is our data encrypted at rest

Thanks in advance,
Priya
--
Priya Raman | PMO Lead | Coastline Utilities
"""


def test_txt_an_email_reads_its_questions_not_its_letter(tmp_path):
    path = tmp_path / "questions.txt"
    path.write_text(EMAIL, encoding="utf-8")
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    assert [(r.id, r.text, r.source.line) for r in requirements] == [
        ("1", "Can we import our old MS Project files?", 5),
        (
            "2",
            "Is there a limit on how many tasks a project can have? Our biggest rollout plan"
            " has around 4,500 tasks.",
            6,
        ),
        (
            "R-3",
            "Can guests (our clients) see progress? We'd have maybe 10 guest users at any"
            " one time.",
            8,
        ),
        ("R-4", "Best practice templates for onboarding", 10),
        ("R-5", "is our data encrypted at rest", 11),
    ]
    # Nothing lost: the letter is listed, with why.
    assert [(s.source.line, s.reason) for s in log.skipped] == [
        (1, "a greeting"),
        (3, "a line leading in to what follows"),
        (13, "a sign-off"),
        (14, "the signature"),
        (16, "the signature"),
    ]
    # --all-sentences reads the letter as requirements too.
    every = read(path, all_sentences=True)
    assert [r.text for r in every][0] == "Hi Sam,"
    assert len(every) == 5 + 5


def test_txt_lines_without_markers_are_never_joined(tmp_path):
    # A list written in lower case without markers or full stops: each line is one ask.
    path = tmp_path / "asks.txt"
    path.write_text("sso with okta\naudit logs for 1 year\n  data stored in the eu\n")
    assert [r.text for r in read(path)] == [
        "sso with okta",
        "audit logs for 1 year",
        "data stored in the eu",
    ]


def test_txt_a_thanks_between_questions_is_no_signature(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text("Thanks!\n- Do you support SCIM?\nRegards\n- And SAML?\n")
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    assert [r.text for r in requirements] == ["Do you support SCIM?", "And SAML?"]
    assert [s.reason for s in log.skipped] == ["a sign-off", "a sign-off"]


def test_a_headerless_table_is_no_table_with_a_header(tmp_path):
    # A data row whose cell reads "Mandatory" is no header: still an error, no row lost.
    path = tmp_path / "matrix.csv"
    path.write_text(
        "1,Payroll must support UK RTI submissions,Mandatory\n"
        "2,Employee records with effective-dated history,Mandatory\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no requirement column"):
        read(path)


def test_the_suppliers_column_is_never_the_requirement(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "ID,Item,Priority,Supplier response\n"
        '1,Biometric time clocks at every site,Must,"Yes, time off and leave requests are'
        ' fully supported today"\n'
        '2,Workday integration for employee records,Must,"Yes, exported nightly through our'
        ' REST API"\n',
        encoding="utf-8",
    )
    assert [r.text for r in read(path)] == [
        "Biometric time clocks at every site",
        "Workday integration for employee records",
    ]


def test_a_legend_sheet_is_not_read(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Requirements"
    first.append(["ID", "Requirement", "Priority"])
    first.append(["R1", "Payroll for our UK staff", "M"])
    legend = wb.create_sheet("Legend")
    legend.append(["Priority", "Meaning"])
    legend.append(["M", "Mandatory: the solution must meet this at go-live"])
    legend.append(["S", "Should: desirable, scored in the evaluation"])
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    assert [r.text for r in requirements] == ["Payroll for our UK staff"]
    assert any("[Legend]" in w for w in log.warnings)


THREAD = """Hi Sam,
Could you confirm the following:
- Outlook room booking
- Visitor badges
Thanks,
Ana

From: Bob Lee
Hi Ana, also add:
Lotus Notes calendar sync for room booking
Kontakt.io beacons for desk occupancy
Best practices
Cheers,
Bob
"""


def test_txt_a_sign_off_mid_thread_signs_only_its_own_lines(tmp_path):
    """Regression: the first sign-off of a thread swallowed the second writer's asks."""
    path = tmp_path / "thread.txt"
    path.write_text(THREAD, encoding="utf-8")
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], None, log)
    assert [r.text for r in requirements] == [
        "Outlook room booking",
        "Visitor badges",
        "Lotus Notes calendar sync for room booking",
        "Kontakt.io beacons for desk occupancy",
        "Best practices",
    ]
    assert [(s.text, s.reason) for s in log.skipped] == [
        ("Hi Sam,", "a greeting"),
        ("Thanks,", "a sign-off"),
        ("Ana", "the signature"),
        ("From: Bob Lee", "a mail header"),
        ("Cheers,", "the sign-off"),
        ("Bob", "the signature"),
    ]


@pytest.mark.parametrize(
    "text, joined",
    [
        # Wrapped: indented, or in lower case after a line a line's width long.
        (
            "- Desk booking for\n  500 users; visitor badges\n",
            ["Desk booking for 500 users; visitor badges"],
        ),
        # Not wrapped: a short line in lower case, a question, a new sentence.
        ("- sso with okta\nmfa for admins\n", ["sso with okta", "mfa for admins"]),
        (
            "1. Room booking from Outlook\n   Do you support recurring bookings?\n",
            ["Room booking from Outlook", "Do you support recurring bookings?"],
        ),
    ],
)
def test_txt_only_wrapped_lines_are_joined(tmp_path, text, joined):
    path = tmp_path / "asks.txt"
    path.write_text(text, encoding="utf-8")
    assert [r.text for r in read(path)] == joined


def test_txt_a_lead_in_that_asks_is_a_requirement(tmp_path):
    path = tmp_path / "asks.txt"
    path.write_text(
        "The system must integrate with our HR system as set out below.\n- Daily sync\n"
    )
    assert [r.text for r in read(path)][0].startswith("The system must integrate")


def test_txt_a_must_in_an_aside_still_counts():
    from dealcheck.requirements import priority_from_text

    assert (
        priority_from_text("Desk booking should support floor plans (mandatory for HQ)") == "must"
    )
    assert priority_from_text("Data hosted in Australia (Sydney ideally)") is None
    assert priority_from_text("Dark mode (optional)") == "may"


@pytest.mark.parametrize(
    "text, priority",
    [
        # A priority word denied makes the ask optional, not a must.
        ("A GraphQL API - not required if the REST API is complete", "may"),
        ("Dark mode (optional, not mandatory)", "may"),
        ("This is not a mandatory requirement", "may"),
        ("Offline mode isn't essential", "may"),
        ("Not mandatory but desirable: a dark theme", "should"),
        # A must beside it, a prohibition, or what the product does stays a must.
        ("Training is not required, but the vendor must provide SSO", "must"),
        ("The system must not store passwords in clear text", "must"),
        ("Customers do not need to install anything", "must"),
        ("No login required for guests", "must"),
        # A denial about a detail of the ask, after a clause opens, leaves it a must.
        ("Single sign-on with Okta so that separate passwords are not required", "must"),
        ("Visitor sign-in on an iPad at reception; a badge printer is not required", "must"),
        ("Devices enrol without user interaction; physical access is not required.", "must"),
    ],
)
def test_a_denied_priority_word_is_no_must(text, priority):
    from dealcheck.requirements import priority_from_text

    assert priority_from_text(text) == priority


def test_md_a_denied_must_under_nice_to_haves_is_optional(tmp_path):
    path = tmp_path / "rfp.md"
    path.write_text(
        "# RFP\n\n## Nice-to-haves\n\n"
        "- A GraphQL API, not required if the REST API is complete\n"
        "- Dark mode\n"
    )
    assert [r.priority for r in read(path)] == ["may", "may"]


@pytest.mark.parametrize(
    "text, asks",
    [
        # An opening thanks is no sign-off that ends the letter: the asks below it stay.
        (
            "Thanks for the demo yesterday!\nWorkday Integration\nOkta Single Sign-On\n",
            ["Workday Integration", "Okta Single Sign-On"],
        ),
        # A line that only opens with a sign-off's word, or a mail header's, is an ask.
        (
            "Best Candidate Matching\nOffer approvals\n",
            ["Best Candidate Matching", "Offer approvals"],
        ),
        (
            "Date: format of DD/MM/YYYY on all reports\n",
            ["Date: format of DD/MM/YYYY on all reports"],
        ),
        # A word in lower case after a short item, or one in mixed case, starts an ask.
        (
            "- SSO with Okta\n  2FA for hiring managers\n- Sourcing\n  iCIMS migration\n",
            ["SSO with Okta", "2FA for hiring managers", "Sourcing", "iCIMS migration"],
        ),
    ],
)
def test_txt_the_letter_readings_never_take_an_ask(tmp_path, text, asks):
    path = tmp_path / "asks.txt"
    path.write_text(text, encoding="utf-8")
    assert [r.text for r in read(path)] == asks
