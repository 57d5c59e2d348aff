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
