"""--format xlsx: the customer's own workbook, answered, read back with openpyxl."""

from __future__ import annotations

import io

import pytest

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import response
from dealcheck.formats.matrix import ANSWER_HEADERS, MATRIX_HEADERS
from dealcheck.formats.xlsx_format import render
from dealcheck.report import VERDICTS
from dealcheck.requirements import Location
from dealcheck.sources.common import make_requirement

from .conftest import CONTEXT, TODAY

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.styles import Font, PatternFill  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

HEADER_FILL = PatternFill("solid", fgColor="FF1F4E79")
TITLE_FILL = PatternFill("solid", fgColor="FFFFFF00")

# sheet -> (row, id, text) of each requirement, text in column B
REQUIREMENTS = {
    "Requirements": [
        (5, "SEC-1", "The platform must support SAML single sign-on"),
        (6, "SEC-2", "Documents must be anchored by blockchain notarisation"),
        (7, "OPS-1", "Offline mode would be nice to have"),
        (8, "OPS-2", "Must integrate with our mainframe through COBOL copybooks"),
    ],
    "Security": [
        (2, "S-1", "Export activity to our Splunk SIEM"),
        (3, "S-2", "SCIM provisioning is required"),
    ],
}


def customer_workbook(path) -> None:
    wb = openpyxl.Workbook()
    intro = wb.active
    intro.title = "Instructions"
    intro["A1"] = "Please answer every row"
    intro["A1"].font = Font(bold=True)
    intro["B3"] = 42
    intro["B3"].number_format = "0.00"

    ws = wb.create_sheet("Requirements")
    ws["A1"] = "Globex RFP 2027"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].fill = TITLE_FILL
    ws.merge_cells("A1:E1")
    for col, title in enumerate(["Ref", "Requirement", "Priority", "Weight", "Score"], start=1):
        cell = ws.cell(row=3, column=col, value=title)
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = HEADER_FILL
    ws["B4"] = "Identity"
    ws["B4"].font = Font(italic=True)
    for row, rid, text in REQUIREMENTS["Requirements"]:
        ws.cell(row=row, column=1, value=rid)
        ws.cell(row=row, column=2, value=text)
        ws.cell(row=row, column=3, value="Mandatory")
        ws.cell(row=row, column=4, value=row * 1.5)
        ws.cell(row=row, column=5, value=f"=D{row}*2")
    ws["A9"] = "End of requirements"
    ws.auto_filter.ref = "A3:E8"
    ws.freeze_panes = "A4"
    ws.column_dimensions["B"].width = 70

    sec = wb.create_sheet("Security")
    sec.append(["ID", "Text", "Vendor comment"])
    for cell in sec[1]:
        cell.font = Font(bold=True)
    for _row, rid, text in REQUIREMENTS["Security"]:
        sec.append([rid, text, None])
    wb.save(path)


def customer_requirements(name: str):
    reqs = []
    for sheet, rows in REQUIREMENTS.items():
        for row, rid, text in rows:
            where = Location(name, sheet=sheet, row=row, column="B")
            reqs.append(make_requirement(text, where, explicit_id=rid))
    return reqs


@pytest.fixture
def answered(engine, tmp_path):
    path = tmp_path / "Globex RFP.xlsx"
    customer_workbook(path)
    original = path.read_bytes()
    reqs = customer_requirements(str(path))
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    data = render(report, RenderOptions(inputs=[str(path)], requirements=reqs))
    assert path.read_bytes() == original, "the input is never written"
    return path, report, openpyxl.load_workbook(io.BytesIO(data))


def test_every_original_cell_and_format_kept(answered):
    path, _, out = answered
    before = openpyxl.load_workbook(path)
    assert out.sheetnames == before.sheetnames
    answered_cells = {("Security", f"C{row}") for row in (2, 3)}  # the vendor's comment column
    for ws in before:
        new = out[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                moved = new[cell.coordinate]
                if (ws.title, cell.coordinate) not in answered_cells:
                    assert moved.value == cell.value, (ws.title, cell.coordinate)
                assert moved.font.b == cell.font.b and moved.font.i == cell.font.i
                assert moved.fill.fgColor.rgb == cell.fill.fgColor.rgb
                assert moved.number_format == cell.number_format
        assert {str(r) for r in new.merged_cells.ranges} == {str(r) for r in ws.merged_cells.ranges}
        assert new.freeze_panes == ws.freeze_panes
    assert out["Requirements"]["E5"].value == "=D5*2", "formulas stay formulas"
    assert out["Requirements"].column_dimensions["B"].width == 70
    assert out["Instructions"].max_column == 2, "a sheet without requirements is untouched"


def test_answers_on_the_right_rows(answered):
    _, report, out = answered
    by_id = {r.id: r for r in report.requirements}
    ws = out["Requirements"]
    # Last used column is E: the answers go in F onwards, headed in the header row (3).
    new_columns = range(6, 6 + len(ANSWER_HEADERS))
    assert [ws.cell(row=3, column=c).value for c in new_columns] == list(ANSWER_HEADERS)
    for c in new_columns:
        assert ws.cell(row=3, column=c).font.b, "the header row's style is copied"
        assert ws.cell(row=3, column=c).fill.fgColor.rgb == HEADER_FILL.fgColor.rgb
    for row, rid, _ in REQUIREMENTS["Requirements"]:
        r = by_id[rid]
        assert ws.cell(row=row, column=6).value == r.verdict
        assert ws.cell(row=row, column=7).value == response(r)
    assert ws.cell(row=6, column=7).value == "Does not comply"
    for row in (1, 2, 4, 9):
        assert all(ws.cell(row=row, column=c).value is None for c in new_columns), row
    last = get_column_letter(5 + len(ANSWER_HEADERS))
    assert ws.auto_filter.ref == f"A3:{last}8", "the autofilter takes the new columns in"

    sec = out["Security"]
    # 'Vendor comment' (C) is the vendor's own comment column: the notes go there, and
    # only the answers it has no place for are appended, from D (Reviewed by last, empty).
    assert [sec.cell(row=1, column=c).value for c in range(1, 9)] == [
        "ID", "Text", "Vendor comment", "Verdict", "Response", "Matched capability",
        "Reviewed by", None,
    ]  # fmt: skip
    assert sec.cell(row=2, column=5).value == response(by_id["S-1"])
    assert sec.cell(row=3, column=4).value == "upgrade"
    assert "enterprise" in sec.cell(row=3, column=3).value


def test_fresh_workbook(render, report):
    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx")))
    ws = wb["Compliance matrix"]
    assert [c.value for c in ws[1]] == list(MATRIX_HEADERS)
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    last = get_column_letter(len(MATRIX_HEADERS))
    assert ws.auto_filter.ref == f"A1:{last}{len(report.requirements) + 1}"
    assert ws.column_dimensions["D"].width > 30
    ids = [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)]
    assert ids == [r.id for r in report.requirements]
    summary = {row[0].value: row[1].value for row in wb["Summary"].iter_rows()}
    assert summary["Gate"] == "FAIL" and summary["Requirements"] == len(report.requirements)


def test_unknown_sheet_falls_back_to_a_fresh_workbook(engine, tmp_path):
    path = tmp_path / "rfp.xlsx"
    customer_workbook(path)
    reqs = customer_requirements(str(path))
    reqs[0].source = Location(str(path), sheet="Gone", row=5, column="B")
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    wb = openpyxl.load_workbook(
        io.BytesIO(render(report, RenderOptions(inputs=[str(path)], requirements=reqs)))
    )
    assert wb.sheetnames == ["Compliance matrix", "Summary"]


def test_real_xlsx_reader_round_trip(engine, tmp_path):
    """Through the real workbook reader, once it exists (written concurrently)."""
    pytest.importorskip("dealcheck.sources.xlsx")
    from dealcheck.sources import ReadOptions, read_requirements

    path = tmp_path / "rfp.xlsx"
    customer_workbook(path)
    reqs, _ = read_requirements([str(path)], ReadOptions(sheet="Requirements"))
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    wb = openpyxl.load_workbook(
        io.BytesIO(render(report, RenderOptions(inputs=[str(path)], requirements=reqs)))
    )
    ws = wb["Requirements"]
    new_columns = range(6, 6 + len(ANSWER_HEADERS))
    assert [ws.cell(row=3, column=c).value for c in new_columns] == list(ANSWER_HEADERS)
    for req in reqs:
        assert ws.cell(row=req.source.row, column=6).value in VERDICTS


def _with_cached_values(path, sheet_part: str, values: dict[str, tuple[str, str]]) -> None:
    """Give formula cells the value Excel stored when it last saved the file (openpyxl
    writes none): ``values`` maps a cell to (its ``t``, the value)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == sheet_part:
                xml = data.decode("utf-8")
                for ref, (kind, value) in values.items():
                    xml, n = re.subn(
                        rf'<c r="{ref}"([^>]*)>(<f>[^<]*</f>)<v\s*(?:/>|></v>)</c>',
                        rf'<c r="{ref}"\1 t="{kind}">\2<v>{value}</v></c>',
                        xml,
                    )
                    assert n == 1, ref
                data = xml.encode("utf-8")
            archive.writestr(info, data)


def test_formula_cells_keep_the_values_they_showed_and_a_rerun_keeps_the_ids(engine, tmp_path):
    """A customer id written as a formula (="KH-"&"22") is read from the value the
    workbook stores; the answered workbook keeps that value beside the formula, so
    reading it again gives the same id (it gave R-3 when openpyxl dropped the value)."""
    from dealcheck.sources import ReadOptions, read_requirements

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Requirements"
    ws.append(["Ref", "Requirement", "Priority", "Vendor comments"])
    ws.append(["KH-20", "The platform must support SAML single sign-on", "Must", None])
    ws.append(["KH-21", "SCIM provisioning is required", "Must", None])
    ws.append(['="KH-"&"22"', "Offline mode would be nice to have", "=C3", None])
    ws["F1"] = "Rows"
    ws["F2"] = "=COUNTA(B2:B4)"
    source = tmp_path / "Kestrel RFP.xlsx"
    wb.save(source)
    _with_cached_values(
        source,
        "xl/worksheets/sheet1.xml",
        {"A4": ("str", "KH-22"), "C4": ("str", "Must"), "F2": ("n", "3")},
    )
    reqs, _ = read_requirements([str(source)], ReadOptions())
    assert [r.id for r in reqs] == ["KH-20", "KH-21", "KH-22"]
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    answered = tmp_path / "answered.xlsx"
    answered.write_bytes(render(report, RenderOptions(inputs=[str(source)], requirements=reqs)))

    formulas = openpyxl.load_workbook(answered)["Requirements"]
    assert formulas["A4"].value == '="KH-"&"22"', "the formula stays a formula"
    assert formulas["F2"].value == "=COUNTA(B2:B4)"
    shown = openpyxl.load_workbook(answered, data_only=True)["Requirements"]
    assert (shown["A4"].value, shown["C4"].value, shown["F2"].value) == ("KH-22", "Must", 3)
    assert shown["D2"].value, "the answers are written"
    assert openpyxl.load_workbook(answered).calculation.fullCalcOnLoad, "recalculated on open"

    again, _ = read_requirements([str(answered)], ReadOptions())
    assert [(r.id, r.priority, r.text) for r in again] == [(r.id, r.priority, r.text) for r in reqs]


def _times(data: bytes) -> tuple[set[tuple[int, ...]], dict[str, str]]:
    """The dates of the archive's members, and the workbook's created/modified properties."""
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        dates = {info.date_time for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode("utf-8")
    found = re.findall(r"<dcterms:(created|modified)\b[^>]*>([^<]*)<", core)
    return dates, dict(found)


def _saved_at(path, when: str) -> None:
    """Set a workbook's last-modified property, as the application that saved it did."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data, n = re.subn(
                    rb"(<dcterms:modified\b[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data
                )
                assert n == 1
            archive.writestr(info, data)


def test_the_answered_workbook_is_the_same_bytes_on_every_run(engine, tmp_path, monkeypatch):
    """Regression: openpyxl stamped the time of saving into docProps/core.xml and every
    member of the zip, so no two runs gave the same file."""
    import datetime as dt

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = tmp_path / "Globex RFP.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Requirements"
    ws.append(["Ref", "Requirement", "Priority"])
    ws.append(["SEC-1", "The platform must support SAML single sign-on", "Must"])
    wb.properties.created = dt.datetime(2026, 10, 14, 9, 30)
    wb.save(path)
    _saved_at(path, "2026-11-02T16:05:12Z")  # openpyxl wrote the time of saving
    reqs = [
        make_requirement(
            "The platform must support SAML single sign-on",
            Location(str(path), sheet="Requirements", row=2, column="B"),
            explicit_id="SEC-1",
        )
    ]
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    first = render(report, RenderOptions(inputs=[str(path)], requirements=reqs))
    dates, props = _times(first)
    # The customer's own times: created as it was, modified when the customer saved it.
    assert props == {"created": "2026-10-14T09:30:00Z", "modified": "2026-11-02T16:05:12Z"}
    assert dates == {(2026, 11, 2, 16, 5, 12)}
    assert render(report, RenderOptions(inputs=[str(path)], requirements=reqs)) == first
    # SOURCE_DATE_EPOCH, when set, is the time written.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    stamped = render(report, RenderOptions(inputs=[str(path)], requirements=reqs))
    dates, props = _times(stamped)
    assert props == {"created": "2026-10-14T09:30:00Z", "modified": "2026-01-01T00:00:00Z"}
    assert dates == {(2026, 1, 1, 0, 0, 0)}
    answered = openpyxl.load_workbook(io.BytesIO(stamped))["Requirements"]
    assert answered["A2"].value == "SEC-1" and answered["D1"].value == "Verdict"


def test_the_fresh_workbook_is_the_same_bytes_on_every_run(render, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = render("xlsx")
    dates, props = _times(first)
    assert props == {"created": "1980-01-01T00:00:00Z", "modified": "1980-01-01T00:00:00Z"}
    assert dates == {(1980, 1, 1, 0, 0, 0)}
    assert render("xlsx") == first
    wb = openpyxl.load_workbook(io.BytesIO(first))
    assert wb.sheetnames == ["Compliance matrix", "Summary"]
    assert wb.properties.creator == "dealcheck"
