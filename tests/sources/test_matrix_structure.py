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


def _word_table(doc, rows):
    """A table of ``rows`` (tuples of cell texts) added to the Word document ``doc``."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return table


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
    _word_table(doc, rows)
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


# --- Sheets that are not requirement tables -----------------------------------------------


def _tender_workbook(path: Path, *, lists_state: str = "hidden") -> None:
    """A buyer's compliance matrix: an Instructions sheet with a column guide, the
    requirements, and a sheet of drop-down values the buyer hid."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "Instructions"
    guide["A1"] = "How to complete this workbook"
    guide["A3"] = "1. Answer every requirement on the Requirements sheet."
    guide["A5"] = "Column guide"
    guide.append(["Column", "Description"])  # row 6
    guide.append(["Ref", "Unique reference; quote it in any clarification question."])
    guide.append(["Requirement", "The Trust's requirement. Bidders must not edit it."])
    guide.append(["Priority", "M = Mandatory, D = Desirable"])
    guide.append(["Vendor response", "Y, P or N, chosen from the drop-down list"])
    guide.append(["Vendor comments", "Free text, no more than 500 words."])
    ws = wb.create_sheet("Requirements")
    ws.append(
        ["Ref", "Requirement", "Priority (M/D)", "Vendor response (Y/N/P)", "Vendor comments"]
    )
    ws.append(["1.1", "Documents must be co-authored in real time.", "M"])
    ws.append(["1.2", "Full version history must be kept.", "M"])
    ws.append(["1.3", "Reviewers should be able to suggest changes.", "D"])
    lists = wb.create_sheet("Lists")
    lists.append(["Code", "Description"])
    lists.append(["Y", "Fully compliant"])
    lists.append(["P", "Partially compliant - explain in comments"])
    lists.append(["N", "Not compliant"])
    lists.sheet_state = lists_state
    choices = DataValidation(type="list", formula1="=Lists!$A$2:$A$4", allow_blank=True)
    ws.add_data_validation(choices)
    choices.add("D2:D4")
    wb.save(path)


GUIDE = "a guide to the columns of sheet 'Requirements', not a requirement"


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_column_guide_and_a_hidden_lookup_sheet_are_not_requirements(state, tmp_path):
    """Regression: "Column | Description" and the hidden "Code | Description" sheet read
    as requirements ("Partially compliant - explain in comments" came out supported)."""
    path = tmp_path / "appendix-c.xlsx"
    _tender_workbook(path, lists_state=state)
    requirements, log = read(path)
    assert [(r.id, r.priority, r.source.sheet) for r in requirements] == [
        ("1.1", "must", "Requirements"),
        ("1.2", "must", "Requirements"),
        ("1.3", "should", "Requirements"),
    ]
    assert skipped(log) == [
        ("Ref | Unique reference; quote it in any clarification question.", GUIDE),
        ("Requirement | The Trust's requirement. Bidders must not edit it.", GUIDE),
        ("Priority | M = Mandatory, D = Desirable", GUIDE),
        ("Vendor response | Y, P or N, chosen from the drop-down list", GUIDE),
        ("Vendor comments | Free text, no more than 500 words.", GUIDE),
    ]
    assert [(s.source.sheet, s.source.row) for s in log.skipped][0] == ("Instructions", 7)
    said = "\n".join(log.warnings)
    assert "[Instructions]: its rows name the columns of sheet 'Requirements'" in said
    hidden = "very hidden" if state == "veryHidden" else "hidden"
    assert f"[Lists]: a {hidden} sheet ('Code', 'Description'; 3 rows) was not read" in said
    assert "--sheet 'Lists' reads it" in said


def test_sheet_names_the_guide_or_the_hidden_sheet_to_read_it(tmp_path):
    from dealcheck.sources import ReadOptions

    path = tmp_path / "appendix-c.xlsx"
    _tender_workbook(path)
    lookups, _ = read_requirements([str(path)], ReadOptions(sheet="Lists"))
    assert [r.text for r in lookups] == [
        "Fully compliant",
        "Partially compliant - explain in comments",
        "Not compliant",
    ]
    guide, _ = read_requirements([str(path)], ReadOptions(sheet="Instructions"))
    assert len(guide) == 5


def test_a_workbook_whose_only_table_is_hidden_says_so(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from dealcheck.errors import InputError

    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active["A1"] = "Supplier questionnaire"
    data = wb.create_sheet("Data")
    data.append(["ID", "Requirement"])
    data.append(["Q-1", "SSO via Okta"])
    data.sheet_state = "hidden"
    path = tmp_path / "questionnaire.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        read(path)
    assert info.value.message == "no requirement column found in any sheet"
    assert "'Data' (a hidden sheet, read only with --sheet): 'ID', 'Requirement'" in (
        info.value.hint or ""
    )


def test_sheets_of_questions_and_areas_beside_the_matrix_are_still_read(tmp_path):
    """Only a table whose rows name another sheet's columns is a guide: a second sheet of
    questions (its own text-only header) and a sheet of areas with descriptions are read."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Functional"
    ws.append(["ID", "Requirement", "Priority"])
    ws.append(["F-1", "Gantt charts with baselines", "M"])
    questions = wb.create_sheet("Questions")
    questions.append(["Question"])
    questions.append(["Describe your approach to data migration."])
    questions.append(["Which SIEM tools do you integrate with?"])
    areas = wb.create_sheet("Areas")
    areas.append(["Area", "Description"])
    areas.append(["Planning", "Resource planning must cover contractors."])
    areas.append(["Reporting", "Portfolio dashboards should refresh hourly."])
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    requirements, log = read(path)
    assert [(r.source.sheet, r.text) for r in requirements] == [
        ("Functional", "Gantt charts with baselines"),
        ("Questions", "Describe your approach to data migration."),
        ("Questions", "Which SIEM tools do you integrate with?"),
        ("Areas", "Resource planning must cover contractors."),
        ("Areas", "Portfolio dashboards should refresh hourly."),
    ]
    assert log.skipped == [] and log.warnings == []


def test_the_answered_workbook_leaves_the_guide_and_the_hidden_sheet_alone(tmp_path, capsys):
    """Regression: --format xlsx appended Verdict, Response ... columns to the
    Instructions sheet and to the hidden Lists sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    from dealcheck.cli import main

    path = tmp_path / "appendix-c.xlsx"
    _tender_workbook(path)
    out = tmp_path / "answered.xlsx"
    catalog = Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml"
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", str(catalog), "--format", "xlsx", "--output", str(out)])
    capsys.readouterr()
    before, after = openpyxl.load_workbook(path), openpyxl.load_workbook(out)
    for name in ("Instructions", "Lists"):
        assert [[c.value for c in row] for row in after[name].iter_rows()] == [
            [c.value for c in row] for row in before[name].iter_rows()
        ], name
    assert after["Lists"].sheet_state == "hidden"
    assert after["Requirements"]["D2"].value in ("Y", "P", "N", None)


# --- Cells merged down over several rows ---------------------------------------------------


def test_a_priority_merged_down_over_rows_is_each_rows_priority(tmp_path):
    """Regression: a "D" merged over 1.3-1.5 gave 1.3 its priority and left 1.4 a must."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Functional"
    ws["A1"] = "Section 1: Functional requirements"
    ws.merge_cells("A1:E1")
    ws.append(["Ref", "Area", "Requirement", "Priority (M/D)", "Vendor comments"])  # row 2
    ws.merge_cells("A1:E1")
    ws.append(["1.1", "Editing", "Several users must edit a document at once.", "M"])  # 3
    ws.append(["1.2", None, "Reviewers should suggest changes.", "D"])  # 4
    ws.append(["1.3", None, "Users must be able to @mention colleagues.", None])  # 5
    ws.append(["1.4", "Export", "Documents exportable to PDF.", None])  # 6
    ws.append(["1.5", None, "Staff must build web forms.", "M"])  # 7
    ws.append(["1.6", None, "Offline editing on laptops.", "M"])  # 8
    ws.append([None, None, None, None])  # 9: the merged requirement cell's second row
    ws.merge_cells("D4:D6")  # "D" over 1.2-1.4
    ws.merge_cells("B3:B5")  # "Editing" over 1.1-1.3
    ws.merge_cells("C8:C9")  # one requirement written over two rows: still one
    ws.merge_cells("E3:E7")  # a comment merged down: not a column read
    ws["E3"] = "One comment for the whole group"
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    requirements, log = read(path)
    assert [(r.id, r.priority, r.priority_explicit, r.section) for r in requirements] == [
        ("1.1", "must", True, "Editing"),
        ("1.2", "should", True, "Editing"),
        ("1.3", "should", True, "Editing"),
        ("1.4", "should", True, "Export"),
        ("1.5", "must", True, "Export"),
        ("1.6", "must", True, "Export"),
    ]
    assert [r.text for r in requirements][-1] == "Offline editing on laptops."
    assert log.warnings == [] and log.skipped == []


def test_an_id_merged_down_over_its_parts_is_each_parts_id(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Requirement", "Priority"])
    ws.append(["SEC-4", "Passwords hashed with bcrypt", "Must"])
    ws.append([None, "Passwords of 12 characters at least", "Must"])
    ws.append(["SEC-5", "Sessions expire after 30 minutes", "Should"])
    ws.merge_cells("A2:A3")
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    requirements, _ = read(path)
    assert [(r.id, r.text) for r in requirements] == [
        ("SEC-4", "Passwords hashed with bcrypt"),
        ("SEC-4", "Passwords of 12 characters at least"),
        ("SEC-5", "Sessions expire after 30 minutes"),
    ]


def test_a_word_priority_cell_merged_down_is_each_rows_priority(tmp_path):
    """Regression: python-docx gives a vertically merged cell to every row it spans; the
    reader kept it for its first row only, so S-2 and S-3 under "Desirable" were must."""
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    rows = [
        ("ID", "Requirement", "Priority"),
        ("S-1", "Single sign-on with Entra ID", "Mandatory"),
        ("S-2", "Dark mode in the web app", "Desirable"),
        ("S-3", "Keyboard shortcuts for approvals", ""),
        ("S-4", "Audit log export to Sentinel", "Mandatory"),
    ]
    table = _word_table(doc, rows)
    table.cell(2, 2).merge(table.cell(3, 2))  # "Desirable" over S-2 and S-3
    table.cell(1, 1).merge(table.cell(1, 1))  # (a cell merged with itself: unchanged)
    path = tmp_path / "rfp.docx"
    doc.save(path)
    requirements, log = read(path)
    assert [(r.id, r.priority, r.priority_explicit) for r in requirements] == [
        ("S-1", "must", True),
        ("S-2", "should", True),
        ("S-3", "should", True),
        ("S-4", "must", True),
    ]
    assert log.warnings == []


def test_a_word_requirement_cell_merged_down_is_one_requirement(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    rows = [
        ("ID", "Requirement", "Priority"),
        ("S-1", "Single sign-on with Entra ID for staff and for guests", "Mandatory"),
        ("", "", "Mandatory"),
        ("S-2", "Audit log export to Sentinel", "Desirable"),
    ]
    table = _word_table(doc, rows)
    table.cell(1, 1).merge(table.cell(2, 1))
    path = tmp_path / "rfp.docx"
    doc.save(path)
    requirements, _ = read(path)
    assert [(r.id, r.text) for r in requirements] == [
        ("S-1", "Single sign-on with Entra ID for staff and for guests"),
        ("S-2", "Audit log export to Sentinel"),
    ]


# --- Hidden rows ---------------------------------------------------------------------------


def test_a_hidden_row_is_read_and_warned_of(tmp_path):
    """Regression: a hidden (withdrawn) row was read with no notice at all."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Functional"
    ws.append(["Ref", "Requirement", "Priority"])
    ws.append(["1.5", "Documents exportable to PDF", "Should"])
    ws.append(["1.6", "Integration with IBM Lotus Notes databases.", "Must"])
    ws.append([None, "Calendar sync with Google Workspace", "Must"])
    ws.append(["1.8", "Approval workflows of three stages", "Must"])
    ws.append([])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].hidden = True
    ws.row_dimensions[6].hidden = True  # an empty hidden row: nothing to say
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    requirements, log = read(path)
    assert [r.id for r in requirements] == ["1.5", "1.6", "R-3", "1.8"]  # nothing lost
    assert log.warnings == [
        f"{path}[Functional]: hidden rows 3 (1.6), 4 ('Calendar sync with Google Workspace')"
        " read as requirements: a hidden row is often a withdrawn item; check with the"
        " customer and leave it out of the answer if so"
    ]


# --- Formulas saved with no value ----------------------------------------------------------


def test_formulas_saved_with_no_value_in_a_requirements_columns_are_an_error(tmp_path):
    """Regression: a workbook written by a script (formulas, no saved values) lost three
    of five rows with no word said."""
    openpyxl = pytest.importorskip("openpyxl")
    from dealcheck.errors import InputError

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Requirements"
    ws.append(["ID", "Requirement", "Priority", "Score"])
    ws.append(["SEC-1", "Single sign-on with SAML 2.0", "Must", '=IF(C2="Must",3,1)'])
    ws.append(['="SEC-"&(ROW()-1)', '="Audit logs kept for "&$F$1&" years"', "Must"])
    ws.append(["SEC-3", "=Master!B7", "Must"])
    ws.append(["SEC-4", "Malware scanning of uploads", '=IF(D5>2,"Must","Should")'])
    ws["F1"] = 7
    path = tmp_path / "generated.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        read(path)
    error = info.value
    assert (error.file, error.line) == (f"{path}[Requirements]", 3)
    assert error.message.startswith(
        "4 formula cells (A3, B3, B4, C5) of a requirement's text, id, priority or section"
        " column hold no saved value"
    ), error.message
    assert "open it in Excel or LibreOffice, save it" in (error.hint or "")


def test_formulas_with_saved_values_and_formulas_outside_the_columns_are_read(tmp_path):
    """Only the requirement's own columns matter: a score formula with no value is not
    read anyway, and a formula Excel saved with its value (even "") reads as that value."""
    openpyxl = pytest.importorskip("openpyxl")
    import re
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Requirement", "Priority", "Score"])
    ws.append(["SEC-1", "Single sign-on with SAML 2.0", "Must", '=IF(C2="Must",3,1)'])
    ws.append(["SEC-2", '="Audit logs kept for "&$F$1&" years"', "Must", "=1"])
    ws.append(["SEC-3", '=IF(F1>9,"Retention beyond 9 years","")', "Should"])
    ws["F1"] = 7
    path = tmp_path / "saved.xlsx"
    wb.save(path)
    # Excel saves each formula with its value: text, and "" for a formula that showed "".
    saved = {"B3": "Audit logs kept for 7 years", "B4": ""}
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode("utf-8")
                for ref, value in saved.items():
                    xml, n = re.subn(
                        rf'<c r="{ref}"([^>]*)>(<f>[^<]*</f>)<v\s*(?:/>|></v>)</c>',
                        rf'<c r="{ref}"\1 t="str">\2<v>{value}</v></c>',
                        xml,
                    )
                    assert n == 1, ref
                data = xml.encode("utf-8")
            archive.writestr(info, data)
    requirements, log = read(path)
    assert [(r.id, r.text) for r in requirements] == [
        ("SEC-1", "Single sign-on with SAML 2.0"),
        ("SEC-2", "Audit logs kept for 7 years"),
    ]


# --- Section rows and total rows -----------------------------------------------------------

TOTAL = "a total or score row (no id, in a table whose other rows have ids): not a requirement"


def test_numbered_section_rows_and_total_rows_of_a_workbook_are_not_requirements(tmp_path):
    """Regression: "2 | Security and data protection" read as requirement 2, and the
    footer rows "Total mandatory requirements in this section: | 13" and "Maximum
    available score - Section 1" as requirements too."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Non-functional"
    ws.append(["Ref", "Requirement", "Priority", "Vendor response", "Score"])
    ws.append([2, "Security and data protection"])  # a section row: no priority
    ws.append(["2.1", "Customer data must stay in UK data centres.", "Mandatory", None, 3])
    ws.append(["2.2", "Single sign-on via Entra ID using SAML 2.0.", "Mandatory", None, 3])
    ws.append([3, "Service levels and support"])
    ws.append(["3.1", "Availability of 99.9% per calendar month.", "Mandatory", None, 1])
    ws.append(["3.2", "A named customer success manager.", "Desirable", None, 0])
    ws.append([])
    ws.append([None, "Total mandatory requirements in this section:", 3])
    ws.append([None, "Maximum available score – Section 2", None, None, 12])
    path = tmp_path / "matrix.xlsx"
    wb.save(path)
    requirements, log = read(path)
    assert [(r.id, r.priority, r.section) for r in requirements] == [
        ("2.1", "must", "2 Security and data protection"),
        ("2.2", "must", "2 Security and data protection"),
        ("3.1", "must", "3 Service levels and support"),
        ("3.2", "should", "3 Service levels and support"),
    ]
    assert skipped(log) == [
        ("Total mandatory requirements in this section: | 3", TOTAL),
        ("Maximum available score – Section 2 | 12", TOTAL),
    ]
    assert [s.source.row for s in log.skipped] == [9, 10]
    # Read by a rule, not by the customer's word: a check says so too.
    assert log.warnings == [
        f"{path}[Non-functional]: row 9 ('Total mandatory requirements in this section:'),"
        " row 10 ('Maximum available score – Section 2') read as total or score rows, not"
        " as requirements (listed by dealcheck read)"
    ]


def test_numbered_section_rows_and_total_rows_of_a_csv_are_not_requirements(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Ref,Requirement,Priority\n"
        "1,Identity and access,\n"
        "1.1,SSO with SAML 2.0,Must\n"
        "1.2,SCIM provisioning,Should\n"
        ",Sub-total (mandatory),1\n",
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [(r.id, r.section) for r in requirements] == [
        ("1.1", "1 Identity and access"),
        ("1.2", "1 Identity and access"),
    ]
    assert skipped(log) == [("Sub-total (mandatory) | 1", TOTAL)]
    assert log.warnings == [
        f"{path}: line 5 ('Sub-total (mandatory)') read as a total or score row, not as a"
        " requirement (listed by dealcheck read)"
    ]


def test_a_word_table_reads_its_section_and_total_rows_the_same_way(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    rows = [
        ("No", "Requirement", "Priority", "Score"),
        ("4", "Reporting", "", ""),
        ("4.1", "Dashboards must refresh hourly.", "Mandatory", "5"),
        ("4.2", "Reports should export to Excel.", "Desirable", "3"),
        ("", "Total score", "", "8"),
    ]
    _word_table(doc, rows)
    path = tmp_path / "rfp.docx"
    doc.save(path)
    requirements, log = read(path)
    assert [(r.id, r.section) for r in requirements] == [
        ("4.1", "4 Reporting"),
        ("4.2", "4 Reporting"),
    ]
    assert skipped(log) == [("Total score | 8", TOTAL)]
    assert log.warnings == [
        f"{path}: line 5 ('Total score') read as a total or score row, not as a"
        " requirement (listed by dealcheck read)"
    ]


def test_numbered_rows_and_rows_without_ids_that_are_requirements_are_read(tmp_path):
    """A numbered row is a section only when it is a title the next id extends and gives
    no priority; a row without an id is a total only in a table of ids, as a label whose
    other cells are numbers."""
    path = tmp_path / "matrix.csv"
    path.write_text(
        "Ref,Requirement,Priority,Weight\n"
        "3,Audit logs must be exported daily,,\n"  # a requirement keyword: read
        "3.1,Exports signed with SHA-256,Must,2\n"
        "4,Reporting,M,\n"  # it gives a priority: read
        "4.1,Dashboards refresh hourly,Must,2\n"
        "5,Gantt Charts With Baselines,,\n"  # the next id does not extend it: read
        "6,Portfolio roll-up,Must,1\n"
        ",Total cost of ownership must stay under budget,M,\n"  # a priority, not a number
        ",Describe your support model,,\n"  # no number beside it
        ",Number of named users:,,500\n",  # a label beside a number, but not a total
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [r.id for r in requirements] == ["3", "3.1", "4", "4.1", "5", "6", "R-7", "R-8", "R-9"]
    assert log.skipped == [] and log.warnings == []
    # In a table without ids, a row without one is never taken for a total.
    path.write_text(
        "Requirement,Priority\nSSO with SAML 2.0,Must\nTotal scoring weight:,10\n",
        encoding="utf-8",
    )
    requirements, log = read(path)
    assert [r.text for r in requirements] == ["SSO with SAML 2.0", "Total scoring weight:"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_answered_matrix_heads_its_columns_in_the_header_not_in_a_section_row(
    fmt, tmp_path, capsys
):
    """A numbered section row right below the header is no longer a requirement: the
    answered matrix must still take the header row for its own, not the section row."""
    openpyxl = pytest.importorskip("openpyxl")
    from dealcheck.cli import main

    rows = [
        ["Ref", "Requirement", "Priority", "Compliance (Y/N/P)", "Comments"],
        ["2", "Security and data protection", "", "", ""],
        ["2.1", "The platform must support SAML single sign-on", "Mandatory", "", ""],
        ["2.2", "SCIM provisioning is required", "Mandatory", "", ""],
    ]
    path = tmp_path / f"matrix.{fmt}"
    if fmt == "xlsx":
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
    else:
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    out = tmp_path / f"answered.{fmt}"
    catalog = Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml"
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", str(catalog), "--format", fmt, "--output", str(out)])
    capsys.readouterr()
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(out).active
        answered = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    else:
        import csv

        answered = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    header, section, first = answered[0], answered[1], answered[2]
    assert header[:5] == rows[0] and "Verdict" in header
    assert [cell for cell in section if str(cell).strip()] == ["2", "Security and data protection"]
    assert str(first[3])[:1] in ("Y", "P", "N", "") and first[header.index("Verdict")]
