"""The answered matrix goes back to the customer: answers in the customer's own response and
comment columns (found by header, under a merged group header, or named on the command line),
in the customer's vocabulary, appended columns only for the rest, never two columns with one
header, and a second run updates the same columns."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.formats.matrix import answer_kind, plan, vocabulary_in

CATALOG = str(Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml")
ROOT = Path(__file__).resolve().parents[2]

# SEC-1 supported in business and up, SEC-2 enterprise only, OPS-2 beta (partial),
# CMP-1 not planned, CMP-2 unknown, OPS-4 roadmap.
ROWS = [
    ("SEC-1", "The platform must support SAML single sign-on"),
    ("SEC-2", "SCIM provisioning is required"),
    ("OPS-2", "Offline mode would be nice to have"),
    ("CMP-1", "Documents must be anchored by blockchain notarisation"),
    ("CMP-2", "Must integrate with our mainframe through COBOL copybooks"),
    ("OPS-4", "OIDC SSO is required"),
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def check(capsys, path: Path, out: Path, *extra: str) -> tuple[int, str]:
    code, _, err = run(
        capsys, "check", str(path), "-c", CATALOG, "--format", out.suffix[1:], "-o", str(out),
        *extra,
    )  # fmt: skip
    assert code in (0, 1), err
    return code, err


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def group_header_csv(path: Path) -> None:
    """A matrix whose answer columns sit under a merged 'Supplier Response' header."""
    rows = [
        ["Globex tender 2027", "", "", "", ""],
        ["", "", "", "Supplier Response", ""],
        ["Ref", "Requirement", "Priority", "Compliance (Y/N/P)", "Comments"],
        *[[rid, text, "M", "", ""] for rid, text in ROWS],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_csv_answers_in_the_customers_columns_and_words(tmp_path, capsys):
    source = tmp_path / "matrix.csv"
    group_header_csv(source)
    out = tmp_path / "answered.csv"
    check(capsys, source, out)
    rows = read_csv(out)
    header = rows[2]
    assert header == [
        "Ref", "Requirement", "Priority", "Compliance (Y/N/P)", "Comments",
        "Verdict", "Matched capability", "Reviewed by",
    ]  # fmt: skip
    assert not [h for h, n in Counter(header).items() if n > 1]
    assert rows[1][3] == "Supplier Response", "the group header is untouched"
    answers = {row[0]: row[3:] for row in rows[3:]}
    assert answers["SEC-1"][:1] == ["Y \u2014 Business edition"]
    assert answers["SEC-2"][:1] == ["Y \u2014 Enterprise edition"]
    assert answers["OPS-2"][0] == "P"
    assert answers["CMP-1"][0] == "N"
    assert answers["OPS-4"][0] == "N", "roadmap is not there today; the comment says when"
    assert "roadmap" in answers["OPS-4"][1]
    assert answers["CMP-2"][0] == "", "an unknown is left for a person"
    assert answers["CMP-2"][1].startswith("Needs review")
    assert answers["SEC-1"][2] == "supported" and answers["CMP-2"][2] == "unknown"


def test_a_second_run_updates_the_same_columns(tmp_path, capsys):
    source = tmp_path / "matrix.csv"
    group_header_csv(source)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    check(capsys, source, first)
    check(capsys, first, second, "--edition", "enterprise")
    before, after = read_csv(first), read_csv(second)
    assert after[2] == before[2], "no second set of columns"
    assert len(after[3]) == len(before[3])
    answers = {row[0]: row for row in after[3:]}
    assert answers["SEC-2"][3] == "Y", "the answers are updated: the edition is now quoted"
    third = tmp_path / "third.csv"
    check(capsys, second, third, "--edition", "enterprise")
    assert third.read_bytes() == second.read_bytes()


def test_a_customer_matrix_without_answer_columns_gets_them_appended(tmp_path, capsys):
    source = tmp_path / "list.csv"
    source.write_text(
        "ID,Requirement,Notes\n" + "".join(f"{rid},{text},ask Dana\n" for rid, text in ROWS),
        encoding="utf-8",
    )
    out = tmp_path / "answered.csv"
    check(capsys, source, out)
    rows = read_csv(out)
    # 'Notes' beside no response column may be the customer's own: it is left alone, and
    # dealcheck's notes get a header of their own.
    assert rows[0] == [
        "ID", "Requirement", "Notes", "Verdict", "Response", "Matched capability",
        "Supplier notes", "Reviewed by",
    ]  # fmt: skip
    assert all(row[2] == "ask Dana" for row in rows[1:])
    assert rows[1][4] == "Comply \u2014 Business edition"
    again = tmp_path / "again.csv"
    check(capsys, out, again)
    assert again.read_bytes() == out.read_bytes(), "a second run changes nothing"


def workbook_with_validation(path: Path, legend: str | None = None) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Matrix"
    ws["A1"] = "Globex tender 2027"
    if legend:
        ws["A2"] = legend
    ws["D3"] = "Supplier Response"
    ws.merge_cells("D3:E3")
    ws.append(["Ref", "Requirement", "Priority", "Comply", "Vendor comments"])  # row 4
    for rid, text in ROWS:
        ws.append([rid, text, "Must", None, None])
    options = DataValidation(
        type="list", formula1='"Fully compliant,Partially compliant,Not compliant"'
    )
    options.add("D5:D20")
    ws.add_data_validation(options)
    wb.save(path)


def test_xlsx_answers_in_the_validation_lists_words_under_a_merged_header(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "matrix.xlsx"
    workbook_with_validation(source)
    out = tmp_path / "answered.xlsx"
    check(capsys, source, out, "--edition", "business")
    ws = openpyxl.load_workbook(out)["Matrix"]
    assert [c.value for c in ws[4]] == [
        "Ref", "Requirement", "Priority", "Comply", "Vendor comments", "Verdict",
        "Matched capability", "Reviewed by",
    ]  # fmt: skip
    answers = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=4).value for r in range(5, 11)}
    assert answers == {
        "SEC-1": "Fully compliant",
        "SEC-2": "Fully compliant \u2014 Enterprise edition",
        "OPS-2": "Partially compliant",
        "CMP-1": "Not compliant",
        "CMP-2": None,
        "OPS-4": "Not compliant",
    }
    assert "Needs review" in ws.cell(row=9, column=5).value
    assert [str(r) for r in ws.merged_cells.ranges] == ["D3:E3"]
    # Run again on the answered workbook: same columns, updated in place.
    again = tmp_path / "again.xlsx"
    check(capsys, out, again, "--edition", "enterprise")
    ws2 = openpyxl.load_workbook(again)["Matrix"]
    assert [c.value for c in ws2[4]] == [c.value for c in ws[4]]
    assert ws2.cell(row=6, column=4).value == "Fully compliant"


def test_a_legend_row_gives_the_codes(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        ["Compliance key: FC = Fully compliant, PC = Partially compliant, NC = Not compliant"]
    )
    ws.append(["Ref", "Requirement", "Compliance", "Supplier comments"])
    for rid, text in ROWS[:4]:
        ws.append([rid, text, None, None])
    source = tmp_path / "m.xlsx"
    wb.save(source)
    out = tmp_path / "a.xlsx"
    check(capsys, source, out, "--edition", "enterprise")
    ws = openpyxl.load_workbook(out).active
    assert [ws.cell(row=r, column=3).value for r in range(3, 7)] == ["FC", "FC", "PC", "NC"]


def test_response_and_comment_columns_named_on_the_command_line(tmp_path, capsys):
    source = tmp_path / "m.csv"
    source.write_text(
        "Ref,Requirement,Our answer,Why\n" + "".join(f"{r},{t},,\n" for r, t in ROWS[:2]),
        encoding="utf-8",
    )
    out = tmp_path / "a.csv"
    check(
        capsys, source, out, "--response-column", "our answer", "--comment-column", "Why",
        "--edition", "enterprise",
    )  # fmt: skip
    rows = read_csv(out)
    assert rows[0] == [
        "Ref", "Requirement", "Our answer", "Why", "Verdict", "Matched capability", "Reviewed by",
    ]  # fmt: skip
    assert rows[1][2] == "Comply" and rows[1][3]
    code, _, err = run(
        capsys, "check", str(source), "-c", CATALOG, "--format", "csv", "-o", str(out),
        "--response-column", "Nope",
    )  # fmt: skip
    assert code == 2 and "no column named 'Nope' (--response-column)" in err
    assert "'Our answer'" in err
    code, _, err = run(
        capsys, "check", str(source), "-c", CATALOG, "--format", "json", "--response-column", "X"
    )
    assert code in (0, 1) and "--response-column applies to --format csv and xlsx only" in err


def test_the_readme_xlsx_example_answers_in_the_example_matrixs_own_column(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "dealcheck check examples/compliance-matrix.xlsx --format xlsx" in readme
    out = tmp_path / "answered.xlsx"
    code, _, err = run(
        capsys, "check", str(ROOT / "examples" / "compliance-matrix.xlsx"),
        "-c", str(ROOT / "capabilities.yaml"), "--format", "xlsx", "--output", str(out),
    )  # fmt: skip
    assert code in (0, 1), err
    wb = openpyxl.load_workbook(out)
    for name, header_row in (("Security", 4), ("Functional", 2)):
        ws = wb[name]
        headers = [c.value for c in ws[header_row] if c.value]
        assert not [h for h, n in Counter(headers).items() if n > 1], headers
        response = headers.index("Vendor Response") + 1
        words = {"Yes", "Partial", "No", "Roadmap"}  # the sheet's data-validation list
        answered = [
            ws.cell(row=r, column=response).value
            for r in range(header_row + 1, ws.max_row + 1)
            if ws.cell(row=r, column=2).value
        ]
        assert answered and all(a is None or a.split(" \u2014 ")[0] in words for a in answered), (
            answered
        )
    # No bare "Yes" for a capability only the Enterprise edition has (no edition quoted).
    security = wb["Security"]
    row = next(r for r in range(5, 30) if security.cell(row=r, column=2).value == "VS-02")
    assert security.cell(row=row, column=5).value == "Yes \u2014 Enterprise edition"


def two_row_header_workbook(path: Path) -> None:
    """A tender matrix whose header spans two rows: Ref, Requirement and Priority merged
    down over both, "Supplier Response" merged over "Compliance (Y/N/P)" and "Comments"."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Technical"
    ws["A1"] = "Globex tender 2027 \u2013 Appendix B: technical requirements"
    for col, title in enumerate(("Ref", "Requirement", "Priority"), start=1):
        ws.cell(row=3, column=col, value=title).font = Font(bold=True)
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws["D3"] = "Supplier Response"
    ws["D3"].font = Font(bold=True)
    ws.merge_cells("D3:E3")
    ws["D4"], ws["E4"] = "Compliance (Y/N/P)", "Comments"
    for row, (rid, text) in enumerate(ROWS, start=5):
        ws.cell(row=row, column=1, value=rid)
        ws.cell(row=row, column=2, value=text)
        ws.cell(row=row, column=3, value="M")
    wb.save(path)


def test_a_second_run_under_a_two_row_merged_header_updates_the_same_columns(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "appendix-b.xlsx"
    two_row_header_workbook(source)
    first, second, third = (tmp_path / f"{n}.xlsx" for n in ("first", "second", "third"))
    check(capsys, source, first)
    check(capsys, first, second, "--edition", "enterprise")
    check(capsys, second, third, "--edition", "enterprise")
    before = openpyxl.load_workbook(first)["Technical"]
    header = [c.value for c in before[4]]
    assert header == [
        None, None, None, "Compliance (Y/N/P)", "Comments", "Verdict", "Matched capability",
        "Reviewed by",
    ]  # fmt: skip
    for path in (second, third):
        ws = openpyxl.load_workbook(path)["Technical"]
        assert [c.value for c in ws[4]] == header, "no second set of columns"
        assert ws.max_column == before.max_column
        answers = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=4).value for r in (5, 6)}
        assert answers == {"SEC-1": "Y", "SEC-2": "Y"}, "updated: the edition is now quoted"
        assert ws.cell(row=6, column=7).value == "SCIM user provisioning (scim)"
        assert {str(r) for r in ws.merged_cells.ranges} == {
            str(r) for r in before.merged_cells.ranges
        }
    assert before.cell(row=6, column=4).value == "Y \u2014 Enterprise edition"


def test_a_second_run_under_a_two_row_csv_header_changes_nothing(tmp_path, capsys):
    source = tmp_path / "appendix-b.csv"
    source.write_text(
        "Ref,Requirement,Priority,Supplier Response,\n"
        ",,,Compliance (Y/N/P),Comments\n" + "".join(f"{r},{t},M,,\n" for r, t in ROWS),
        encoding="utf-8",
    )
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    check(capsys, source, first)
    assert read_csv(first)[1] == [
        "", "", "", "Compliance (Y/N/P)", "Comments", "Verdict", "Matched capability",
        "Reviewed by",
    ]  # fmt: skip
    check(capsys, first, second)
    assert second.read_bytes() == first.read_bytes()


def test_plan_never_repeats_a_header():
    layout = plan(["Ref", "Requirement", "Verdict", "Response"], taken={0, 1}, width=4)
    names = ["Ref", "Requirement", "Verdict", "Response"] + [h for _, h in layout.appended]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("option", "kind"),
    [
        ("Y", "yes"), ("Comply", "yes"), ("Fully compliant", "yes"), ("P", "partial"),
        ("Partially comply", "partial"), ("N", "no"), ("Does not comply", "no"),
        ("Non-compliant", "no"), ("Not compliant", "no"), ("Roadmap", "roadmap"),
        ("Future release", "roadmap"), ("TBC", "unknown"), ("N/A", None),
    ],
)  # fmt: skip
def test_answer_kinds(option, kind):
    assert answer_kind(option) == kind


def test_vocabulary_in_headers_and_legends():
    assert vocabulary_in("Compliance (Y/N/P)", "header").words == {
        "yes": "Y",
        "no": "N",
        "partial": "P",
    }
    words = vocabulary_in("Supported? (Yes/No/Partial)", "header").words
    assert words == {"yes": "Yes", "no": "No", "partial": "Partial"}
    legend = vocabulary_in("Key: C = Comply; PC = Partially comply; NC = Does not comply", "legend")
    assert legend.words == {"yes": "C", "partial": "PC", "no": "NC"}
    assert vocabulary_in("Priority (M/S/C)", "header") is None


def test_json_report_is_unchanged_by_the_matrix_options(tmp_path, capsys):
    source = tmp_path / "matrix.csv"
    group_header_csv(source)
    code, out, _ = run(capsys, "check", str(source), "-c", CATALOG, "--format", "json")
    assert json.loads(out)["summary"]["total"] == len(ROWS)


def test_reviewed_by_is_appended_empty_once_and_found_again(tmp_path, capsys):
    """A 'Reviewed by' of the customer's own keeps its cells; dealcheck's goes under another
    header, and a second run over a reviewed matrix finds it again: no second column, and
    dealcheck's new answers are nobody's reviewed ones until someone signs them."""
    source = tmp_path / "list.csv"
    source.write_text(
        "ID,Requirement,Reviewed by\n" + "".join(f"{rid},{text},Legal\n" for rid, text in ROWS),
        encoding="utf-8",
    )
    out = tmp_path / "answered.csv"
    check(capsys, source, out)
    rows = read_csv(out)
    assert rows[0] == [
        "ID", "Requirement", "Reviewed by", "Verdict", "Response", "Matched capability",
        "Notes", "Answer reviewed by",
    ]  # fmt: skip
    assert all(row[2] == "Legal" and row[7] == "" for row in rows[1:])
    rows[1][7] = "Dana Reyes"
    reviewed = tmp_path / "reviewed.csv"
    with open(reviewed, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    again = tmp_path / "again.csv"
    check(capsys, reviewed, again)
    assert again.read_bytes() == out.read_bytes()


def _long_cell_csv(path: Path, parts: list[str]) -> None:
    """One matrix row whose requirement cell is longer than the reader's limit: the reader
    splits it into one requirement per part (each part is a run of the same sentence)."""
    from dealcheck.sources import MAX_REQUIREMENT_CHARS

    chunks = []
    for sentence in parts:
        run = []
        while len(" ".join([*run, sentence])) <= MAX_REQUIREMENT_CHARS:  # a full part
            run.append(sentence)
        chunks.append(" ".join(run))
    rows = [
        ["Ref", "Requirement", "Priority", "Compliance (Y/N/P)", "Comments"],
        ["SEC-9", " ".join(chunks), "M", "", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_a_long_cell_answers_for_every_part_it_was_split_into(tmp_path, capsys):
    """Regression: the row was answered with its first or most severe part's needs only, so
    a part needing the Enterprise edition was answered "Y — Business edition"."""
    source, out = tmp_path / "matrix.csv", tmp_path / "answered.csv"
    _long_cell_csv(source, [ROWS[0][1] + ".", ROWS[1][1] + "."])  # business, enterprise
    _, err = check(capsys, source, out)
    assert "split into 2 parts" in err
    (row,) = read_csv(out)[1:]
    response, comment = row[3], row[4]
    assert response == "Y \u2014 Enterprise edition" or (
        "Business edition" in response and "Enterprise edition" in response
    ), response
    assert "SEC-9/1" in comment and "SEC-9/2" in comment


def test_a_long_cell_with_a_beta_part_is_never_a_plain_yes(tmp_path, capsys):
    source, out = tmp_path / "matrix.csv", tmp_path / "answered.csv"
    _long_cell_csv(source, [ROWS[0][1] + ".", ROWS[2][1] + "."])  # business, beta
    check(capsys, source, out)
    (row,) = read_csv(out)[1:]
    assert row[3].startswith("P"), row[3]
    assert "Business edition" in row[3], "the promised part's edition is still named"


def test_a_long_cell_with_an_upgrade_part_and_a_beta_part_is_partial(tmp_path, capsys):
    """Regression (review): with an edition quoted, an Enterprise-only part is an upgrade and
    a beta part is partial; the verdict order ranks upgrade above partial, which wrote
    "Y — Enterprise edition" beside a beta part."""
    source, out = tmp_path / "matrix.csv", tmp_path / "answered.csv"
    _long_cell_csv(source, [ROWS[1][1] + ".", ROWS[2][1] + "."])  # enterprise, beta
    check(capsys, source, out, "--edition", "business")
    (row,) = read_csv(out)[1:]
    assert row[3].startswith("P"), row[3]
    assert "Enterprise edition" in row[3]


def test_the_customers_sheet_never_gets_the_reasons_for_a_reviewer():
    """With --verbose a requirement's reasons name the words no capability explains and
    the typos corrected; the write-back comment and the matrix Notes leave them out."""
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.formats._cells import notes
    from dealcheck.requirements import DealContext
    from tests.engine.conftest import CATALOG, requirement

    engine = Engine(load_catalog(str(CATALOG)).catalog)
    text = "Audit logs of administrator actions, reviewed weekly by compliance"
    result, _, _ = engine.assess(requirement(text), DealContext(), verbose=True)
    assert any(r.startswith("words the closest, audit-log, does not") for r in result.reasons)
    assert "does not explain" not in notes(result)
    assert "closest: audit-log" in notes(result)
    # An unknown's closest candidate and the words it leaves unexplained: the suggestion
    # is the customer's to see, the words a reviewer's.
    text = "Single sign-on through Okta for our franchise partners"
    result, _, _ = engine.assess(requirement(text), DealContext(), verbose=True)
    assert result.verdict == "unknown"
    assert any(r.startswith("words the closest, sso-saml, does not") for r in result.reasons)
    assert "does not explain" not in notes(result)
    assert "closest: sso-saml" in notes(result)
